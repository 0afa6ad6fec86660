"""The report and the agenda downloaded in a language the reader chooses (?language=xx, else the
reader's own): headings, labels and dates in that language, the document's lang/dir and DOCX
language; a language the site does not offer is a 400; the shared PDF of an adopted report is made
once per language. Under the pseudo-locale no English heading is left."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from liaison.core import dates
from liaison.core.models import Job
from liaison.core.tests.pseudo import english_left, pseudo_locale
from liaison.meetings.models import Meeting
from liaison.reports import exports
from liaison.reports.tests.test_exports import adopted  # noqa: F401 - fixture
from liaison.reports.tests.test_large_documents import job_of, large  # noqa: F401 - fixtures

REPORT = "/groups/lg-biosafety/meetings/9/report"
AGENDA = "/groups/lg-biosafety/meetings/9/agenda.docx"


def strings(value):
    """Every string in the report's content (the secretariat's text: data, never translated)."""
    if isinstance(value, str):
        yield value
        yield value.upper()  # titles are written in capitals
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def docx_text(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


def as_html(texts) -> str:
    import html

    return "".join(f"<p>{html.escape(line)}</p>" for text in texts for line in text.splitlines())


def content_of(report):
    report.refresh_from_db()
    return report.versions.get(revision=report.revision).content


def test_the_report_docx_and_pdf_have_no_english_heading_under_the_pseudo_locale(adopted):  # noqa: F811
    content = content_of(adopted)
    with pseudo_locale():
        docx = exports.docx(content, language="ru")
        document = exports.html(content, for_print=True, language="ru")
    data = list(strings(content))
    texts = docx_text(docx)
    assert "⟦INTRODUCTION⟧" in texts and any(t.startswith("⟦ITEM 4. OTHER MATTERS⟧") for t in texts)
    assert english_left(as_html(texts), data) == []
    assert english_left(document, data) == []
    assert '<html lang="ru" dir="ltr">' in document


def test_the_report_in_arabic_is_right_to_left_with_arabic_indic_dates(client, adopted):  # noqa: F811
    content = content_of(adopted)
    arabic_date = dates.day_month_year(adopted.adopted_on, "ar")
    document = exports.html(content, for_print=True, language="ar")
    assert '<html lang="ar" dir="rtl">' in document and arabic_date in document
    response = client.get(f"{REPORT}.docx?language=ar")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('report-ar.docx"')
    docx = Document(io.BytesIO(response.content))
    assert arabic_date in docx.paragraphs[0].text and docx.core_properties.language == "ar"
    lang = docx.styles["Normal"].element.rPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang")
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") == "ar"
    pdf = PdfReader(io.BytesIO(client.get(f"{REPORT}.pdf?language=ar").content))
    assert pdf.trailer["/Root"]["/Lang"] == "ar"


@pytest.mark.parametrize("url", [f"{REPORT}.pdf", f"{REPORT}.docx", AGENDA])
@pytest.mark.parametrize("language", ["xx", "en-gb", "zh", "fr%00", "' or 1=1"])
def test_a_language_the_site_does_not_offer_is_a_400(client, adopted, url, language):  # noqa: F811
    assert client.get(url, {"language": language}).status_code == 400


def test_the_access_rule_comes_before_the_language(client, adopted):  # noqa: F811
    from liaison.reports import services

    adopted.refresh_from_db()
    services.start_revision(adopted, adopted.version)  # a draft again: the secretariat's only
    assert client.get(f"{REPORT}.pdf?language=xx").status_code == 404
    assert client.get(f"{REPORT}.pdf?language=fr").status_code == 404


def test_the_shared_pdf_of_an_adopted_report_is_made_once_per_language(client, adopted, large):  # noqa: F811
    french = job_of(client.get(f"{REPORT}.pdf?language=fr"))
    arabic = job_of(client.get(f"{REPORT}.pdf?language=ar"))
    assert french != arabic and (french.params["language"], arabic.params["language"]) == ("fr", "ar")
    assert job_of(client.get(f"{REPORT}.pdf", HTTP_ACCEPT_LANGUAGE="fr")) == french  # found again, not made again
    assert job_of(client.get(f"{REPORT}.pdf?language=ar")) == arabic
    assert Job.objects.count() == 2
    for job, code in ((french, "fr"), (arabic, "ar")):
        file = client.get(f"/jobs/{job.pk}/file/")
        assert f"report-{code}.pdf" in file["Content-Disposition"]
        assert PdfReader(io.BytesIO(b"".join(file.streaming_content))).trailer["/Root"]["/Lang"] == code


def test_the_report_page_offers_the_downloads_in_every_language(client, adopted):  # noqa: F811
    page = client.get(f"{REPORT}/").content.decode()
    for code in ("ar", "zh-hans", "en", "fr", "ru", "es"):
        assert f'href="{REPORT}.pdf?language={code}" hreflang="{code}"' in page
        assert f'href="{REPORT}.docx?language={code}" hreflang="{code}"' in page
    agenda = client.get("/groups/lg-biosafety/meetings/9/agenda/").content.decode()
    assert f'href="{AGENDA}?language=ar" hreflang="ar"' in agenda


def test_the_agenda_docx_has_no_english_heading_under_the_pseudo_locale(client, adopted):  # noqa: F811
    meeting = Meeting.objects.get(group__slug="lg-biosafety", number=9)
    with pseudo_locale():
        response = client.get(AGENDA, {"language": "ru"})
    texts = docx_text(response.content)
    data = [meeting.title, meeting.city] + [t for item in meeting.agenda_items.all() for t in (item.title, item.annotation)]
    data += [s.title for s in meeting.sessions.all()]
    assert response.status_code == 200 and texts[0] == "⟦AGENDA⟧"
    assert english_left(as_html(texts), data) == []
    assert dates.date_range(meeting.start_date, meeting.end_date, language="ru") in texts[1]

"""The report as DOCX and PDF, read back with python-docx and pypdf."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from liaison.meetings.models import AgendaItem, Meeting
from liaison.reports import services
from liaison.reports.models import Report

SENTENCE = "It was attended by 21 participants from 13 governments and 7 organizations."


@pytest.fixture
def adopted(demo):
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Report.objects.filter(meeting=meeting).delete()  # the demo's adopted report: these tests write their own
    Meeting.objects.filter(pk=meeting.pk).update(agenda_status="adopted")
    meeting.refresh_from_db()
    report = services.report_for(meeting)
    report.symbol = "UNEP/CBD/BS/LG-CB/9/3"
    report.save()
    services.draft_introduction(report)
    services.add_paragraph(report, "There were no other matters raised.", AgendaItem.objects.get(meeting=meeting, number="4"))
    from liaison.reports.models import Annex

    Annex.objects.create(report=report, title="Action plan", table=[["Outcomes", "Indicators"], ["Frameworks", "Parties with laws"]])
    services.adopt(report, report.version)
    return report


def test_docx_has_the_attendance_sentence_numbered_paragraphs_and_annex_table(client, adopted):
    response = client.get("/groups/lg-biosafety/meetings/9/report.docx")
    assert response["Content-Disposition"] == 'attachment; filename="lg-biosafety-9-report.docx"'
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert any(SENTENCE in t and t.startswith("1.\t") for t in texts)
    numbers = [int(t.split(".")[0]) for t in texts if t[:1].isdigit() and ".\t" in t]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 6
    assert any(t == "ITEM 4. OTHER MATTERS" for t in texts)
    assert any(t.endswith("There were no other matters raised.") for t in texts)
    assert "UNEP/CBD/BS/LG-CB/9/3" in texts[0]
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["Frameworks", "Parties with laws"]


def test_pdf_has_the_attendance_sentence_and_numbered_paragraphs(client, adopted):
    response = client.get("/groups/lg-biosafety/meetings/9/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert SENTENCE in text
    assert "1. The ninth meeting" in text
    assert "There were no other matters raised." in text
    assert "REPORT OF THE NINTH MEETING" in text.upper()



def test_the_report_is_written_in_the_readers_language_unless_another_is_asked(client, adopted):
    """The document's dates follow the reader's language (Accept-Language here) and ?language=en
    keeps an English document (more in test_document_languages.py). The report's own text (its
    drafted introduction gives the meeting's dates in English) is the secretariat's and stays."""
    from liaison.core import dates

    adopted.refresh_from_db()
    french = dates.day_month_year(adopted.adopted_on, "fr")
    for query, in_french in (("", True), ("?language=en", False)):
        response = client.get(f"/groups/lg-biosafety/meetings/9/report.pdf{query}", HTTP_ACCEPT_LANGUAGE="fr")
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
        assert (french in text) is in_french

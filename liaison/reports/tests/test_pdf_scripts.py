"""A report's PDF in Arabic and in Chinese (issue 14, item 4): the document follows the active
language (<html lang>, and dir="rtl" for Arabic), its Arabic and Chinese text is drawn with Debian's
Noto fonts (embedded in the PDF) and reads back from the PDF as it was written. The fonts come from
scripts/system-deps.sh (fonts-noto-core, fonts-noto-cjk), which `make test` runs: nothing is skipped."""

import io
import re
import unicodedata

import pytest
from django.utils import translation
from pypdf import PdfReader

from liaison.meetings.models import AgendaItem, Meeting
from liaison.reports import exports, services
from liaison.reports.models import Report

ARABIC_TITLE = "الاجتماع التاسع لفريق الاتصال المعني بالسلامة الأحيائية"
ARABIC_PARAGRAPH = "ناقش فريق الاتصال مشروع خطة العمل واعتمد توصياته بشأن بناء القدرات."
CHINESE_TITLE = "生物安全能力建设联络小组第九次会议"
CHINESE_PARAGRAPH = "联络小组审议了行动计划草案，并通过了关于能力建设的建议。"


@pytest.fixture
def report_content(demo):
    """The content of meeting 9's report, its meeting's title and one paragraph written by the user."""

    def content(title, paragraph):
        meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
        Report.objects.filter(meeting=meeting).delete()
        Meeting.objects.filter(pk=meeting.pk).update(title=title, agenda_status="adopted")
        meeting.refresh_from_db()
        report = services.report_for(meeting)
        services.add_paragraph(report, paragraph, AgendaItem.objects.get(meeting=meeting, number="4"))
        return services.content(report)

    return content


def folded(text: str) -> str:
    """Text compared as read back: Arabic presentation forms folded back to letters, "，" to ",",
    spaces collapsed, capitals (the report's title is set in capitals) ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).upper()


def pdf_text(data: bytes) -> str:
    return folded(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def pdf_fonts(data: bytes) -> set[str]:
    """The names of the fonts embedded in the PDF, without their subset prefix (ABCDEF+) and hyphens."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            for described in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                names.add(str(described.get("/BaseFont", "")).lstrip("/").split("+")[-1].replace("-", ""))
    return names


@pytest.mark.parametrize(
    "language, title, paragraph, font",
    [
        ("ar", ARABIC_TITLE, ARABIC_PARAGRAPH, "NotoNaskhArabic"),
        ("zh-hans", CHINESE_TITLE, CHINESE_PARAGRAPH, "CJK"),
        ("en", "Ninth meeting of the Liaison Group", "The Group reviewed the draft action plan.", "DejaVuSerif"),
    ],
    ids=["ar", "zh-hans", "en"],
)
def test_a_report_pdf_renders_its_language_script(report_content, language, title, paragraph, font):
    with translation.override(language):
        content = report_content(title, paragraph)
        html = exports.html(content, for_print=True)
        data = exports.pdf(content)
    # The document follows the active language: <html lang dir>, so Arabic is set right to left.
    tag = re.search(r'<html lang="([^"]+)" dir="(rtl|ltr)"', html)
    assert tag and (tag[1].lower(), tag[2]) == (language, "rtl" if language == "ar" else "ltr")  # lang="zh-Hans" (BCP 47)
    text = pdf_text(data)
    # An Arabic report is set right to left: its paragraph's final full stop is drawn at the left
    # end of the line, so it reads back elsewhere; the words read back as written.
    assert folded(title) in text and folded(paragraph.rstrip(".")) in text
    fonts = pdf_fonts(data)
    assert any(font in name for name in fonts), fonts


@pytest.mark.parametrize("language, title, font", [("ar", ARABIC_TITLE, "NotoNaskhArabic"), ("zh-hans", CHINESE_TITLE, "CJK")],
                         ids=["ar", "zh-hans"])
def test_a_letter_of_invitation_in_arabic_or_chinese_renders_its_script(demo, language, title, font):
    """The letter of invitation, written in the invitee's language: right to left in Arabic, the
    meeting's Arabic or Chinese title drawn with the Noto fonts and read back from the PDF."""
    from liaison.core.models import Person
    from liaison.meetings import invitations

    Meeting.objects.filter(group=demo["lg-biosafety"], number=9).update(title=title)
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    person = Person.objects.create(first_name="Amina", last_name="Diallo", email="amina@example.org", language=language)
    invitation = invitations.invite(meeting, person)
    html = invitations.letter_html(invitation)
    assert re.search(r'<html lang="[^"]+" dir="(rtl|ltr)"', html)[1] == ("rtl" if language == "ar" else "ltr")
    data = invitations.letter_pdf(invitation)
    assert folded(title) in pdf_text(data)
    assert any(font in name for name in pdf_fonts(data))

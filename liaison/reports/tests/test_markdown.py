"""Markdown in report paragraphs (issue 10): bold, italics, links and lists rendered on the page, in
the PDF and in the DOCX (read back), never raw HTML; and the DOCX on A4 like the PDF."""

import io

import pytest
from docx import Document
from docx.shared import Mm
from pypdf import PdfReader

from liaison.meetings.models import Meeting
from liaison.reports import markup, services
from liaison.reports.models import Report

TEXT = ("The Group **welcomed** the *draft* plan <script>alert(1)</script> (see [the portal](https://bch.cbd.int)).\n\n"
        "It asked the Secretariat to:\n\n- compile the views;\n- report back.")
BASE = "/groups/lg-biosafety/meetings/9"


@pytest.fixture
def report(demo):
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Report.objects.filter(meeting=meeting).delete()
    report = services.report_for(meeting)
    services.add_paragraph(report, TEXT, None)
    services.add_paragraph(report, "A plain second paragraph.", None)
    services.adopt(report, report.version)
    return report


def test_render_is_safe():
    html = markup.render('**b** <img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="http://e.org">raw</a>')
    assert "<strong>b</strong>" in html
    assert "<img" not in html and "<a href=\"http://e.org\"" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as typed, harmless


def test_the_page_renders_the_markdown(client, report):
    html = client.get(f"{BASE}/report/").content.decode()
    assert "<strong>welcomed</strong>" in html and "<em>draft</em>" in html
    assert '<a href="https://bch.cbd.int" rel="noopener noreferrer nofollow">the portal</a>' in html
    assert "<li>compile the views;</li>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "**" not in html


def test_the_docx_has_bold_italics_and_a_list_on_a4(client, report):
    document = Document(io.BytesIO(client.get(f"{BASE}/report.docx").content))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    first = next(p for p in document.paragraphs if p.text.startswith("1.\t"))
    assert "**" not in first.text and "welcomed" in first.text
    assert [r.text for r in first.runs if r.bold] == ["welcomed"]
    assert [r.text for r in first.runs if r.italic] == ["draft"]
    assert "<script>alert(1)</script>" in first.text  # raw HTML is only text in Word
    assert "https://bch.cbd.int" in first.text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["compile the views;", "report back."]
    assert any(p.text.startswith("2.\tA plain second paragraph.") for p in document.paragraphs)


def test_the_pdf_has_the_markdown_rendered_on_a4(client, report):
    reader = PdfReader(io.BytesIO(client.get(f"{BASE}/report.pdf").content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "welcomed" in text and "**" not in text and "[the portal]" not in text
    assert "compile the views;" in text
    uris = [annotation.get_object()["/A"].get("/URI") for page in reader.pages for annotation in page.get("/Annots", [])]
    assert "https://bch.cbd.int" in uris  # the Markdown link is a link in the PDF

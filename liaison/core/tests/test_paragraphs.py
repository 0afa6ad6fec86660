"""Paragraphs rebuilt from a PDF's lines (issue 10, item 7: peer review split PDFs by line)."""

import io

from liaison.core.paragraphs import paragraphs

WRAPPED = """1. The Liaison Group reviewed the draft action plan and
noted the progress made by Parties in establishing their
national biosafety frameworks.
2. It recommended that the Executive Secretary commission
an independent capacity-
building evaluation of the plan.
The Group also thanked the host.
(a) A short item;
(b) Another one.
"""

SPACED = "First paragraph wrapped\nover two lines.\n\nSecond paragraph. It is\nshort.\n\nThird.\n"


def test_wrapped_lines_become_paragraphs():
    assert paragraphs(WRAPPED, wrapped=True) == [
        "1. The Liaison Group reviewed the draft action plan and noted the progress made by Parties in "
        "establishing their national biosafety frameworks.",
        "2. It recommended that the Executive Secretary commission an independent capacity-building evaluation of the plan.",
        "The Group also thanked the host.",
        "(a) A short item;",
        "(b) Another one.",
    ]


def test_blank_lines_of_the_layout_separate_paragraphs():
    assert paragraphs(SPACED, wrapped=True) == [
        "First paragraph wrapped over two lines.", "Second paragraph. It is short.", "Third."
    ]


def test_text_and_word_documents_keep_a_paragraph_per_line():
    assert paragraphs("First.\n\nSecond line\nThird.\n", wrapped=False) == ["First.", "Second line", "Third."]
    assert paragraphs("", wrapped=True) == []


def test_a_real_pdf_is_commented_paragraph_by_paragraph(db):
    """A PDF made by WeasyPrint, its paragraphs wrapped over several lines each."""
    from django.core.files.base import ContentFile
    from weasyprint import HTML

    from liaison.workspace.services import document_paragraphs

    texts = [
        "The Liaison Group considered the comprehensive review of the updated Action Plan for Building "
        "Capacities for the Effective Implementation of the Cartagena Protocol on Biosafety.",
        "Participants stressed that national needs assessments should guide the support given by donors "
        "and that duplication between capacity-building initiatives should be avoided.",
        "The Group agreed to continue its work online between meetings.",
    ]
    html = "<style>@page{size:A5;margin:2cm} p{font-size:12pt;margin:0 0 1em}</style>" + "".join(f"<p>{t}</p>" for t in texts)
    pdf = HTML(string=html).write_pdf()

    class Document:
        file = ContentFile(pdf, name="draft.pdf")

    found = document_paragraphs(Document())
    assert [" ".join(p.split()) for p in found] == texts

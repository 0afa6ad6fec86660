"""A report as DOCX (python-docx), PDF (WeasyPrint) and HTML, in the familiar UN layout:
symbol and date at the top right, the title in capitals, items as headings, numbered paragraphs,
annexes with their tables.

Each is written in a ``language`` (one of LANGUAGES; the active language when not given): the
headings, labels and dates, the HTML's ``lang``/``dir`` and the DOCX's language. The report's own
text (its paragraphs, titles, annexes) is the secretariat's, in whatever language it was written."""

import io
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from liaison.core import languages
from liaison.core.dates import day_month_year, number

from . import markup

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def language_of(language=None) -> str:
    """The document's language: ``language`` when the site offers it, else the active language."""
    return languages.supported(language) or languages.active()


def html(content: dict, for_print=False, language=None) -> str:
    language = language_of(language)
    with translation.override(language):
        return render_to_string("reports/report_document.html", {
            "report": content, "roman": ROMAN, "for_print": for_print,
            "language": languages.tag(language), "direction": languages.direction(language),
        })


def pdf(content: dict, language=None) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(content, for_print=True, language=language), base_url=settings.SITE_URL).write_pdf()


def docx(content: dict, language=None) -> bytes:
    language = language_of(language)
    with translation.override(language):
        return _docx(content, language)


def _docx(content: dict, language: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    _a4(document)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    languages.set_docx_language(document, language)

    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    adopted = day_month_year(date.fromisoformat(content["adopted_on"]), language) if content["adopted_on"] else _("DRAFT")
    revised = content.get("revision") or 1
    revision = _("Revision %(number)s") % {"number": number(revised, language)} if revised > 1 else ""
    head.add_run("\n".join(part for part in (content["symbol"], _("Distr.: General"), adopted, revision) if part))

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(content["title"].upper())
    run.bold = True

    for section in content["sections"]:
        if not section["paragraphs"] and section["number"] == "":
            continue
        if section["number"] == "":
            document.add_heading(_("INTRODUCTION"), level=1)
        elif section["depth"] == 0:
            document.add_heading(_("ITEM %(number)s. %(title)s") % {"number": section["number"], "title": section["title"].upper()}, level=1)
        else:
            document.add_heading(f"{section['number']} {section['title']}", level=2)
        for paragraph in section["paragraphs"]:
            _numbered(document, paragraph["number"], paragraph["text"])

    for index, annex in enumerate(content["annexes"]):
        document.add_page_break()
        heading = document.add_heading(_("Annex %(number)s") % {"number": ROMAN[index] if index < len(ROMAN) else index + 1}, level=1)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        document.add_heading(annex["title"].upper(), level=2)
        for line in annex["body"].splitlines():
            if line.strip():
                document.add_paragraph(line.strip())
        if annex.get("action_plan"):
            _plan_tables(document, annex["action_plan"])
        rows = annex["table"] or []
        if rows:
            width = max(len(row) for row in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c in range(width):
                    cell = table.cell(r, c)
                    cell.text = str(row[c]) if c < len(row) else ""
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _a4(document) -> None:
    """A4 with the PDF's margins (python-docx's template is US Letter)."""
    from docx.shared import Cm, Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Cm(2.2)
        section.left_margin = section.right_margin = Cm(2)


def _numbered(document, number, text) -> None:
    """A numbered paragraph whose Markdown becomes Word's bold, italics, code font, links (shown
    with their address) and bulleted or numbered lists."""
    for index, block in enumerate(markup.blocks(text) or [markup.Block(runs=[markup.Run("")])]):
        style = {"bullet": "List Bullet", "number": "List Number"}.get(block.kind)
        paragraph = document.add_paragraph(style=style)
        if index == 0:
            paragraph.add_run(f"{number}.\t")
        for part in block.runs:
            pieces = part.text.split("\n")
            for i, piece in enumerate(pieces):
                if i:
                    paragraph.add_run().add_break()
                if piece:
                    run = paragraph.add_run(piece)
                    run.bold, run.italic = part.bold or None, part.italic or None
                    if part.code:
                        run.font.name = "Courier New"
            if part.href and part.href not in part.text:
                paragraph.add_run(f" ({part.href})")


def plan_columns() -> tuple[str, ...]:
    return (_("Outcomes"), _("Indicators"), _("Results/Outputs"), _("Activities"))


def _plan_tables(document, plan: dict) -> None:
    """An action plan as its annex lays it out: per objective, a heading, the statement and a table."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if plan.get("aligned_with"):
        line = document.add_paragraph(f"({plan['aligned_with']})")
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for objective in plan["objectives"]:
        document.add_heading(_("Operational objective %(number)s") % {"number": objective["number"]}, level=3)
        statement = document.add_paragraph()
        statement.add_run(objective["short_title"]).bold = True
        if objective["statement"]:
            statement.add_run(f": {objective['statement']}")
        table = document.add_table(rows=2, cols=4)
        table.style = "Table Grid"
        for column, name in enumerate(plan_columns()):
            cell = table.cell(0, column)
            cell.text = name
            for run in cell.paragraphs[0].runs:
                run.bold = True
        columns = [
            [(None, text) for text in objective["outcomes"]],
            [(None, i["text"]) for i in objective["indicators"]],
            [(None, f"{r['number']} {r['text']}" if r["number"] else r["text"]) for r in objective["results"]],
            [(a["heading"], a["text"]) for a in objective["activities"]],
        ]
        for column, items in enumerate(columns):
            cell = table.cell(1, column)
            first, heading = True, None
            for item_heading, text in items:
                if item_heading and item_heading != heading:
                    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                    paragraph.add_run(item_heading).italic = True
                    first = False
                heading = item_heading
                paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                paragraph.add_run(f"\u2022 {text}")
                first = False

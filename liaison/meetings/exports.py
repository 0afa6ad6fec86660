"""What the meetings app gives to download besides calendars (calendar.py): the agenda as DOCX."""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches

from liaison.core.downloads import DOCX_TYPE  # noqa: F401 (the type of what agenda_docx makes)
from liaison.core.dates import MONTHS

from .models import AgendaStatus


def agenda_docx(meeting) -> bytes:
    """The agenda: items with annotations, then the organization of work."""
    document = Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    titles = {AgendaStatus.ADOPTED: "AGENDA", AgendaStatus.DRAFT: "DRAFT AGENDA (NOT ISSUED)"}
    run = heading.add_run(titles.get(meeting.agenda_status, "PROVISIONAL AGENDA"))
    run.bold = True
    document.add_paragraph(f"{meeting.local_title}\n{meeting.dates}{', ' + meeting.place if meeting.place else ''}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for item in meeting.agenda_items.all():
        paragraph = document.add_paragraph(f"{item.number}.\t{item.title}")
        if item.depth:
            paragraph.paragraph_format.left_indent = Inches(0.5)
        if item.annotation:
            document.add_paragraph(item.annotation).paragraph_format.left_indent = Inches(0.5 + 0.5 * item.depth)
    sessions = list(meeting.sessions.prefetch_related("items"))
    if sessions:
        document.add_heading("Organization of work", level=2)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Date and time", "Session", "Items")):
            cell.text = text
        for session in sessions:
            cells = table.add_row().cells
            cells[0].text = f"{session.date:%A} {session.date.day} {MONTHS[session.date.month - 1]} {session.start:%H:%M}–{session.end:%H:%M}"
            cells[1].text = session.title
            cells[2].text = ", ".join(i.number for i in session.items.all())
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""What the meetings app gives to download besides calendars (calendar.py): the agenda as DOCX, in
a ``language`` (one of LANGUAGES; the active language when not given): its headings, labels, dates
and the document's language. The items' titles and annotations are the secretariat's text."""

from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _

from liaison.core import languages
from liaison.core.dates import date_range, weekday_times
from liaison.core.downloads import DOCX_TYPE  # noqa: F401 (the type of what agenda_docx makes)

from .models import AgendaStatus


def agenda_docx(meeting, language=None) -> bytes:
    """The agenda: items with annotations, then the organization of work."""
    language = languages.supported(language) or languages.active()
    with translation.override(language):
        return _agenda_docx(meeting, language)


def _agenda_docx(meeting, language) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    document = Document()
    languages.set_docx_language(document, language)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    titles = {AgendaStatus.ADOPTED: _("AGENDA"), AgendaStatus.DRAFT: _("DRAFT AGENDA (NOT ISSUED)")}
    run = heading.add_run(titles.get(meeting.agenda_status, _("PROVISIONAL AGENDA")))
    run.bold = True
    place = ", ".join(part for part in (meeting.city, meeting.country.local_name if meeting.country_id else "") if part)
    dates = date_range(meeting.start_date, meeting.end_date, language=language)
    document.add_paragraph(f"{meeting.local_title}\n{dates}{', ' + place if place else ''}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for item in meeting.agenda_items.all():
        paragraph = document.add_paragraph(f"{item.number}.\t{item.title}")
        if item.depth:
            paragraph.paragraph_format.left_indent = Inches(0.5)
        if item.annotation:
            document.add_paragraph(item.annotation).paragraph_format.left_indent = Inches(0.5 + 0.5 * item.depth)
    sessions = list(meeting.sessions.prefetch_related("items"))
    if sessions:
        document.add_heading(_("Organization of work"), level=2)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, (_("Date and time"), _("Session"), _("Items"))):
            cell.text = text
        for session in sessions:
            cells = table.add_row().cells
            cells[0].text = weekday_times(session.date, session.start, session.end, language)
            cells[1].text = session.title
            cells[2].text = ", ".join(i.number for i in session.items.all())
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""What the workspace gives to download: the compilation of peer-review comments (XLSX, DOCX) and
teleconferences as iCalendar (through meetings/calendar.py, the site's one iCalendar module)."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from liaison.core import languages, spreadsheets
from liaison.core.downloads import DOCX_TYPE
from liaison.meetings import calendar

REVIEW_HEADER = [gettext_lazy("Paragraph"), gettext_lazy("Text of the paragraph"), gettext_lazy("Comment by"),
                 gettext_lazy("Comment"), gettext_lazy("Secretariat"), gettext_lazy("Reply")]


def review_rows(document, paragraphs) -> list[tuple]:
    former = _("former member")
    return [
        (
            c.paragraph,
            paragraphs[c.paragraph - 1] if c.paragraph <= len(paragraphs) else "",
            (c.author.get_full_name() or c.author.email) if c.author else former,
            c.text,
            c.get_status_display(),
            c.reply,
        )
        for c in document.review_comments.select_related("author")
    ]


def review_filename(document, fmt) -> str:
    return f"comments-{(document.symbol or document.title).replace('/', '-')[:80]}.{fmt}"


def review_xlsx(document, rows) -> bytes:
    return spreadsheets.xlsx_bytes({_("Comments"): (REVIEW_HEADER, rows)})


def review_docx(document, rows) -> bytes:
    from docx import Document

    out = Document()
    languages.set_docx_language(out, languages.active())
    out.add_heading(_("Compilation of comments on %(document)s") % {"document": document.symbol or document.title}, level=1)
    table = out.add_table(rows=1, cols=len(REVIEW_HEADER))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, REVIEW_HEADER):
        cell.text = str(title)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = str(value)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


REVIEW_FORMATS = {"xlsx": (review_xlsx, spreadsheets.XLSX_TYPE), "docx": (review_docx, DOCX_TYPE)}


def review_file(document: int, fmt: str) -> bytes:
    """The compilation of a document's comments as bytes, read again from the document's key: the
    worker's builder for a long compilation (core/jobs.py ``start_export``)."""
    from liaison.meetings.models import MeetingDocument

    from . import services

    doc = MeetingDocument.objects.get(pk=document)
    return REVIEW_FORMATS[fmt][0](doc, review_rows(doc, services.document_paragraphs(doc)))


def can_see_review_file(job, user) -> bool:
    """The compilation is the secretariat's, as its inline download is."""
    from liaison.groups.access import is_secretariat

    return is_secretariat(user)


def call_ics(call, method="PUBLISH") -> bytes:
    return calendar.timed_event_ics(
        uid=f"teleconference-{call.pk}@liaison",
        summary=call.title,
        start=call.starts_at,
        minutes=call.minutes,
        location=call.join_link,
        url=call.join_link,
        description=f"{call.notes}\n{call.join_link}".strip(),
        method=method,
    )

"""Large report documents are made by the worker (core/jobs.py), never inside a request.

A report whose content is longer than ``INLINE_DOCUMENT_CHARS`` characters (its paragraphs,
annexes and action-plan tables, as plain data) is not rendered by the page that asks for its PDF or
DOCX: a job renders it and the reader downloads it from the job's page. The same access rule as the
inline download applies to the job's page and file (``reports.access.can_read`` on the meeting).

- An **adopted** report is frozen (its ReportVersion): its document is made once per version,
  format and language, as a shared job that every reader who may read the report finds again (a
  reader asking for Arabic never gets the French file: the language is one of the job's keys).
- A **draft** (members only) is rendered as it is when the worker takes it, in a job of the reader
  who asked, which that reader (and the secretariat) sees only while they may still read the report.
"""

import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _

from liaison.core import jobs, languages
from liaison.meetings.models import Meeting

from . import access, exports

FORMATS = {"pdf": exports.pdf, "docx": exports.docx}


def inline_limit() -> int:
    return int(getattr(settings, "INLINE_DOCUMENT_CHARS", 100_000))


def size(content: dict) -> int:
    """How long the document is: the characters of its content as plain data."""
    return len(json.dumps(content, ensure_ascii=False))


def is_large(content: dict) -> bool:
    return size(content) > inline_limit()


def filename(meeting, extension: str, language: str | None = None) -> str:
    """'lg-biosafety-9-report.pdf' in English, 'lg-biosafety-9-report-fr.pdf' in French."""
    suffix = f"-{language}" if language and language != languages.default() else ""
    return f"{meeting.group.slug}-{meeting.slug}-report{suffix}.{extension}"


def make(fmt: str, content: dict, language: str) -> bytes:
    return FORMATS[fmt](content, language=language)


def start(user, meeting, report, version, fmt: str, language: str | None = None):
    """The job that makes this document in ``language`` (an earlier identical one when there is one)."""
    language = languages.supported(language) or languages.default()
    title = _("Report of %(meeting)s (%(group)s), %(format)s, %(language)s") % {
        "meeting": meeting.local_title, "group": meeting.group.acronym or meeting.group.local_name, "format": fmt.upper(),
        "language": translation.get_language_info(language)["name_local"]}
    params = {"meeting": meeting.pk, "report": report.pk, "format": fmt, "version": version.pk if version else None,
              "language": language}
    if version is not None:  # frozen: one shared document per version and format
        return jobs.reuse_or_start("liaison.reports.documents.run", owner=None, title=title, params=params,
                                   access="liaison.reports.documents.can_see", reuse_done=True)
    return jobs.reuse_or_start("liaison.reports.documents.run", owner=user if user.is_authenticated else None, title=title,
                               params=params, access="liaison.reports.documents.can_see")


def can_see(job, user) -> bool:
    """The report's access rule, applied to the job's page and file as to the inline download."""
    meeting = Meeting.objects.select_related("group").filter(pk=job.params.get("meeting")).first()
    return meeting is not None and access.can_read(user, meeting)


def run(job, progress):
    """The worker's side: render the report (the frozen version, or the draft as it is now)."""
    from .models import ReportVersion

    from . import services

    params = job.params
    meeting = Meeting.objects.select_related("group").get(pk=params["meeting"])
    if job.owner is not None and not access.can_read(job.owner, meeting):
        return {"message": _("You may no longer read this report; nothing was made.")}
    progress(0, 3, _("Reading the report"))
    if params.get("version"):
        content = ReportVersion.objects.get(pk=params["version"]).content
    else:
        content = services.content(meeting.report)
    progress(1, 3, _("Making the %(format)s") % {"format": params["format"].upper()})
    language = languages.supported(params.get("language")) or languages.default()
    data = make(params["format"], content, language)
    progress(2, 3, _("Storing the file"))
    name = filename(meeting, params["format"], language)
    job.file.save(name, ContentFile(data), save=True)
    return {"message": _("The %(format)s is ready (%(size)d KB).") % {"format": params["format"].upper(), "size": len(data) // 1024 + 1},
            "filename": name}

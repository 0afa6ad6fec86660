"""Reading a large uploaded report (text extraction and parsing) is long work for the worker.

A file over ``INLINE_IMPORT_KB`` is kept in storage (shared by every node) and read by a job
(core/jobs.py); the job's page leads to the same "Check the proposed meeting" page as a small file
gives at once, and nothing is written before the secretariat confirms there. Only the secretariat
sees such a job, as only the secretariat may import."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.core import jobs
from liaison.core.access import is_secretariat
from liaison.core.extract import ExtractError, text_from_bytes

from . import importing
from .parsing import parse


def inline_limit() -> int:
    return int(getattr(settings, "INLINE_IMPORT_KB", 256)) * 1024


def start(name: str, data: bytes, group, by):
    suffix = PurePath(name).suffix.lower()[:8]
    path = default_storage.save(f"jobs/imports/{uuid.uuid4().hex}{suffix}", ContentFile(data))
    return jobs.start("liaison.reports.import_jobs.run", owner=by, access="liaison.reports.import_jobs.can_see",
                      title=_("Reading %(file)s (%(group)s)") % {"file": name[:200], "group": group.acronym or group.local_name}, params={"path": path, "name": name, "group": group.pk})


def can_see(job, user) -> bool:
    return is_secretariat(user)


def run(job, progress):
    """The worker's side of :func:`start`: extract the text, parse it, keep what was read."""
    from liaison.groups.models import Group

    params = job.params
    group = Group.objects.get(pk=params["group"])
    progress(0, 2, _("Reading the file's text"))
    try:
        with default_storage.open(params["path"], "rb") as handle:
            data = handle.read()
        text = text_from_bytes(params["name"], data)
        progress(1, 2, _("Reading the report's fields"))
        parsed = parse(text)
    except ExtractError as error:  # the file, or its text, cannot be read as a report
        message = error.translated(_)
        return {"message": message, "errors": [message], "url": reverse("manage:import_report"), "link_text": _("Upload another file")}
    finally:
        default_storage.delete(params["path"])
    existing = importing.existing_meeting(parsed, group)
    return {
        "message": _("The report was read: check the proposed meeting, then confirm."),
        "parsed": parsed.as_dict(), "group": group.pk, "update": existing.pk if existing else None,
        "url": reverse("manage:import_preview", args=[job.pk]), "link_text": _("Check the proposed meeting"),
    }

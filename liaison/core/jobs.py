"""Long work with a progress bar: a bulk sheet, a large document, a planner run.

A view calls :func:`start` with the dotted path of a handler and JSON parameters; the handler runs in
the worker (``liaison worker``), in the language of the request that started it (kept in the job's
``params["language"]``), as ``handler(job, progress)`` where ``progress(done, total, message)``
records how far it is, and returns a dict kept as the job's result (``{"message": …, "url": …}``); it
may also save a file on ``job.file`` (through the storage API; ``result["filename"]`` names the
download). The job's page (/jobs/<id>/) polls with htmx while it runs, and can be left and come back to.

Who sees a job and its result: its owner (and the secretariat), and only while the record's own
access rule, when the job names one (``access``: the dotted path of ``rule(job, user) -> bool``),
still lets them see the record. A job without an owner is shared (the PDF of an adopted report, made
once for all its readers): its access rule alone decides.
"""

import logging
import uuid

from django.conf import settings
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import Job, JobStatus

logger = logging.getLogger(__name__)


def start(handler: str, *, owner, title: str, params: dict | None = None, total: int = 0, access: str | None = None) -> Job:
    from .tasks import run_job

    params = dict(params or {})
    params.setdefault("language", export_language())  # the worker writes its messages in the starter's language
    if access:
        params["_access"] = access
    job = Job.objects.create(id=uuid.uuid4(), kind=handler, owner=owner, title=title[:300], params=params, total=total)
    run_job.enqueue(str(job.pk))
    return job


def reuse_or_start(handler: str, *, owner, title: str, params: dict, access: str | None = None, reuse_done: bool = False) -> Job:
    """The same work already queued or running for the same owner (or, with ``reuse_done``, already
    done: a frozen record's document), else a new job. A second click does not start a second run."""
    params = {"language": export_language(), **params}
    wanted = dict(params, **({"_access": access} if access else {}))
    statuses = [JobStatus.QUEUED, JobStatus.RUNNING] + ([JobStatus.DONE] if reuse_done else [])
    same = {f"params__{key}": value for key, value in wanted.items()
            if isinstance(value, (str, int)) and not isinstance(value, bool) and key.isidentifier() and "__" not in key}
    for job in Job.objects.filter(kind=handler, owner=owner, status__in=statuses, **same).order_by("-created_at")[:20]:
        if job.params == wanted and (job.status != JobStatus.DONE or job.file):
            return job
    return start(handler, owner=owner, title=title, params=params, access=access)


def run(pk: str) -> str:
    job = Job.objects.get(pk=pk)
    if job.status != JobStatus.QUEUED:
        return job.status  # already run by another worker
    if not Job.objects.filter(pk=pk, status=JobStatus.QUEUED).update(status=JobStatus.RUNNING):
        return "taken"
    job.status = JobStatus.RUNNING
    last = [0.0]

    def progress(done: int, total: int | None = None, message: str | None = None) -> None:
        now = timezone.now().timestamp()
        fields = {"done": done, "updated_at": timezone.now()}
        if total is not None:
            fields["total"] = total
        if message is not None:
            fields["message"] = message[:2000]
        if now - last[0] >= 0.25 or (total is not None and done >= total):
            Job.objects.filter(pk=pk).update(**fields)
            last[0] = now
        for key, value in fields.items():
            setattr(job, key, value)

    # The handler's progress and result messages are written in the language of the person who started it.
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            result = import_string(job.kind)(job, progress) or {}
        except Exception as error:  # noqa: BLE001 - the job's page says what went wrong
            logger.exception("Job %s failed", pk)
            message = _("The work stopped: %(error)s") % {"error": error}
            Job.objects.filter(pk=pk).update(status=JobStatus.FAILED, message=message[:2000])
            return JobStatus.FAILED
    job.refresh_from_db(fields=["file"])
    Job.objects.filter(pk=pk).update(
        status=JobStatus.DONE, result=result, done=job.total or job.done,
        message=str(result.get("message", job.message))[:2000],
    )
    return JobStatus.DONE


def visible(job: Job, user) -> bool:
    rule = job.params.get("_access")
    if rule and not import_string(rule)(job, user):
        return False
    if job.owner_id is None:
        return bool(rule)
    return user.is_authenticated and (job.owner_id == user.pk or bool(getattr(user, "is_secretariat", False)))


def inline_rows() -> int:
    return int(getattr(settings, "INLINE_EXPORT_ROWS", 500))


def start_export(builder: str, args: dict, *, owner, title: str, filename: str, access: str) -> Job:
    """An export too long to make inside a request: the worker calls ``builder(**args)`` (a dotted
    path to a function returning the file's bytes, reading the records again from their keys) and
    keeps the file for the job's page, under the record's access rule ``access``. The file is written
    in the language of the request that asks for it (kept with the job: the same export asked in
    another language is another file)."""
    return reuse_or_start("liaison.core.jobs.run_export", owner=owner, title=title, access=access,
                          params={"builder": builder, "args": args, "filename": filename, "language": export_language()})


def export_language() -> str:
    """The active language (the request's), or the site's when none is active."""
    return translation.get_language() or settings.LANGUAGE_CODE


def run_export(job, progress):
    """The worker's side of :func:`start_export`: the builder runs in the language of the request
    that started the job (its column headers, sheet names and fixed words; the data stay as stored)."""
    from django.core.files.base import ContentFile

    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        progress(0, 1, _("Making the file"))
        data = import_string(job.params["builder"])(**job.params["args"])
        job.file.save(job.params["filename"], ContentFile(data), save=True)
        message = _("The file is ready (%(size)d KB).") % {"size": len(data) // 1024 + 1}
    return {"message": message, "filename": job.params["filename"]}

"""The "Check the proposed meeting" page of an import, for a file read at once or by the worker."""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from liaison.core import jobs
from liaison.core.decorators import secretariat_required
from liaison.core.models import Job, JobStatus
from liaison.groups.models import Group

from . import importing


def render_preview(request, parsed, group, existing):
    """What was read, to confirm; the proposal is signed, so nothing read can be altered on the way."""
    proposal = signing.dumps(
        {"group": group.pk, "parsed": parsed.as_dict(), "update": existing.pk if existing else None},
        salt="liaison.import", compress=True,
    )
    return render(request, "reports/manage/import_preview.html",
                  {"parsed": parsed, "group": group, "proposal": proposal, "existing": existing})


@secretariat_required
def import_preview(request, pk):
    """The proposal of a file the worker read (reports/import_jobs.py)."""
    job = get_object_or_404(Job, pk=pk, kind="liaison.reports.import_jobs.run", status=JobStatus.DONE)
    if not jobs.visible(job, request.user) or "parsed" not in job.result:
        raise Http404
    group = get_object_or_404(Group, pk=job.result["group"])
    existing = group.meetings.filter(pk=job.result["update"]).first() if job.result.get("update") else None
    return render_preview(request, importing.parsed_from_dict(job.result["parsed"]), group, existing)

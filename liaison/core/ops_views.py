"""Operations pages: the secretariat's e-mail outbox and the progress page of long jobs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from . import jobs, outbox
from .decorators import secretariat_required
from .downloads import download
from .models import Job, JobStatus, OutboxMessage, OutboxStatus


@secretariat_required
def outbox_page(request):
    status = request.GET.get("status", "")
    rows = OutboxMessage.objects.defer("mime")
    if status in OutboxStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    counts = outbox.counts()
    return render(request, "core/manage/outbox.html", {
        "page": page, "status": status, "counts": counts,
        "statuses": [(value, label, counts[value]) for value, label in OutboxStatus.choices],
    })


@secretariat_required
@require_POST
def outbox_retry(request, pk):
    message = get_object_or_404(OutboxMessage.objects.defer("mime"), pk=pk)
    if outbox.retry(message.pk):
        messages.success(request, _("The e-mail to %(to)s is queued to be sent again.") % {"to": ", ".join(message.recipients)})
    else:
        messages.info(request, _("That e-mail was already sent."))
    return redirect("outbox")


@secretariat_required
@require_POST
def outbox_retry_failed(request):
    pks = list(OutboxMessage.objects.filter(status=OutboxStatus.FAILED).values_list("pk", flat=True)[:1000])
    for pk in pks:
        outbox.retry(pk)
    messages.success(request, ngettext("%(n)d failed e-mail queued to be sent again.", "%(n)d failed e-mails queued to be sent again.", len(pks)) % {"n": len(pks)})
    return redirect("outbox")


def _job(request, pk):
    """The job if this visitor may see it; a visitor not signed in is asked to sign in first."""
    job = get_object_or_404(Job, pk=pk)
    if not jobs.visible(job, request.user):
        if not request.user.is_authenticated:
            return None, redirect_to_login(request.get_full_path())
        raise Http404
    return job, None


def job_page(request, pk):
    job, refused = _job(request, pk)
    if refused:
        return refused
    template = "core/job_progress.html" if request.htmx else "core/job.html"
    return render(request, template, {"job": job})


def job_file(request, pk):
    job, refused = _job(request, pk)
    if refused:
        return refused
    if not job.file or job.status != JobStatus.DONE:
        raise Http404
    return download(job.file.open("rb"), job.result.get("filename") or job.file.name.rsplit("/", 1)[-1])


@login_required
def my_jobs(request):
    rows = Job.objects.filter(owner=request.user).order_by("-created_at")[:50]
    return render(request, "core/jobs.html", {"jobs": rows})

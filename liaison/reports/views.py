from django.http import Http404
from django.shortcuts import get_object_or_404, render

from liaison.core.downloads import DOCX_TYPE, download
from liaison.meetings.models import Meeting

from . import access, exports, services
from .models import LOCKED


def _readable(request, group_slug, slug):
    meeting = get_object_or_404(Meeting.objects.select_related("group", "country"), group__slug=group_slug, slug=slug)
    if not access.can_read(request.user, meeting):
        raise Http404("No report to show.")
    report = meeting.report
    # An adopted report is shown as adopted: from its frozen version, never from live rows.
    if report.status in LOCKED:
        version = report.versions.filter(revision=report.revision).first()
        if version is not None:
            return meeting, report, version.content
    return meeting, report, services.content(report)


def report(request, group_slug, slug):
    meeting, report, content = _readable(request, group_slug, slug)
    reviewer = report.status == "review" and access.participant_of(request.user, meeting) is not None
    return render(request, "reports/report.html", {"meeting": meeting, "report": report, "content": content,
                                                   "document": exports.html(content), "reviewer": reviewer})


def _filename(meeting, extension):
    return f"{meeting.group.slug}-{meeting.slug}-report.{extension}"


def report_docx(request, group_slug, slug):
    meeting, _, content = _readable(request, group_slug, slug)
    return download(exports.docx(content), _filename(meeting, "docx"), DOCX_TYPE)


def report_pdf(request, group_slug, slug):
    meeting, _, content = _readable(request, group_slug, slug)
    return download(exports.pdf(content), _filename(meeting, "pdf"), "application/pdf")

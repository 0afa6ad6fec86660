from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from liaison.core import languages
from liaison.core.downloads import DOCX_TYPE, download
from liaison.meetings.models import Meeting

from . import access, documents, exports, services
from .models import LOCKED


def _readable(request, group_slug, slug):
    meeting, report, content, _version = _readable_version(request, group_slug, slug)
    return meeting, report, content


def _readable_version(request, group_slug, slug):
    meeting = get_object_or_404(Meeting.objects.select_related("group", "country"), group__slug=group_slug, slug=slug)
    if not access.can_read(request.user, meeting):
        raise Http404("No report to show.")
    report = meeting.report
    # An adopted report is shown as adopted: from its frozen version, never from live rows.
    if report.status in LOCKED:
        version = report.versions.filter(revision=report.revision).first()
        if version is not None:
            return meeting, report, version.content, version
    return meeting, report, services.content(report), None


def report(request, group_slug, slug):
    meeting, report, content = _readable(request, group_slug, slug)
    return render(request, "reports/report.html", {"meeting": meeting, "report": report, "content": content,
                                                   "document": exports.html(content)})


def _document(request, group_slug, slug, fmt, content_type):
    """Small reports are downloaded at once; a large one is made by the worker (reports/documents.py).
    In the language of ``?language=`` (one of LANGUAGES, else 400), else the reader's."""
    meeting, report, content, version = _readable_version(request, group_slug, slug)
    try:
        language = languages.requested(request)
    except languages.UnknownLanguage:
        return languages.bad_request()
    if documents.is_large(content):
        return redirect("job", pk=documents.start(request.user, meeting, report, version, fmt, language).pk)
    return download(documents.make(fmt, content, language), documents.filename(meeting, fmt, language), content_type)


def report_docx(request, group_slug, slug):
    return _document(request, group_slug, slug, "docx", DOCX_TYPE)


def report_pdf(request, group_slug, slug):
    return _document(request, group_slug, slug, "pdf", "application/pdf")

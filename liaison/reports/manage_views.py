"""The report editor: paragraphs under the agenda items, numbered as they stand; states from draft
to conveyed. Every change goes through services.py, which refuses to touch an adopted text."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _, ngettext
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.extract import ExtractError, text_from_bytes
from liaison.core.decorators import secretariat_required
from liaison.core.dates import day_month_year
from liaison.groups.models import Group
from liaison.meetings import services as meeting_services
from liaison.meetings.models import AgendaItem, Meeting, Office

from . import import_jobs, import_views, importing, review, services
from .forms import AnnexForm, ParagraphForm, ReportForm
from .models import Paragraph
from .parsing import parse


def _editor(request, meeting, report):
    comments = review.by_paragraph(review.comments_for(report))
    return render(
        request, "reports/manage/editor.html",
        {
            "meeting": meeting, "report": report, "sections": services.sections(report),
            "report_form": ReportForm(instance=report), "annex_form": AnnexForm(),
            "annexes": report.annexes.all(),
            "chair": meeting.participants.filter(office=Office.CHAIR).select_related("person").first(),
            "adoption_default": services.default_adoption_date(meeting),
            "comments": comments, "orphan_comments": comments.get(None, []),
            "comments_total": sum(len(rows) for rows in comments.values()),
            "review_deadline_default": report.review_deadline or review.default_deadline(),
            "comment_statuses": review.CommentStatus.choices,
        },
    )


def _load(pk):
    meeting = get_object_or_404(Meeting.objects.select_related("group", "country"), pk=pk)
    return meeting, services.report_for(meeting)


@secretariat_required
def editor(request, pk):
    meeting, report = _load(pk)
    if request.method == "POST":  # the symbol
        form = ReportForm(request.POST, instance=report)
        if form.is_valid():
            try:
                services.save_symbol(report, form) or messages.error(request, _("Someone else changed the report; reload."))
            except services.ReportLocked as locked:
                messages.error(request, str(locked))
            return redirect("manage:report", pk=pk)
    return _editor(request, meeting, report)


def _paragraph_response(request, meeting, report, error=None):
    """Back to the editor, at the section changed; an error (with any unsaved text) is shown there."""
    if error:
        messages.error(request, error)
    return redirect(f"{reverse('manage:report', args=[meeting.pk])}#{request.POST.get('anchor', '')}")


@secretariat_required
@require_POST
def paragraph_add(request, pk):
    meeting, report = _load(pk)
    form = ParagraphForm(request.POST)
    error = None
    if form.is_valid():
        item = None
        if request.POST.get("agenda_item"):
            item = get_object_or_404(AgendaItem, pk=request.POST["agenda_item"], meeting=meeting)
        try:
            services.add_paragraph(report, form.cleaned_data["text"], item)
        except services.ReportLocked as locked:
            error = str(locked)
    else:
        error = _("A paragraph needs some text.")
    return _paragraph_response(request, meeting, report, error)


@secretariat_required
@require_POST
def paragraph_edit(request, pk, paragraph_pk):
    meeting, report = _load(pk)
    paragraph = get_object_or_404(Paragraph, pk=paragraph_pk, report=report)
    form = ParagraphForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("A paragraph needs some text.")
    else:
        try:
            services.edit_paragraph(paragraph, form.cleaned_data["text"], form.cleaned_data["version"])
        except services.ReportLocked as locked:
            error = str(locked)
        except VersionConflict:
            error = _(
                "Someone else changed this paragraph while you were editing it; your text was not saved. "
                "Their version is shown now. Your text: “%(text)s”"
            ) % {"text": form.cleaned_data["text"]}
    return _paragraph_response(request, meeting, report, error)


@secretariat_required
@require_POST
def paragraph_action(request, pk, paragraph_pk, action):
    meeting, report = _load(pk)
    paragraph = get_object_or_404(Paragraph, pk=paragraph_pk, report=report)
    error = None
    try:
        if action == "up":
            services.move_paragraph(paragraph, -1)
        elif action == "down":
            services.move_paragraph(paragraph, +1)
        elif action == "delete":
            services.delete_paragraph(paragraph)
    except services.ReportLocked as locked:
        error = str(locked)
    return _paragraph_response(request, meeting, report, error)


@secretariat_required
@require_POST
def draft_introduction(request, pk):
    meeting, report = _load(pk)
    try:
        added = services.draft_introduction(report)
        messages.success(request, ngettext("%(n)d paragraph drafted from the records.", "%(n)d paragraphs drafted from the records.", len(added)) % {"n": len(added)})
    except services.ReportLocked as locked:
        messages.error(request, str(locked))
    return redirect("manage:report", pk=pk)


@secretariat_required
@require_POST
def annex_add(request, pk):
    meeting, report = _load(pk)
    form = AnnexForm(request.POST)
    if report.locked:
        messages.error(request, str(services.ReportLocked(report)))
    elif form.is_valid():
        services.add_annex(report, form.save(commit=False))
        messages.success(request, _("Annex added."))
    else:
        for error in form.errors.values():
            messages.error(request, error.as_text())
    return redirect("manage:report", pk=pk)


@secretariat_required
@require_POST
def transition(request, pk, action):
    meeting, report = _load(pk)
    version = request.POST.get("version") or report.version
    try:
        if action == "review":
            try:
                deadline = meeting_services.entered_date(request.POST.get("deadline"))
            except meeting_services.Refused as refused:
                raise services.TransitionRefused(str(refused)) from None
            sent = review.send(report, version, deadline)
            messages.info(request, ngettext("The draft was e-mailed to %(n)d participant for comments until %(date)s.",
                                             "The draft was e-mailed to %(n)d participants for comments until %(date)s.", len(sent["sent"])) % {
                "n": len(sent["sent"]), "date": day_month_year(deadline)})
            if sent["without_email"]:
                messages.warning(request, _("No e-mail address for: %(names)s. Send them the draft another way.") % {
                    "names": ", ".join(p.formal_name for p in sent["without_email"])})
        elif action == "adopt":
            try:
                on = meeting_services.entered_date(request.POST.get("on"))
            except meeting_services.Refused as refused:
                raise services.TransitionRefused(str(refused)) from None
            services.adopt(report, version, on=on)
        elif action == "convey":
            chair = meeting.participants.filter(office=Office.CHAIR).select_related("person").first()
            if chair is None:
                raise services.TransitionRefused(_("The meeting has no Chair to convey its report."))
            services.convey(report, version, chair)
        elif action == "revise":
            services.start_revision(report, version)
        else:
            raise services.TransitionRefused(_("Unknown action."))
        messages.success(request, _("The report is now: %(status)s.") % {"status": report.get_status_display()})
    except services.TransitionRefused as refused:
        messages.error(request, str(refused))
    except VersionConflict:
        messages.error(request, _("Someone else changed the report meanwhile; look at it again before you decide."))
    return redirect("manage:report", pk=pk)


class ImportForm(forms.Form):
    group = forms.ModelChoiceField(label=gettext_lazy("Group"), queryset=Group.objects.all())
    file = forms.FileField(label=gettext_lazy("File"), help_text=gettext_lazy("A report as .txt, .docx or .pdf (text, not a scanned image)."))


@secretariat_required
def import_report(request):
    """Upload a past report, look at what was read (fields not found are flagged), then confirm."""
    if request.method == "POST" and "proposal" in request.POST:
        try:
            payload = signing.loads(request.POST["proposal"], salt="liaison.import", max_age=3600)
            group = Group.objects.get(pk=payload["group"])
            parsed = importing.parsed_from_dict(payload["parsed"])
            if payload.get("update"):
                meeting = group.meetings.get(pk=payload["update"])
                added = importing.update_meeting(parsed, meeting)
                if added:
                    messages.success(request, _("Meeting completed from the report: %(added)s.") % {"added": ", ".join(added)})
                else:
                    messages.info(request, _("The meeting already holds everything the report states; nothing was changed."))
                return redirect("manage:meeting_edit", pk=meeting.pk)
            meeting = importing.create_meeting(parsed, group)
        except signing.BadSignature:
            messages.error(request, _("The proposal has expired or was altered; upload the file again."))
            return redirect("manage:import_report")
        except (importing.ImportRefused, ValidationError, Group.DoesNotExist, Meeting.DoesNotExist) as error:
            messages.error(request, str(error))
            return redirect("manage:import_report")
        messages.success(request, _("Meeting created from the report. Check it, then its report."))
        return redirect("manage:meeting_edit", pk=meeting.pk)

    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload, group = form.cleaned_data["file"], form.cleaned_data["group"]
        if upload.size > import_jobs.inline_limit():  # a large file is read by the worker
            return redirect("job", pk=import_jobs.start(upload.name, upload.read(), group, request.user).pk)
        try:
            parsed = parse(text_from_bytes(upload.name, upload.read()))
        except ExtractError as error:
            form.add_error("file", error.translated(_))
        else:
            return import_views.render_preview(request, parsed, group, importing.existing_meeting(parsed, group))
    return render(request, "reports/manage/import.html", {"form": form}, status=400 if form.errors else 200)

"""The workspace's follow-up pages: peer review of documents (with the compilation of comments),
follow-up actions and teleconferences. Views parse input and render; services.py makes the changes."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _, ngettext

from liaison.core import jobs, languages
from liaison.core.downloads import download
from liaison.groups.access import is_secretariat
from liaison.meetings.models import Distribution, MeetingDocument

from . import access, exports, services
from .forms import ActionForm, TeleconferenceForm
from .models import Action, ActionStatus, CommentStatus, ReviewComment, Teleconference


# --- peer review of documents --------------------------------------------------------------------
def _paragraph_number(value) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


@login_required
def review(request, slug, pk):
    group = access.group_for(request.user, slug)
    document = get_object_or_404(MeetingDocument, pk=pk, meeting__group=group, distribution__in=(Distribution.PUBLIC, Distribution.MEMBERS))
    paragraphs = services.document_paragraphs(document)
    staff = is_secretariat(request.user)
    if request.method == "POST":
        if request.POST.get("comment_id"):
            if not staff:
                raise PermissionDenied
            comment = get_object_or_404(ReviewComment, pk=request.POST["comment_id"], document=document)
            version = request.POST.get("version", "")
            reply = request.POST.get("reply", "")
            try:
                services.answer_comment(comment, request.POST.get("status"), reply, int(version) if version.isdigit() else None)
            except services.Stale as stale:  # another member of the secretariat answered meanwhile
                messages.error(request, _("%(why)s Your reply was: %(reply)s") % {"why": stale, "reply": reply or "—"})
        else:
            try:
                services.comment(document, request.user, _paragraph_number(request.POST.get("paragraph")),
                                 request.POST.get("text", ""), len(paragraphs))
            except services.Refused as refused:
                messages.error(request, str(refused))
        return redirect("workspace:review", slug=slug, pk=pk)
    comments = list(document.review_comments.select_related("author"))
    if not staff:  # members see their own comments; the secretariat sees all of them
        comments = [c for c in comments if c.author_id == request.user.pk]
    by_paragraph = {}
    for comment in comments:
        by_paragraph.setdefault(comment.paragraph, []).append(comment)
    return render(request, "workspace/review.html", {
        "group": group, "document": document, "staff": staff, "statuses": CommentStatus.choices,
        "rows": [(n, p, by_paragraph.get(n, [])) for n, p in enumerate(paragraphs, start=1)],
    })


@login_required
def review_export(request, slug, pk, fmt):
    group = access.group_for(request.user, slug)
    if not is_secretariat(request.user):
        raise PermissionDenied
    document = get_object_or_404(MeetingDocument, pk=pk, meeting__group=group)
    if fmt not in exports.REVIEW_FORMATS:
        raise Http404
    build, content_type = exports.REVIEW_FORMATS[fmt]
    try:
        language = languages.requested(request)  # ?language=xx, else the reader's
    except languages.UnknownLanguage:
        return languages.bad_request()
    filename = exports.review_filename(document, fmt)
    if document.review_comments.count() > jobs.inline_rows():  # a long compilation is made by the worker
        title = _("Comments on %(document)s (%(format)s)") % {"document": document.symbol or document.title, "format": fmt.upper()}
        with translation.override(language):  # the job keeps the language the file is written in
            job = jobs.start_export("liaison.workspace.exports.review_file", {"document": document.pk, "fmt": fmt}, owner=request.user,
                                    title=title[:300], filename=filename, access="liaison.workspace.exports.can_see_review_file")
        return redirect("job", pk=job.pk)
    with translation.override(language):
        data = build(document, exports.review_rows(document, services.document_paragraphs(document)))
    return download(data, filename, content_type)


# --- follow-up actions ---------------------------------------------------------------------------
@login_required
def actions(request, slug):
    group = access.group_for(request.user, slug)
    moderator = access.is_moderator(request.user, group)
    form = ActionForm(request.POST or None, group=group) if moderator else None
    if request.method == "POST":
        if request.POST.get("action_id"):
            item = get_object_or_404(Action, pk=request.POST["action_id"], group=group)
            if not (moderator or item.owner.user_id == request.user.pk):
                raise PermissionDenied
            try:
                services.set_action_status(item, request.POST.get("status"))
            except services.Refused as refused:
                messages.error(request, str(refused))
            return redirect("workspace:actions", slug=slug)
        if not moderator:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.create_action(form.save(commit=False), group)
            except services.Refused as refused:
                form.add_error("owner", str(refused))
            else:
                return redirect("workspace:actions", slug=slug)
    rows = group.actions.select_related("owner", "meeting")
    return render(request, "workspace/actions.html", {"group": group, "rows": rows, "form": form, "moderator": moderator, "statuses": ActionStatus.choices})


# --- teleconferences -----------------------------------------------------------------------------
def _zone(user):
    try:
        return ZoneInfo(user.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@login_required
def teleconferences(request, slug):
    group = access.group_for(request.user, slug)
    form = None
    if access.is_moderator(request.user, group):
        form = TeleconferenceForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            call = services.schedule_call(form.save(commit=False), group)
            try:
                sent = services.invite_to_call(call)
                messages.success(request, ngettext("Scheduled; %(n)d member invited by e-mail.", "Scheduled; %(n)d members invited by e-mail.", sent) % {"n": sent})
            except OSError:
                messages.warning(request, _("Scheduled, but the invitations could not be e-mailed."))
            return redirect("workspace:teleconferences", slug=slug)
    zone = _zone(request.user)
    rows = [(call, call.starts_at.astimezone(zone)) for call in group.teleconferences.all()]
    return render(request, "workspace/teleconferences.html", {"group": group, "rows": rows, "form": form, "zone": zone.key})


@login_required
def teleconference_ics(request, slug, pk):
    group = access.group_for(request.user, slug)
    call = get_object_or_404(Teleconference, pk=pk, group=group)
    return download(exports.call_ics(call), f"teleconference-{call.pk}.ics", "text/calendar; charset=utf-8")

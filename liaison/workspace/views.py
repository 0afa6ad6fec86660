"""The workspace pages: discussions, consultations and notification choices (peer review, actions and
teleconferences are in followup_views.py). Every view starts with ``access.group_for`` (non-members get
404), parses the input and calls services.py for every change."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from liaison.core.downloads import download
from liaison.meetings.models import Distribution, MeetingDocument

from . import access, notify, services
from .forms import DiscussionForm, PollForm, PostEditForm, PostForm
from .models import ActionStatus, Attachment, Discussion, Mode, Poll, Post


def moderator_only(request, group):
    if not access.is_moderator(request.user, group):
        raise PermissionDenied(_("Only the Chair and the secretariat do this."))


@login_required
def home(request, slug):
    group = access.group_for(request.user, slug)
    return render(request, "workspace/home.html", {
        "group": group, "moderator": access.is_moderator(request.user, group),
        "may_open_discussion": access.may_open_discussion(request.user, group),
        "discussions": group.discussions.all(), "polls": group.polls.all()[:20],
        "documents": MeetingDocument.objects.filter(meeting__group=group, distribution__in=(Distribution.PUBLIC, Distribution.MEMBERS)).exclude(file="").select_related("meeting"),
        "actions": group.actions.filter(status=ActionStatus.OPEN).select_related("owner"),
        "teleconferences": group.teleconferences.filter(starts_at__gte=timezone.now() - timedelta(hours=3)),
    })


# --- discussions ---------------------------------------------------------------------------------
@login_required
def discussion_new(request, slug):
    group = access.group_for(request.user, slug)
    if not access.may_open_discussion(request.user, group):
        raise PermissionDenied(_("In this group the Chair and the secretariat open discussions."))
    form = DiscussionForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        discussion = services.open_discussion(form.save(commit=False), group, request.user)
        return redirect("workspace:discussion", slug=slug, pk=discussion.pk)
    return render(request, "core/manage/form.html", {"form": form, "title": _("Open a discussion")})


def _tree(posts):
    children = {}
    for post in posts:
        children.setdefault(post.parent_id, []).append(post)
    ordered = []

    def walk(parent, depth):
        for post in sorted(children.get(parent, []), key=lambda p: (not p.pinned, p.created)) if parent is None else children.get(parent, []):
            ordered.append((post, depth))
            walk(post.pk, depth + 1)

    walk(None, 0)
    return ordered


@login_required
def discussion(request, slug, pk):
    group = access.group_for(request.user, slug)
    item = get_object_or_404(Discussion, pk=pk, group=group)
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not item.is_open:
            messages.error(request, _("This discussion is closed."))
        elif form.is_valid():
            parent = get_object_or_404(Post, pk=request.POST["parent"], discussion=item) if request.POST.get("parent") else None
            try:
                post, notified = services.add_post(item, request.user, form.cleaned_data["body"], parent, form.cleaned_data.get("attachment"))
            except services.Refused as refused:
                messages.error(request, str(refused))
            else:
                if not notified:
                    messages.warning(request, _("Your post is saved, but the notification e-mails could not be sent."))
                return redirect(f"{request.path}#post-{post.pk}")
    posts = list(item.posts.select_related("author", "hidden_by").prefetch_related("attachments", "revisions"))
    return render(request, "workspace/discussion.html", {
        "group": group, "discussion": item, "tree": _tree(posts), "form": form,
        "moderator": access.is_moderator(request.user, group),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def post_edit(request, slug, pk, post_pk):
    group = access.group_for(request.user, slug)
    post = get_object_or_404(Post, pk=post_pk, discussion_id=pk, discussion__group=group)
    if not services.may_edit_post(post, request.user):
        raise PermissionDenied
    form = PostEditForm(request.POST)
    if form.is_valid():
        try:
            services.edit_post(post, form.cleaned_data["body"], form.cleaned_data.get("version"))
        except services.Stale as stale:  # edited meanwhile (another tab): the text typed here is kept
            post.refresh_from_db()
            kept = PostEditForm({"body": form.cleaned_data["body"], "version": post.version})
            kept.is_valid()
            kept.add_error(None, str(stale))
            return render(request, "core/manage/form.html", {"form": kept, "title": _("Edit your post")}, status=409)
        except services.Refused as refused:
            messages.error(request, str(refused))
    else:
        messages.error(request, " ".join(form.errors.get("body", [_("A post needs text.")])))
    return redirect(f"/groups/{slug}/workspace/discussions/{pk}/#post-{post.pk}")


@login_required
@require_POST
def moderate(request, slug, pk, action):
    group = access.group_for(request.user, slug)
    moderator_only(request, group)
    item = get_object_or_404(Discussion, pk=pk, group=group)
    reason = request.POST.get("reason", "")
    try:
        if action in services.POST_ACTIONS:
            post = get_object_or_404(Post, pk=request.POST.get("post"), discussion=item)
            services.moderate_post(post, action, request.user, reason)
        elif action == "close":
            services.close_discussion(item, reason)
        else:
            raise Http404
    except services.Refused as refused:
        messages.error(request, str(refused))
    return redirect("workspace:discussion", slug=slug, pk=pk)


@login_required
def attachment(request, slug, pk):
    group = access.group_for(request.user, slug)
    item = get_object_or_404(Attachment, pk=pk, post__discussion__group=group)
    if item.post.hidden and not access.is_moderator(request.user, group):
        raise Http404
    return download(item.file.open("rb"), item.original_name)


# --- consultations -------------------------------------------------------------------------------
@login_required
def poll_new(request, slug):
    group = access.group_for(request.user, slug)
    moderator_only(request, group)
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        poll = services.open_poll(form.save(commit=False), group, request.user, form.cleaned_data["options"])
        return redirect("workspace:poll", slug=slug, pk=poll.pk)
    return render(request, "core/manage/form.html", {"form": form, "title": _("Open a consultation")})


@login_required
def poll(request, slug, pk):
    group = access.group_for(request.user, slug)
    item = get_object_or_404(Poll, pk=pk, group=group)
    if request.method != "POST":
        return _poll_page(request, group, item)
    mine = item.votes.filter(user=request.user).first()
    answer = {"choice": request.POST.get("choice", "")[:200], "objection": request.POST.get("objection") == "1",
              "comment": request.POST.get("comment", "").replace("\x00", "")}
    version = request.POST.get("version", "")
    try:
        if request.POST.get("withdraw") and mine is not None:
            services.withdraw_vote(mine, int(version) if version.isdigit() else None)
            messages.success(request, _("Your answer is withdrawn."))
        elif version and mine is not None:  # a change to her answer, from the version she saw
            services.change_vote(mine, expected_version=int(version) if version.isdigit() else -1, **answer)
            messages.success(request, _("Your answer is changed."))
        else:
            services.vote(item, request.user, **answer)
            messages.success(request, _("Your answer is recorded."))
    except services.Refused as refused:
        messages.error(request, str(refused))
        if isinstance(refused, (services.AlreadyAnswered, services.Stale)):  # the answer saved first stands
            return _poll_page(request, group, item, status=409, typed=answer)
        return _poll_page(request, group, item, status=400, typed=answer)
    return redirect("workspace:poll", slug=slug, pk=pk)


TEXT_POSITIONS = (gettext_lazy("Agree"), gettext_lazy("Agree with changes"), gettext_lazy("Disagree"))


def _poll_page(request, group, item, status=200, typed=None):
    """``typed``: what the member sent and was refused, shown again in the form."""
    mine = item.votes.filter(user=request.user).first()
    return render(request, "workspace/poll.html", {
        "group": group, "poll": item, "mine": mine, "text_positions": TEXT_POSITIONS, "typed": typed or ({"choice": mine.choice, "comment": mine.comment} if mine else {}),
        "outcome": services.poll_outcome(item) if item.closed else None,
        "comments": item.votes.exclude(comment="").select_related("user") if item.closed else [],
    }, status=status)


# --- notifications -------------------------------------------------------------------------------
@login_required
def preferences(request, slug):
    group = access.group_for(request.user, slug)
    sub = notify.subscription(request.user, group)
    if request.method == "POST":
        if request.POST.get("mode") in Mode.values:
            services.set_notification_mode(sub, request.POST["mode"])
            messages.success(request, _("Saved: %(mode)s.") % {"mode": sub.get_mode_display()})
        zone = request.POST.get("time_zone", "").strip()
        if zone:
            try:
                services.set_time_zone(request.user, zone)
            except services.Refused as refused:
                messages.error(request, str(refused))
        return redirect("workspace:preferences", slug=slug)
    return render(request, "workspace/preferences.html", {"group": group, "subscription": sub, "modes": Mode.choices})


@csrf_exempt  # the signed single-use token in the address is the authorisation (RFC 8058 one-click POSTs carry no CSRF token)
def unsubscribe(request, token):
    """Works without login, once: a forged or reused link changes nothing. A mail client's one-click
    unsubscribe (RFC 8058: POST with ``List-Unsubscribe=One-Click``) is answered in plain text."""
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        try:
            notify.unsubscribe(token)
        except notify.LinkRefused as refused:
            return HttpResponse(str(refused), status=400, content_type="text/plain; charset=utf-8")
        return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
    try:
        if request.method == "POST":
            return render(request, "workspace/unsubscribe.html", {"done": notify.unsubscribe(token)})
        pending = notify.check(token)
    except notify.LinkRefused as refused:
        return render(request, "workspace/unsubscribe.html", {"error": str(refused)}, status=400)
    return render(request, "workspace/unsubscribe.html", {"pending": pending, "token": token})

"""The workspace pages. Every view starts with ``access.group_for``: non-members get 404."""

import io
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from liaison.core import spreadsheets
from liaison.core.extract import ExtractError, text_from_bytes
from liaison.core.forms import checked_upload
from liaison.core.models import Person
from liaison.groups.access import is_secretariat
from liaison.groups.models import Membership
from liaison.meetings.models import MeetingDocument

from . import access, notify, text
from .models import (
    Action, ActionStatus, Attachment, CommentStatus, Discussion, Mode, Poll, PollKind, Post, PostRevision,
    ReviewComment, Teleconference, Vote,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _moderator(request, group):
    if not access.is_moderator(request.user, group):
        raise PermissionDenied(_("Only the Chair and the secretariat do this."))


class PostForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("Your message (Markdown)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    attachment = forms.FileField(label=gettext_lazy("Attachment"), required=False)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if text.has_script(body):
            raise forms.ValidationError(_("Scripts are not allowed in posts. Remove the <script> or javascript: part."))
        return body

    def clean_attachment(self):
        return checked_upload(self.cleaned_data.get("attachment"))


class DiscussionForm(forms.ModelForm):
    class Meta:
        model = Discussion
        fields = ["title", "opening", "closes_on", "agenda_item", "document"]
        widgets = {"closes_on": DATE}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = self.fields["agenda_item"].queryset.filter(meeting__group=group)
        self.fields["document"].queryset = MeetingDocument.objects.filter(meeting__group=group)

    def clean_opening(self):
        if text.has_script(self.cleaned_data["opening"]):
            raise forms.ValidationError(_("Scripts are not allowed."))
        return self.cleaned_data["opening"]


@login_required
def home(request, slug):
    group = access.group_for(request.user, slug)
    return render(request, "workspace/home.html", {
        "group": group, "moderator": access.is_moderator(request.user, group),
        "discussions": group.discussions.all(), "polls": group.polls.all()[:20],
        "documents": MeetingDocument.objects.filter(meeting__group=group, distribution__in=("public", "members")).exclude(file="").select_related("meeting"),
        "actions": group.actions.filter(status=ActionStatus.OPEN).select_related("owner"),
        "teleconferences": group.teleconferences.filter(starts_at__gte=timezone.now() - timedelta(hours=3)),
    })


@login_required
def discussion_new(request, slug):
    group = access.group_for(request.user, slug)
    _moderator(request, group)
    form = DiscussionForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        discussion = form.save(commit=False)
        discussion.group, discussion.opened_by = group, request.user
        discussion.save()
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
    moderator = access.is_moderator(request.user, group)
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not item.is_open:
            messages.error(request, _("This discussion is closed."))
        elif form.is_valid():
            parent = None
            if request.POST.get("parent"):
                parent = get_object_or_404(Post, pk=request.POST["parent"], discussion=item)
            with transaction.atomic():
                post = Post.objects.create(discussion=item, parent=parent, author=request.user, body=form.cleaned_data["body"])
                upload = form.cleaned_data.get("attachment")
                if upload:
                    Attachment.objects.create(post=post, file=upload, original_name=upload.name[:255], size=upload.size)
            try:
                notify.on_post(post)
            except OSError:
                messages.warning(request, _("Your post is saved, but the notification e-mails could not be sent."))
            return redirect(f"{request.path}#post-{post.pk}")
    posts = list(item.posts.select_related("author", "hidden_by").prefetch_related("attachments", "revisions"))
    return render(request, "workspace/discussion.html", {
        "group": group, "discussion": item, "tree": _tree(posts), "form": form, "moderator": moderator,
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def post_edit(request, slug, pk, post_pk):
    group = access.group_for(request.user, slug)
    post = get_object_or_404(Post, pk=post_pk, discussion_id=pk, discussion__group=group)
    if post.author_id != request.user.pk or not post.discussion.is_open or post.hidden:
        raise PermissionDenied
    form = PostForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            PostRevision.objects.create(post=post, body=post.body)
            post.body, post.edited_at = form.cleaned_data["body"], timezone.now()
            post.save(update_fields=["body", "edited_at"])
    else:
        messages.error(request, " ".join(form.errors.get("body", [_("A post needs text.")])))
    return redirect(f"/groups/{slug}/workspace/discussions/{pk}/#post-{post.pk}")


@login_required
@require_POST
def moderate(request, slug, pk, action):
    group = access.group_for(request.user, slug)
    _moderator(request, group)
    item = get_object_or_404(Discussion, pk=pk, group=group)
    reason = request.POST.get("reason", "").strip()
    if action in ("pin", "unpin", "hide", "show"):
        post = get_object_or_404(Post, pk=request.POST.get("post"), discussion=item)
        if action == "hide" and not reason:
            messages.error(request, _("Give the reason for hiding the post; it is kept with the discussion."))
        elif action == "hide":
            post.hidden, post.hidden_reason, post.hidden_by = True, reason[:300], request.user
        elif action == "show":
            post.hidden = False
        else:
            post.pinned = action == "pin"
        post.save()
    elif action == "close":
        if not reason:
            messages.error(request, _("Write the summary of the discussion to close it."))
        else:
            item.summary, item.closed_at = reason, timezone.now()
            item.save(update_fields=["summary", "closed_at"])
    else:
        raise Http404
    return redirect("workspace:discussion", slug=slug, pk=pk)


@login_required
def attachment(request, slug, pk):
    group = access.group_for(request.user, slug)
    item = get_object_or_404(Attachment, pk=pk, post__discussion__group=group)
    if item.post.hidden and not access.is_moderator(request.user, group):
        raise Http404
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- consultations ------------------------------------------------------------------------------
class PollForm(forms.ModelForm):
    options_text = forms.CharField(label=gettext_lazy("Options, one per line (questions with options)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = Poll
        fields = ["kind", "question", "text", "deadline"]
        widgets = {"deadline": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def clean(self):
        cleaned = super().clean()
        options = [o.strip() for o in cleaned.get("options_text", "").splitlines() if o.strip()]
        if cleaned.get("kind") == PollKind.CHOICE and len(options) < 2:
            self.add_error("options_text", _("A question needs at least two options."))
        if cleaned.get("deadline") and cleaned["deadline"] <= timezone.now():
            self.add_error("deadline", _("The deadline must be in the future."))
        cleaned["options"] = options
        return cleaned


@login_required
def poll_new(request, slug):
    group = access.group_for(request.user, slug)
    _moderator(request, group)
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        poll = form.save(commit=False)
        poll.group, poll.created_by, poll.options = group, request.user, form.cleaned_data["options"]
        poll.save()
        return redirect("workspace:poll", slug=slug, pk=poll.pk)
    return render(request, "core/manage/form.html", {"form": form, "title": _("Open a consultation")})


def poll_outcome(poll):
    votes = list(poll.votes.all())
    if poll.kind == PollKind.SILENCE:
        objections = [v for v in votes if v.objection]
        return {"passed": not objections, "objections": len(objections)}
    counts = {option: 0 for option in poll.options} if poll.kind == PollKind.CHOICE else {}
    for vote in votes:
        counts[vote.choice] = counts.get(vote.choice, 0) + 1
    return {"counts": counts, "answers": len(votes)}


@login_required
def poll(request, slug, pk):
    group = access.group_for(request.user, slug)
    item = get_object_or_404(Poll, pk=pk, group=group)
    mine = item.votes.filter(user=request.user).first()
    if request.method == "POST":
        if item.closed:
            messages.error(request, _("The deadline has passed."))
        elif mine is not None:
            messages.error(request, _("You have already answered; one answer per member."))
        else:
            choice = request.POST.get("choice", "")
            objection = request.POST.get("objection") == "1"
            if item.kind == PollKind.CHOICE and choice not in item.options:
                messages.error(request, _("Choose one of the options."))
            elif item.kind == PollKind.SILENCE and not objection:
                messages.error(request, _("In a silence procedure only objections are recorded; silence means agreement."))
            else:
                Vote.objects.create(poll=item, user=request.user, choice=choice[:200], objection=objection, comment=request.POST.get("comment", "")[:5000])
                messages.success(request, _("Your answer is recorded."))
        return redirect("workspace:poll", slug=slug, pk=pk)
    return render(request, "workspace/poll.html", {
        "group": group, "poll": item, "mine": mine, "outcome": poll_outcome(item) if item.closed else None,
        "comments": item.votes.exclude(comment="").select_related("user") if item.closed else [],
    })


# --- peer review of documents -----------------------------------------------------------------
def document_paragraphs(document) -> list[str]:
    if not document.file:
        return []
    try:
        with document.file.open("rb") as handle:
            content = text_from_bytes(document.file.name, handle.read())
    except (ExtractError, OSError):
        return []
    return [line.strip() for line in content.splitlines() if line.strip()]


@login_required
def review(request, slug, pk):
    group = access.group_for(request.user, slug)
    document = get_object_or_404(MeetingDocument, pk=pk, meeting__group=group, distribution__in=("public", "members"))
    paragraphs = document_paragraphs(document)
    staff = is_secretariat(request.user)
    if request.method == "POST":
        if request.POST.get("comment_id"):
            if not staff:
                raise PermissionDenied
            comment = get_object_or_404(ReviewComment, pk=request.POST["comment_id"], document=document)
            comment.status = request.POST.get("status") if request.POST.get("status") in CommentStatus.values else comment.status
            comment.reply = request.POST.get("reply", "")[:5000]
            comment.save(update_fields=["status", "reply"])
        else:
            try:
                number = int(request.POST.get("paragraph", ""))
            except ValueError:
                number = 0
            body = request.POST.get("text", "").strip()
            if not 1 <= number <= len(paragraphs) or not body:
                messages.error(request, _("Choose a paragraph and write a comment."))
            else:
                ReviewComment.objects.create(document=document, paragraph=number, author=request.user, text=body[:10000])
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
    paragraphs = document_paragraphs(document)
    rows = [(c.paragraph, paragraphs[c.paragraph - 1] if c.paragraph <= len(paragraphs) else "", (c.author.get_full_name() or c.author.email) if c.author else "former member",
             c.text, c.get_status_display(), c.reply) for c in document.review_comments.select_related("author")]
    header = ["Paragraph", "Text of the paragraph", "Comment by", "Comment", "Secretariat", "Reply"]
    name = f"comments-{(document.symbol or document.title).replace('/', '-')[:80]}"
    if fmt == "xlsx":
        response = HttpResponse(spreadsheets.xlsx_bytes({"Comments": (header, rows)}), content_type=spreadsheets.XLSX_TYPE)
    elif fmt == "docx":
        from docx import Document

        out = Document()
        out.add_heading(f"Compilation of comments on {document.symbol or document.title}", level=1)
        table = out.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, header):
            cell.text = title
        for row in rows:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = str(value)
        buffer = io.BytesIO()
        out.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- follow-up actions and teleconferences ----------------------------------------------------
class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "owner", "due", "meeting", "discussion"]
        widgets = {"due": DATE}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(memberships__in=Membership.objects.current().filter(group=group)).distinct()
        self.fields["meeting"].queryset = group.meetings.all()
        self.fields["discussion"].queryset = group.discussions.all()


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
            if request.POST.get("status") in ActionStatus.values:
                item.status = request.POST["status"]
                item.save(update_fields=["status"])
            return redirect("workspace:actions", slug=slug)
        if not moderator:
            raise PermissionDenied
        if form.is_valid():
            created = form.save(commit=False)
            created.group = group
            created.save()
            return redirect("workspace:actions", slug=slug)
    rows = group.actions.select_related("owner", "meeting")
    return render(request, "workspace/actions.html", {"group": group, "rows": rows, "form": form, "moderator": moderator, "statuses": ActionStatus.choices})


class TeleconferenceForm(forms.ModelForm):
    class Meta:
        model = Teleconference
        fields = ["title", "starts_at", "minutes", "join_link", "notes"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        help_texts = {"starts_at": gettext_lazy("In UTC.")}


def _zone(user):
    try:
        return ZoneInfo(user.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@login_required
def teleconferences(request, slug):
    group = access.group_for(request.user, slug)
    moderator = access.is_moderator(request.user, group)
    form = None
    if moderator:
        form = TeleconferenceForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            call = form.save(commit=False)
            call.group = group
            call.starts_at = call.starts_at.replace(tzinfo=ZoneInfo("UTC"))
            call.save()
            try:
                sent = notify.invite_to_call(call, call_ics(call, method="REQUEST"))
                messages.success(request, _("Scheduled; %(n)d member(s) invited by e-mail.") % {"n": sent})
            except OSError:
                messages.warning(request, _("Scheduled, but the invitations could not be e-mailed."))
            return redirect("workspace:teleconferences", slug=slug)
    zone = _zone(request.user)
    rows = [(call, call.starts_at.astimezone(zone)) for call in group.teleconferences.all()]
    return render(request, "workspace/teleconferences.html", {"group": group, "rows": rows, "form": form, "zone": zone.key})


def call_ics(call, method="PUBLISH") -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Liaison//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"teleconference-{call.pk}@liaison")
    event.add("summary", call.title)
    event.add("dtstart", call.starts_at)
    event.add("dtend", call.starts_at + timedelta(minutes=call.minutes))
    event.add("dtstamp", timezone.now())
    event.add("location", call.join_link)
    event.add("url", call.join_link)
    event.add("description", f"{call.notes}\n{call.join_link}".strip())
    calendar.add_component(event)
    return calendar.to_ical()


@login_required
def teleconference_ics(request, slug, pk):
    group = access.group_for(request.user, slug)
    call = get_object_or_404(Teleconference, pk=pk, group=group)
    response = HttpResponse(call_ics(call), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="teleconference-{call.pk}.ics"'
    return response


# --- notifications ------------------------------------------------------------------------------
@login_required
def preferences(request, slug):
    group = access.group_for(request.user, slug)
    sub = notify.subscription(request.user, group)
    if request.method == "POST":
        if request.POST.get("mode") in Mode.values:
            sub.mode = request.POST["mode"]
            sub.save(update_fields=["mode"])
            messages.success(request, _("Saved: %(mode)s.") % {"mode": sub.get_mode_display()})
        zone = request.POST.get("time_zone", "").strip()
        if zone:
            try:
                ZoneInfo(zone)
                request.user.time_zone = zone
                request.user.save(update_fields=["time_zone"])
            except (ZoneInfoNotFoundError, ValueError):
                messages.error(request, _("“%(zone)s” is not a time zone (e.g. Africa/Nairobi).") % {"zone": zone})
        return redirect("workspace:preferences", slug=slug)
    return render(request, "workspace/preferences.html", {"group": group, "subscription": sub, "modes": Mode.choices})


def unsubscribe(request, token):
    """Works without login, once: a forged or reused link changes nothing."""
    try:
        if request.method == "POST":
            return render(request, "workspace/unsubscribe.html", {"done": notify.unsubscribe(token)})
        pending = notify.check(token)
    except notify.LinkRefused as refused:
        return render(request, "workspace/unsubscribe.html", {"error": str(refused)}, status=400)
    return render(request, "workspace/unsubscribe.html", {"pending": pending, "token": token})

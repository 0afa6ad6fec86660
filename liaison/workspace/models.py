"""A group's restricted workspace: e-discussions moderated by the Chair, consultations and silence
procedures, peer review of pre-session documents, follow-up actions, teleconferences, and each
member's choice of notifications."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.core.concurrency import Versioned
from liaison.core.models import Person
from liaison.groups.models import Group
from liaison.meetings.models import AgendaItem, Meeting, MeetingDocument

User = settings.AUTH_USER_MODEL


class Discussion(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="discussions")
    title = models.CharField(_("topic"), max_length=250)
    opening = models.TextField(_("opening text"), help_text=_("Markdown."))
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    document = models.ForeignKey(MeetingDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    opened_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    closes_on = models.DateField(_("closing date"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("summary by the Chair"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and (self.closes_on is None or self.closes_on >= timezone.localdate())


class Post(Versioned):
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("text"), help_text=_("Markdown."))
    pinned = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    hidden_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]


class PostRevision(models.Model):
    """The text a post had before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]


def attachment_path(instance, filename):
    import uuid
    from pathlib import PurePath

    return f"workspace/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()


class PollKind(models.TextChoices):
    CHOICE = "choice", _("Question with options")
    TEXT = "text", _("Consultation on a draft text")
    SILENCE = "silence", _("No-objection (silence) procedure")


class Poll(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="polls")
    kind = models.CharField(max_length=10, choices=PollKind.choices, default=PollKind.CHOICE)
    question = models.CharField(_("question or proposal"), max_length=300)
    text = models.TextField(_("draft text"), blank=True)
    options = models.JSONField(default=list, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]

    def __str__(self):
        return self.question

    @property
    def closed(self) -> bool:
        return timezone.now() >= self.deadline


class Vote(Versioned):
    """A member's answer; she sees it and may change or withdraw it until the deadline (versioned, so
    a change from a stale page is refused rather than overwriting one made meanwhile)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=200, blank=True)
    objection = models.BooleanField(default=False)
    comment = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    changed = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="one_answer_per_member")]


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Not yet considered")
    TAKEN = "taken", _("Taken into account")
    NOT_TAKEN = "not_taken", _("Not taken into account")


class ReviewComment(Versioned):
    """A member's comment on one paragraph of a pre-session document, and the secretariat's answer."""

    document = models.ForeignKey(MeetingDocument, on_delete=models.CASCADE, related_name="review_comments")
    paragraph = models.PositiveIntegerField()
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    status = models.CharField(max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    reply = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paragraph", "created"]


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up action status", "Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Action(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    discussion = models.ForeignKey(Discussion, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="actions")
    due = models.DateField(_("due date"))
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    last_reminded = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self):
        return self.title

    @property
    def overdue(self) -> bool:
        return self.status == ActionStatus.OPEN and self.due < timezone.localdate()


class Teleconference(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="teleconferences")
    title = models.CharField(max_length=250)
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90)
    join_link = models.URLField(_("join link"))
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("An e-mail for each new post")
    DIGEST = "digest", _("A daily digest")
    NONE = "none", _("No e-mail")


def new_nonce():
    return secrets.token_hex(8)


class Subscription(models.Model):
    """A member's choice of notifications for one group; the nonce makes unsubscribe links single-use."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="subscriptions")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="subscriptions")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.DIGEST)
    nonce = models.CharField(max_length=32, default=new_nonce)
    last_digest_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="one_subscription_per_group")]

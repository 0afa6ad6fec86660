"""Every change in the workspace goes through these functions: discussions and posts, moderation,
consultations and their answers, peer-review comments, follow-up actions, teleconferences and the
members' notification choices. Who may act is the views' question (access.py); what may be done,
and the change itself, are answered here. A refused change raises ``Refused`` with the reason."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.concurrency import VersionConflict
from liaison.core.extract import ExtractError, text_from_bytes
from liaison.core.paragraphs import paragraphs

from . import exports, notify
from .models import ActionStatus, Attachment, CommentStatus, Mode, PollKind, Post, PostRevision, ReviewComment, Vote


class Refused(Exception):
    """The change is not made; the message says why."""


class AlreadyAnswered(Refused):
    """The member's answer to a consultation is recorded already (perhaps a moment ago, from another tab)."""


# --- discussions ---------------------------------------------------------------------------------
def open_discussion(discussion, group, opened_by):
    """Save a new discussion (from DiscussionForm, unsaved) in ``group``."""
    discussion.group, discussion.opened_by = group, opened_by
    discussion.save()
    return discussion


def add_post(discussion, author, body, parent=None, upload=None) -> tuple[Post, bool]:
    """A post (a reply when ``parent`` is given) with its attachment; then the immediate e-mails.
    Returns the post and whether the e-mails went out (the post is kept either way)."""
    if not discussion.is_open:
        raise Refused(_("This discussion is closed."))
    if parent is not None and parent.discussion_id != discussion.pk:
        raise Refused(_("That post belongs to another discussion."))
    with transaction.atomic():
        post = Post.objects.create(discussion=discussion, parent=parent, author=author, body=body)
        if upload:
            Attachment.objects.create(post=post, file=upload, original_name=upload.name[:255], size=upload.size)
    try:
        notify.on_post(post)
    except OSError:
        return post, False
    return post, True


def may_edit_post(post, user) -> bool:
    return post.author_id == user.pk and post.discussion.is_open and not post.hidden


class Stale(Refused):
    """The record changed since the form was opened (optimistic versioning, core/concurrency.py)."""


def _stale():
    return Stale(_("Someone else saved this meanwhile; your text was not saved. Compare, then save again."))


@transaction.atomic
def edit_post(post, body, expected_version=None) -> Post:
    """Change a post's text, keeping the text it had as a revision; refused (Stale) if the post
    changed since the edit began (another tab), so no edit overwrites another."""
    if not post.discussion.is_open or post.hidden:
        raise Refused(_("This post can no longer be edited."))
    try:
        with transaction.atomic():
            PostRevision.objects.create(post=post, body=post.body)
            post.body, post.edited_at = body, timezone.now()
            post.save_versioned(expected_version=expected_version)
    except VersionConflict:
        raise _stale() from None
    return post


POST_ACTIONS = ("pin", "unpin", "hide", "show")


def moderate_post(post, action, moderator, reason="") -> Post:
    """Pin, unpin, hide (with the reason, kept with the discussion) or show a post again."""
    reason = reason.strip()
    if action == "hide":
        if not reason:
            raise Refused(_("Give the reason for hiding the post; it is kept with the discussion."))
        post.hidden, post.hidden_reason, post.hidden_by = True, reason[:300], moderator
    elif action == "show":
        post.hidden = False
    elif action in ("pin", "unpin"):
        post.pinned = action == "pin"
    else:
        raise Refused(_("Unknown moderation."))
    post.save()
    return post


def close_discussion(discussion, summary):
    """Close a discussion with its summary."""
    summary = summary.strip()
    if not summary:
        raise Refused(_("Write the summary of the discussion to close it."))
    discussion.summary, discussion.closed_at = summary, timezone.now()
    discussion.save(update_fields=["summary", "closed_at"])
    return discussion


# --- consultations -------------------------------------------------------------------------------
def open_poll(poll, group, created_by, options):
    """Save a new consultation (from PollForm, unsaved) with its options."""
    poll.group, poll.created_by, poll.options = group, created_by, list(options)
    poll.save()
    return poll


def _check_answer(poll, choice, objection):
    if poll.closed:
        raise Refused(_("The deadline has passed."))
    if poll.kind == PollKind.CHOICE and choice not in poll.options:
        raise Refused(_("Choose one of the options."))
    if poll.kind == PollKind.SILENCE and not objection:
        raise Refused(_("In a silence procedure only objections are recorded; silence means agreement."))


def vote(poll, user, choice="", objection=False, comment="") -> Vote:
    """One answer per member before the deadline: an option of a question, or an objection in a
    silence procedure (where silence means agreement). A member changes it with ``change_vote``."""
    _check_answer(poll, choice, objection)
    if poll.votes.filter(user=user).exists():
        raise AlreadyAnswered(_("You have already answered; one answer per member. Change your answer below."))
    return record_vote(poll, user, choice, objection, comment)


def change_vote(answer, choice="", objection=False, comment="", expected_version=None) -> Vote:
    """The member changes her answer before the deadline; refused (Stale) if it changed since her
    page was opened (another tab), so that no change silently overwrites another."""
    _check_answer(answer.poll, choice, objection)
    answer.choice, answer.objection, answer.comment = choice[:200], objection, comment[:5000]
    answer.changed = timezone.now()
    try:
        answer.save_versioned(expected_version=expected_version)
    except VersionConflict:
        raise Stale(_("Your answer was changed meanwhile (another tab?); this change was not saved. Compare, then save again.")) from None
    return answer


def withdraw_vote(answer, expected_version=None) -> None:
    """The member withdraws her answer (in a silence procedure: her objection) before the deadline."""
    if answer.poll.closed:
        raise Refused(_("The deadline has passed."))
    expected = answer.version if expected_version is None else expected_version
    if not Vote.objects.filter(pk=answer.pk, version=expected).delete()[0]:
        raise Stale(_("Your answer was changed meanwhile (another tab?); it was not withdrawn. Look at it again."))


def record_vote(poll, user, choice, objection, comment) -> Vote:
    """Insert the answer. The unique constraint (poll, user) is the judge: of two answers sent at
    the same moment (two tabs, a double click) one is recorded, the other refused with a message
    instead of an IntegrityError (a 500)."""
    try:
        with transaction.atomic():  # a savepoint: the failed insert leaves the request's transaction usable
            return Vote.objects.create(poll=poll, user=user, choice=choice[:200], objection=objection, comment=comment[:5000])
    except IntegrityError:
        raise AlreadyAnswered(_("You have already answered; one answer per member.")) from None


def poll_outcome(poll) -> dict:
    """A silence procedure passes without objection; a question counts the answers per option."""
    votes = list(poll.votes.all())
    if poll.kind == PollKind.SILENCE:
        objections = [v for v in votes if v.objection]
        return {"passed": not objections, "objections": len(objections)}
    counts = {option: 0 for option in poll.options} if poll.kind == PollKind.CHOICE else {}
    for answer in votes:
        counts[answer.choice] = counts.get(answer.choice, 0) + 1
    return {"counts": counts, "answers": len(votes)}


# --- peer review ---------------------------------------------------------------------------------
def document_paragraphs(document) -> list[str]:
    """The document's paragraphs (what comments refer to by number): a PDF's wrapped lines are
    joined back into paragraphs; text and Word documents have one paragraph per line."""
    if not document.file:
        return []
    try:
        with document.file.open("rb") as handle:
            pdf = document.file.name.lower().endswith(".pdf")
            content = text_from_bytes(document.file.name, handle.read(), layout=pdf)
    except (ExtractError, OSError):
        return []
    return paragraphs(content, wrapped=pdf)


def comment(document, author, paragraph, text, paragraph_count) -> ReviewComment:
    """A member's comment on paragraph ``paragraph`` (1 … ``paragraph_count``) of a document."""
    text = (text or "").strip()
    if not isinstance(paragraph, int) or not 1 <= paragraph <= paragraph_count or not text:
        raise Refused(_("Choose a paragraph and write a comment."))
    return ReviewComment.objects.create(document=document, paragraph=paragraph, author=author, text=text[:10000])


def answer_comment(review_comment, status, reply, expected_version=None) -> ReviewComment:
    """The secretariat's decision on a comment (an unknown status leaves it as it was) and its reply;
    refused (Stale) if another member of the secretariat answered it since the page was opened."""
    if status in CommentStatus.values:
        review_comment.status = status
    review_comment.reply = (reply or "")[:5000]
    try:
        review_comment.save_versioned(expected_version=expected_version)
    except VersionConflict:
        raise _stale() from None
    return review_comment


# --- follow-up actions ---------------------------------------------------------------------------
def create_action(action, group):
    """Save a new follow-up action (from ActionForm, unsaved) of ``group``. Its owner must be a
    current member (observers and former members cannot see members-only actions)."""
    from liaison.groups.models import Membership

    if not Membership.objects.members().filter(group=group, person=action.owner_id).exists():
        raise Refused(_("The owner of an action must be a current member of the group."))
    action.group = group
    action.save()
    return action


def set_action_status(action, status):
    if status not in ActionStatus.values:
        raise Refused(_("Choose one of the statuses."))
    action.status = status
    action.save(update_fields=["status"])
    return action


# --- teleconferences -----------------------------------------------------------------------------
def schedule_call(call, group):
    """Save a teleconference (its start given in UTC) of ``group``."""
    call.group = group
    call.starts_at = call.starts_at.replace(tzinfo=ZoneInfo("UTC"))
    call.save()
    return call


def invite_to_call(call) -> int:
    """E-mail the iCalendar invitation to the members; raises OSError when the mail server fails."""
    return notify.invite_to_call(call, exports.call_ics(call, method="REQUEST"))


# --- notification choices ------------------------------------------------------------------------
def set_notification_mode(subscription, mode):
    if mode not in Mode.values:
        raise Refused(_("Choose how to be notified."))
    subscription.mode = mode
    subscription.save(update_fields=["mode"])
    return subscription


def set_time_zone(user, zone):
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refused(_("“%(zone)s” is not a time zone (e.g. Africa/Nairobi).") % {"zone": zone}) from None
    user.time_zone = zone
    user.save(update_fields=["time_zone"])
    return user

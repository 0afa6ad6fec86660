"""Review of a draft report by the meeting's participants.

Sending the draft for review (``send``) sets the deadline for comments and e-mails every current
participant (``access.reviewers``) a link to the review page. The link is signed, not stored: it
carries the report and the participation, so it opens the page without an account and stops
working when the person is no longer a participant or the report is no longer under review.
Participants comment paragraph by paragraph until the end of the deadline's day, and may change a
comment the secretariat has not answered; the secretariat answers each comment (taken into account
or not, with a reply the commenter sees). Who may see what is access.py's; this module changes."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext

from liaison.core import mail
from liaison.core.concurrency import VersionConflict
from liaison.meetings.models import Participant

from . import access, services
from .models import CommentStatus, ReportComment, ReportStatus

SALT = "liaison.report-review"
MAX_COMMENT = 10_000


class Refused(Exception):
    """The change is not made; the message says why."""


class Stale(Refused):
    """Someone changed the comment since the form was opened."""


# --- links ---------------------------------------------------------------------------------------
def token(report, participant) -> str:
    return signing.dumps({"r": report.pk, "p": participant.pk}, salt=SALT, compress=True)


def link(report, participant) -> str:
    return f"{settings.SITE_URL}/report-review/{token(report, participant)}/"


def from_token(value: str):
    """(report, participant) for a link that still grants the review, else None."""
    from .models import Report

    try:
        data = signing.loads(value, salt=SALT)
        report = Report.objects.select_related("meeting__group", "meeting__country").get(pk=data["r"])
        participant = access.reviewers(report.meeting).select_related("person").get(pk=data["p"])
    except (signing.BadSignature, Report.DoesNotExist, Participant.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if report.status != ReportStatus.REVIEW:
        return None
    return report, participant


# --- sending for review --------------------------------------------------------------------------
def default_deadline():
    return timezone.localdate() + timedelta(days=14)


def is_open(report) -> bool:
    """Comments are taken while the report is under review, until the end of the deadline's day."""
    return report.status == ReportStatus.REVIEW and (
        report.review_deadline is None or timezone.localdate() <= report.review_deadline
    )


@transaction.atomic
def send(report, expected_version, deadline) -> dict:
    """Send the draft for review until ``deadline`` and e-mail each current participant their link.
    Returns {"sent": [people], "without_email": [people]}. The e-mails go through the outbox, in the
    same transaction as the change of state: both happen or neither."""
    if deadline is None or deadline < timezone.localdate():
        raise services.TransitionRefused(_("Give a deadline for comments, today or later."))
    if not report.paragraphs.exists():
        raise services.TransitionRefused(_("A report with no paragraphs cannot be sent for review."))
    services.send_for_review(report, expected_version, deadline=deadline)
    meeting = report.meeting
    sent, without = [], []
    for participant in access.reviewers(meeting).select_related("person", "person__user"):
        person = participant.person
        if not person.email:
            without.append(person)
            continue
        mail.send("reports/email/review", {
            "person": person, "meeting": meeting, "report": report, "link": link(report, participant),
            "deadline": deadline,
        }, [person.email], language=person.correspondence_language)
        sent.append(person)
    return {"sent": sent, "without_email": without}


# --- comments ------------------------------------------------------------------------------------
def _checked_text(text) -> str:
    text = (text or "").strip()
    if not text:
        raise Refused(_("Write a comment."))
    if "\x00" in text:
        raise Refused(_("The comment contains a NUL character, which cannot be stored."))
    if len(text) > MAX_COMMENT:
        raise Refused(ngettext("A comment has at most %(n)d character.", "A comment has at most %(n)d characters.", MAX_COMMENT) % {"n": MAX_COMMENT})
    return text


def comment(report, participant, paragraph, text) -> ReportComment:
    """A participant's comment on one paragraph of the report under review."""
    if not is_open(report):
        raise Refused(_("Comments on this draft are closed."))
    if participant.meeting_id != report.meeting_id:
        raise Refused(_("Only the meeting's participants comment on its report."))
    if paragraph is None or paragraph.report_id != report.pk:
        raise Refused(_("Choose a paragraph of this report."))
    return ReportComment.objects.create(
        report=report, paragraph=paragraph, quoted=paragraph.text, revision=report.revision,
        author=participant.person, text=_checked_text(text),
    )


def edit_comment(review_comment, participant, text, expected_version) -> ReportComment:
    """The author changes a comment not yet answered, while comments are open."""
    if review_comment.author_id != participant.person_id:
        raise Refused(_("Only its author changes a comment."))
    if not is_open(review_comment.report):
        raise Refused(_("Comments on this draft are closed."))
    if review_comment.status != CommentStatus.PENDING or review_comment.reply:
        raise Refused(_("The secretariat has answered this comment; it can no longer be changed."))
    review_comment.text, review_comment.edited_at = _checked_text(text), timezone.now()
    try:
        review_comment.save_versioned(expected_version=expected_version)
    except VersionConflict:
        raise Stale(_("This comment was changed meanwhile (another tab?); your text was not saved.")) from None
    return review_comment


@transaction.atomic
def answer(review_comment, status, reply, expected_version) -> ReportComment:
    """The secretariat's decision on a comment and its reply, which the commenter sees, and an e-mail
    to the commenter alone with the answer and their review link (``notify_answer``). The e-mail goes
    through the outbox in the same transaction as the answer: both happen or neither."""
    if status not in CommentStatus.values:
        raise Refused(_("Choose what became of the comment."))
    reply = (reply or "").strip()
    if "\x00" in reply or len(reply) > 5000:
        raise Refused(_("The reply has a NUL character or is longer than 5,000 characters."))
    changed = (status, reply) != (review_comment.status, review_comment.reply)
    review_comment.status, review_comment.reply, review_comment.replied_at = status, reply, timezone.now()
    try:
        review_comment.save_versioned(expected_version=expected_version)
    except VersionConflict:
        raise Stale(_("Someone else answered this comment meanwhile; your answer was not saved.")) from None
    if changed:
        notify_answer(review_comment)
    return review_comment


def notify_answer(review_comment) -> bool:
    """E-mail the secretariat's answer to the comment's author, with their signed review link, if
    they are still a participant of the meeting (``access.reviewers``) and have an address. Nobody
    else is written to. Returns whether an e-mail went."""
    report = review_comment.report
    participant = access.reviewers(report.meeting).filter(person_id=review_comment.author_id).select_related("person").first()
    if participant is None or not participant.person.email:
        return False
    mail.send("reports/email/answer", {
        "person": participant.person, "meeting": report.meeting, "report": report, "comment": review_comment,
        "number": _paragraph_number(review_comment), "decision": review_comment.get_status_display(),
        "link": link(report, participant) if report.status == ReportStatus.REVIEW else "",
    }, [participant.person.email], language=participant.person.correspondence_language)
    return True


def _paragraph_number(review_comment):
    """The paragraph's number as the report shows it now, or None (a deleted paragraph)."""
    if review_comment.paragraph_id is None:
        return None
    for _item, rows in services.sections(review_comment.report):
        for number, paragraph in rows:
            if paragraph.pk == review_comment.paragraph_id:
                return number
    return None


# --- reading -------------------------------------------------------------------------------------
def comments_for(report, person=None):
    """Comments of the current revision, a participant's own only when ``person`` is given."""
    rows = report.comments.filter(revision=report.revision).select_related("author")
    return rows.filter(author=person) if person is not None else rows


def by_paragraph(comments) -> dict:
    grouped = {}
    for c in comments:
        grouped.setdefault(c.paragraph_id, []).append(c)
    return grouped

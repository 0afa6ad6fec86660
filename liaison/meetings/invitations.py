"""Invitations: sent by e-mail through the configured SMTP server, answered without logging in.

A link is ``/invitations/<token>/`` where the token is the invitation's id and nonce signed with
the secret key, so it is bound to one invitee. A forged token fails the signature; a revoked one
(new nonce) finds nothing. The link shows the current answer and a form to change it until the reply
deadline (``expires_at``); after it, every answer is refused and the last one stands. Nothing is
ever recorded on GET (mail scanners follow links). The same link can be sent again in reminders.
"""

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from liaison.core.dates import day_month_year

from .models import Invitation, InvitationStatus, Participant

SALT = "liaison.invitation"


class InvitationError(Exception):
    """Why an invitation link cannot be used; the message is shown to the invitee."""


class NotValid(InvitationError):
    pass


class Expired(InvitationError):
    pass


class AnswerRefused(InvitationError):
    """The answer cannot be changed (the invitee was checked in or elected)."""


def token(invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=True)


def link(invitation) -> str:
    return f"{settings.SITE_URL}/invitations/{token(invitation)}/"


def from_token(value: str) -> Invitation:
    try:
        data = signing.loads(value, salt=SALT)
        invitation = Invitation.objects.select_related("meeting__group", "meeting__country", "person").get(
            pk=data["i"], nonce=data["n"]
        )
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError, ValueError):
        raise NotValid("This invitation link is not valid. Use the link in the e-mail you received, or ask the secretariat.") from None
    return invitation


def default_expiry(meeting):
    """Answers are taken until the end of the meeting's first day."""
    return timezone.make_aware(datetime.combine(meeting.start_date, time(23, 59)))


def _send(invitation, template, subject):
    meeting = invitation.meeting
    context = {"invitation": invitation, "meeting": meeting, "link": link(invitation), "site_name": settings.SITE_NAME}
    message = EmailMessage(
        subject=subject, body=render_to_string(template, context), to=[invitation.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    message.send()


def invite(meeting, person, expires_at=None) -> Invitation:
    if not person.email:
        raise InvitationError(f"{person} has no e-mail address.")
    with transaction.atomic():
        invitation, created = Invitation.objects.get_or_create(
            meeting=meeting, person=person,
            defaults={"email": person.email, "nonce": secrets.token_hex(8), "expires_at": expires_at or default_expiry(meeting)},
        )
    if not created:
        raise InvitationError(f"{person} is already invited.")
    _send(invitation, "meetings/email/invitation.txt", f"Invitation: {meeting.title}")
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return invitation


def invite_all(meeting, people) -> tuple[int, list[str]]:
    """Invite each person; returns how many were sent and, for the others, why not. A mail server
    that refuses or is down is reported per person, never raised."""
    sent, problems = 0, []
    for person in people:
        try:
            invite(meeting, person)
            sent += 1
        except InvitationError as error:
            problems.append(str(error))
        except OSError as error:
            problems.append(f"Could not send to {person}: {error}")
    return sent, problems


def remind(meeting, now=None, among=None) -> int:
    """Remind everyone who has not answered an invitation that is still open (or only ``among``)."""
    now = now or timezone.now()
    count = 0
    pending = (among if among is not None else meeting.invitations.all()).filter(
        meeting=meeting, status=InvitationStatus.INVITED, expires_at__gt=now
    )
    for invitation in pending.select_related("person", "meeting"):
        _send(invitation, "meetings/email/reminder.txt", f"Reminder: {meeting.title}")
        invitation.reminders_sent += 1
        invitation.last_reminder_at = now
        invitation.save(update_fields=["reminders_sent", "last_reminder_at"])
        count += 1
    return count


def due_for_reminder(now=None, every=timedelta(days=7)):
    """Open invitations whose last e-mail is older than ``every`` (for the reminders command)."""
    from django.db.models import Q

    now = now or timezone.now()
    return Invitation.objects.filter(status=InvitationStatus.INVITED, expires_at__gt=now).filter(
        Q(last_reminder_at__lt=now - every) | Q(last_reminder_at__isnull=True, sent_at__lt=now - every)
    )


def deadline_passed(invitation, now=None) -> bool:
    return (now or timezone.now()) > invitation.expires_at


def _day(moment) -> str:
    return day_month_year(timezone.localtime(moment))


@transaction.atomic
def answer(invitation, accept: bool, reason: str = "", now=None) -> Invitation:
    """Record (or change) the invitee's answer until the reply deadline. Accepting registers a
    participant (not yet attending); declining, with an optional reason shown to the secretariat,
    removes that registration again unless the invitee was checked in or holds an office."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().select_related("meeting", "person").get(pk=invitation.pk)
    if deadline_passed(invitation, now):
        if invitation.status == InvitationStatus.INVITED:
            raise Expired(f"This invitation has expired: answers were due by {_day(invitation.expires_at)}. "
                          "Please contact the secretariat.")
        raise Expired(f"The reply deadline ({_day(invitation.expires_at)}) has passed, so your answer "
                      f"({invitation.get_status_display().lower()}) can no longer be changed. Please contact the secretariat.")
    reason = (reason or "").replace("\x00", "").strip()[:2000]
    registered = Participant.objects.filter(meeting=invitation.meeting, person=invitation.person).first()
    if accept:
        if registered is None:
            Participant.objects.create(meeting=invitation.meeting, person=invitation.person, attended=False)
    elif registered is not None:
        if registered.attended or registered.office:
            raise AnswerRefused("You are already registered as present at the meeting; "
                                "please tell the secretariat if you cannot take part.")
        registered.delete()
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.decline_reason = "" if accept else reason
    invitation.responded_at = now
    invitation.save(update_fields=["status", "decline_reason", "responded_at"])
    return invitation


def letter_pdf(invitation) -> bytes:
    from weasyprint import HTML

    html = render_to_string("meetings/letter.html", {"invitation": invitation, "meeting": invitation.meeting, "today": timezone.localdate()})
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()

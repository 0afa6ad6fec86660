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
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core import languages, mail
from liaison.core.dates import day_month_year, held_phrase

from .models import Invitation, InvitationStatus, Mode, Participant

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


def path(invitation) -> str:
    """The invitation's address on this site, relative (for pages, which work at whatever address
    the site is reached)."""
    from django.urls import reverse

    return reverse("invitation", kwargs={"token": token(invitation)})


def link(invitation) -> str:
    """The absolute link, for e-mails and letters (``SITE_URL``)."""
    return f"{settings.SITE_URL}{path(invitation)}"


def from_token(value: str) -> Invitation:
    try:
        data = signing.loads(value, salt=SALT)
        invitation = Invitation.objects.select_related("meeting__group", "meeting__country", "person").get(
            pk=data["i"], nonce=data["n"]
        )
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError, ValueError):
        raise NotValid(_("This invitation link is not valid. Use the link in the e-mail you received, or ask the secretariat.")) from None
    return invitation


def default_expiry(meeting):
    """Answers are taken until the end of the meeting's first day."""
    return timezone.make_aware(datetime.combine(meeting.start_date, time(23, 59)))


MESSAGE_LIMIT = 5000
PREVIEW_LINK = gettext_lazy("(each invitee's own link, made when the invitation is sent)")


def default_message(meeting) -> str:
    """The standard text of the invitation, which the secretariat may edit before sending, in the
    active language (each invitee gets it in their own language unless the secretariat edited it)."""
    language = translation.get_language()
    values = {"title": meeting.local_title, "when": held_phrase(meeting.start_date, meeting.end_date, language)}
    if meeting.mode == Mode.ONLINE:
        # Translators: %(when)s is "from 15 to 16 March 2012" in English, the dates alone ("15–16 mars 2012") in other languages.
        return _("On behalf of the Executive Secretary, you are invited to participate in the %(title)s, "
                 "to be held online %(when)s.") % values
    place = ", ".join(part for part in (meeting.city, meeting.country.local_name if meeting.country_id else "") if part)
    if place:
        # Translators: %(when)s is "from 15 to 16 March 2012" in English, the dates alone ("15–16 mars 2012") in other languages.
        return _("On behalf of the Executive Secretary, you are invited to participate in the %(title)s, "
                 "to be held in %(place)s %(when)s.") % {**values, "place": place}
    # Translators: %(when)s is "from 15 to 16 March 2012" in English, the dates alone ("15–16 mars 2012") in other languages.
    return _("On behalf of the Executive Secretary, you are invited to participate in the %(title)s, "
             "to be held %(when)s.") % values


def message_for(meeting) -> str:
    return meeting.invitation_message or default_message(meeting)


def _context(invitation, message=None, link_text=None) -> dict:
    """What the invitation and the reminder e-mails show: the message (the meeting's, or ``message``
    for a preview) between the greeting and the fixed part (when, where, the personal link, the reply
    deadline)."""
    meeting = invitation.meeting
    context = {
        "invitation": invitation, "meeting": meeting, "link": link_text or link(invitation), "site_name": settings.SITE_NAME,
        "message": message_for(meeting) if message is None else message,
        "your_zone": _recipient_zone(invitation),
        "MeetingMode": Mode,  # rendered without a request, so without the enums' context processor
    }
    if context["your_zone"]:
        context["your_time"] = meeting.when(context["your_zone"])
    return context


def compose(invitation, name="meetings/email/invitation", message=None, link_text=None, language=None) -> tuple[str, str]:
    """(subject, body) of the e-mail ``name`` (the invitation or the reminder) as the invitee reads
    it: in the invitee's language (``language`` when given)."""
    language = language or invitation.person.correspondence_language
    with translation.override(language):
        context = _context(invitation, message, link_text)
    return mail.render(name, context, language)


def render(invitation, name="meetings/email/invitation", message=None, link_text=None) -> str:
    """The body of the e-mail ``name`` as the invitee reads it."""
    return compose(invitation, name, message, link_text)[1]


def _recipient_zone(invitation) -> str:
    """The invitee's own time zone when their account sets one (not the default UTC) and it differs
    from the venue's; '' otherwise (the e-mail then gives the venue's time and UTC only)."""
    from . import times

    user = invitation.person.user if invitation.person.user_id else None
    name = getattr(user, "time_zone", "") or ""
    meeting = invitation.meeting
    if meeting.all_day or name in ("", "UTC", meeting.time_zone) or times.zone(name) is None:
        return ""
    return name


def preview(meeting, person, message=None) -> tuple[str, str]:
    """(subject, body) of the invitation ``person`` would receive, with ``message`` if given;
    nothing is saved or sent."""
    unsent = Invitation(meeting=meeting, person=person, email=person.email, expires_at=default_expiry(meeting))
    return compose(unsent, message=message, link_text=_(PREVIEW_LINK))


def clean_message(text) -> str:
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").strip()
    if len(text) > MESSAGE_LIMIT:
        raise InvitationError(_("The message is too long (%(length)d characters; at most %(max)d).") % {"length": len(text), "max": MESSAGE_LIMIT})
    return text


def set_message(meeting, text, expected_version) -> None:
    """Keep the edited message for every invitation of the meeting (and later ones). The meeting is
    versioned: a message edited from a stale page raises VersionConflict and changes nothing."""
    text = clean_message(text)
    if text == default_message(meeting):
        text = ""
    if text == meeting.invitation_message:
        return
    fresh = type(meeting).objects.get(pk=meeting.pk)
    fresh.invitation_message = text
    fresh.save_versioned(expected_version)
    meeting.invitation_message, meeting.version = text, fresh.version


def send(meeting, people, message, expected_version, by=None, origin="") -> tuple[int, list[str]]:
    """The secretariat's send: the message as previewed (saved, versioned) and then an invitation to
    each person with it. The apps above hear who was invited now (signals.invited, with ``origin``)."""
    from .signals import invited

    set_message(meeting, message, expected_version)
    reached, problems = _invite_each(meeting, people)
    if reached:
        invited.send(sender=type(meeting), meeting=meeting, people=reached, by=by, origin=origin or "")
    return len(reached), problems


def _send(invitation, name):
    language = invitation.person.correspondence_language
    with translation.override(language):
        context = _context(invitation)
    mail.send(name, context, [invitation.email], language=language)


def invite(meeting, person, expires_at=None) -> Invitation:
    if not person.email:
        raise InvitationError(_("%(person)s has no e-mail address.") % {"person": person})
    with transaction.atomic():
        invitation, created = Invitation.objects.get_or_create(
            meeting=meeting, person=person,
            defaults={"email": person.email, "nonce": secrets.token_hex(8), "expires_at": expires_at or default_expiry(meeting)},
        )
    if not created:
        raise InvitationError(_("%(person)s is already invited.") % {"person": person})
    _send(invitation, "meetings/email/invitation")
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return invitation


def invite_all(meeting, people) -> tuple[int, list[str]]:
    """Invite each person; returns how many were sent and, for the others, why not. A mail server
    that refuses or is down is reported per person, never raised."""
    reached, problems = _invite_each(meeting, people)
    return len(reached), problems


def _invite_each(meeting, people) -> tuple[list, list[str]]:
    """(the people invited now, why the others were not)."""
    reached, problems = [], []
    for person in people:
        try:
            invite(meeting, person)
            reached.append(person)
        except InvitationError as error:
            problems.append(str(error))
        except OSError as error:
            problems.append(_("Could not send to %(person)s: %(error)s") % {"person": person, "error": error})
    return reached, problems


def remind(meeting, now=None, among=None) -> int:
    """Remind everyone who has not answered an invitation that is still open (or only ``among``)."""
    now = now or timezone.now()
    count = 0
    pending = (among if among is not None else meeting.invitations.all()).filter(
        meeting=meeting, status=InvitationStatus.INVITED, expires_at__gt=now
    )
    for invitation in pending.select_related("person", "person__user", "meeting"):
        _send(invitation, "meetings/email/reminder")
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
    return day_month_year(timezone.localtime(moment), translation.get_language())


@transaction.atomic
def answer(invitation, accept: bool, reason: str = "", now=None) -> Invitation:
    """Record (or change) the invitee's answer until the reply deadline. Accepting registers a
    participant (not yet attending); declining, with an optional reason shown to the secretariat,
    removes that registration again unless the invitee was checked in or holds an office."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().select_related("meeting", "person").get(pk=invitation.pk)
    if deadline_passed(invitation, now):
        if invitation.status == InvitationStatus.INVITED:
            raise Expired(_("This invitation has expired: answers were due by %(date)s. Please contact the secretariat.")
                          % {"date": _day(invitation.expires_at)})
        raise Expired(_("The reply deadline (%(date)s) has passed, so your answer (%(answer)s) can no longer be changed. "
                        "Please contact the secretariat.") % {"date": _day(invitation.expires_at),
                                                              "answer": invitation.get_status_display().lower()})
    reason = (reason or "").replace("\x00", "").strip()[:2000]
    registered = Participant.objects.filter(meeting=invitation.meeting, person=invitation.person).first()
    if accept:
        if registered is None:
            Participant.objects.create(meeting=invitation.meeting, person=invitation.person, attended=False)
    elif registered is not None:
        if registered.attended or registered.office:
            raise AnswerRefused(_("You are already registered as present at the meeting; "
                                  "please tell the secretariat if you cannot take part."))
        registered.delete()
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.decline_reason = "" if accept else reason
    invitation.responded_at = now
    invitation.save(update_fields=["status", "decline_reason", "responded_at"])
    return invitation


def letter_html(invitation, language=None) -> str:
    """The letter of invitation as HTML, in the invitee's language (``language`` when given), its
    dates, places and ``<html lang dir>`` too."""
    language = languages.supported(language) or invitation.person.correspondence_language
    with translation.override(language):
        return render_to_string("meetings/letter.html", {
            "invitation": invitation, "meeting": invitation.meeting, "today": timezone.localdate(), "MeetingMode": Mode,
            "language": languages.tag(language), "direction": languages.direction(language),
        })


def letter_pdf(invitation, language=None) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(invitation, language), base_url=settings.SITE_URL).write_pdf()

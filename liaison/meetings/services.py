"""Every change to a meeting's convening state goes through these functions: the agenda issued and
adopted (through the versioned model, so a concurrent edit is refused, not overwritten), participants
checked in, officers elected from those present and removed. Views parse input and render."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import agenda as agenda_rules
from .models import AgendaStatus, Meeting, Office, Participant


class Refused(Exception):
    """The change cannot be made; ``problems`` says why, one sentence each."""

    def __init__(self, *problems):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


# --- agenda ------------------------------------------------------------------------------------
def _agenda_items(meeting) -> list[tuple[str, str]]:
    items = [(i.number, i.title) for i in meeting.agenda_items.all()]
    problems = agenda_rules.check_numbers([number for number, _title in items])
    if not items:
        problems.append(_("The agenda has no items."))
    if problems:
        raise Refused(*problems)
    return items


def _wrong_status(meeting):
    return Refused(
        _("That cannot be done to an agenda that is %(status)s.") % {"status": meeting.get_agenda_status_display().lower()}
    )


@transaction.atomic
def issue_agenda(meeting: Meeting, expected_version: int | None = None) -> Meeting:
    """Issue the provisional agenda: its items as they stand are kept, to compare at adoption."""
    items = _agenda_items(meeting)
    if meeting.agenda_status != AgendaStatus.DRAFT:
        raise _wrong_status(meeting)
    meeting.agenda_status = AgendaStatus.PROVISIONAL
    meeting.agenda_issued = [list(pair) for pair in items]
    meeting.save_versioned(expected_version)
    return meeting


def entered_date(value: str | None):
    """A date typed in a form ('2012-03-15'); None when left empty (the service then takes its
    default); Refused when it is not a date."""
    from django.utils.dateparse import parse_date

    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise Refused(_("“%(value)s” is not a date (year-month-day).") % {"value": value[:40]})
    return parsed


def check_date_of_meeting(meeting: Meeting, on, what: str) -> None:
    """``on`` must be one of the meeting's days, and not in the future: an agenda is adopted, an
    officer elected, at the meeting itself."""
    if not (meeting.start_date <= on <= meeting.end_date):
        raise Refused(_("%(what)s happens during the meeting (%(start)s to %(end)s), not on %(on)s.") % {
            "what": what, "start": meeting.start_date.isoformat(), "end": meeting.end_date.isoformat(), "on": on.isoformat()})
    if on > timezone.localdate():
        raise Refused(_("%(what)s cannot be recorded before it has happened (%(on)s is still to come).") % {
            "what": what, "on": on.isoformat()})


@transaction.atomic
def adopt_agenda(meeting: Meeting, expected_version: int | None = None, on=None) -> Meeting:
    """Adopt the agenda (it then freezes), recording the changes made since it was issued. ``on``
    (default: the meeting's first day) must be a day of the meeting that has come."""
    items = _agenda_items(meeting)
    if meeting.agenda_status == AgendaStatus.ADOPTED:
        raise _wrong_status(meeting)
    on = on or meeting.start_date
    check_date_of_meeting(meeting, on, _("The adoption of the agenda"))
    issued = [tuple(pair) for pair in meeting.agenda_issued] or items
    meeting.agenda_status = AgendaStatus.ADOPTED
    meeting.agenda_adopted_on = on
    meeting.agenda_changes = agenda_rules.changes(issued, items)
    meeting.save_versioned(expected_version)
    return meeting


AGENDA_ACTIONS = {"issue": issue_agenda, "adopt": adopt_agenda}


# --- check-in ----------------------------------------------------------------------------------
def check_in(participant: Participant, present: bool) -> Participant:
    """Record that a registered participant is present (they then count and may be elected), or not.
    Check-in opens on the meeting's first day: before it, nobody can have attended."""
    meeting = participant.meeting
    if present and not meeting.has_started():
        raise Refused(_("Check-in opens on the first day of the meeting, %(date)s.") % {"date": meeting.start_date.isoformat()})
    participant.attended = present
    participant.checked_in_at = timezone.now() if present else None
    participant.save(update_fields=["attended", "checked_in_at"])
    return participant


# --- elections ---------------------------------------------------------------------------------
def election_problems(meeting, office, participant=None, elected_on=None, nominated_by=None) -> dict[str, str]:
    """Why this election cannot be recorded, by field (empty when it can)."""
    problems = {}
    if office and Participant.objects.filter(meeting=meeting, office=office).exists():
        problems["office"] = _("This meeting has already elected its %(office)s.") % {"office": Office(office).label}
    if elected_on and not (meeting.start_date <= elected_on <= meeting.end_date):
        problems["elected_on"] = _("The election happens during the meeting.")
    if participant is not None:
        if participant.meeting_id != meeting.pk or not participant.attended:
            problems["participant"] = _("Only participants checked in as present can be elected.")
        elif participant.office:
            problems["participant"] = _("%(name)s already holds an office.") % {"name": participant.person}
    if nominated_by is not None and (nominated_by.meeting_id != meeting.pk or not nominated_by.attended):
        problems["nominated_by"] = _("Only participants checked in as present can nominate.")
    return problems


@transaction.atomic
def elect(participant: Participant, office: str, elected_on, nominated_by: Participant | None = None) -> Participant:
    """Record the election of ``participant`` (present at the meeting) to ``office``."""
    problems = election_problems(participant.meeting, office, participant, elected_on, nominated_by)
    if problems:
        raise Refused(*problems.values())
    participant.office = office
    participant.elected_on = elected_on
    participant.nominated_by = nominated_by
    participant.save(update_fields=["office", "elected_on", "nominated_by"])
    return participant


def remove_from_office(participant: Participant) -> Participant:
    """The participant no longer holds an office; they stay a participant."""
    participant.office = ""
    participant.elected_on = None
    participant.nominated_by = None
    participant.save(update_fields=["office", "elected_on", "nominated_by"])
    return participant

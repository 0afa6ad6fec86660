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


@transaction.atomic
def adopt_agenda(meeting: Meeting, expected_version: int | None = None) -> Meeting:
    """Adopt the agenda (it then freezes), recording the changes made since it was issued."""
    items = _agenda_items(meeting)
    if meeting.agenda_status == AgendaStatus.ADOPTED:
        raise _wrong_status(meeting)
    issued = [tuple(pair) for pair in meeting.agenda_issued] or items
    meeting.agenda_status = AgendaStatus.ADOPTED
    meeting.agenda_adopted_on = timezone.localdate()
    meeting.agenda_changes = agenda_rules.changes(issued, items)
    meeting.save_versioned(expected_version)
    return meeting


AGENDA_ACTIONS = {"issue": issue_agenda, "adopt": adopt_agenda}


# --- check-in ----------------------------------------------------------------------------------
def check_in(participant: Participant, present: bool) -> Participant:
    """Record that a registered participant is present (they then count and may be elected), or not."""
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

"""Every change to a meeting's convening state goes through these functions: the agenda issued and
adopted (through the versioned model, so a concurrent edit is refused, not overwritten), participants
checked in, officers elected from those present and removed. Views parse input and render."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _, ngettext

from liaison.core.concurrency import VersionConflict
from liaison.core.dates import day_month_year

from . import agenda as agenda_rules
from . import outcomes
from .access import election_voter
from .models import (
    AgendaItem, AgendaStatus, BallotCast, BallotMethod, Candidate, Election, ElectionState, Meeting, Office, Participant,
    SecretVote,
)


class Refused(Exception):
    """The change cannot be made; ``problems`` says why, one sentence each."""

    def __init__(self, *problems):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


# --- agenda ------------------------------------------------------------------------------------
def _agenda_items(meeting) -> list[tuple[str, str]]:
    items = [(i.number, i.title) for i in meeting.agenda_items.all()]
    problems = agenda_rules.check_numbers([number for number, _title in items], _)
    if not items:
        problems.append(_("The agenda has no items."))
    if problems:
        raise Refused(*problems)
    return items


def _wrong_status(meeting):
    return Refused(
        _("That cannot be done to an agenda in this state: %(status)s.") % {"status": meeting.get_agenda_status_display()}
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
        language = translation.get_language()
        raise Refused(_("%(what)s happens during the meeting (%(start)s to %(end)s), not on %(on)s.") % {
            "what": what, "start": day_month_year(meeting.start_date, language), "end": day_month_year(meeting.end_date, language),
            "on": day_month_year(on, language)})
    if on > timezone.localdate():
        raise Refused(_("%(what)s cannot be recorded before it has happened (%(on)s is still to come).") % {
            "what": what, "on": day_month_year(on, translation.get_language())})


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


# --- editing the agenda ------------------------------------------------------------------------
# An item's number follows from its place and its depth (item or sub-item of the item before it);
# nobody types a number or a position. Every change renumbers the whole agenda. Changes to the
# order carry the state of the agenda the editor saw (``agenda_state``): a reorder based on an
# agenda someone else changed meanwhile is refused, never applied to a list the editor did not see.
class StaleAgenda(Refused):
    pass


def agenda_state(items) -> str:
    """A short fingerprint of the agenda as shown: its items, their order, numbers and versions."""
    import hashlib

    text = ";".join(f"{i.pk}:{i.number}:{i.version}" for i in items)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _editable_agenda(meeting) -> list[AgendaItem]:
    """The items in order, locked for the transaction; Refused once the agenda is adopted."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_status == AgendaStatus.ADOPTED:
        raise Refused(_("The agenda was adopted on %(date)s and can no longer change.") % {"date": day_month_year(meeting.agenda_adopted_on, translation.get_language())})
    return list(AgendaItem.objects.filter(meeting=meeting).select_for_update())


def _check_state(items, state):
    if state is not None and state != agenda_state(items):
        raise StaleAgenda(_("The agenda was changed by someone else meanwhile; here it is as it stands now. Try again."))


def _save_order(items: list[AgendaItem]) -> list[AgendaItem]:
    """Give ``items`` (in their new order, with their depths) positions and numbers."""
    try:
        numbers = agenda_rules.renumber([item.depth for item in items])
    except ValueError:
        raise Refused(_("The agenda cannot begin with a sub-item.")) from None
    changed = [item for item, number in zip(items, numbers) if item.number != number]
    # Two passes, so that the unique (meeting, number) constraint never sees two items with one number.
    for item in changed:
        item.number = f"~{item.pk}"[-10:]
    AgendaItem.objects.bulk_update(changed, ["number"])
    for position, (item, number) in enumerate(zip(items, numbers), start=1):
        if item.number != number:
            item.version += 1
        item.number, item.position = number, position
    AgendaItem.objects.bulk_update(items, ["number", "position", "version"])
    return items


def _depth_number(sub_item: bool) -> str:
    return "0.1" if sub_item else "0"  # placeholder numbers: the depth is what counts, renumbering follows


@transaction.atomic
def add_agenda_item(meeting, title: str, annotation: str = "", sub_item: bool = False) -> AgendaItem:
    """Add an item (or a sub-item of the last item) at the end of the agenda."""
    items = _editable_agenda(meeting)
    if sub_item and not items:
        raise Refused(_("The agenda cannot begin with a sub-item."))
    item = AgendaItem(meeting=meeting, title=title.strip(), annotation=annotation.strip(), number=f"~new{len(items)}"[:10],
                      position=len(items) + 1)
    item.save()
    item.number = _depth_number(sub_item)
    _save_order(items + [item])
    return item


@transaction.atomic
def edit_agenda_item(item, title: str, annotation: str, sub_item: bool, expected_version: int | None) -> AgendaItem:
    """Change an item's title, annotation or depth; VersionConflict if it was saved meanwhile."""
    items = _editable_agenda(item.meeting)
    current = next((i for i in items if i.pk == item.pk), None)
    if current is None:
        raise StaleAgenda(_("This item was removed meanwhile."))
    depth_changed = sub_item != bool(current.depth)
    current.title, current.annotation = title.strip(), annotation.strip()
    if depth_changed:
        current.number = _depth_number(sub_item)
    current.save_versioned(expected_version)
    if depth_changed:
        _save_order(items)
    return current


@transaction.atomic
def delete_agenda_item(item) -> None:
    """Remove an item with its sub-items; the items after it move up."""
    items = _editable_agenda(item.meeting)
    depths = [i.depth for i in items]
    index = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
    if index is None:
        return
    block = next(b for b in agenda_rules.blocks(depths) if index in b)
    gone = [items[n].pk for n in (block if not depths[index] else [index])]
    AgendaItem.objects.filter(pk__in=gone).delete()
    _save_order([i for i in items if i.pk not in gone])


@transaction.atomic
def move_agenda_item(item, step: int, state: str | None = None) -> list[AgendaItem]:
    """Move an item one place up (-1) or down (+1): an item with its sub-items, a sub-item among
    those of its item. Nothing happens at either end."""
    items = _editable_agenda(item.meeting)
    _check_state(items, state)
    index = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
    if index is None:
        raise StaleAgenda(_("This item was removed meanwhile."))
    order = agenda_rules.moved([i.depth for i in items], index, step)
    if order is None:
        return items
    return _save_order([items[n] for n in order])


@transaction.atomic
def reorder_agenda(meeting, ids: list[int], state: str | None = None) -> list[AgendaItem]:
    """Put the agenda in the order of ``ids`` (every item once, as after a drag and drop)."""
    items = _editable_agenda(meeting)
    _check_state(items, state)
    by_id = {i.pk: i for i in items}
    if sorted(ids) != sorted(by_id):
        raise StaleAgenda(_("The agenda was changed by someone else meanwhile; here it is as it stands now. Try again."))
    return _save_order([by_id[pk] for pk in ids])


# --- check-in ----------------------------------------------------------------------------------
def check_in(participant: Participant, present: bool) -> Participant:
    """Record that a registered participant is present (they then count and may be elected), or not.
    Check-in opens on the meeting's first day: before it, nobody can have attended."""
    meeting = participant.meeting
    if present and not meeting.has_started():
        raise Refused(_("Check-in opens on the first day of the meeting, %(date)s.") % {"date": day_month_year(meeting.start_date, translation.get_language())})
    participant.attended = present
    participant.checked_in_at = timezone.now() if present else None
    participant.save(update_fields=["attended", "checked_in_at"])
    return participant


# --- elections ---------------------------------------------------------------------------------
OPEN_ELECTION = (ElectionState.NOMINATING, ElectionState.VOTING)


def open_election_problem(meeting, office, election=None) -> str | None:
    """Why ``office`` cannot be filled directly: an election of it is open (nominating or voting),
    and only that election (``election``) records its officer. None when nothing stands in the way."""
    running = Election.objects.filter(meeting=meeting, office=office, state__in=OPEN_ELECTION)
    if election is not None:
        running = running.exclude(pk=election.pk)
    running = running.first()
    if running is None:
        return None
    return _(
        "An election for this office (%(office)s) is under way; its state: %(state)s. Its result will record the officer. "
        "Record one here only after that election is closed, or run it from the Elections page."
    ) % {"office": Office(office).label, "state": running.get_state_display()}


def election_problems(meeting, office, participant=None, elected_on=None, nominated_by=None, election=None) -> dict[str, str]:
    """Why this election cannot be recorded, by field (empty when it can). While an election of the
    office is open (nominating or voting), only that election (``election``) records its officer."""
    problems = {}
    if office and Participant.objects.filter(meeting=meeting, office=office).exists():
        problems["office"] = _("This meeting has already filled this office by election: %(office)s.") % {"office": Office(office).label}
    elif office and (problem := open_election_problem(meeting, office, election)):
        problems["office"] = problem
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
def elect(participant: Participant, office: str, elected_on, nominated_by: Participant | None = None, election=None) -> Participant:
    """Record the election of ``participant`` (present at the meeting) to ``office``; ``election``
    when it is that election's result (the only way to fill an office whose election is open)."""
    problems = election_problems(participant.meeting, office, participant, elected_on, nominated_by, election)
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


# --- elections, as OpenSlides runs them --------------------------------------------------------
# nominating → voting → closed → published. Candidates are participants checked in as present,
# nominated by the secretariat or by a participant; the ballot is a show of hands counted by the
# secretariat or a secret ballot online, each participant present voting once; closing counts it
# (tally.py) and makes the winner the officer. A ballot that elects nobody (a tie, no majority) may
# be held again, between the tied candidates after a tie.
def _election_transition(election, expected_version, allowed_from, to, **fields):
    if election.state not in allowed_from:
        raise Refused(_("An election whose state is “%(state)s” cannot go to “%(to)s”.") % {
            "state": election.get_state_display().lower(), "to": ElectionState(to).label.lower()})
    election.state = to
    for name, value in fields.items():
        setattr(election, name, value)
    election.save_versioned(expected_version)
    return election


def create_election(meeting, office: str, method: str, majority: str):
    """Open nominations for ``office``; refused when the meeting already has that officer."""
    if Participant.objects.filter(meeting=meeting, office=office).exists():
        raise Refused(_("This meeting has already filled this office by election: %(office)s.") % {"office": Office(office).label})
    if Election.objects.filter(meeting=meeting, office=office).exists():
        raise Refused(_("There is already an election for this office: %(office)s.") % {"office": Office(office).label})
    election = Election(meeting=meeting, office=office, method=method, majority=majority)
    election.save_versioned()
    return election


def voter(meeting, user) -> Participant | None:
    """The participant this user is at this meeting, if checked in as present (who may nominate and vote)."""
    return election_voter(user, meeting)


@transaction.atomic
def nominate(election, participant: Participant, by: Participant | None = None):
    """Nominate ``participant`` (present) as a candidate; ``by`` is the nominating participant, or
    None for the secretariat."""
    if election.state != ElectionState.NOMINATING:
        raise Refused(_("Nominations are closed."))
    if participant.meeting_id != election.meeting_id or not participant.attended:
        raise Refused(_("Only participants checked in as present can be nominated."))
    if participant.office:
        raise Refused(_("%(name)s already holds an office.") % {"name": participant.person})
    if by is not None and (by.meeting_id != election.meeting_id or not by.attended):
        raise Refused(_("Only participants checked in as present can nominate."))
    candidate, created = Candidate.objects.get_or_create(election=election, participant=participant, defaults={"nominated_by": by})
    if not created:
        raise Refused(_("Already a candidate: %(name)s.") % {"name": participant.person})
    return candidate


def withdraw(candidate) -> None:
    if candidate.election.state != ElectionState.NOMINATING:
        raise Refused(_("Nominations are closed."))
    candidate.delete()


def open_voting(election, expected_version=None):
    if not election.candidates.exists():
        raise Refused(_("Nominate at least one candidate before the vote."))
    return _election_transition(election, expected_version, [ElectionState.NOMINATING], ElectionState.VOTING)


@transaction.atomic
def cast_vote(election, by: Participant, candidate=None):
    """A participant's secret vote, once per ballot: for ``candidate``, or an abstention (None)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.method != BallotMethod.SECRET:
        raise Refused(_("This ballot is by show of hands: the secretariat counts the votes in the room."))
    if election.state != ElectionState.VOTING:
        raise Refused(_("The vote is not open."))
    if by.meeting_id != election.meeting_id or not by.attended:
        raise Refused(_("Only participants checked in as present can vote."))
    if candidate is not None and candidate.election_id != election.pk:
        raise Refused(_("That is not a candidate of this election."))
    if BallotCast.objects.filter(election=election, ballot=election.ballot, voter=by).exists():
        raise Refused(_("You have already voted in this ballot."))
    BallotCast.objects.create(election=election, ballot=election.ballot, voter=by)
    SecretVote.objects.create(election=election, ballot=election.ballot, candidate=candidate)


@transaction.atomic
def close_election(election, expected_version=None, counts: dict | None = None, abstentions: int | None = None, on=None):
    """Close the ballot and record its result. A show of hands takes the secretariat's ``counts``
    ({candidate id: votes}) and ``abstentions``; a secret ballot is counted from its votes. The
    winner (tally.py) is elected to the office on ``on`` (default: today within the meeting)."""
    from . import tally

    candidates = list(election.candidates.select_related("participant__person", "nominated_by"))
    if election.method == BallotMethod.SECRET:
        votes = list(SecretVote.objects.filter(election=election, ballot=election.ballot).values_list("candidate_id", flat=True))
        counts = {c.pk: votes.count(c.pk) for c in candidates}
        abstentions = votes.count(None)
    else:
        counts = counts or {}
        if set(counts) != {c.pk for c in candidates} or abstentions is None:
            raise Refused(_("Give the votes of every candidate and the abstentions."))
    on = on or min(max(timezone.localdate(), election.meeting.start_date), election.meeting.end_date)
    check_date_of_meeting(election.meeting, on, _("The election"))
    try:
        result = tally.outcome(counts, abstentions, election.majority, translations=translation)
    except tally.TranslatableError as error:
        raise Refused(error.translated(_)) from None
    for candidate in candidates:
        candidate.votes = counts[candidate.pk]
    Candidate.objects.bulk_update(candidates, ["votes"])
    names = {c.pk: c.participant.person.formal_name for c in candidates}
    # What the ballot decided, as data: written in each reader's language when shown (meetings/outcomes.py).
    if result.tied:
        decided = {"kind": "tie", "names": [names[pk] for pk in result.tied]}
    elif result.winner is None:
        decided = {"kind": "no_majority", "needed": result.needed, "cast": result.cast} if result.cast else {"kind": "no_votes"}
    elected = None
    if result.winner is not None:
        elected = next(c for c in candidates if c.pk == result.winner)
    other = Participant.objects.filter(pk=elected.participant_id).exclude(office__in=["", election.office]).first() if elected else None
    if other is not None:  # elected to another office since the nomination: one office each
        decided = {"kind": "other_office", "name": names[elected.pk], "office": other.office}
        elected = None
    elif elected is not None:
        elect(elected.participant, election.office, on, elected.nominated_by, election=election)
        decided = {"kind": "elected", "office": election.office, "name": names[elected.pk], "votes": counts[elected.pk],
                   "cast": result.cast}
    with translation.override(settings.LANGUAGE_CODE):
        outcome = outcomes.words(decided)  # the record's English
    return _election_transition(election, expected_version, [ElectionState.VOTING], ElectionState.CLOSED,
                                abstentions=abstentions, outcome=outcome, outcome_data=decided, closed_on=on,
                                elected=elected.participant if elected else None)


@transaction.atomic
def new_ballot(election, expected_version=None):
    """Hold another ballot after one that elected nobody: between the tied candidates after a tie.
    The earlier ballot's figures are kept."""
    if election.elected_id:
        raise Refused(_("This election has elected its officer."))
    candidates = list(election.candidates.select_related("participant__person"))
    record = {"ballot": election.ballot, "abstentions": election.abstentions, "outcome": election.outcome,
              "outcome_data": election.outcome_data,
              "votes": [[c.participant.person.formal_name, c.votes] for c in candidates]}
    holders = [c for c in candidates if c.participant.office]  # elected to another office meanwhile
    Candidate.objects.filter(pk__in=[c.pk for c in holders]).delete()
    candidates = [c for c in candidates if c not in holders]
    if not candidates:
        raise Refused(_("No candidate is left for another ballot: every one holds an office."))
    top = max((c.votes or 0 for c in candidates), default=0)
    tied = [c for c in candidates if (c.votes or 0) == top]
    if top and len(tied) > 1:
        Candidate.objects.filter(election=election).exclude(pk__in=[c.pk for c in tied]).delete()
    Candidate.objects.filter(election=election).update(votes=None)
    return _election_transition(election, expected_version, [ElectionState.CLOSED], ElectionState.VOTING,
                                ballot=election.ballot + 1, abstentions=None, outcome="", outcome_data={}, closed_on=None,
                                earlier_ballots=election.earlier_ballots + [record])


def publish_election(election, expected_version=None):
    return _election_transition(election, expected_version, [ElectionState.CLOSED], ElectionState.PUBLISHED)


def save_meeting(form):
    """Create or edit a meeting from a valid MeetingForm; None when someone else saved it meanwhile
    (the form then says so and keeps the input)."""
    from liaison.core.services import save_record

    return save_record(form)

"""Who may see which parts of a meeting (the group-level rules are in ``groups.access``)."""

from liaison.groups.access import is_secretariat

from .models import AgendaStatus, ElectionState, Participant


def can_see_agenda(user, meeting) -> bool:
    """An agenda is public once issued (provisional) or adopted; a draft is the secretariat's
    working copy, on no public page, export or API answer."""
    return meeting.agenda_status != AgendaStatus.DRAFT or is_secretariat(user)


# --- elections ---------------------------------------------------------------------------------
# One rule for the elections' page, the API and the meeting page's link: the participants checked in
# as present and the secretariat follow every election of the meeting as it runs (candidates while
# nominating and voting; votes once the ballot is closed); everyone else sees only the elections whose
# results the secretariat has published.
RESULTS_SHOWN = (ElectionState.CLOSED, ElectionState.PUBLISHED)


def election_voter(user, meeting) -> Participant | None:
    """The participant this user is at this meeting, if checked in as present (who may nominate and vote)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(meeting=meeting, person__user=user, attended=True).select_related("person").first()


def follows_elections(user, meeting, voter: Participant | None = None) -> bool:
    """Whether ``user`` follows the meeting's elections as they run (``voter``: their participation, if known)."""
    return voter is not None or is_secretariat(user) or election_voter(user, meeting) is not None


def visible_elections(user, meeting, elections=None, follows: bool | None = None):
    """The elections of ``meeting`` that ``user`` may see (``elections``: a queryset to narrow)."""
    rows = meeting.elections.all() if elections is None else elections.filter(meeting=meeting)
    if follows is None:
        follows = follows_elections(user, meeting)
    return rows if follows else rows.filter(state=ElectionState.PUBLISHED)


def shows_results(election) -> bool:
    """Whether a visible election shows its votes: once the ballot is closed."""
    return election.state in RESULTS_SHOWN


def links_to_elections(meeting, today=None) -> bool:
    """Whether the public meeting page links to the elections' page: while the meeting is under way
    (to nominate and vote), and after it when some election's results are published."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if meeting.is_under_way(today):
        return True
    return meeting.end_date < today and meeting.elections.filter(state=ElectionState.PUBLISHED).exists()

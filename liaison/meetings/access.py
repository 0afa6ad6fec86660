"""Who may see which parts of a meeting (the group-level rules are in ``groups.access``)."""

from liaison.groups.access import is_secretariat

from .models import AgendaStatus


def can_see_agenda(user, meeting) -> bool:
    """An agenda is public once issued (provisional) or adopted; a draft is the secretariat's
    working copy, on no public page, export or API answer."""
    return meeting.agenda_status != AgendaStatus.DRAFT or is_secretariat(user)

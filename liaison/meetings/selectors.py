"""Querysets that load a page's records in a fixed number of queries, whatever the data size."""

from django.db.models import Prefetch

from liaison.groups.access import visible_distributions

from .access import can_see_agenda
from .models import AgendaItem, Delegation, Meeting, MeetingDocument, Participant


def meetings_with_attendance(queryset=None):
    """Meetings with everything ``attendance_sentence`` needs: 3 queries for any number of meetings."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.select_related("country", "group").prefetch_related(
        Prefetch("delegations", queryset=Delegation.objects.only("id", "meeting_id", "country_id", "organization_id", "headcount", "is_observer")),
        Prefetch("participants", queryset=Participant.objects.only("id", "meeting_id", "delegation_id", "attended")),
    )


def meeting_page(group_slug, meeting_slug, user):
    """A meeting with delegations, participants, agenda and the documents ``user`` may see."""
    meeting = (
        Meeting.objects.select_related("group", "country")
        .get(group__slug=group_slug, slug=meeting_slug)
    )
    delegations = list(
        Delegation.objects.filter(meeting=meeting).select_related("country", "organization")
    )
    participants = list(
        Participant.objects.filter(meeting=meeting).select_related(
            "person", "person__country", "person__organization",
            "delegation__country", "delegation__organization",
        )
    )
    # Hand the loaded rows to the meeting so attendance() counts without more queries.
    meeting._prefetched_objects_cache = {"delegations": delegations, "participants": participants}
    agenda = list(AgendaItem.objects.filter(meeting=meeting)) if can_see_agenda(user, meeting) else []
    documents = list(
        MeetingDocument.objects.filter(meeting=meeting, distribution__in=visible_distributions(user, meeting.group))
    )
    return meeting, delegations, participants, agenda, documents

"""Querysets that load a page's records in a fixed number of queries, whatever the data size."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet

from liaison.groups.access import visible_distributions

from .access import can_see_agenda
from .models import AgendaItem, Delegation, Meeting, MeetingDocument, Participant


def attach_attendance(meetings) -> None:
    """Count the attendance of ``meetings`` in the database (two aggregate queries for any number of
    meetings and participants) and hand it to each meeting, so ``attendance()`` needs no rows."""
    from . import attendance

    meetings = [m for m in meetings if isinstance(m, Meeting)]
    if not meetings:
        return
    ids = [m.pk for m in meetings]
    records = defaultdict(list)
    rows = (
        Delegation.objects.filter(meeting_id__in=ids)
        .annotate(named=Count("members", filter=Q(members__attended=True)))
        .values_list("meeting_id", "country_id", "headcount", "is_observer", "named")
        .order_by()
    )
    for meeting_id, country_id, headcount, observer, named in rows:
        records[meeting_id].append(attendance.DelegationRecord(
            kind=attendance.GOVERNMENT if country_id else attendance.ORGANIZATION,
            headcount=headcount, named=named, observer=observer,
        ))
    individual = dict(
        Participant.objects.filter(meeting_id__in=ids, attended=True, delegation__isnull=True)
        .values("meeting_id").annotate(n=Count("pk")).values_list("meeting_id", "n").order_by()
    )
    for meeting in meetings:
        meeting._attendance = attendance.count(
            records[meeting.pk], individual_participants=individual.get(meeting.pk, 0),
            reported_participants=meeting.reported_participants, reported_governments=meeting.reported_governments,
            reported_organizations=meeting.reported_organizations,
        )


class AttendanceQuerySet(QuerySet):
    """Meetings whose attendance is counted in the database when they are loaded."""

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._result_cache:
            attach_attendance(self._result_cache)


def meetings_with_attendance(queryset=None):
    """Meetings with everything ``attendance_sentence`` needs: 3 queries for any number of meetings,
    counting participants in the database instead of loading them."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    queryset = queryset.select_related("country", "group")
    return AttendanceQuerySet(model=Meeting, query=queryset.query.chain(), using=queryset._db)


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
    for participant in participants:  # their meeting (and its group's settings) without a query each
        participant.meeting = meeting
    # Hand the loaded rows to the meeting so attendance() counts without more queries.
    meeting._prefetched_objects_cache = {"delegations": delegations, "participants": participants}
    agenda = list(AgendaItem.objects.filter(meeting=meeting)) if can_see_agenda(user, meeting) else []
    documents = list(
        MeetingDocument.objects.filter(meeting=meeting, distribution__in=visible_distributions(user, meeting.group))
    )
    return meeting, delegations, participants, agenda, documents

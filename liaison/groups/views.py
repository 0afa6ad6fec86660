from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from liaison.core import charts
from liaison.meetings.selectors import meetings_with_attendance

from .access import can_see_members_only, is_secretariat
from .models import Group, Membership, TermsOfReference


def group_detail(request, slug):
    group = get_object_or_404(
        Group.objects.prefetch_related(
            "decisions",
            "core_members",
            Prefetch("terms_of_reference", queryset=TermsOfReference.objects.prefetch_related("tasks")),
        ),
        slug=slug,
    )
    members_only = can_see_members_only(request.user, group)
    memberships = []
    if members_only:
        memberships = list(
            Membership.objects.filter(group=group).select_related("person", "person__organization", "person__country")
        )
    meetings = list(meetings_with_attendance(group.meetings.all()))
    chronological = meetings[::-1]
    participation = [(m, m.attendance()) for m in chronological]
    chart = charts.bars(
        [
            (str(m.number or m.start_date.year), a.participants, f"{m.title}, {m.start_date.year}: {a.participants or 'unknown'}")
            for m, a in participation
        ]
    )
    terms = list(group.terms_of_reference.all())
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "terms": terms[0] if terms else None,
            "meetings": meetings,
            "chart": chart if any(bar.value for bar in chart) else None,
            "members_only": members_only,
            "memberships": memberships,
            "show_contact": is_secretariat(request.user),
        },
    )

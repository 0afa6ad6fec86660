
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from liaison.core import charts
from liaison.core.spreadsheets import csv_response
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
            Membership.objects.current().filter(group=group).select_related("person", "person__organization", "person__country")
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


def meetings_csv(request, slug):
    """The meeting history as CSV: one row per meeting, attendance as the page counts it."""
    group = get_object_or_404(Group, slug=slug)
    header = ["number", "title", "start_date", "end_date", "city", "country", "iso3", "mode",
              "participants", "governments", "organizations", "attendance", "summary", "url"]
    rows = []
    for meeting in meetings_with_attendance(group.meetings.order_by("start_date")):
        a = meeting.attendance()
        rows.append([
            meeting.number or "", meeting.title, meeting.start_date, meeting.end_date, meeting.city,
            meeting.country.name if meeting.country_id else "", meeting.country.iso3 if meeting.country_id else "",
            meeting.mode, a.participants or "", a.governments or "", a.organizations or "",
            meeting.attendance_sentence(), meeting.summary, request.build_absolute_uri(meeting.get_absolute_url()),
        ])
    return csv_response(f"{group.slug}-meetings.csv", header, rows)

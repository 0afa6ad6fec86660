"""Pages that combine several apps. They sit on top of the app graph, so they may read any app below."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min, Prefetch
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from liaison.accounts.forms import TokenForm
from liaison.core import charts, jobs, regions
from liaison.core.decorators import secretariat_required
from liaison.core.spreadsheets import csv_response
from liaison.core.models import Organization, Person
from liaison.groups.access import (
    can_see_contact,
    can_see_members_only,
    can_see_online_link,
    is_secretariat,
    visible_participants,
)
from liaison.groups.models import Group, Membership, TermsOfReference
from liaison.meetings import attendance as attendance_rules
from liaison.meetings.formatting import sort_key
from liaison.meetings.access import links_to_elections
from liaison.meetings.models import Meeting, Office
from liaison.meetings.selectors import meeting_page, meetings_with_attendance
from liaison.reports import access as report_access

from . import exports, mine


def home(request):
    groups = sorted(Group.objects.annotate(
        meeting_count=Count("meetings"), first_meeting=Min("meetings__start_date"), last_meeting=Max("meetings__start_date")
    ), key=lambda group: sort_key(group.local_name))  # in the order of the names the reader sees
    return render(request, "portal/home.html", {"groups": groups})


@secretariat_required
def dashboard(request):
    return render(
        request,
        "portal/manage/dashboard.html",
        {"groups": Group.objects.all(), "people": Person.objects.count(), "organizations": Organization.objects.count()},
    )


@login_required
def profile(request):
    person = getattr(request.user, "person", None)
    memberships = Membership.objects.filter(person=person).select_related("group") if person else []
    tokens = request.user.api_tokens.all() if request.user.is_secretariat else []
    return render(
        request,
        "portal/profile.html",
        {"person": person, "memberships": memberships, "tokens": tokens, "token_form": TokenForm()},
    )


def _translated(counted):
    """The attendance with its disagreements written in the reader's language."""
    from dataclasses import replace

    from django.utils import translation

    return replace(counted, warnings=tuple(attendance_rules.warning_texts(counted, translation)))


@login_required
def my_liaison(request):
    """What is the signed-in person's to do, across groups and apps (portal/mine.py)."""
    return render(request, "portal/mine.html", {"todo": mine.todo(request.user), "today": timezone.localdate()})


HISTORY_PAGE = 20


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
    # The history, newest first, paged (HISTORY_PAGE a page) and filtered by year: its size and its
    # queries stay the same however many meetings the group has held.
    history = group.meetings.all()
    years = [d.year for d in group.meetings.dates("start_date", "year", order="DESC")]
    year = request.GET.get("year", "").strip()
    if year:
        if not year.isdigit() or int(year) not in years:
            return HttpResponseBadRequest("No meeting of this group started in that year.", content_type="text/plain; charset=utf-8")
        history = history.filter(start_date__year=int(year))
    page = Paginator(meetings_with_attendance(history), HISTORY_PAGE).get_page(request.GET.get("page"))
    meetings = list(page.object_list)
    chronological = meetings[::-1]
    participation = [(m, m.attendance()) for m in chronological]
    chart = charts.bars(
        [
            (str(m.number or m.start_date.year), a.participants,
             gettext("%(title)s, %(year)s: %(participants)s") % {"title": m.local_title, "year": m.start_date.year,
                                                                 "participants": a.participants or gettext("unknown")})
            for m, a in participation
        ]
    )
    terms = list(group.terms_of_reference.all())
    return render(
        request,
        "portal/group_detail.html",
        {
            "group": group,
            "terms": terms[0] if terms else None,
            "meetings": meetings,
            "page": page,
            "years": years,
            "year": int(year) if year else None,
            "chart": chart if any(bar.value for bar in chart) else None,
            "members_only": members_only,
            "memberships": memberships,
            "show_contact": is_secretariat(request.user),
        },
    )


def meetings_csv(request, slug):
    """The meeting history as CSV: one row per meeting, attendance as the page counts it. A long
    history is made by the worker (public, as the page is: shared when asked without signing in)."""
    group = get_object_or_404(Group, slug=slug)
    if group.meetings.count() > jobs.inline_rows():
        job = jobs.start_export("liaison.portal.exports.history_file", {"group": group.pk},
                                owner=request.user if request.user.is_authenticated else None,
                                title=gettext("Meetings of the %(group)s (CSV)") % {"group": group.acronym or group.local_name}, filename=exports.history_filename(group),
                                access="liaison.portal.exports.can_see_history")
        return redirect("job", pk=job.pk)
    return csv_response(exports.history_filename(group), exports.HISTORY_HEADER, exports.history_rows(group, request.build_absolute_uri))


def meeting_detail(request, group_slug, slug):
    """The meeting page: its records, plus the report link and the follow-up actions of the apps above meetings."""
    try:
        meeting, delegations, participants, agenda, documents = meeting_page(group_slug, slug, request.user)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None
    officers = sorted((p for p in participants if p.office), key=lambda p: Office.values.index(p.office))
    staff = is_secretariat(request.user)
    rows = [(p, can_see_contact(request.user, p.person)) for p in visible_participants(request.user, participants)]
    members_only = can_see_members_only(request.user, meeting.group)
    return render(
        request,
        "portal/meeting_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "attendance": _translated(meeting.attendance()),
            "attendance_sentence": meeting.attendance_sentence(),
            "countries": sorted((d for d in delegations if d.country_id), key=lambda d: sort_key(d.name)),
            "organizations": sorted((d for d in delegations if d.organization_id), key=lambda d: sort_key(d.name)),
            "participant_rows": rows,
            "any_contact": any(visible for _, visible in rows),
            "officers": officers,
            "balance": regions.balance([d.country.regional_group for d in delegations if d.country_id]),
            "agenda": agenda,
            "documents": documents,
            "members_only": members_only,
            "online_link": meeting.online_link if can_see_online_link(request.user, meeting) else "",
            "is_secretariat": staff,
            "report_visible": report_access.can_read(request.user, meeting),
            "elections_link": links_to_elections(meeting),
            "actions": list(meeting.actions.select_related("owner")) if members_only else [],
        },
    )

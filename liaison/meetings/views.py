from django.http import Http404
from django.shortcuts import render

from liaison.core import regions
from liaison.groups.access import can_see_contact, can_see_members_only, is_secretariat

from .models import Meeting
from .selectors import meeting_page


def meeting_detail(request, group_slug, slug):
    try:
        meeting, delegations, participants, agenda, documents = meeting_page(group_slug, slug, request.user)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None
    officers = sorted((p for p in participants if p.office), key=lambda p: ["chair", "vice_chair", "rapporteur"].index(p.office))
    rows = [(p, can_see_contact(request.user, p.person)) for p in participants]
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "attendance": meeting.attendance(),
            "attendance_sentence": meeting.attendance_sentence(),
            "countries": sorted((d for d in delegations if d.country_id), key=lambda d: d.name),
            "organizations": sorted((d for d in delegations if d.organization_id), key=lambda d: d.name.casefold()),
            "participant_rows": rows,
            "any_contact": any(visible for _, visible in rows),
            "officers": officers,
            "balance": regions.balance([d.country.regional_group for d in delegations if d.country_id]),
            "agenda": agenda,
            "documents": documents,
            "members_only": can_see_members_only(request.user, meeting.group),
            "is_secretariat": is_secretariat(request.user),
        },
    )

from datetime import date, datetime, time

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import model_validator

from liaison.core.api_auth import TokenAuth, api_user, require_secretariat
from liaison.core import paging
from liaison.core.api import PersonOut, country_or_422, local_text, person_out, translations_in, translations_out
from liaison.core.models import Organization, Person
from liaison.core.services import create_record, update_record
from liaison.groups.access import visible_distributions, visible_participants
from liaison.groups.models import Group

from . import times
from .services import open_election_problem
from .access import can_see_agenda, shows_results, visible_elections
from .models import BallotMethod, Capacity, Delegation, ElectionState, Majority, Meeting, Mode, Office, Participant
from .selectors import meetings_with_attendance

router = Router(tags=["meetings"])


class CountryRef(Schema):
    iso3: str
    name: str


class MeetingOut(Schema):
    id: int
    group: str
    number: int | None
    slug: str
    title: str = Field(description=local_text("meeting's title"))
    start_date: date
    end_date: date
    start_time: time | None = Field(description="At the venue, in time_zone; null for an all-day meeting")
    end_time: time | None
    time_zone: str = Field(description="The venue's IANA time zone ('' when not stated)")
    starts_at: datetime | None = Field(description="The start in UTC (null for an all-day meeting)")
    ends_at: datetime | None
    city: str
    country: CountryRef | None
    mode: Mode
    participants: int | None = Field(description="Reported total, else counted from the records")
    governments: int | None
    organizations: int | None
    attendance: str
    summary: str
    url: str
    version: int


# How pages, letters and reports name who a participant comes from (Participant.affiliation).
AFFILIATION_HELP = ('Who the participant comes from, as pages, letters and reports say it: "nominated by Cameroon" in a group '
                    'whose participants serve in their individual capacity, "representing Cameroon" otherwise; empty when nobody is known')


class DelegationOut(Schema):
    id: int
    name: str
    kind: str
    country: str | None
    organization_id: int | None
    headcount: int | None
    observer: bool


class OfficerOut(Schema):
    office: str
    name: str
    represents: str
    affiliation: str = Field(description=AFFILIATION_HELP)
    elected_on: date | None


class AgendaItemOut(Schema):
    number: str
    title: str


class DocumentOut(Schema):
    symbol: str
    title: str
    url: str
    distribution: str


class MeetingDetailOut(MeetingOut):
    translations: dict[str, dict[str, str]] = translations_out('"title": …')
    venue: str
    host: str
    opened_by: str
    delegations: list[DelegationOut]
    officers: list[OfficerOut]
    agenda: list[AgendaItemOut]
    documents: list[DocumentOut]


class ParticipantOut(Schema):
    id: int
    person: PersonOut
    capacity: Capacity
    delegation: str | None
    office: str
    affiliation: str = Field(description=AFFILIATION_HELP)


class CandidateOut(Schema):
    participant_id: int
    name: str
    nominated_by: str | None = Field(description="The participant who nominated them; null when the secretariat did")


class CandidateVotesOut(Schema):
    participant_id: int
    name: str
    votes: int | None


class ElectedOut(Schema):
    participant_id: int
    name: str


class EarlierBallotOut(Schema):
    ballot: int
    votes: list[tuple[str, int | None]] = Field(description="[name, votes] per candidate of that ballot")
    abstentions: int | None
    outcome: str = Field(description="What that ballot decided, in a sentence in the language of Accept-Language")


class ResultsOut(Schema):
    election_id: int
    office: Office
    state: ElectionState
    ballot: int = Field(description="The ballot these votes are of (1, or more after a tie)")
    closed_on: date | None
    votes: list[CandidateVotesOut]
    abstentions: int | None
    cast: int = Field(description="Votes cast for candidates: the base of the majority")
    elected: ElectedOut | None = Field(description="The winner; null after a tie")
    outcome: str = Field(description="What the ballot decided, in a sentence in the language of Accept-Language")
    earlier_ballots: list[EarlierBallotOut]


class ElectionOut(Schema):
    id: int
    office: Office
    method: BallotMethod
    majority: Majority
    state: ElectionState
    ballot: int
    candidates: list[CandidateOut]
    results: ResultsOut | None = Field(description="Once the ballot is closed; null before")


class MeetingIn(Schema):
    number: int | None = Field(None, ge=1, le=999)
    slug: str = Field("", max_length=40, pattern=r"^[-a-zA-Z0-9_]*$")
    title: str = Field(min_length=1, max_length=300)
    start_date: date
    end_date: date
    start_time: time | None = Field(None, description="At the venue; give end_time and time_zone too")
    end_time: time | None = None
    time_zone: str = Field("", max_length=64, description="IANA name, e.g. America/Toronto")
    city: str = Field("", max_length=100)
    country: str | None = Field(None, description="ISO alpha-3 code")
    venue: str = Field("", max_length=250)
    host: str = Field("", max_length=250)
    mode: Mode = Mode.FACE_TO_FACE
    reported_participants: int | None = Field(None, ge=0)
    reported_governments: int | None = Field(None, ge=0)
    reported_organizations: int | None = Field(None, ge=0)
    summary: str = ""
    translations: dict[str, dict[str, str | None] | None] | None = translations_in("title")

    @model_validator(mode="after")
    def dates_in_order(self):
        if self.end_date < self.start_date:
            raise ValueError(_("end_date cannot be before start_date"))
        return self


class MeetingPatch(Schema):
    version: int = Field(description="The version you read; a newer one on the server answers 409")
    title: str | None = Field(None, min_length=1, max_length=300)
    start_date: date | None = None
    end_date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    time_zone: str | None = Field(None, max_length=64)
    city: str | None = Field(None, max_length=100)
    country: str | None = None
    venue: str | None = Field(None, max_length=250)
    host: str | None = Field(None, max_length=250)
    mode: Mode | None = None
    reported_participants: int | None = Field(None, ge=0)
    reported_governments: int | None = Field(None, ge=0)
    reported_organizations: int | None = Field(None, ge=0)
    summary: str | None = None
    translations: dict[str, dict[str, str | None] | None] | None = translations_in("title")


class DelegationIn(Schema):
    country: str | None = Field(None, description="ISO alpha-3 code; or give organization_id")
    organization_id: int | None = None
    headcount: int | None = Field(None, ge=0)
    observer: bool = False


class ParticipantIn(Schema):
    person_id: int
    capacity: Capacity = Capacity.EXPERT
    delegation_id: int | None = None
    office: Office | None = None
    elected_on: date | None = None


def meeting_out(meeting, request):
    att = meeting.attendance()
    return {
        "id": meeting.id,
        "group": meeting.group.slug,
        "number": meeting.number,
        "slug": meeting.slug,
        "title": meeting.local_title,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "time_zone": meeting.time_zone,
        "starts_at": meeting.starts_at.astimezone(times.UTC) if meeting.starts_at else None,
        "ends_at": meeting.ends_at.astimezone(times.UTC) if meeting.ends_at else None,
        "city": meeting.city,
        "country": meeting.country,
        "mode": meeting.mode,
        "participants": att.participants,
        "governments": att.governments,
        "organizations": att.organizations,
        "attendance": meeting.attendance_sentence(),
        "summary": meeting.summary,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "version": meeting.version,
    }


def delegation_out(d):
    return {
        "id": d.id, "name": d.name, "kind": "government" if d.country_id else "organization",
        "country": d.country.iso3 if d.country_id else None, "organization_id": d.organization_id,
        "headcount": d.headcount, "observer": d.is_observer,
    }


def _filtered(request, response, queryset, year, limit, offset):
    if year is not None:
        queryset = queryset.filter(start_date__year=year)
    return [meeting_out(m, request) for m in paging.window(response, meetings_with_attendance(queryset), limit, offset)]


@router.get("/meetings", response=list[MeetingOut], openapi_extra=paging.OPENAPI)
def list_meetings(request, response: HttpResponse, group: str | None = None,
                  year: int | None = Query(None, ge=1900, le=2200, description="Meetings that started in this year"),
                  limit: int = paging.Limit, offset: int = paging.Offset):
    queryset = Meeting.objects.all()
    if group:
        queryset = queryset.filter(group__slug=group)
    return _filtered(request, response, queryset, year, limit, offset)


@router.get("/groups/{slug}/meetings", response=list[MeetingOut], openapi_extra=paging.OPENAPI)
def list_group_meetings(request, response: HttpResponse, slug: str,
                        year: int | None = Query(None, ge=1900, le=2200, description="Meetings that started in this year"),
                        limit: int = paging.Limit, offset: int = paging.Offset):
    group = get_object_or_404(Group, slug=slug)
    return _filtered(request, response, group.meetings.all(), year, limit, offset)


def _meeting(meeting_id):
    return get_object_or_404(meetings_with_attendance(), pk=meeting_id)


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def get_meeting(request, meeting_id: int):
    meeting = _meeting(meeting_id)
    user = api_user(request)
    delegations = Delegation.objects.filter(meeting=meeting).select_related("country", "organization")
    officers = Participant.objects.filter(meeting=meeting).exclude(office="").select_related(
        "meeting__group", "person", "person__country", "delegation__country", "delegation__organization"
    )
    return {
        **meeting_out(meeting, request),
        "translations": meeting.all_translations(),
        "venue": meeting.venue,
        "host": meeting.host,
        "opened_by": meeting.opened_by,
        "delegations": [delegation_out(d) for d in delegations],
        "officers": [
            {"office": p.office, "name": p.person.formal_name, "represents": p.represents, "affiliation": str(p.affiliation),
             "elected_on": p.elected_on}
            for p in officers
        ],
        "agenda": list(meeting.agenda_items.all()) if can_see_agenda(user, meeting) else [],
        "documents": list(meeting.documents.filter(distribution__in=visible_distributions(user, meeting.group))),
    }


@router.get("/meetings/{meeting_id}/participants", response=list[ParticipantOut], openapi_extra=paging.OPENAPI)
def list_participants(request, response: HttpResponse, meeting_id: int, limit: int = paging.Limit, offset: int = paging.Offset):
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    user = api_user(request)
    participants = meeting.participants.select_related(
        "person__organization", "person__country", "delegation__country", "delegation__organization"
    )
    return [
        {
            "id": p.id,
            "person": person_out(p.person, user),
            "capacity": p.capacity,
            "delegation": p.delegation.name if p.delegation_id else None,
            "office": p.office,
            "affiliation": str(p.affiliation),
        }
        for p in paging.window(response, visible_participants(user, participants.order_by("pk")), limit, offset)
    ]


@router.post("/groups/{slug}/meetings", response={201: MeetingOut}, auth=TokenAuth())
def create_meeting(request, slug: str, payload: MeetingIn):
    require_secretariat(request)
    group = get_object_or_404(Group, slug=slug)
    data = payload.dict()
    data["country"] = country_or_422(data["country"])
    translations = data.pop("translations") or {}
    meeting = Meeting(group=group, **data)
    meeting.translations = meeting.merged_translations(translations)
    if not meeting.slug:
        meeting.slug = str(meeting.number) if meeting.number else meeting.start_date.isoformat()
    create_record(meeting)
    return Status(201, meeting_out(_meeting(meeting.pk), request))


@router.patch("/meetings/{meeting_id}", response=MeetingOut, auth=TokenAuth())
def update_meeting(request, meeting_id: int, payload: MeetingPatch):
    require_secretariat(request)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    if "country" in changes:
        changes["country"] = country_or_422(changes["country"])
    if "time_zone" in changes and changes["time_zone"] is None:
        changes["time_zone"] = ""
    if "translations" in changes:
        changes["translations"] = meeting.merged_translations(changes["translations"])
    update_record(meeting, changes, version)
    return meeting_out(_meeting(meeting.pk), request)


@router.post("/meetings/{meeting_id}/delegations", response={201: DelegationOut}, auth=TokenAuth())
def add_delegation(request, meeting_id: int, payload: DelegationIn):
    require_secretariat(request)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    if (payload.country is None) == (payload.organization_id is None):
        raise HttpError(422, _("Give either country or organization_id."))
    organization = None
    if payload.organization_id is not None:
        organization = Organization.objects.filter(pk=payload.organization_id).first()
        if organization is None:
            raise HttpError(422, _("No organization has id %(id)s.") % {"id": payload.organization_id})
    delegation = Delegation(
        meeting=meeting, country=country_or_422(payload.country), organization=organization,
        headcount=payload.headcount, is_observer=payload.observer,
    )
    create_record(delegation)
    return Status(201, delegation_out(delegation))


@router.post("/meetings/{meeting_id}/participants", response={201: ParticipantOut}, auth=TokenAuth())
def add_participant(request, meeting_id: int, payload: ParticipantIn):
    require_secretariat(request)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    person = Person.objects.filter(pk=payload.person_id).first()
    if person is None:
        raise HttpError(422, _("No person has id %(id)s.") % {"id": payload.person_id})
    delegation = None
    if payload.delegation_id is not None:
        delegation = Delegation.objects.filter(pk=payload.delegation_id, meeting=meeting).first()
        if delegation is None:
            raise HttpError(422, _("Meeting %(meeting)s has no delegation %(delegation)s.") % {"meeting": meeting.pk, "delegation": payload.delegation_id})
    if payload.office and (problem := open_election_problem(meeting, payload.office)):
        raise HttpError(409, problem)
    participant = Participant(
        meeting=meeting, person=person, capacity=payload.capacity, delegation=delegation,
        office=payload.office or "", elected_on=payload.elected_on,
    )
    create_record(participant)
    return Status(201, {
        "id": participant.id, "person": person_out(person, request.auth), "capacity": participant.capacity,
        "delegation": delegation.name if delegation else None, "office": participant.office,
        "affiliation": str(participant.affiliation),
    })


# --- elections (read-only; who sees what is meetings.access's rule, the same as the pages') ------
def _visible_elections(request, meeting):
    rows = visible_elections(api_user(request), meeting).select_related("elected__person").prefetch_related(
        "candidates__participant__person", "candidates__nominated_by__person")
    return list(rows.order_by("pk"))


def results_out(election):
    candidates = list(election.candidates.all())
    return {
        "election_id": election.pk, "office": election.office, "state": election.state, "ballot": election.ballot,
        "closed_on": election.closed_on,
        "votes": [{"participant_id": c.participant_id, "name": c.participant.person.formal_name, "votes": c.votes}
                  for c in candidates],
        "abstentions": election.abstentions,
        "cast": sum(c.votes or 0 for c in candidates),
        "elected": {"participant_id": election.elected_id, "name": election.elected.person.formal_name} if election.elected_id else None,
        "outcome": election.outcome_text,
        "earlier_ballots": [
            {"ballot": b.get("ballot"), "votes": [tuple(v) for v in b.get("votes", [])], "abstentions": b.get("abstentions"),
             "outcome": b["outcome"]}
            for b in election.earlier_ballots_shown
        ],
    }


def election_out(election):
    return {
        "id": election.pk, "office": election.office, "method": election.method, "majority": election.majority,
        "state": election.state, "ballot": election.ballot,
        "candidates": [
            {"participant_id": c.participant_id, "name": c.participant.person.formal_name,
             "nominated_by": c.nominated_by.person.formal_name if c.nominated_by_id else None}
            for c in election.candidates.all()
        ],
        "results": results_out(election) if shows_results(election) else None,
    }


@router.get("/meetings/{meeting_id}/elections", response=list[ElectionOut])
def list_elections(request, meeting_id: int):
    """The elections of a meeting's officers with their candidates, and the results once the ballot is
    closed. Participants checked in as present and the secretariat see every election as it runs;
    everyone else only those whose results are published (as on the elections' page)."""
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    return [election_out(e) for e in _visible_elections(request, meeting)]


@router.get("/meetings/{meeting_id}/elections/{election_id}/results", response=ResultsOut)
def election_results(request, meeting_id: int, election_id: int):
    """The votes per candidate, abstentions and winner of one election: 404 when the election is not
    visible to you (see the list) or its ballot is not closed yet."""
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    election = next((e for e in _visible_elections(request, meeting) if e.pk == election_id), None)
    if election is None:
        raise HttpError(404, _("No such election at this meeting."))
    if not shows_results(election):
        raise HttpError(404, _("This election has no results yet: its ballot is not closed."))
    return results_out(election)

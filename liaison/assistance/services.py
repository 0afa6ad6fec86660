"""Every write of the coordination mechanism goes through these functions: views and the API parse
input and render, nothing else. The request lifecycle is one state machine (:func:`_transition`)."""

from __future__ import annotations

import smtplib
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext

from liaison.core import mail
from liaison.core.concurrency import VersionConflict
from liaison.core.models import Country, Organization, Person
from liaison.groups.models import Membership, Role

from . import access
from .models import (
    LANGUAGES, Area, AssistanceRequest, AssistanceType, ContactReminder, DuplicationFlag, FlagDecision, FlagKind, FlagStatus,
    Initiative, MatchSession, Mechanism, Offer, PointOfContact, Proposal, ProposalStatus, RequestEvent, RequestStatus, Share, encode_codes,
)

__all__ = ["TransitionRefused", "VersionConflict"]

MAIL_ERRORS = (smtplib.SMTPException, OSError)


class TransitionRefused(Exception):
    pass


def _today():
    return timezone.localdate()


def _check_codes(codes, allowed, field):
    codes = [c.strip() for c in codes if c and c.strip()]
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValidationError({field: ngettext("Unknown value: %(values)s. Allowed: %(allowed)s.", "Unknown values: %(values)s. Allowed: %(allowed)s.",
                                               len(unknown)) % {"values": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))}})
    if not codes:
        raise ValidationError({field: _("Choose at least one.")})
    return encode_codes(codes)


def _check_period(start, end):
    if start and end and end < start:
        raise ValidationError({"end": _("The end is before the start.")})


def _check_areas(mechanism, areas):
    areas = list(areas)
    if not areas:
        raise ValidationError({"areas": _("Choose at least one area.")})
    if any(a.mechanism_id != mechanism.pk for a in areas):
        raise ValidationError({"areas": _("Areas must come from the vocabulary of %(mechanism)s.") % {"mechanism": mechanism}})
    return areas


# --- points of contact -------------------------------------------------------------------------
def _party(country=None, organization=None):
    if bool(country) == bool(organization):
        raise ValidationError(_("A point of contact is for one state or one organization."))
    return {"country": country, "organization": organization}


def may_record_contact(user, mechanism, country=None, organization=None) -> bool:
    """The secretariat, or the party's current point of contact (who hands over to a successor)."""
    key = ("country", country.pk) if country else ("organization", organization.pk)
    return access.is_secretariat(user) or access.is_contact_of(user, mechanism.pk, key)


@transaction.atomic
def submit_point_of_contact(mechanism, person: Person, body: str, *, by, country=None, organization=None,
                            level="national", role="", submitted_on: date | None = None, note="") -> PointOfContact:
    """Record a new point of contact; the party's previous one for the mechanism ends the same day
    and stays as history."""
    party = _party(country, organization)
    if not may_record_contact(by, mechanism, country, organization):
        raise PermissionDenied(_("Only the secretariat or the current point of contact may record a point of contact."))
    if not (body or "").strip():
        raise ValidationError({"body": _("Name the body (ministry, agency or office).")})
    submitted_on = submitted_on or _today()
    previous = PointOfContact.objects.select_for_update().filter(mechanism=mechanism, ended_on__isnull=True, **party)
    previous.exclude(person=person).update(ended_on=submitted_on, version=F("version") + 1)
    same = previous.filter(person=person).first()
    if same is not None:  # a re-submission by the same person updates the current record
        same.body, same.level, same.role, same.submitted_on, same.note = body.strip(), level, role, submitted_on, note
        same.full_clean()
        same.save_versioned()
        return same
    poc = PointOfContact(mechanism=mechanism, person=person, body=body.strip(), level=level, role=role,
                         submitted_on=submitted_on, note=note, recorded_by=by if getattr(by, "pk", None) else None, **party)
    poc.full_clean()
    poc.save_versioned()
    return poc


def end_point_of_contact(poc, *, by, expected_version, on=None):
    if not may_record_contact(by, poc.mechanism, poc.country, poc.organization):
        raise PermissionDenied(_("Only the secretariat or the current point of contact may withdraw it."))
    if poc.ended_on:
        raise ValidationError(_("This point of contact has already ended."))
    poc.ended_on = on or _today()
    poc.save_versioned(expected_version=expected_version)
    return poc


def expected_parties(mechanism):
    """[(party, 'country'|'organization')] asked for a point of contact."""
    countries = list(Country.objects.exclude(regional_group="")) if mechanism.expects_member_states else []
    countries = sorted({*countries, *mechanism.expected_countries.all()}, key=lambda c: c.name)
    organizations = sorted(mechanism.expected_organizations.all(), key=lambda o: o.name.casefold())
    return [(c, "country") for c in countries] + [(o, "organization") for o in organizations]


def contact_addresses(mechanism) -> dict[tuple[str, int], set[str]]:
    """The addresses that may be asked to name a party's point of contact, by party key: the
    party's official channels only, never a person merely of its nationality (an expert on a roster
    does not speak for their state). A state's or an organization's current points of contact for
    any mechanism (by the party they are the contact of), its current focal points in any group, and,
    when the mechanism belongs to a group, the group's current members of that nationality or
    organization. 3 queries."""
    addresses = {}

    def add(kind, pk, email):
        if pk and email:
            addresses.setdefault((kind, pk), set()).add(email)

    for email, country_id, org_id in (PointOfContact.objects.filter(ended_on__isnull=True).exclude(person__email="")
                                      .values_list("person__email", "country_id", "organization_id")):
        add("country", country_id, email)
        add("organization", org_id, email)
    speaking = Membership.objects.current().filter(role=Role.FOCAL_POINT)
    if mechanism.group_id:
        speaking = speaking | Membership.objects.members().filter(group_id=mechanism.group_id)
    for email, country_id, org_id in (Person.objects.exclude(email="").filter(pk__in=speaking.values("person_id"))
                                      .values_list("email", "country_id", "organization_id").distinct()):
        add("country", country_id, email)
        add("organization", org_id, email)
    return addresses


def missing_contacts(mechanism):
    """Parties asked for a point of contact that have no current one, with the addresses we could
    ask (``contact_addresses``) and when they were last asked. A fixed number of queries."""
    current = set(
        (("country", c) if c else ("organization", o))
        for c, o in PointOfContact.objects.filter(mechanism=mechanism, ended_on__isnull=True).values_list("country_id", "organization_id")
    )
    asked = {}
    for r in ContactReminder.objects.filter(mechanism=mechanism).order_by("sent_at"):
        asked[r.party_key] = r.sent_at
    addresses = contact_addresses(mechanism)
    rows = []
    for party, kind in expected_parties(mechanism):
        key = (kind, party.pk)
        if key in current:
            continue
        rows.append({"party": party, "kind": kind, "key": f"{kind}:{party.pk}", "addresses": sorted(addresses.get(key, ())),
                     "asked": asked.get(key)})
    return rows


def ask_for_contacts(mechanism, keys, *, by) -> tuple[int, list[str]]:
    """E-mail the parties (``"country:12"``, ``"organization:3"``) that have no point of contact,
    asking for one. Returns (sent, problems); each e-mail sent is recorded."""
    if not access.is_secretariat(by):
        raise PermissionDenied
    rows = {row["key"]: row for row in missing_contacts(mechanism)}
    sent, problems = 0, []
    connection = get_connection()
    for key in keys:
        row = rows.get(key)
        if row is None:
            problems.append(f"{key}: not missing a point of contact")
            continue
        if not row["addresses"]:
            problems.append(f"{row['party']}: no known e-mail address")
            continue
        try:
            mail.send("assistance/email/ask_contact", {"mechanism": mechanism, "party": row["party"]}, row["addresses"],
                      connection=connection)
        except MAIL_ERRORS as error:
            problems.append(f"{row['party']}: the mail server refused ({error})")
            continue
        ContactReminder.objects.create(mechanism=mechanism, sent_by=by, recipients=", ".join(row["addresses"]),
                                       **{row["kind"]: row["party"]})
        sent += 1
    return sent, problems


# --- assistance requests -----------------------------------------------------------------------
def requesting_countries(user, mechanism):
    """The states the user may submit a request for: any UN Member State for the secretariat, else
    the states the user is a current point of contact of for the mechanism."""
    if access.is_secretariat(user):
        return Country.objects.exclude(regional_group="")
    return Country.objects.filter(pk__in=access.contact_countries(user, mechanism.pk))


@transaction.atomic
def submit_request(mechanism, country, *, by, title, description, areas, types, languages, start=None, end=None,
                   received_on=None, synthetic=False) -> AssistanceRequest:
    if not mechanism.receives_requests:
        raise ValidationError(_("%(mechanism)s does not receive assistance requests.") % {"mechanism": mechanism})
    if not (access.is_secretariat(by) or country.pk in access.contact_countries(by, mechanism.pk)):
        raise PermissionDenied(_("A state submits requests through its current point of contact."))
    if not (title or "").strip() or not (description or "").strip():
        raise ValidationError({"description": _("A request needs a title and a description.")})
    _check_period(start, end)
    areas = _check_areas(mechanism, areas)
    received_on = received_on or _today()
    req = AssistanceRequest(
        mechanism=mechanism, country=country, title=title.strip(), description=description.strip(),
        types=_check_codes(types, set(AssistanceType.values), "types"),
        languages=_check_codes(languages, set(LANGUAGES), "languages"),
        start=start, end=end, received_on=received_on, submitted_by=by if getattr(by, "pk", None) else None, synthetic=synthetic,
    )
    req.save_versioned()
    req.areas.set(areas)
    RequestEvent.objects.create(request=req, to_status=RequestStatus.RECEIVED, on=received_on, by=req.submitted_by, note="Submitted.")
    return req


@transaction.atomic
def edit_request(req, *, by, expected_version, **fields):
    """The requesting state or the secretariat correct a request still being considered."""
    if not (access.is_secretariat(by) or access.is_requester(by, req)):
        raise PermissionDenied
    if req.status not in (RequestStatus.RECEIVED, RequestStatus.APPROVED):
        raise TransitionRefused(_("A request that is matched or closed can no longer be edited."))
    areas = fields.pop("areas", None)
    if "types" in fields:
        fields["types"] = _check_codes(fields["types"], set(AssistanceType.values), "types")
    if "languages" in fields:
        fields["languages"] = _check_codes(fields["languages"], set(LANGUAGES), "languages")
    for name, value in fields.items():
        setattr(req, name, value)
    _check_period(req.start, req.end)
    req.save_versioned(expected_version=expected_version)
    if areas is not None:
        req.areas.set(_check_areas(req.mechanism, areas))
    return req


# The lifecycle: target -> (allowed from, date field set on arrival, who may move it there)
SECRETARIAT, REQUESTER, PARTNER = "secretariat", "requester", "partner"
LIFECYCLE = {
    RequestStatus.APPROVED: ((RequestStatus.RECEIVED,), "approved_on", {SECRETARIAT}),
    RequestStatus.MATCHED: ((RequestStatus.APPROVED,), "matched_on", {SECRETARIAT, PARTNER}),
    RequestStatus.IN_PROGRESS: ((RequestStatus.MATCHED,), "started_on", {SECRETARIAT, REQUESTER}),
    RequestStatus.COMPLETED: ((RequestStatus.IN_PROGRESS,), "closed_on", {SECRETARIAT, REQUESTER}),
    RequestStatus.WITHDRAWN: ((RequestStatus.RECEIVED, RequestStatus.APPROVED, RequestStatus.MATCHED, RequestStatus.IN_PROGRESS),
                              "closed_on", {SECRETARIAT, REQUESTER}),
}


def actor_roles(user, req, proposal=None) -> set[str]:
    roles = set()
    if access.is_secretariat(user):
        roles.add(SECRETARIAT)
    if access.is_requester(user, req):
        roles.add(REQUESTER)
    if proposal is not None and proposal.offer.party_key in access.partner_keys(user):
        roles.add(PARTNER)
    return roles


def allowed_transitions(user, req) -> list[str]:
    """The states this user may move the request to now (for the buttons on its page)."""
    roles = actor_roles(user, req)
    return [to for to, (sources, _, who) in LIFECYCLE.items() if req.status in sources and roles & who and to != RequestStatus.MATCHED]


def _transition(req, to, *, by, expected_version=None, note="", on=None, proposal=None, details=None, **fields):
    """The one way a request changes state: checks the source state and the actor, sets the date,
    keeps the event with its note."""
    to = RequestStatus(to)
    sources, date_field, who = LIFECYCLE[to]
    if req.status not in sources:
        raise TransitionRefused(
            _("The request cannot become “%(to)s”. Its status: %(status)s.") % {"to": to.label, "status": req.get_status_display()}
        )
    if not actor_roles(by, req, proposal) & who:
        raise PermissionDenied(_("You may not give this request the status “%(status)s”.") % {"status": to.label})
    on = on or _today()
    previous = req.status
    req.status = to
    setattr(req, date_field, on)
    for name, value in fields.items():
        setattr(req, name, value)
    req.save_versioned(expected_version=expected_version)
    RequestEvent.objects.create(request=req, from_status=previous, to_status=to, note=(note or "").strip(), details=details or {},
                                on=on, by=by if getattr(by, "pk", None) else None)
    return req


@transaction.atomic
def approve_for_sharing(req, audiences, *, by, expected_version=None, note="", on=None):
    """The committee's decision: approve the request for sharing with the named audiences."""
    audiences = list(audiences)
    if not audiences:
        raise ValidationError({"audiences": _("Name at least one audience to share the request with.")})
    on = on or _today()
    _transition(req, RequestStatus.APPROVED, by=by, expected_version=expected_version, note=note, on=on)
    for group in audiences:
        Share.objects.get_or_create(request=req, audience=group, defaults={"shared_on": on})
    return req


@transaction.atomic
def share_with(req, audiences, *, by, on=None):
    """Share an already approved request with more audiences."""
    if not access.is_secretariat(by):
        raise PermissionDenied
    if req.status in (RequestStatus.RECEIVED, RequestStatus.WITHDRAWN):
        raise TransitionRefused(_("Approve the request for sharing first."))
    for group in audiences:
        Share.objects.get_or_create(request=req, audience=group, defaults={"shared_on": on or _today()})


def start(req, *, by, expected_version=None, note=""):
    return _transition(req, RequestStatus.IN_PROGRESS, by=by, expected_version=expected_version, note=note)


def complete(req, *, by, feedback, lessons="", expected_version=None, note=""):
    if not (feedback or "").strip():
        raise ValidationError({"feedback": _("Say how the assistance went: feedback is required to complete a request.")})
    return _transition(req, RequestStatus.COMPLETED, by=by, expected_version=expected_version, note=note,
                       feedback=feedback.strip(), lessons=(lessons or "").strip())


def withdraw(req, *, by, note, expected_version=None):
    if not (note or "").strip():
        raise ValidationError({"note": _("Give the reason for withdrawing the request.")})
    return _transition(req, RequestStatus.WITHDRAWN, by=by, expected_version=expected_version, note=note)


def move(req, to, *, by, expected_version=None, note="", feedback="", lessons="", audiences=()):
    """Dispatch a page's or the API's transition to the right service."""
    if to == RequestStatus.APPROVED:
        return approve_for_sharing(req, audiences, by=by, expected_version=expected_version, note=note)
    if to == RequestStatus.IN_PROGRESS:
        return start(req, by=by, expected_version=expected_version, note=note)
    if to == RequestStatus.COMPLETED:
        return complete(req, by=by, feedback=feedback, lessons=lessons, expected_version=expected_version, note=note)
    if to == RequestStatus.WITHDRAWN:
        return withdraw(req, by=by, note=note, expected_version=expected_version)
    raise TransitionRefused(_("A request becomes matched when a partner accepts a proposal."))


# --- the consolidated list and the briefing ----------------------------------------------------
def consolidated(group, queryset=None):
    """Requests approved for sharing with ``group`` (still open or closed), oldest first."""
    queryset = AssistanceRequest.objects.all() if queryset is None else queryset
    return (queryset.filter(shares__audience=group, approved_on__isnull=False)
            .exclude(status=RequestStatus.RECEIVED)
            .select_related("country", "mechanism").prefetch_related("areas", "shares").order_by("approved_on", "pk").distinct())


def unbriefed(group, requests) -> int:
    """How many of these requests shared with the group its members have not been briefed on yet."""
    return Share.objects.filter(audience=group, briefed_on__isnull=True, request__in=[r.pk for r in requests]).count()


def current_members(group):
    return Membership.objects.members().filter(group=group).exclude(person__email="").select_related("person")


def brief(group, *, by=None) -> tuple[int, list[str], list]:
    """E-mail the audience's current members the requests newly shared with it (not yet briefed).
    Each member gets their own e-mail. Returns (e-mails sent, problems, requests briefed). Requests
    stay unbriefed if the mail server refuses, so that the briefing can be sent again."""
    if by is not None and not access.is_secretariat(by):
        raise PermissionDenied
    shares = list(Share.objects.filter(audience=group, briefed_on__isnull=True, request__approved_on__isnull=False)
                  .exclude(request__status__in=(RequestStatus.RECEIVED, RequestStatus.WITHDRAWN))
                  .select_related("request", "request__country").prefetch_related("request__areas"))
    if not shares:
        return 0, [], []
    requests = [s.request for s in shares]
    recipients = sorted({m.person.email for m in current_members(group)})
    sent, problems = 0, []
    connection = get_connection()
    for address in recipients:
        try:
            mail.send("assistance/email/briefing", {"group": group, "requests": requests}, [address], connection=connection)
            sent += 1
        except MAIL_ERRORS as error:
            problems.append(f"{address}: {error}")
    if sent or not recipients:
        Share.objects.filter(pk__in=[s.pk for s in shares]).update(briefed_on=_today())
    return sent, problems, requests


# --- offers ------------------------------------------------------------------------------------
def may_offer_for(user, country=None, organization=None) -> bool:
    key = ("country", country.pk) if country else ("organization", organization.pk)
    return access.is_secretariat(user) or key in access.partner_keys(user)


@transaction.atomic
def save_offer(mechanism, *, by, country=None, organization=None, title, description, areas, types, languages,
               eligible_countries=(), eligible_regions=(), capacity=1, start=None, end=None, offer=None,
               expected_version=None, active=True, synthetic=False) -> Offer:
    party = _party(country, organization)
    if not may_offer_for(by, country, organization):
        raise PermissionDenied(_("A partner makes offers through its current point of contact."))
    if offer is not None and offer.party_key != (("country", country.pk) if country else ("organization", organization.pk)):
        if not access.is_secretariat(by):
            raise PermissionDenied
    if not (title or "").strip() or not (description or "").strip():
        raise ValidationError({"description": _("An offer needs a title and a description.")})
    if int(capacity) < 1:
        raise ValidationError({"capacity": _("The capacity is at least one request.")})
    _check_period(start, end)
    from liaison.core.models import RegionalGroup

    regions = [r for r in eligible_regions if r]
    if any(r not in RegionalGroup.values for r in regions):
        raise ValidationError({"eligible_regions": _("Unknown regional group.")})
    offer = offer or Offer(mechanism=mechanism, created_by=by if getattr(by, "pk", None) else None, synthetic=synthetic)
    offer.country, offer.organization = party["country"], party["organization"]
    offer.title, offer.description = title.strip(), description.strip()
    offer.types = _check_codes(types, set(AssistanceType.values), "types")
    offer.languages = _check_codes(languages, set(LANGUAGES), "languages")
    offer.eligible_regions = encode_codes(regions)
    offer.capacity, offer.start, offer.end, offer.active = int(capacity), start, end, active
    offer.save_versioned(expected_version=expected_version)
    offer.areas.set(_check_areas(mechanism, areas))
    offer.eligible_countries.set(list(eligible_countries))
    return offer


# --- proposals ---------------------------------------------------------------------------------
@transaction.atomic
def propose(req, offer, *, by, score=0.0, reasons=None, session=None) -> Proposal:
    """The secretariat proposes an offer for a request (the engine's proposals go through here too)."""
    if not access.is_secretariat(by):
        raise PermissionDenied
    if req.status != RequestStatus.APPROVED:
        raise TransitionRefused(_("Only requests approved for sharing and not yet matched are proposed to partners."))
    proposal, created = Proposal.objects.get_or_create(
        request=req, offer=offer,
        defaults={"score": score, "reasons": reasons or {}, "session": session, "proposed_on": _today()},
    )
    return proposal


# --- match-making runs -------------------------------------------------------------------------
@transaction.atomic
def run_match_session(mechanism, audience, *, by, meeting=None, title="", top_k=10) -> MatchSession:
    """Run the engine (engine.py) on the audience's open requests and the open offers and record
    the session; each assignment becomes a proposal to the partner (pairs already proposed or
    declined are not proposed again)."""
    from . import engine

    if not access.is_secretariat(by):
        raise PermissionDenied
    run = engine.match_open(mechanism, audience, top_k=top_k)
    session = MatchSession.objects.create(
        mechanism=mechanism, audience=audience, meeting=meeting, run_by=by, top_k=top_k, total_score=run.total_score,
        seconds=run.seconds, title=engine.session_title(audience, title),
    )
    existing = set(Proposal.objects.filter(request_id__in=run.requests).values_list("request_id", "offer_id"))
    for req_id, offer_id, score, reasons in run.assignments:
        if (req_id, offer_id) in existing:
            continue
        propose(run.requests[req_id], run.offers[offer_id], by=by, score=score, reasons=reasons, session=session)
    session.candidates = run.candidates
    return session


def start_match_run(mechanism, audience, *, by, meeting=None, title="", top_k=10):
    """A match-making run is long work: the worker runs it (core/jobs.py) and its page shows the
    progress, then the session. Returns the job."""
    from liaison.core import jobs

    from . import engine

    if not access.is_secretariat(by):
        raise PermissionDenied
    return jobs.start(
        "liaison.assistance.services.match_run_job", owner=by, access="liaison.assistance.services.can_see_match_run",
        title=engine.session_title(audience, title, dated=False),
        params={"mechanism": mechanism.pk, "audience": audience.pk, "meeting": meeting.pk if meeting else None,
                "title": title, "top_k": top_k},
    )


def can_see_match_run(job, user) -> bool:
    """A run and its outcome are the secretariat's, as the matching page is."""
    return access.is_secretariat(user)


def match_run_job(job, progress):
    """The worker's side of :func:`start_match_run`."""
    from liaison.groups.models import Group
    from liaison.meetings.models import Meeting

    params = job.params
    mechanism = Mechanism.objects.get(pk=params["mechanism"])
    audience = Group.objects.get(pk=params["audience"])
    meeting = Meeting.objects.get(pk=params["meeting"]) if params.get("meeting") else None
    progress(0, 1, _("Matching the open requests with the open offers"))
    session = run_match_session(mechanism, audience, by=job.owner, meeting=meeting, title=params.get("title") or "", top_k=params["top_k"])
    made = session.proposals.count()
    return {"message": ngettext("%(n)d proposal made to partners.", "%(n)d proposals made to partners.", made) % {"n": made},
            "url": session.get_absolute_url(), "link_text": _("The match-making session")}


@transaction.atomic
def answer(proposal, *, by, accept: bool, reason="", expected_version=None):
    """The partner accepts or declines (with a reason). Accepting moves the request to matched."""
    proposal = Proposal.objects.select_for_update().select_related("request", "offer").get(pk=proposal.pk)
    if not access.can_answer_proposal(by, proposal):
        raise PermissionDenied(_("Only the partner concerned answers a proposal."))
    if proposal.status != ProposalStatus.PROPOSED:
        raise TransitionRefused(_("This proposal was already answered. Its status: %(status)s.") % {"status": proposal.get_status_display()})
    if not accept and not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason for declining.")})
    if accept and remaining_capacity([proposal.offer], exclude=proposal.pk)[proposal.offer.pk] < 1:
        raise TransitionRefused(_("The offer has no capacity left."))
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    proposal.reason = (reason or "").strip()
    proposal.answered_on = _today()
    proposal.answered_by = by if getattr(by, "pk", None) else None
    proposal.save_versioned(expected_version=expected_version)
    if accept:
        req = proposal.request
        _transition(req, RequestStatus.MATCHED, by=by, proposal=proposal, note=proposal.reason,
                    details={"accepted": {"proposal": proposal.pk}})  # worded in the reader's language (RequestEvent.shown_note)
    return proposal


def remaining_capacity(offers, exclude=None) -> dict[int, int]:
    """Capacity left per offer: its capacity less the accepted proposals of requests still open
    or completed and the proposals still awaiting an answer."""
    ids = [o.pk for o in offers]
    taken = {}
    for offer_id, status, req_status in Proposal.objects.filter(offer_id__in=ids).exclude(status=ProposalStatus.DECLINED).exclude(pk=exclude).values_list(
            "offer_id", "status", "request__status"):
        if req_status == RequestStatus.WITHDRAWN:
            continue
        taken[offer_id] = taken.get(offer_id, 0) + 1
    return {o.pk: max(0, o.capacity - taken.get(o.pk, 0)) for o in offers}


# --- initiatives -------------------------------------------------------------------------------
INITIATIVE_M2M = ("donor_countries", "donor_organizations", "recipients", "areas")


@transaction.atomic
def save_initiative(mechanism, data: dict, *, by, instance=None, expected_version=None, synthetic=False):
    """Create or update an initiative from cleaned data (fields and lists of related records)."""
    if not access.is_secretariat(by):
        raise PermissionDenied(_("The secretariat keeps the initiatives database."))
    instance = instance or Initiative(mechanism=mechanism, synthetic=synthetic)
    for name, value in data.items():
        if name not in INITIATIVE_M2M and name != "version":
            setattr(instance, name, value)
    instance.currency = (instance.currency or "").upper()
    if not data.get("recipients"):
        raise ValidationError({"recipients": _("Name at least one recipient state.")})
    _check_period(instance.start, instance.end)
    if data.get("areas") is not None:
        _check_areas(mechanism, data["areas"])
    instance.full_clean(exclude=["mechanism"])
    instance.save_versioned(expected_version=expected_version)
    for name in INITIATIVE_M2M:
        if name in data:
            getattr(instance, name).set(list(data[name]))
    return instance


# --- vocabulary --------------------------------------------------------------------------------
@transaction.atomic
def areas_from_plan(mechanism, plan) -> list:
    """Make the operational objectives of a group's action plan the mechanism's areas (code
    ``objective-N``); idempotent, names follow the plan."""
    areas = []
    for objective in plan.objectives.all():
        area, _ = Area.objects.update_or_create(
            mechanism=mechanism, code=f"objective-{objective.number}",
            defaults={"name": str(objective), "position": objective.number, "objective": objective})
        areas.append(area)
    return areas


# --- the initiatives database and duplication --------------------------------------------------
def search_initiatives(data: dict | None):
    """Initiatives matching a valid search form's data (None: all), with what the list shows."""
    qs = Initiative.objects.select_related("implementer", "mechanism", "mechanism__body").prefetch_related(
        "recipients", "areas", "donor_countries", "donor_organizations")
    d = data or {}
    if d.get("q"):
        qs = qs.filter(Q(title__icontains=d["q"]) | Q(description__icontains=d["q"]) | Q(identifier__icontains=d["q"]))
    if d.get("recipient"):
        qs = qs.filter(recipients=d["recipient"])
    if d.get("region"):
        qs = qs.filter(recipients__regional_group=d["region"])
    if d.get("area"):
        qs = qs.filter(areas=d["area"])
    if d.get("status"):
        qs = qs.filter(status=d["status"])
    if d.get("donor"):
        kind, _, pid = d["donor"].partition(":")
        qs = qs.filter(**{"donor_countries" if kind == "country" else "donor_organizations": int(pid)})
    if d.get("year"):
        qs = qs.filter(start__year__lte=d["year"]).filter(Q(end__isnull=True) | Q(end__year__gte=d["year"]))
    return qs.distinct()


def _flag_key(kind, initiative_id, other_id, request_id):
    return (str(kind), initiative_id, other_id, request_id)


@transaction.atomic
def scan_duplicates(mechanism=None, *, by) -> dict:
    """Run the duplication checks and keep the secretariat's decisions.

    A pair found for the first time becomes an open flag. A pair found again keeps its decision if
    its evidence has the same fingerprint (``duplicates.fingerprint``); if the evidence changed, a
    confirmed or dismissed flag is reopened and the reopening kept in its history. Flags the check
    no longer finds are kept, marked as no longer found. Returns the counts
    ``{"found", "new", "reopened", "gone"}``."""
    from . import duplicates, engine
    if not access.is_secretariat(by):
        raise PermissionDenied
    initiatives = Initiative.objects.prefetch_related("recipients", "areas")
    requests = AssistanceRequest.objects.exclude(status=RequestStatus.WITHDRAWN).select_related("country").prefetch_related("areas")
    flags = DuplicationFlag.objects.select_for_update()
    if mechanism is not None:
        initiatives, requests = initiatives.filter(mechanism=mechanism), requests.filter(mechanism=mechanism)
        flags = flags.filter(initiative__mechanism=mechanism)
    records = [engine.initiative_record(i) for i in initiatives]
    found = list(duplicates.overlapping_initiatives(records, engine.OVERLAP_THRESHOLD))
    found += list(duplicates.requests_covered([engine.request_record(r) for r in requests], records, engine.COVERED_THRESHOLD))
    existing = {_flag_key(f.kind, f.initiative_id, f.other_initiative_id, f.request_id): f for f in flags}
    now, seen, counts = timezone.now(), set(), {"found": len(found), "new": 0, "reopened": 0, "gone": 0}
    for result in found:
        initiative_id, other_id, request_id = engine.flag_ids(result)
        kind = FlagKind.COVERED if request_id else FlagKind.OVERLAP
        key = _flag_key(kind, initiative_id, other_id, request_id)
        seen.add(key)
        evidence = engine.plain(result.evidence)
        flag = existing.get(key)
        if flag is None:
            DuplicationFlag.objects.create(kind=kind, initiative_id=initiative_id, other_initiative_id=other_id, request_id=request_id,
                                           evidence=evidence, fingerprint=result.fingerprint, checked_at=now)
            counts["new"] += 1
            continue
        changed = bool(flag.fingerprint) and flag.fingerprint != result.fingerprint
        if changed and flag.status != FlagStatus.OPEN:
            flag.status, flag.reason, flag.decided_by, flag.decided_at = FlagStatus.OPEN, "", None, None
            FlagDecision.objects.create(flag=flag, decision=FlagDecision.REOPENED, evidence=evidence, fingerprint=result.fingerprint,
                                        reason="The check found different evidence from the one the decision was taken on.")
            counts["reopened"] += 1
        flag.evidence, flag.fingerprint, flag.present, flag.checked_at = evidence, result.fingerprint, True, now
        flag.save(update_fields=["evidence", "fingerprint", "present", "checked_at", "status", "reason", "decided_by", "decided_at"])
    gone = [f.pk for key, f in existing.items() if key not in seen and f.present]
    counts["gone"] = DuplicationFlag.objects.filter(pk__in=gone).update(present=False, checked_at=now)
    return counts


@transaction.atomic
def decide_flag(flag, decision, *, by, reason=""):
    """The secretariat confirms or dismisses a flag; the decision and the evidence it was taken on
    are kept, and stand through later checks until the evidence changes."""
    if not access.is_secretariat(by):
        raise PermissionDenied
    if decision not in (FlagStatus.CONFIRMED, FlagStatus.DISMISSED):
        raise ValidationError({"decision": _("Confirm or dismiss the flag.")})
    flag = DuplicationFlag.objects.select_for_update().get(pk=flag.pk)
    flag.status, flag.reason, flag.decided_by, flag.decided_at = decision, (reason or "").strip(), by, timezone.now()
    flag.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    FlagDecision.objects.create(flag=flag, decision=decision, reason=flag.reason, evidence=flag.evidence,
                                fingerprint=flag.fingerprint, by=by)
    return flag

"""API of the coordination mechanism. Reads apply the same access rules as the pages (a record one
may not see answers 404); writes need a bearer token of the right role: the secretariat, a state's
current point of contact (requests), a partner's (offers, answers to proposals)."""

from __future__ import annotations

import functools
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _, ngettext
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from liaison.core.api_auth import TokenAuth, api_user
from liaison.core.models import Country, Organization, Person
from liaison.groups.models import Group

from . import access, iati, services
from .models import Area, AssistanceRequest, Initiative, Mechanism, Offer, PointOfContact, Proposal, RequestStatus

router = Router(tags=["assistance"])


def refusals(view):
    """Service refusals as HTTP answers: 403 not allowed, 409 not in a state that allows it."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            raise HttpError(403, str(error) or _("Not allowed.")) from None
        except services.TransitionRefused as error:
            raise HttpError(409, str(error)) from None

    return wrapper


def _mechanism(slug):
    mechanism = Mechanism.objects.filter(slug=slug).first()
    if mechanism is None:
        raise HttpError(422, _("Unknown mechanism %(slug)s.") % {"slug": repr(slug)})
    return mechanism


def _country(iso3):
    country = Country.objects.filter(iso3=(iso3 or "").upper()).first()
    if country is None:
        raise HttpError(422, _("Unknown ISO alpha-3 code %(code)s.") % {"code": repr(iso3)})
    return country


def _countries(codes):
    return [_country(code) for code in codes]


def _party(country: str | None, organization: int | None):
    if bool(country) == bool(organization):
        raise HttpError(422, _("Give either a state (country, ISO alpha-3) or an organization (id)."))
    if country:
        return {"country": _country(country)}
    org = Organization.objects.filter(pk=organization).first()
    if org is None:
        raise HttpError(422, _("Unknown organization %(id)s.") % {"id": organization})
    return {"organization": org}


def _areas(mechanism, codes):
    areas = list(Area.objects.filter(mechanism=mechanism, code__in=codes))
    unknown = set(codes) - {a.code for a in areas}
    if unknown:
        raise HttpError(422, ngettext("Unknown area code for %(mechanism)s: %(codes)s.", "Unknown area codes for %(mechanism)s: %(codes)s.",
                                      len(unknown)) % {"mechanism": mechanism, "codes": ", ".join(sorted(unknown))})
    return areas


# --- points of contact -------------------------------------------------------------------------
class ContactOut(Schema):
    id: int
    mechanism: str
    country: str | None = Field(None, description="ISO alpha-3 of the state, if a state's")
    organization: str | None = None
    person: str
    body: str
    level: str
    role: str
    submitted_on: date
    ended_on: date | None
    current: bool
    email: str | None = Field(None, description="The secretariat, the person and the party's current points of contact only")
    phone: str | None = None


def contact_out(poc, user):
    details = access.can_see_contact_details(user, poc)
    return {
        "id": poc.pk, "mechanism": poc.mechanism.slug, "country": poc.country.iso3 if poc.country_id else None,
        "organization": poc.organization.label if poc.organization_id else None, "person": poc.person.formal_name,
        "body": poc.body, "level": poc.level, "role": poc.role, "submitted_on": poc.submitted_on, "ended_on": poc.ended_on,
        "current": poc.current, "email": poc.person.email if details else None, "phone": poc.person.phone if details else None,
    }


@router.get("/points-of-contact", response=list[ContactOut])
def list_contacts(request, mechanism: str = "", country: str = "", current: bool = True):
    """Points of contact (current ones unless ``current=false``, which adds the history)."""
    user = api_user(request)
    qs = PointOfContact.objects.select_related("mechanism", "person", "country", "organization")
    if mechanism:
        qs = qs.filter(mechanism__slug=mechanism)
    if country:
        qs = qs.filter(country__iso3=country.upper())
    if current:
        qs = qs.filter(ended_on__isnull=True)
    return [contact_out(p, user) for p in qs]


class ContactIn(Schema):
    mechanism: str
    country: str | None = None
    organization: int | None = None
    person: int = Field(..., description="Id of the person in the registry")
    body: str
    level: str = "national"
    role: str = ""
    submitted_on: date | None = None


@router.post("/points-of-contact", response={201: ContactOut}, auth=TokenAuth())
@refusals
def create_contact(request, payload: ContactIn):
    mechanism = _mechanism(payload.mechanism)
    person = Person.objects.filter(pk=payload.person).first()
    if person is None:
        raise HttpError(422, _("Unknown person."))
    if payload.level not in ("national", "regional"):
        raise HttpError(422, _("level is national or regional."))
    poc = services.submit_point_of_contact(mechanism, person, payload.body, by=request.auth, level=payload.level, role=payload.role,
                                           submitted_on=payload.submitted_on, **_party(payload.country, payload.organization))
    return Status(201, contact_out(poc, request.auth))


# --- requests ----------------------------------------------------------------------------------
class RequestOut(Schema):
    id: int
    mechanism: str
    country: str
    title: str
    description: str
    areas: list[str]
    types: list[str]
    languages: list[str]
    start: date | None
    end: date | None
    status: str
    received_on: date
    approved_on: date | None
    matched_on: date | None
    started_on: date | None
    closed_on: date | None
    feedback: str
    lessons: str
    version: int


def request_out(r):
    return {
        "id": r.pk, "mechanism": r.mechanism.slug, "country": r.country.iso3, "title": r.title, "description": r.description,
        "areas": [a.code for a in r.areas.all()], "types": r.type_list, "languages": r.language_list, "start": r.start, "end": r.end,
        "status": r.status, "received_on": r.received_on, "approved_on": r.approved_on, "matched_on": r.matched_on,
        "started_on": r.started_on, "closed_on": r.closed_on, "feedback": r.feedback, "lessons": r.lessons, "version": r.version,
    }


@router.get("/assistance/requests", response=list[RequestOut])
def list_requests(request, status: str = "", audience: str = "", limit: int = Query(200, ge=1, le=1000)):
    """Requests the caller may see; ``audience`` gives a group's consolidated list."""
    user = api_user(request)
    qs = AssistanceRequest.objects.select_related("mechanism", "country").prefetch_related("areas")
    if audience:
        group = get_object_or_404(Group, slug=audience)
        if not access.can_see_audience(user, group):
            raise Http404
        qs = services.consolidated(group, qs)
    else:
        qs = access.visible_requests(user, qs)
    if status:
        qs = qs.filter(status=status)
    return [request_out(r) for r in qs.order_by("pk")[:limit]]


@router.get("/assistance/requests/{request_id}", response=RequestOut)
def get_request(request, request_id: int):
    user = api_user(request)
    r = get_object_or_404(AssistanceRequest.objects.select_related("mechanism", "country"), pk=request_id)
    if not access.can_see_request(user, r):
        raise Http404
    return request_out(r)


class RequestIn(Schema):
    mechanism: str
    country: str = Field(..., description="ISO alpha-3 of the requesting state")
    title: str
    description: str
    areas: list[str]
    types: list[str]
    languages: list[str]
    start: date | None = None
    end: date | None = None


@router.post("/assistance/requests", response={201: RequestOut}, auth=TokenAuth())
@refusals
def create_request(request, payload: RequestIn):
    mechanism = _mechanism(payload.mechanism)
    r = services.submit_request(mechanism, _country(payload.country), by=request.auth, title=payload.title, description=payload.description,
                                areas=_areas(mechanism, payload.areas), types=payload.types, languages=payload.languages,
                                start=payload.start, end=payload.end)
    return Status(201, request_out(r))


class TransitionIn(Schema):
    to: str = Field(..., description="approved, in_progress, completed or withdrawn")
    version: int
    note: str = ""
    audiences: list[str] = Field([], description="Group slugs to share with (approval)")
    feedback: str = ""
    lessons: str = ""


@router.post("/assistance/requests/{request_id}/transition", response=RequestOut, auth=TokenAuth())
@refusals
def transition_request(request, request_id: int, payload: TransitionIn):
    r = get_object_or_404(AssistanceRequest.objects.select_related("mechanism", "country"), pk=request_id)
    if not access.can_see_request(request.auth, r):
        raise Http404
    if payload.to not in (RequestStatus.APPROVED, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, RequestStatus.WITHDRAWN):
        raise HttpError(422, _("to is approved, in_progress, completed or withdrawn (a request is matched when a partner accepts)."))
    audiences = list(Group.objects.filter(slug__in=payload.audiences))
    if len(audiences) != len(set(payload.audiences)):
        raise HttpError(422, _("Unknown audience."))
    services.move(r, payload.to, by=request.auth, expected_version=payload.version, note=payload.note, feedback=payload.feedback,
                  lessons=payload.lessons, audiences=audiences)
    r.refresh_from_db()
    return request_out(r)


# --- offers ------------------------------------------------------------------------------------
class OfferOut(Schema):
    id: int
    mechanism: str
    country: str | None
    organization: str | None
    title: str
    description: str
    areas: list[str]
    types: list[str]
    languages: list[str]
    eligible_countries: list[str]
    eligible_regions: list[str]
    capacity: int
    start: date | None
    end: date | None
    active: bool
    version: int


def offer_out(o):
    return {
        "id": o.pk, "mechanism": o.mechanism.slug, "country": o.country.iso3 if o.country_id else None,
        "organization": o.organization.label if o.organization_id else None, "title": o.title, "description": o.description,
        "areas": [a.code for a in o.areas.all()], "types": o.type_list, "languages": o.language_list,
        "eligible_countries": [c.iso3 for c in o.eligible_countries.all()], "eligible_regions": o.region_list,
        "capacity": o.capacity, "start": o.start, "end": o.end, "active": o.active, "version": o.version,
    }


@router.get("/assistance/offers", response=list[OfferOut])
def list_offers(request):
    """Offers: the secretariat sees all, a partner its own, anyone else none."""
    user = api_user(request)
    if not access.can_offer(user):
        return []
    qs = Offer.objects.select_related("mechanism", "country", "organization").prefetch_related("areas", "eligible_countries")
    q = access.offers_q(user)
    return [offer_out(o) for o in (qs if q is None else qs.filter(q))]


class OfferIn(Schema):
    mechanism: str
    country: str | None = None
    organization: int | None = None
    title: str
    description: str
    areas: list[str]
    types: list[str]
    languages: list[str]
    eligible_countries: list[str] = []
    eligible_regions: list[str] = []
    capacity: int = Field(1, ge=1, le=1000)
    start: date | None = None
    end: date | None = None


@router.post("/assistance/offers", response={201: OfferOut}, auth=TokenAuth())
@refusals
def create_offer(request, payload: OfferIn):
    mechanism = _mechanism(payload.mechanism)
    offer = services.save_offer(
        mechanism, by=request.auth, title=payload.title, description=payload.description, areas=_areas(mechanism, payload.areas),
        types=payload.types, languages=payload.languages, eligible_countries=_countries(payload.eligible_countries),
        eligible_regions=payload.eligible_regions, capacity=payload.capacity, start=payload.start, end=payload.end,
        **_party(payload.country, payload.organization))
    return Status(201, offer_out(offer))


# --- matches (proposals) -----------------------------------------------------------------------
class MatchOut(Schema):
    id: int
    request: int
    request_title: str
    offer: int
    partner: str
    score: float
    reasons: dict
    status: str
    reason: str
    proposed_on: date
    answered_on: date | None
    version: int


def match_out(p):
    return {"id": p.pk, "request": p.request_id, "request_title": p.request.title, "offer": p.offer_id, "partner": str(p.offer.party),
            "score": p.score, "reasons": p.reasons, "status": p.status, "reason": p.reason, "proposed_on": p.proposed_on,
            "answered_on": p.answered_on, "version": p.version}


@router.get("/assistance/matches", response=list[MatchOut])
def list_matches(request, status: str = ""):
    """Proposals: the secretariat sees all, a partner those for its offers, anyone else none."""
    user = api_user(request)
    if not access.can_offer(user):
        return []
    qs = Proposal.objects.select_related("request", "offer", "offer__country", "offer__organization")
    q = access.proposals_q(user)
    if q is not None:
        qs = qs.filter(q)
    if status:
        qs = qs.filter(status=status)
    return [match_out(p) for p in qs]


class AnswerIn(Schema):
    accept: bool
    reason: str = ""
    version: int


@router.post("/assistance/matches/{match_id}/answer", response=MatchOut, auth=TokenAuth())
@refusals
def answer_match(request, match_id: int, payload: AnswerIn):
    proposal = get_object_or_404(Proposal.objects.select_related("request", "offer"), pk=match_id)
    if not access.can_see_proposal(request.auth, proposal):
        raise Http404
    proposal = services.answer(proposal, by=request.auth, accept=payload.accept, reason=payload.reason, expected_version=payload.version)
    return match_out(proposal)


# --- initiatives -------------------------------------------------------------------------------
class InitiativeOut(Schema):
    id: int
    identifier: str
    mechanism: str
    title: str
    description: str
    implementer: str
    donors: list[str]
    recipients: list[str]
    areas: list[str]
    start: date
    end: date | None
    budget: float | None
    currency: str
    status: str
    version: int


def initiative_out(i):
    return {
        "id": i.pk, "identifier": i.identifier, "mechanism": i.mechanism.slug, "title": i.title, "description": i.description,
        "implementer": i.implementer.label, "donors": [c.iso3 for c in i.donor_countries.all()] + [o.label for o in i.donor_organizations.all()],
        "recipients": [c.iso3 for c in i.recipients.all()], "areas": [a.code for a in i.areas.all()], "start": i.start, "end": i.end,
        "budget": float(i.budget) if i.budget is not None else None, "currency": i.currency, "status": i.status, "version": i.version,
    }


def _initiatives(recipient="", area="", status="", q=""):
    qs = Initiative.objects.select_related("mechanism", "mechanism__body", "implementer").prefetch_related(
        "donor_countries", "donor_organizations", "recipients", "areas")
    if recipient:
        qs = qs.filter(recipients__iso3=recipient.upper())
    if area:
        qs = qs.filter(areas__code=area)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs.distinct().order_by("identifier")


@router.get("/initiatives", response=list[InitiativeOut])
def list_initiatives(request, recipient: str = "", area: str = "", status: str = "", q: str = ""):
    """The capacity-building initiatives database (public)."""
    return [initiative_out(i) for i in _initiatives(recipient, area, status, q)]


@router.get("/initiatives.xml", openapi_extra={"responses": {200: {"description": "IATI 2.03 activity XML",
                                                                      "content": {"application/xml": {}}}}})
def initiatives_xml(request, recipient: str = "", area: str = "", status: str = "", q: str = ""):
    """The same selection as IATI 2.03 activity XML (``iati-activities``)."""
    return HttpResponse(iati.activities_xml(_initiatives(recipient, area, status, q)), content_type="application/xml; charset=utf-8")


class InitiativeIn(Schema):
    mechanism: str
    identifier: str
    title: str
    description: str = ""
    implementer: int = Field(..., description="Organization id")
    donor_countries: list[str] = []
    donor_organizations: list[int] = []
    recipients: list[str]
    areas: list[str]
    start: date
    end: date | None = None
    budget: float | None = None
    currency: str = "USD"
    status: str = "2"


@router.post("/initiatives", response={201: InitiativeOut}, auth=TokenAuth())
@refusals
def create_initiative(request, payload: InitiativeIn):
    from decimal import Decimal

    mechanism = _mechanism(payload.mechanism)
    implementer = Organization.objects.filter(pk=payload.implementer).first()
    donors = list(Organization.objects.filter(pk__in=payload.donor_organizations))
    if implementer is None or len(donors) != len(set(payload.donor_organizations)):
        raise HttpError(422, _("Unknown organization."))
    data = {
        "identifier": payload.identifier, "title": payload.title, "description": payload.description, "implementer": implementer,
        "start": payload.start, "end": payload.end, "budget": Decimal(str(payload.budget)) if payload.budget is not None else None,
        "currency": payload.currency, "status": payload.status, "donor_countries": _countries(payload.donor_countries),
        "donor_organizations": donors, "recipients": _countries(payload.recipients), "areas": _areas(mechanism, payload.areas),
    }
    initiative = services.save_initiative(mechanism, data, by=request.auth)
    return Status(201, initiative_out(initiative))

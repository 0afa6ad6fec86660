"""The bridge between the records and the pure engines (``matching.py``, ``duplicates.py``): models
become frozen dataclasses (ids as strings: ``r12`` a request, ``o3`` an offer, ``i7`` an
initiative), the engines' answers become proposals (:func:`run_session`, the match-making service)
and the data of duplication flags (which ``services.scan_duplicates`` keeps)."""

from __future__ import annotations

import time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from liaison.core.dates import day_month_year

from . import access, services
from .models import (
    AssistanceRequest, MatchSession, Offer, Proposal, ProposalStatus, RequestStatus,
)

OVERLAP_THRESHOLD = 0.3
COVERED_THRESHOLD = 0.3


def _pk(engine_id) -> int:
    """``r12`` -> 12 (an engine id, or a record carrying one)."""
    return int(str(getattr(engine_id, "id", engine_id))[1:])


def request_record(req):
    from .matching import Request

    return Request(
        id=f"r{req.pk}", country=req.country.iso3, areas=frozenset(a.code for a in req.areas.all()),
        types=frozenset(req.type_list), languages=frozenset(req.language_list),
        description=f"{req.title}. {req.description}", region=req.country.regional_group or "", start=req.start, end=req.end,
    )


def offer_record(offer, capacity=None):
    from .matching import Offer as EngineOffer

    return EngineOffer(
        id=f"o{offer.pk}", provider=str(offer.party), areas=frozenset(a.code for a in offer.areas.all()),
        types=frozenset(offer.type_list), countries=frozenset(c.iso3 for c in offer.eligible_countries.all()),
        languages=frozenset(offer.language_list), capacity=offer.capacity if capacity is None else capacity,
        description=f"{offer.title}. {offer.description}", regions=frozenset(offer.region_list), start=offer.start, end=offer.end,
    )


def open_requests(mechanism, audience):
    """Requests shared with the audience, approved and not yet matched, with no proposal awaiting an answer."""
    waiting = Proposal.objects.filter(status=ProposalStatus.PROPOSED).values("request_id")
    return (services.consolidated(audience, AssistanceRequest.objects.filter(mechanism=mechanism, status=RequestStatus.APPROVED))
            .exclude(pk__in=waiting).prefetch_related("areas"))


def open_offers(mechanism):
    offers = list(Offer.objects.filter(mechanism=mechanism, active=True).select_related("country", "organization")
                  .prefetch_related("areas", "eligible_countries"))
    left = services.remaining_capacity(offers)
    return [(o, left[o.pk]) for o in offers if left[o.pk] > 0]


@transaction.atomic
def run_session(mechanism, audience, *, by, meeting=None, title="", top_k=10) -> MatchSession:
    """Run the engine on the audience's open requests and the open offers; each assignment becomes
    a proposal to the partner (pairs already proposed or declined are not proposed again)."""
    from . import matching

    if not access.is_secretariat(by):
        raise PermissionDenied
    requests = list(open_requests(mechanism, audience))
    offers = open_offers(mechanism)
    started = time.perf_counter()
    result = matching.match([request_record(r) for r in requests], [offer_record(o, left) for o, left in offers], top_k=top_k)
    seconds = time.perf_counter() - started
    session = MatchSession.objects.create(
        mechanism=mechanism, audience=audience, meeting=meeting, run_by=by, top_k=top_k, total_score=result.total_score,
        seconds=seconds, title=title or f"Match-making for the {audience.acronym or audience.name}, {day_month_year(timezone.localdate())}",
    )
    by_request = {r.pk: r for r in requests}
    by_offer = {o.pk: o for o, _ in offers}
    existing = set(Proposal.objects.filter(request_id__in=by_request).values_list("request_id", "offer_id"))
    for assignment in result.assignments:
        req_id, offer_id = _pk(assignment.request), _pk(assignment.offer)
        if (req_id, offer_id) in existing:
            continue
        services.propose(by_request[req_id], by_offer[offer_id], by=by, score=float(assignment.score),
                         reasons=plain(assignment.reasons), session=session)
    session.candidates = result.candidates
    return session


def start_run(mechanism, audience, *, by, meeting=None, title="", top_k=10):
    """A match-making run is long work: the worker runs it (core/jobs.py) and its page shows the
    progress, then the session. Returns the job."""
    from liaison.core import jobs

    if not access.is_secretariat(by):
        raise PermissionDenied
    return jobs.start(
        "liaison.assistance.engine.run_job", owner=by, access="liaison.assistance.engine.can_see_run",
        title=title or f"Match-making for the {audience.acronym or audience.name}",
        params={"mechanism": mechanism.pk, "audience": audience.pk, "meeting": meeting.pk if meeting else None,
                "title": title, "top_k": top_k},
    )


def can_see_run(job, user) -> bool:
    """A run and its outcome are the secretariat's, as the matching page is."""
    return access.is_secretariat(user)


def run_job(job, progress):
    """The worker's side of :func:`start_run`."""
    from liaison.groups.models import Group
    from liaison.meetings.models import Meeting

    from .models import Mechanism

    params = job.params
    mechanism = Mechanism.objects.get(pk=params["mechanism"])
    audience = Group.objects.get(pk=params["audience"])
    meeting = Meeting.objects.get(pk=params["meeting"]) if params.get("meeting") else None
    progress(0, 1, "Matching the open requests with the open offers")
    session = run_session(mechanism, audience, by=job.owner, meeting=meeting, title=params.get("title") or "", top_k=params["top_k"])
    return {"message": f"{session.proposals.count()} proposal(s) made to partners.", "url": session.get_absolute_url(),
            "link_text": "The match-making session"}


def plain(reasons):
    """Reasons as JSON: numbers and strings as they are, sets as sorted lists."""
    out = {}
    for key, value in dict(reasons).items():
        if isinstance(value, (set, frozenset)):
            value = sorted(value)
        elif not isinstance(value, (int, float, str, bool, list, dict, type(None))):
            value = str(value)
        out[str(key)] = value
    return out


# --- duplication -------------------------------------------------------------------------------
def initiative_record(initiative):
    from .duplicates import Initiative as EngineInitiative

    return EngineInitiative(
        id=f"i{initiative.pk}", recipients=frozenset(c.iso3 for c in initiative.recipients.all()),
        areas=frozenset(a.code for a in initiative.areas.all()), start=initiative.start, end=initiative.end,
        text=f"{initiative.title}. {initiative.description}",
    )


def flag_ids(flag):
    """(initiative pk, other initiative pk or None, request pk or None) of an engine flag."""
    ids = [str(getattr(flag.a, "id", flag.a)), str(getattr(flag.b, "id", flag.b))]
    initiatives = [_pk(i) for i in ids if i.startswith("i")]
    requests = [_pk(i) for i in ids if i.startswith("r")]
    if requests:
        return initiatives[0], None, requests[0]
    first, second = sorted(initiatives)
    return first, second, None

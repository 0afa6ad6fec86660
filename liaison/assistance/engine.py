"""The bridge between the records and the pure engines (``matching.py``, ``duplicates.py``): models
become frozen dataclasses (ids as strings: ``r12`` a request, ``o3`` an offer, ``i7`` an
initiative), the engines' answers become the data of proposals (:func:`match_open`, which
``services.run_match_session`` records) and of duplication flags (which ``services.scan_duplicates``
keeps). Nothing here writes: every write is a service function."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.utils import timezone

from liaison.core.dates import day_month_year

from . import services
from .models import AssistanceRequest, Offer, Proposal, ProposalStatus, RequestStatus

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


@dataclass
class Run:
    """What the engine proposes for the audience's open requests and the open offers (nothing
    recorded yet: ``services.run_match_session`` keeps the session and its proposals)."""

    requests: dict  # pk -> AssistanceRequest
    offers: dict  # pk -> Offer
    assignments: list  # (request pk, offer pk, score, reasons as JSON)
    total_score: float
    seconds: float
    candidates: object


def match_open(mechanism, audience, *, top_k=10) -> Run:
    """Run the engine on the audience's open requests and the open offers (a read, no write)."""
    from . import matching

    requests = list(open_requests(mechanism, audience))
    offers = open_offers(mechanism)
    started = time.perf_counter()
    result = matching.match([request_record(r) for r in requests], [offer_record(o, left) for o, left in offers], top_k=top_k)
    seconds = time.perf_counter() - started
    return Run(
        requests={r.pk: r for r in requests}, offers={o.pk: o for o, _ in offers},
        assignments=[(_pk(a.request), _pk(a.offer), float(a.score), plain(a.reasons)) for a in result.assignments],
        total_score=result.total_score, seconds=seconds, candidates=result.candidates,
    )


def session_title(audience, title="", *, dated=True) -> str:
    """The title a match-making session (or its run) gets when none is given."""
    if title:
        return title
    name = f"Match-making for the {audience.acronym or audience.name}"
    return f"{name}, {day_month_year(timezone.localdate())}" if dated else name


# Jobs recorded before the run moved to services.py name these paths: they lead there.
def run_job(job, progress):
    from . import services

    return services.match_run_job(job, progress)


def can_see_run(job, user) -> bool:
    from . import services

    return services.can_see_match_run(job, user)


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

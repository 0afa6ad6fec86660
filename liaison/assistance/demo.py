"""``liaison demo-assistance``: clearly synthetic requests, offers and initiatives for trying the
coordination mechanism. The mechanisms themselves (the 1540 Committee, the GPWG and its
participating States) come from seed 004; every request, offer, initiative and area vocabulary here
is invented and says so ("Synthetic request 001" …). No person is invented, so no point of contact
is created. Idempotent: records are keyed by their synthetic titles and identifiers."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from liaison.core.models import Country, Organization
from liaison.groups.models import Group

from .models import (
    Area, AssistanceRequest, Initiative, Mechanism, Offer, RequestEvent, RequestStatus, Share, encode_codes,
)

SEED_004 = "shared/seeds 004 (information note on the GPWG meeting, Stockholm, 28-29 August 2012)"
# Participants named by seed 004 (States; observers left out).
GPWG_STATES = ["Belgium", "Canada", "Czech Republic", "Denmark", "Finland", "France", "Germany", "Italy", "Japan", "Kazakhstan",
               "Netherlands", "New Zealand", "Norway", "Poland", "Republic of Korea", "Russian Federation", "Sweden",
               "Switzerland", "Ukraine", "United Kingdom of Great Britain and Northern Ireland", "United States of America"]
AREAS = [("synthetic-legislation", "Synthetic area 1: legislation"), ("synthetic-accounting", "Synthetic area 2: accounting and security"),
         ("synthetic-border", "Synthetic area 3: border and export controls"), ("synthetic-planning", "Synthetic area 4: national action plans")]
TYPES = ["equipment", "expertise", "training", "legislative", "financial"]
LANGS = [["en"], ["fr"], ["es"], ["ru"], ["en", "fr"], ["ar", "en"]]
REQUESTING = ["KGZ", "MDG", "COG", "PER", "JOR", "MNG", "SEN", "PRY", "KHM", "GHA", "TJK", "BOL"]
PROVIDERS = ["SWE", "CAN", "NOR", "JPN", "DEU", "FIN"]
PROVIDER_ORGS = ["European Union"]


def _country_by_name(name):
    from liaison.core.services import get_country

    return get_country(name)  # raises if a seed name does not resolve: never silently dropped


@transaction.atomic
def load(rng_seed: int = 1540) -> dict:
    rng = random.Random(rng_seed)
    committee = Organization.objects.get(name="1540 Committee")
    gpwg_group = Group.objects.get(slug="gpwg")
    m1540, _ = Mechanism.objects.update_or_create(slug="1540", defaults={
        "name": "1540 Committee", "body": committee, "receives_requests": True, "expects_member_states": True,
        "contact_role": "1540 point of contact",
        "source": f"{SEED_004}: the Committee's consolidated list of assistance requests approved for sharing with the GPWG; "
                  "encouraging GPWG participants to submit points of contact."})
    gpwg, _ = Mechanism.objects.update_or_create(slug="gpwg", defaults={
        "name": "Global Partnership Working Group", "group": gpwg_group, "contact_role": "GPWG point of contact", "source": SEED_004})
    gpwg.expected_countries.set([_country_by_name(n) for n in GPWG_STATES])
    gpwg.expected_organizations.set(Organization.objects.filter(name="European Union"))
    if Group.objects.filter(slug="lg-biosafety").exists():
        Mechanism.objects.update_or_create(slug="biosafety", defaults={
            "name": "Biosafety national focal points", "group": Group.objects.get(slug="lg-biosafety"),
            "contact_role": "Biosafety national focal point", "expects_member_states": True})
    areas = []
    for i, (code, name) in enumerate(AREAS):
        area, _ = Area.objects.update_or_create(mechanism=m1540, code=code, defaults={"name": name, "position": i})
        areas.append(area)

    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=REQUESTING + PROVIDERS)}
    statuses = [RequestStatus.RECEIVED, RequestStatus.APPROVED, RequestStatus.APPROVED, RequestStatus.MATCHED,
                RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, RequestStatus.WITHDRAWN]
    requests = []
    for n in range(1, 25):
        status = statuses[n % len(statuses)]
        received = date(2019, 1, 15) + timedelta(days=rng.randrange(0, 6 * 365))
        steps = {"approved_on": received + timedelta(days=rng.randrange(20, 90))}
        steps["matched_on"] = steps["approved_on"] + timedelta(days=rng.randrange(30, 200))
        steps["started_on"] = steps["matched_on"] + timedelta(days=rng.randrange(10, 60))
        steps["closed_on"] = steps["started_on"] + timedelta(days=rng.randrange(60, 300))
        reached = {
            RequestStatus.RECEIVED: [], RequestStatus.APPROVED: ["approved_on"], RequestStatus.MATCHED: ["approved_on", "matched_on"],
            RequestStatus.IN_PROGRESS: ["approved_on", "matched_on", "started_on"],
            RequestStatus.COMPLETED: ["approved_on", "matched_on", "started_on", "closed_on"],
            RequestStatus.WITHDRAWN: ["approved_on", "closed_on"],
        }[status]
        picked = rng.sample(areas, rng.choice([1, 1, 2]))
        types = rng.sample(TYPES, rng.choice([1, 2]))
        req, _ = AssistanceRequest.objects.update_or_create(title=f"Synthetic request {n:03d}", mechanism=m1540, defaults={
            "country": countries[REQUESTING[n % len(REQUESTING)]], "synthetic": True,
            "description": f"Synthetic request for trying the tool, not a real request: {', '.join(types)} for "
                           f"{' and '.join(a.name.split(': ')[1] for a in picked)}.",
            "types": encode_codes(types), "languages": encode_codes(rng.choice(LANGS)), "status": status, "received_on": received,
            **{field: steps[field] if field in reached else None for field in ("approved_on", "matched_on", "started_on", "closed_on")},
            "feedback": "Synthetic feedback." if status == RequestStatus.COMPLETED else "",
            "lessons": "Synthetic lesson learned." if status == RequestStatus.COMPLETED else "",
        })
        req.areas.set(picked)
        if req.approved_on:
            Share.objects.update_or_create(request=req, audience=gpwg_group, defaults={"shared_on": req.approved_on,
                                                                                      "briefed_on": req.approved_on})
        else:
            Share.objects.filter(request=req).delete()
        req.events.all().delete()
        RequestEvent.objects.create(request=req, to_status=RequestStatus.RECEIVED, on=received, note="Synthetic.")
        previous = RequestStatus.RECEIVED
        for field, to in (("approved_on", RequestStatus.APPROVED), ("matched_on", RequestStatus.MATCHED),
                          ("started_on", RequestStatus.IN_PROGRESS), ("closed_on", status)):
            if field in reached:
                RequestEvent.objects.create(request=req, from_status=previous, to_status=to, on=steps[field], note="Synthetic.")
                previous = to
        requests.append(req)

    providers = [{"country": countries[c]} for c in PROVIDERS] + [{"organization": o} for o in Organization.objects.filter(name__in=PROVIDER_ORGS)]
    offers = []
    for n in range(1, 11):
        provider = providers[n % len(providers)]
        picked = rng.sample(areas, rng.choice([1, 2]))
        types = rng.sample(TYPES, rng.choice([1, 2, 3]))
        offer, _ = Offer.objects.update_or_create(title=f"Synthetic offer {n:03d}", mechanism=m1540, defaults={
            "country": provider.get("country"), "organization": provider.get("organization"), "synthetic": True,
            "description": f"Synthetic offer for trying the tool, not a real offer: {', '.join(types)} in "
                           f"{' and '.join(a.name.split(': ')[1] for a in picked)}.",
            "types": encode_codes(types), "languages": encode_codes(rng.choice(LANGS) + ["en"]), "capacity": rng.choice([1, 2, 3]),
            "eligible_regions": "", "active": True, "start": date(2026, 1, 1), "end": date(2027, 12, 31),
        })
        offer.areas.set(picked)
        offers.append(offer)

    implementers = list(Organization.objects.filter(name__in=["1540 Committee", "European Union"]))
    initiatives = []
    for n in range(1, 16):
        start = date(2018, 1, 1) + timedelta(days=rng.randrange(0, 7 * 365))
        initiative, _ = Initiative.objects.update_or_create(identifier=f"XM-LIAISON-SYN-{n:03d}", defaults={
            "mechanism": m1540, "title": f"Synthetic initiative {n:03d}", "synthetic": True,
            "description": "Synthetic capacity-building initiative for trying the database, not a real project.",
            "implementer": implementers[n % len(implementers)], "start": start, "end": start + timedelta(days=rng.randrange(180, 3 * 365)),
            "budget": Decimal(rng.randrange(50, 900) * 1000), "currency": rng.choice(["USD", "EUR"]), "status": rng.choice(["2", "3", "4"]),
        })
        initiative.recipients.set([countries[c] for c in rng.sample(REQUESTING, rng.choice([1, 2]))])
        initiative.donor_countries.set([countries[c] for c in rng.sample(PROVIDERS, rng.choice([1, 2]))])
        initiative.areas.set(rng.sample(areas, rng.choice([1, 2])))
        initiatives.append(initiative)
    return {"mechanisms": Mechanism.objects.count(), "requests": len(requests), "offers": len(offers), "initiatives": len(initiatives)}

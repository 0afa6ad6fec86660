"""A small coordination mechanism around the demo groups: the 1540 Committee receiving requests,
the GPWG as the audience, one user per role."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from liaison.core.models import Country, Organization, Person
from liaison.groups.models import Membership

from liaison.assistance import services
from liaison.assistance.models import Area, Mechanism, PointOfContact

ROLES = ["anonymous", "requester", "former_requester", "other_state", "partner", "gpwg_member", "former_member",
         "other_member", "secretariat"]


@pytest.fixture
def mechanisms(demo):
    committee = Organization.objects.get(name="1540 Committee")
    m1540 = Mechanism.objects.create(slug="1540", name="1540 Committee", body=committee, receives_requests=True,
                                     expects_member_states=True, contact_role="1540 point of contact")
    gpwg = Mechanism.objects.create(slug="gpwg", name="Global Partnership Working Group", group=demo["gpwg"])
    areas = {code: Area.objects.create(mechanism=m1540, code=code, name=name, position=i) for i, (code, name) in enumerate([
        ("legislation", "National legislation"), ("export-control", "Export and border controls"),
        ("physical-protection", "Physical protection and accounting")])}
    return {"1540": m1540, "gpwg": gpwg, "areas": areas}


def _poc(mechanism, user, country=None, organization=None, ended=False):
    return PointOfContact.objects.create(
        mechanism=mechanism, person=user.person, body="Ministry of Foreign Affairs", country=country, organization=organization,
        submitted_on=date(2024, 1, 10), ended_on=date(2025, 1, 1) if ended else None)


@pytest.fixture
def people(demo, mechanisms, make_user):
    kgz, mdg, swe = (Country.objects.get(iso3=c) for c in ("KGZ", "MDG", "SWE"))
    m1540, mg = mechanisms["1540"], mechanisms["gpwg"]
    users = {
        "anonymous": None,
        "requester": make_user("poc@kgz.example", country=kgz),
        "former_requester": make_user("former@kgz.example", country=kgz),
        "other_state": make_user("poc@mdg.example", country=mdg),
        "partner": make_user("poc@swe.example", country=swe, group=demo["gpwg"]),
        "gpwg_member": make_user("member@gpwg.example", group=demo["gpwg"]),
        "former_member": make_user("former@gpwg.example"),
        "other_member": make_user("member@ias.example", group=demo["ias"]),
        "secretariat": make_user("staff@1540.example", staff=True),
    }
    _poc(m1540, users["former_requester"], country=kgz, ended=True)
    _poc(m1540, users["requester"], country=kgz)
    _poc(m1540, users["other_state"], country=mdg)
    _poc(mg, users["partner"], country=swe)
    Membership.objects.create(group=demo["gpwg"], person=users["former_member"].person, role="member",
                              until=timezone.localdate() - timedelta(days=1))
    return users


@pytest.fixture
def world(demo, mechanisms, people):
    """A received request, one approved for the GPWG, one approved for the IAS only, and an offer."""
    kgz, swe = Country.objects.get(iso3="KGZ"), Country.objects.get(iso3="SWE")
    m, areas, sec = mechanisms["1540"], mechanisms["areas"], people["secretariat"]
    common = dict(by=people["requester"], types=["training"], languages=["en", "ru"])
    received = services.submit_request(m, kgz, title="Customs officers' training", description="Train customs officers in detecting dual-use goods.",
                                       areas=[areas["export-control"]], **common)
    shared = services.submit_request(m, kgz, title="Model law on biological agents", description="Help drafting a law on biological agents and toxins.",
                                     areas=[areas["legislation"]], by=people["requester"], types=["legislative", "expertise"], languages=["ru"])
    services.approve_for_sharing(shared, [demo["gpwg"]], by=sec)
    elsewhere = services.submit_request(m, kgz, title="Laboratory physical protection", description="Perimeter and access control for two laboratories.",
                                        areas=[areas["physical-protection"]], **common)
    services.approve_for_sharing(elsewhere, [demo["ias"]], by=sec)
    offer = services.save_offer(m, by=people["partner"], country=swe, title="Legislative drafting workshops",
                                description="Workshops on drafting laws on biological agents and toxins, in Russian or English.",
                                areas=[areas["legislation"]], types=["legislative"], languages=["ru", "en"], capacity=2)
    return {"received": received, "shared": shared, "elsewhere": elsewhere, "offer": offer, "kgz": kgz, "swe": swe,
            "mechanism": m, "areas": areas, "gpwg": demo["gpwg"], "ias": demo["ias"]}


@pytest.fixture
def full(world, people):
    """The world plus a proposal from a session, an initiative and a duplication flag."""
    from decimal import Decimal

    from liaison.assistance.models import DuplicationFlag, Initiative, MatchSession

    sec = people["secretariat"]
    session = MatchSession.objects.create(mechanism=world["mechanism"], audience=world["gpwg"], title="GPWG session", run_by=sec)
    proposal = services.propose(world["shared"], world["offer"], by=sec, score=0.7, reasons={"area": 1.0}, session=session)
    data = {"identifier": "XM-LIAISON-0001", "title": "Border control training in Central Asia", "description": "Training of customs officers.",
            "implementer": Organization.objects.get(name="1540 Committee"), "start": date(2024, 3, 1), "end": date(2026, 2, 28),
            "budget": Decimal("250000.00"), "currency": "USD", "status": "2", "donor_countries": [world["swe"]],
            "donor_organizations": [], "recipients": [world["kgz"]], "areas": [world["areas"]["export-control"]]}
    initiative = services.save_initiative(world["mechanism"], data, by=sec)
    other = services.save_initiative(world["mechanism"], {**data, "identifier": "XM-LIAISON-0002", "title": "Customs training, Central Asia",
                                                          "budget": Decimal("90000"), "currency": "EUR"}, by=sec)
    flag = DuplicationFlag.objects.create(kind="overlap", initiative=initiative, other_initiative=other,
                                          evidence={"recipients": ["KGZ"], "similarity": 0.8})
    return {**world, "session": session, "proposal": proposal, "initiative": initiative, "other": other, "flag": flag}

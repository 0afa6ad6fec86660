"""`liaison demo-assistance`, and the API's writes with tokens of each role."""

import pytest
from django.core.management import call_command

from liaison.accounts.models import APIToken
from liaison.assistance.models import AssistanceRequest, Initiative, Mechanism, Offer, PointOfContact, Proposal


def test_demo_is_synthetic_and_idempotent(demo):
    call_command("demo-assistance")
    counts = (AssistanceRequest.objects.count(), Offer.objects.count(), Initiative.objects.count(), Mechanism.objects.count())
    call_command("demo-assistance")
    assert (AssistanceRequest.objects.count(), Offer.objects.count(), Initiative.objects.count(), Mechanism.objects.count()) == counts
    assert counts[:3] == (24, 10, 15)
    assert all(r.title.startswith("Synthetic request ") and r.description.startswith("Synthetic") and r.synthetic
               for r in AssistanceRequest.objects.all())
    assert all(o.title.startswith("Synthetic offer ") for o in Offer.objects.all())
    assert all(i.title.startswith("Synthetic initiative ") for i in Initiative.objects.all())
    assert not PointOfContact.objects.exists()  # no person is invented
    assert Mechanism.objects.get(slug="gpwg").expected_countries.count() == 21


def _token(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {APIToken.issue(user, 'tests')[1]}"}


def _request_body(**extra):
    return {"mechanism": "1540", "country": "KGZ", "title": "Detection equipment", "description": "Portal monitors for two crossings.",
            "areas": ["export-control"], "types": ["equipment"], "languages": ["ru"], **extra}


@pytest.mark.parametrize("role, status", [("requester", 201), ("secretariat", 201), ("other_state", 403), ("partner", 403),
                                          ("gpwg_member", 403), ("former_requester", 403)])
def test_requests_are_written_by_the_state_s_current_contact(client, people, world, role, status):
    response = client.post("/api/v1/assistance/requests", _request_body(), content_type="application/json", **_token(people[role]))
    assert response.status_code == status, response.content
    assert AssistanceRequest.objects.filter(title="Detection equipment").exists() is (status == 201)


def test_writes_need_a_token(client, people, world):
    assert client.post("/api/v1/assistance/requests", _request_body(), content_type="application/json").status_code == 401
    client.force_login(people["requester"])  # a session is not a token
    assert client.post("/api/v1/assistance/requests", _request_body(), content_type="application/json").status_code == 401


@pytest.mark.parametrize("body", [
    _request_body(country="XXX"), _request_body(areas=["nope"]), _request_body(types=["bribes"]), _request_body(languages=[]),
    _request_body(mechanism="nope"), _request_body(start="2026-05-01", end="2026-01-01"), {"title": "incomplete"},
])
def test_bad_requests_are_4xx_and_save_nothing(client, people, world, body):
    response = client.post("/api/v1/assistance/requests", body, content_type="application/json", **_token(people["requester"]))
    assert 400 <= response.status_code < 500, response.content
    assert not AssistanceRequest.objects.filter(title="Detection equipment").exists()


def test_the_lifecycle_through_the_api(client, people, world):
    req = world["received"]
    url = f"/api/v1/assistance/requests/{req.pk}/transition"
    body = {"to": "approved", "version": req.version, "audiences": ["gpwg"]}
    assert client.post(url, body, content_type="application/json", **_token(people["requester"])).status_code == 403
    sec = _token(people["secretariat"])
    approved = client.post(url, body, content_type="application/json", **sec)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert client.post(url, body, content_type="application/json", **sec).status_code == 409  # stale version
    assert client.post(url, {**body, "version": approved.json()["version"], "to": "matched"}, content_type="application/json", **sec).status_code == 422
    # the partner's offer, proposed, accepted through the API
    offer = client.post("/api/v1/assistance/offers", {
        "mechanism": "1540", "country": "SWE", "title": "Customs training", "description": "Detection of dual-use goods.",
        "areas": ["export-control"], "types": ["training"], "languages": ["en"], "capacity": 1,
    }, content_type="application/json", **_token(people["partner"]))
    assert offer.status_code == 201, offer.content
    assert client.post("/api/v1/assistance/offers", {**offer.json(), "country": "KGZ", "eligible_countries": []},
                       content_type="application/json", **_token(people["partner"])).status_code in (403, 422)
    from liaison.assistance import services

    req.refresh_from_db()
    proposal = services.propose(req, Offer.objects.get(pk=offer.json()["id"]), by=people["secretariat"])
    answer = f"/api/v1/assistance/matches/{proposal.pk}/answer"
    assert client.post(answer, {"accept": True, "version": 1}, content_type="application/json", **_token(people["gpwg_member"])).status_code == 404
    assert client.post(answer, {"accept": False, "reason": "", "version": 1}, content_type="application/json", **_token(people["partner"])).status_code == 422
    accepted = client.post(answer, {"accept": True, "version": 1}, content_type="application/json", **_token(people["partner"]))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    req.refresh_from_db()
    assert req.status == "matched"
    assert Proposal.objects.get(pk=proposal.pk).answered_by == people["partner"]


def test_points_of_contact_and_initiatives_through_the_api(client, people, world, make_user):
    from liaison.core.models import Country

    successor = make_user("next@kgz.example", country=Country.objects.get(iso3="KGZ"))
    body = {"mechanism": "1540", "country": "KGZ", "person": successor.person.pk, "body": "Ministry of Emergency Situations"}
    assert client.post("/api/v1/points-of-contact", body, content_type="application/json", **_token(people["other_state"])).status_code == 403
    created = client.post("/api/v1/points-of-contact", body, content_type="application/json", **_token(people["requester"]))
    assert created.status_code == 201 and created.json()["current"]
    history = client.get("/api/v1/points-of-contact?mechanism=1540&country=KGZ&current=false").json()
    assert [c["current"] for c in history] == [True, False, False]
    initiative = {"mechanism": "1540", "identifier": "XM-LIAISON-9", "title": "Export control outreach", "implementer": 1,
                  "recipients": ["KGZ"], "areas": ["export-control"], "start": "2025-01-01", "end": "2025-12-31", "budget": 1000, "currency": "EUR"}
    from liaison.core.models import Organization

    initiative["implementer"] = Organization.objects.get(name="1540 Committee").pk
    assert client.post("/api/v1/initiatives", initiative, content_type="application/json", **_token(people["partner"])).status_code == 403
    assert client.post("/api/v1/initiatives", initiative, content_type="application/json", **_token(people["secretariat"])).status_code == 201
    assert client.post("/api/v1/initiatives", initiative, content_type="application/json", **_token(people["secretariat"])).status_code in (409, 422)
    assert client.post("/api/v1/initiatives", {**initiative, "identifier": "X-2", "end": "2024-01-01"}, content_type="application/json",
                       **_token(people["secretariat"])).status_code == 422
    assert [i["identifier"] for i in client.get("/api/v1/initiatives?recipient=KGZ").json()] == ["XM-LIAISON-9"]


def test_every_new_path_is_in_the_openapi_document(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/points-of-contact", "/api/v1/assistance/requests", "/api/v1/assistance/requests/{request_id}",
                 "/api/v1/assistance/requests/{request_id}/transition", "/api/v1/assistance/offers", "/api/v1/assistance/matches",
                 "/api/v1/assistance/matches/{match_id}/answer", "/api/v1/initiatives", "/api/v1/initiatives.xml"):
        assert path in paths, path

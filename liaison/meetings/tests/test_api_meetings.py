"""API v1 for meetings and participants: reads by role, secretariat writes, 4xx on bad input."""

import json

import pytest

from liaison.core.models import Person
from liaison.meetings.models import Meeting


def api(client, method, url, body=None, token=None, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    call = getattr(client, method)
    if data is None:
        return call(url, **headers)
    return call(url, data=data, content_type="application/json", **headers)


def test_group_meetings_from_the_seed(client, demo):
    response = client.get("/api/v1/groups/lg-biosafety/meetings")
    assert response.status_code == 200
    meetings = response.json()
    assert [m["number"] for m in meetings] == list(range(12, 0, -1))
    ninth = next(m for m in meetings if m["number"] == 9)
    assert (ninth["start_date"], ninth["end_date"]) == ("2012-03-15", "2012-03-16")
    assert (ninth["city"], ninth["country"]["iso3"], ninth["country"]["name"]) == ("Prague", "CZE", "Czechia")
    assert (ninth["participants"], ninth["governments"], ninth["organizations"]) == (21, 13, 7)
    assert ninth["attendance"] == "It was attended by 21 participants from 13 governments and 7 organizations."
    third = next(m for m in meetings if m["number"] == 3)
    assert (third["city"], third["participants"], third["governments"]) == ("Tromsø", 16, None)


def test_filter_by_group_and_year(client, demo):
    assert [m["slug"] for m in client.get("/api/v1/meetings?group=gpwg&year=2012").json()] == [
        "2012-08-stockholm", "2012-04-doral", "2012-03-cambridge", "2012-01-washington"
    ]
    assert [m["number"] for m in client.get("/api/v1/meetings?year=2012&group=lg-biosafety").json()] == [9]
    assert client.get("/api/v1/meetings?year=1999").json() == []


@pytest.mark.parametrize("url", ["/api/v1/meetings?year=abc", "/api/v1/meetings?year=20121", "/api/v1/countries?regional_group=europe"])
def test_malformed_query_is_422_with_a_message(client, demo, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_unknown_records_are_404(client, demo):
    assert client.get("/api/v1/meetings/999999").status_code == 404
    assert client.get("/api/v1/groups/nope/meetings").status_code == 404
    assert client.get("/api/v1/meetings/not-a-number").status_code in (404, 422)


def test_meeting_detail_has_officers_agenda_documents(client, demo):
    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    data = client.get(f"/api/v1/meetings/{ninth.pk}").json()
    assert {o["office"]: o["name"] for o in data["officers"]} == {"chair": "Mr. Andreas Heissenberger", "rapporteur": "Ms. Ranjini Warrier"}
    assert len([d for d in data["delegations"] if d["kind"] == "government"]) == 13
    assert data["agenda"][0] == {"number": "1", "title": "Opening of the meeting"}
    assert {d["symbol"] for d in data["documents"]} >= {"UNEP/CBD/BS/LG-CB/9/1"}


@pytest.fixture
def ninth_with_contact(demo):
    person = Person.objects.get(last_name="Warrier")
    person.email = "ranjini@example.in"
    person.save()
    return Meeting.objects.get(group=demo["lg-biosafety"], number=9)


@pytest.mark.parametrize(
    "role, visible",
    [("anonymous", False), ("other_member", False), ("observer", False), ("member", False), ("chair", False), ("secretariat", True)],
)
def test_participant_contact_details_by_role(client_as, roles, ninth_with_contact, role, visible):
    data = client_as(roles[role]).get(f"/api/v1/meetings/{ninth_with_contact.pk}/participants").json()
    warrier = next(p for p in data if p["person"]["last_name"] == "Warrier")
    assert (warrier["person"]["email"] == "ranjini@example.in") is visible
    if not visible:
        assert warrier["person"]["email"] is None


def test_contact_details_with_a_secretariat_token(client, secretariat_token, ninth_with_contact):
    data = api(client, "get", f"/api/v1/meetings/{ninth_with_contact.pk}/participants", token=secretariat_token).json()
    assert any(p["person"]["email"] == "ranjini@example.in" for p in data)


def test_a_bad_token_on_a_read_is_401_not_a_silent_downgrade(client, ninth_with_contact):
    response = api(client, "get", f"/api/v1/meetings/{ninth_with_contact.pk}/participants", token="lia_forged")
    assert response.status_code == 401


MEETING = {"number": 13, "title": "Thirteenth meeting", "start_date": "2027-03-10", "end_date": "2027-03-11", "city": "Montreal", "country": "CAN"}


def test_create_meeting_needs_a_secretariat_token(client, roles, secretariat_token):
    from liaison.accounts.models import APIToken

    assert api(client, "post", "/api/v1/groups/lg-biosafety/meetings", MEETING).status_code == 401
    member_key = APIToken.issue(roles["member"], "member")[1]
    forbidden = api(client, "post", "/api/v1/groups/lg-biosafety/meetings", MEETING, token=member_key)
    assert forbidden.status_code == 403 and "secretariat" in forbidden.json()["detail"]
    created = api(client, "post", "/api/v1/groups/lg-biosafety/meetings", MEETING, token=secretariat_token)
    assert created.status_code == 201
    assert created.json()["slug"] == "13" and created.json()["country"]["iso3"] == "CAN"


@pytest.mark.parametrize(
    "body, status",
    [
        ({**MEETING, "end_date": "2027-03-01"}, 422),  # ends before it starts
        ({**MEETING, "country": "XXX"}, 422),  # unknown country
        ({**MEETING, "start_date": "not a date"}, 422),
        ({"title": "No dates"}, 422),
        ({**MEETING, "number": 9}, 422),  # the ninth exists already
        ({**MEETING, "reported_participants": -3}, 422),
    ],
)
def test_bad_meeting_input_is_4xx_and_nothing_is_written(client, secretariat_token, demo, body, status):
    before = Meeting.objects.count()
    response = api(client, "post", "/api/v1/groups/lg-biosafety/meetings", body, token=secretariat_token)
    assert response.status_code == status
    assert response.json()["detail"]
    assert Meeting.objects.count() == before


def test_malformed_json_is_400(client, secretariat_token, demo):
    response = api(client, "post", "/api/v1/groups/lg-biosafety/meetings", raw="{not json", token=secretariat_token)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_patch_with_a_stale_version_is_409(client, secretariat_token, demo):
    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    ok = api(client, "patch", f"/api/v1/meetings/{ninth.pk}", {"version": 1, "venue": "Hotel Diplomat"}, token=secretariat_token)
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = api(client, "patch", f"/api/v1/meetings/{ninth.pk}", {"version": 1, "venue": "Elsewhere"}, token=secretariat_token)
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    ninth.refresh_from_db()
    assert ninth.venue == "Hotel Diplomat"


def test_add_delegation_and_participant(client, secretariat_token, demo):
    held = {**MEETING, "start_date": "2026-03-10", "end_date": "2026-03-11"}  # records of a meeting already held
    meeting = api(client, "post", "/api/v1/groups/lg-biosafety/meetings", held, token=secretariat_token).json()
    delegation = api(client, "post", f"/api/v1/meetings/{meeting['id']}/delegations", {"country": "NOR", "headcount": 1}, token=secretariat_token)
    assert delegation.status_code == 201
    duplicate = api(client, "post", f"/api/v1/meetings/{meeting['id']}/delegations", {"country": "NOR"}, token=secretariat_token)
    assert duplicate.status_code in (409, 422)
    person = api(client, "post", "/api/v1/people", {"first_name": "Kari", "last_name": "Nordmann", "country": "NOR", "email": "kari@example.no"}, token=secretariat_token).json()
    participant = api(
        client, "post", f"/api/v1/meetings/{meeting['id']}/participants",
        {"person_id": person["id"], "capacity": "government", "delegation_id": delegation.json()["id"], "office": "chair"},
        token=secretariat_token,
    )
    assert participant.status_code == 201
    detail = client.get(f"/api/v1/meetings/{meeting['id']}").json()
    assert detail["attendance"] == "It was attended by 1 participant from 1 government."
    assert detail["officers"][0]["name"] == "Kari Nordmann"
    second_chair = api(client, "post", f"/api/v1/meetings/{meeting['id']}/participants", {"person_id": Person.objects.get(last_name="Warrier").pk, "office": "chair"}, token=secretariat_token)
    assert second_chair.status_code in (409, 422)


def test_participant_with_unknown_person_or_foreign_delegation_is_422(client, secretariat_token, demo):
    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    meeting = api(client, "post", "/api/v1/groups/lg-biosafety/meetings", MEETING, token=secretariat_token).json()
    assert api(client, "post", f"/api/v1/meetings/{meeting['id']}/participants", {"person_id": 999999}, token=secretariat_token).status_code == 422
    foreign = ninth.delegations.first().pk
    person = Person.objects.get(last_name="Warrier").pk
    response = api(client, "post", f"/api/v1/meetings/{meeting['id']}/participants", {"person_id": person, "delegation_id": foreign}, token=secretariat_token)
    assert response.status_code == 422


def test_openapi_document(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "Liaison API"
    assert "/api/v1/groups/{slug}/meetings" in spec["paths"]
    assert "/api/v1/meetings/{meeting_id}/participants" in spec["paths"]

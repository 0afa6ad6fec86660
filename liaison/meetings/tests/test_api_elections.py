"""The elections of a meeting through the API (read-only), by role: the same rule as the elections'
page (meetings.access): participants checked in as present and the secretariat follow every election
as it runs and see the votes once the ballot is closed; everyone else sees only published results.
And the public meeting page links to the published results after the meeting too."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.models import Person
from liaison.meetings import services
from liaison.meetings.models import Meeting, Participant

ROLES = ["anonymous", "other_member", "observer", "member", "chair", "participant", "registered", "secretariat"]
FOLLOWERS = ("participant", "secretariat")  # checked in as present, or the secretariat


@pytest.fixture
def meeting(demo):
    today = timezone.localdate()
    return Meeting.objects.create(group=demo["lg-biosafety"], number=13, slug="13", title="Thirteenth meeting",
                                  start_date=today, end_date=today + timedelta(days=1))


@pytest.fixture
def people(meeting, make_user):
    """Amina (with an account) and Pedro checked in; Dana (with an account) registered, not present."""
    amina = Participant.objects.create(meeting=meeting, attended=True,
                                       person=make_user("amina@example.org", first_name="Amina", last_name="Expert").person)
    pedro = Participant.objects.create(meeting=meeting, attended=True, person=Person.objects.create(first_name="Pedro", last_name="Expert"))
    dana = Participant.objects.create(meeting=meeting, attended=False,
                                      person=make_user("dana@example.org", first_name="Dana", last_name="Expert").person)
    return {"Amina": amina, "Pedro": pedro, "Dana": dana}


@pytest.fixture
def elections(meeting, people):
    """A chair elected by show of hands (4–1, 2 abstentions) and published; a rapporteur's ballot
    closed (Pedro 1, 1 abstention) but not published; a vice-chair still taking nominations (Pedro)."""
    chair = services.create_election(meeting, "chair", "hands", "absolute")
    amina = services.nominate(chair, people["Amina"], by=people["Pedro"])
    pedro = services.nominate(chair, people["Pedro"])
    services.open_voting(chair)
    services.close_election(chair, counts={amina.pk: 4, pedro.pk: 1}, abstentions=2)
    services.publish_election(chair)
    rapporteur = services.create_election(meeting, "rapporteur", "secret", "absolute")
    candidate = services.nominate(rapporteur, people["Pedro"])
    services.open_voting(rapporteur)
    services.cast_vote(rapporteur, people["Amina"], candidate)
    services.cast_vote(rapporteur, people["Pedro"], None)
    services.close_election(rapporteur)
    vice = services.create_election(meeting, "vice_chair", "hands", "relative")
    services.nominate(vice, people["Pedro"])
    return {"chair": chair, "rapporteur": rapporteur, "vice": vice}


def _user(role, roles, people):
    if role == "participant":
        return people["Amina"].person.user
    if role == "registered":
        return people["Dana"].person.user
    return roles[role]


@pytest.mark.parametrize("role", ROLES)
def test_elections_by_role_as_on_the_page(client_as, roles, meeting, people, elections, role):
    client = client_as(_user(role, roles, people))
    rows = client.get(f"/api/v1/meetings/{meeting.pk}/elections").json()
    follows = role in FOLLOWERS
    assert [r["office"] for r in rows] == (["chair", "rapporteur", "vice_chair"] if follows else ["chair"])
    page = client.get(f"/groups/lg-biosafety/meetings/13/elections/").content.decode()
    assert ("Election: Rapporteur" in page) is follows  # the page says the same
    chair = rows[0]
    assert [(c["name"], c["nominated_by"]) for c in chair["candidates"]] == [("Amina Expert", "Pedro Expert"), ("Pedro Expert", None)]
    results = chair["results"]
    assert [(v["name"], v["votes"]) for v in results["votes"]] == [("Amina Expert", 4), ("Pedro Expert", 1)]
    assert results["abstentions"] == 2 and results["cast"] == 5
    assert results["elected"] == {"participant_id": people["Amina"].pk, "name": "Amina Expert"}
    assert results["outcome"] == "Elected Chair: Amina Expert, with 4 of 5 votes cast."
    assert client.get(f"/api/v1/meetings/{meeting.pk}/elections/{elections['chair'].pk}/results").json() == results

    closed = client.get(f"/api/v1/meetings/{meeting.pk}/elections/{elections['rapporteur'].pk}/results")
    assert closed.status_code == (200 if follows else 404)
    if follows:
        assert rows[1]["results"] == closed.json()
        assert [(v["name"], v["votes"]) for v in closed.json()["votes"]] == [("Pedro Expert", 1)]
        assert closed.json()["abstentions"] == 1 and closed.json()["state"] == "closed"
        assert rows[2]["state"] == "nominating" and rows[2]["results"] is None
        assert [c["name"] for c in rows[2]["candidates"]] == ["Pedro Expert"]
    # no results before the ballot closes, for anyone
    assert client.get(f"/api/v1/meetings/{meeting.pk}/elections/{elections['vice'].pk}/results").status_code == 404


def test_an_election_of_another_meeting_or_none_is_a_404(client_as, roles, meeting, elections, demo):
    staff = client_as(roles["secretariat"])
    other = Meeting.objects.filter(group=demo["lg-biosafety"]).exclude(pk=meeting.pk).first()
    assert staff.get(f"/api/v1/meetings/{other.pk}/elections/{elections['chair'].pk}/results").status_code == 404
    assert staff.get(f"/api/v1/meetings/{other.pk}/elections").json() == []
    assert staff.get("/api/v1/meetings/999999/elections").status_code == 404
    assert staff.get(f"/api/v1/meetings/{meeting.pk}/elections/x/results").status_code in (404, 422)


def test_the_meeting_page_links_to_published_results_after_the_meeting(client, meeting, people, elections):
    url = "/groups/lg-biosafety/meetings/13/"
    elections_url = "/groups/lg-biosafety/meetings/13/elections/"
    assert elections_url in client.get(url).content.decode()  # under way
    past = timezone.localdate() - timedelta(days=10)
    Meeting.objects.filter(pk=meeting.pk).update(start_date=past, end_date=past + timedelta(days=1))
    page = client.get(url).content.decode()
    assert elections_url in page and "Election results" in page  # published results, after the meeting
    assert "Elected Chair: Amina Expert" in client.get(elections_url).content.decode()
    meeting.elections.update(state="closed")  # nothing published: no link after the meeting
    assert elections_url not in client.get(url).content.decode()


def test_the_api_cannot_fill_an_office_whose_election_is_open(client, secretariat_token, meeting, people, elections):
    """As the Officers elected form: the vice-chair's election takes nominations, so the API's
    participant with office "vice_chair" is refused (409, with the reason) and nothing is written."""
    person = Person.objects.create(first_name="Eve", last_name="Expert")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secretariat_token}"}
    url = f"/api/v1/meetings/{meeting.pk}/participants"
    refused = client.post(url, {"person_id": person.pk, "office": "vice_chair"}, content_type="application/json", **headers)
    assert refused.status_code == 409
    assert "An election for this office (Vice-Chair) is under way" in refused.json()["detail"]
    assert not Participant.objects.filter(person=person).exists()
    added = client.post(url, {"person_id": person.pk}, content_type="application/json", **headers)
    assert added.status_code == 201

"""The API shows people and participants by exactly the web's rules (issue 11, finding 4): each
role reads the same participants, the same contact details and the same people on both."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.models import Country, Person
from liaison.groups.models import Role
from liaison.meetings.models import Meeting, Participant
from liaison.roster.models import Expert, Status

ROLES = ["anonymous", "other_member", "observer", "member", "chair", "secretariat", "focal_point"]


@pytest.fixture
def everyone(roles, make_user, demo):
    users = dict(roles)
    users["focal_point"] = make_user("focal@senegal.example", group=demo["lg-biosafety"], role=Role.FOCAL_POINT)
    users["focal_point"].person.country = Country.objects.get(iso3="SEN")
    users["focal_point"].person.save()
    return users


@pytest.fixture
def upcoming(demo):
    group = demo["lg-biosafety"]
    start = timezone.localdate() + timedelta(days=30)
    meeting = Meeting.objects.create(group=group, number=14, slug="14", title="Fourteenth meeting", start_date=start, end_date=start)
    invitee = Person.objects.create(first_name="Registered", last_name="Invitee", email="invitee@example.org")
    checked_in = Person.objects.create(first_name="Checked", last_name="In", email="present@example.org")
    Participant.objects.create(meeting=meeting, person=invitee, attended=False)
    Participant.objects.create(meeting=meeting, person=checked_in, attended=True)
    return {"meeting": meeting, "invitee": invitee, "checked_in": checked_in}


@pytest.fixture
def draft_nominee(demo):
    senegal = Country.objects.get(iso3="SEN")
    person = Person.objects.create(first_name="Draft", last_name="Nominee", email="draft@example.sn", country=senegal)
    Expert.objects.create(group=demo["lg-biosafety"], person=person, nationality=senegal, nominating_country=senegal, stakeholder="academia",
                          status=Status.DRAFT)
    return person


@pytest.mark.parametrize("who", ROLES)
def test_participants_web_and_api_agree(client_as, everyone, upcoming, who):
    client = client_as(everyone[who])
    meeting = upcoming["meeting"]
    web = {p.person_id: contact for p, contact in client.get(meeting.get_absolute_url()).context["participant_rows"]}
    api = {row["person"]["id"]: row["person"]["email"] is not None for row in client.get(f"/api/v1/meetings/{meeting.pk}/participants").json()}
    assert web == api
    assert (upcoming["invitee"].pk in api) is (who == "secretariat")
    assert upcoming["checked_in"].pk in api


@pytest.mark.parametrize("who", ROLES)
def test_people_web_and_api_agree(client_as, everyone, upcoming, draft_nominee, demo, who):
    client = client_as(everyone[who])
    expert = draft_nominee.expert_records.get()
    web_sees_draft = client.get(f"/roster/lg-biosafety/{expert.pk}/").status_code == 200
    api_draft = client.get(f"/api/v1/people/{draft_nominee.pk}")
    assert (api_draft.status_code == 200) is web_sees_draft is (who in ("secretariat", "focal_point"))
    web_sees_invitee = "Registered Invitee" in client.get(upcoming["meeting"].get_absolute_url()).content.decode()
    assert (client.get(f"/api/v1/people/{upcoming['invitee'].pk}").status_code == 200) is web_sees_invitee
    present = client.get(f"/api/v1/people/{upcoming['checked_in'].pk}")
    assert present.status_code == 200
    assert (present.json()["email"] is not None) is (who == "secretariat")


def test_members_look_up_their_fellow_members_only(client_as, everyone):
    chair = everyone["chair"].person
    assert client_as(everyone["member"]).get(f"/api/v1/people/{chair.pk}").status_code == 200
    assert client_as(everyone["other_member"]).get(f"/api/v1/people/{chair.pk}").status_code == 404
    assert client_as(None).get(f"/api/v1/people/{chair.pk}").status_code == 404
    own = client_as(everyone["observer"]).get(f"/api/v1/people/{everyone['observer'].person.pk}")
    assert own.status_code == 200 and own.json()["email"] == "observer@lg.example"

"""Personal-data rights: a person downloads everything held about them; the secretariat anonymises
a person, who stays in past attendance as "Participant" with contact data erased (from the trail's
copies too) and the account deactivated; the trail records it."""

import json

import pytest

from liaison.accounts.models import APIToken
from liaison.audit import trail
from liaison.core.models import Country, Person
from liaison.meetings.models import Meeting, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(make_user, demo):
    user = make_user("ada@example.org", group=demo["lg-biosafety"], first_name="Ada", last_name="Lovelace",
                     phone="+41 22 000 00 00", address="1 Rue du Test, Geneva", country=Country.objects.get(iso3="NOR"))
    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Participant.objects.create(meeting=ninth, person=user.person, attended=True)
    return user


def test_a_person_downloads_everything_held_about_them(client_as, ada, roles):
    response = client_as(ada).get("/privacy/my-data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "ada@example.org"
    assert "password" not in data["account"]
    assert data["person"]["phone"] == "+41 22 000 00 00"
    assert data["person_records"]["groups.membership"][0]["role"] == "member"
    assert len(data["person_records"]["meetings.participant"]) == 1
    assert "audit.historicalperson" in data["person_records"]  # the trail's copies are theirs too
    # Nobody else's data, and nobody anonymous.
    assert "ada@example.org" not in client_as(roles["member"]).get("/privacy/my-data.json").content.decode()
    assert client_as(None).get("/privacy/my-data.json").status_code == 302
    assert "my-data.json" in client_as(ada).get("/accounts/profile/").content.decode()


def test_the_secretariat_anonymises_a_person(client_as, ada, roles, demo):
    staff = roles["secretariat"]
    person = ada.person
    APIToken.issue(ada, "mine", scope="read")
    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    sentence_before = ninth.participants.count()
    client = client_as(staff)
    page = client.get(f"/manage/people/{person.pk}/anonymise/")
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()
    # Without the confirmation nothing happens.
    assert client.post(f"/manage/people/{person.pk}/anonymise/").status_code == 200
    person.refresh_from_db()
    assert person.first_name == "Ada"

    response = client.post(f"/manage/people/{person.pk}/anonymise/", {"confirm": "yes"})
    assert response.status_code == 302
    person.refresh_from_db()
    ada.refresh_from_db()
    assert (person.first_name, person.last_name, person.email, person.phone, person.address) == ("", "Participant", "", "", "")
    assert person.country.iso3 == "NOR"  # attendance by country unchanged
    assert ninth.participants.count() == sentence_before
    assert ninth.participants.filter(person=person).exists()
    assert not ada.is_active and not ada.has_usable_password() and ada.email.endswith("@invalid")
    assert not APIToken.objects.filter(user=ada).exists()
    # The trail says who did it, and its copies no longer hold the name or contact data.
    entry = next(e for e in trail.entries(model="core.person") if e.object_pk == str(person.pk) and "anonymised" in e.action)
    assert entry.user == staff.email
    assert not person.history.filter(first_name="Ada").exists()
    assert not person.history.exclude(phone="").exists()
    # The person can no longer sign in.
    assert not client_as(None).login(username="ada@example.org", password="correct-horse-battery-staple")


def test_only_the_secretariat_anonymises(client_as, ada, roles):
    for role in ("member", "chair"):
        assert client_as(roles[role]).post(f"/manage/people/{ada.person.pk}/anonymise/", {"confirm": "yes"}).status_code == 403
    assert Person.objects.get(pk=ada.person.pk).first_name == "Ada"

"""The public meeting page: dates, venue, attendance, countries, organizations, officers, agenda,
documents by distribution, and contact details only for those allowed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.core.models import Country, Organization, Person
from liaison.meetings.models import Delegation, Meeting, MeetingDocument, Participant

NINTH = "/groups/lg-biosafety/meetings/9/"


@pytest.fixture
def ninth(demo):
    return Meeting.objects.get(group=demo["lg-biosafety"], number=9)


def test_ninth_meeting_page(client, ninth):
    response = client.get(NINTH)
    assert response.status_code == 200
    html = response.content.decode()
    assert "15–16 March 2012" in html
    assert "Prague, Czechia" in html
    assert "It was attended by 21 participants from 13 governments and 7 organizations." in html
    assert "Participants nominated by 13 countries" in html and "Participants nominated by 7 organizations" in html  # individual capacity (seed 002 ¶8)
    for name in ["Austria", "Belize", "Bolivia (Plurinational State of)", "Republic of Moldova", "Slovenia"]:
        assert name in html
    assert "Food and Agriculture Organization of the United Nations (FAO)" in html
    assert "Mr. Andreas Heissenberger (nominated by Austria)" in html
    assert "Ms. Ranjini Warrier (nominated by India)" in html
    assert "Measures to improve the Coordination Mechanism" in html
    assert "UNEP/CBD/BS/LG-CB/9/1/Add.1" in html
    assert "Mr. Charles Gbedemah" in html  # opened by


def test_regional_balance_of_the_countries_represented(client, ninth):
    rows = client.get(NINTH).context["balance"]
    assert {name: count for _, name, count, _ in rows} == {
        "African Group": 1,  # Liberia
        "Asia-Pacific Group": 2,  # India, Malaysia
        "Eastern European Group": 4,  # Czechia, Republic of Moldova, Serbia, Slovenia
        "Latin American and Caribbean Group": 2,  # Belize, Bolivia
        "Western European and Others Group": 4,  # Austria, Germany, Netherlands, Norway
    }


def test_attendance_follows_the_records(client, ninth):
    Delegation.objects.create(meeting=ninth, country=Country.objects.get(iso3="KEN"))
    html = client.get(NINTH).content.decode()
    assert "from 14 governments and 7 organizations" in html


def test_unknown_meeting_is_404(client, demo):
    assert client.get("/groups/lg-biosafety/meetings/99/").status_code == 404
    assert client.get("/groups/ias/meetings/9/").status_code == 404  # the ninth belongs to another group


@pytest.fixture
def restricted_documents(ninth):
    MeetingDocument.objects.create(meeting=ninth, symbol="LG-CB/9/MEMBERS", title="Draft for peer review", distribution="members")
    MeetingDocument.objects.create(meeting=ninth, symbol="LG-CB/9/SECRETARIAT", title="Budget note", distribution="secretariat")


@pytest.mark.parametrize(
    "role, members_doc, secretariat_doc",
    [
        ("anonymous", False, False),
        ("other_member", False, False),
        ("observer", False, False),
        ("member", True, False),
        ("chair", True, False),
        ("secretariat", True, True),
    ],
)
def test_documents_by_distribution(client_as, roles, restricted_documents, role, members_doc, secretariat_doc):
    html = client_as(roles[role]).get(NINTH).content.decode()
    assert "UNEP/CBD/BS/LG-CB/9/1" in html  # public for everyone
    assert ("LG-CB/9/MEMBERS" in html) is members_doc
    assert ("LG-CB/9/SECRETARIAT" in html) is secretariat_doc


@pytest.fixture
def contact(ninth):
    person = Person.objects.get(last_name="Heissenberger")
    person.email, person.phone = "andreas@example.at", "+43 1 000 000"
    person.save()
    return person


@pytest.mark.parametrize(
    "role, visible",
    [("anonymous", False), ("other_member", False), ("observer", False), ("member", False), ("chair", False), ("secretariat", True)],
)
def test_contact_details_only_for_the_secretariat(client_as, roles, contact, role, visible):
    html = client_as(roles[role]).get(NINTH).content.decode()
    assert ("andreas@example.at" in html) is visible
    assert ("+43 1 000 000" in html) is visible


def test_a_person_sees_their_own_contact_details(client_as, contact, make_user):
    user = make_user("andreas@login.example")
    user.person.delete()  # the account belongs to the participant's own record
    contact.user = user
    contact.save()
    html = client_as(user).get(NINTH).content.decode()
    assert "andreas@example.at" in html


def test_meeting_page_queries_are_constant_as_participants_grow(client_as, roles, ninth):
    client = client_as(roles["secretariat"])  # the heaviest view: with contact details

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(NINTH).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    org = Organization.objects.create(name="Growth Institute", type="academia")
    for n in range(40):
        delegation = Delegation.objects.create(meeting=ninth, country=Country.objects.exclude(delegation__meeting=ninth).first()) if n % 4 == 0 else None
        person = Person.objects.create(last_name=f"Participant {n}", organization=org, country_id=Country.objects.first().pk, email=f"p{n}@x.example")
        Participant.objects.create(meeting=ninth, person=person, delegation=delegation, capacity="government" if delegation else "expert")
        MeetingDocument.objects.create(meeting=ninth, symbol=f"INF/{n}", title="Info")
    assert count() == before


def test_meeting_page_is_printable_and_accessible(client, ninth):
    html = client.get(NINTH).content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert '<th scope="col">' in html
    assert 'lang="en"' in html

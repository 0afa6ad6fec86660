"""Participants serve "in their individual capacity" where a group's terms of reference say so
(seed 002 ¶8, the group setting ``individual_capacity``): pages, letters, e-mails and the drafted
report then say "nominated by Austria", never "representing Austria"; other groups keep
"representing"."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from liaison.core.models import Country, Person
from liaison.groups.models import Group
from liaison.meetings.models import Invitation, Meeting, Participant
from liaison.reports.models import Paragraph, Report

NINTH = "/groups/lg-biosafety/meetings/9/"


def set_capacity(individual):
    Group.objects.filter(slug="lg-biosafety").update(individual_capacity=individual)


def test_the_demo_group_follows_its_terms_of_reference(demo):
    assert Group.objects.get(slug="lg-biosafety").individual_capacity is True  # seed 002 ¶8
    assert Group.objects.get(slug="gpwg").individual_capacity is False


@pytest.mark.parametrize("individual", [True, False])
def test_the_meeting_page(client_as, roles, demo, individual):
    set_capacity(individual)
    html = client_as(roles["secretariat"]).get(NINTH).content.decode()
    if individual:
        assert "Mr. Andreas Heissenberger (nominated by Austria)" in html
        assert '<th scope="col">Nominated by</th>' in html and "Representing" not in html
        assert "Participants nominated by 13 countries" in html and "countries represented" not in html
        assert "Expert nominated by a Government" in html and "Government delegate" not in html
    else:
        assert "Mr. Andreas Heissenberger (Austria)" in html
        assert '<th scope="col">Representing</th>' in html and "nominated by Austria" not in html
        assert "13 countries represented" in html
        assert "Government delegate" in html and "Expert nominated by" not in html


@pytest.mark.parametrize("individual", [True, False])
def test_the_drafted_report(client_as, roles, demo, individual):
    set_capacity(individual)
    ninth = Meeting.objects.get(group__slug="lg-biosafety", number=9)
    Report.objects.filter(meeting=ninth).delete()
    client_as(roles["secretariat"]).post(f"/manage/meetings/{ninth.pk}/report/draft/")
    texts = list(Paragraph.objects.filter(report__meeting=ninth).values_list("text", flat=True))
    elected = next(t for t in texts if "elected" in t)
    if individual:
        assert "Mr. Andreas Heissenberger (nominated by Austria) to serve as Chair" in elected
        assert any(t.startswith("Participants were nominated by the following countries: Austria") for t in texts)
        assert not any("represented" in t or "representing" in t for t in texts)
    else:
        assert "Mr. Andreas Heissenberger (Austria) to serve as Chair" in elected
        assert any(t.startswith("The countries represented were: Austria") for t in texts)


@pytest.mark.parametrize("individual", [True, False])
def test_letters_and_invitation_e_mails(demo, individual, mailoutbox):
    from liaison.meetings import invitations

    set_capacity(individual)
    start = timezone.localdate() + timedelta(days=30)
    meeting = Meeting.objects.create(group=Group.objects.get(slug="lg-biosafety"), number=13, title="Thirteenth meeting",
                                     start_date=start, end_date=start, city="Montreal")
    person = Person.objects.create(first_name="Paul", last_name="Mbida", email="paul@example.cm", country=Country.objects.get(iso3="CMR"))
    invitation = invitations.invite(meeting, person)
    letter = render_to_string("meetings/letter.html", {"invitation": invitation, "meeting": meeting, "today": start})
    body = mailoutbox[-1].body
    if individual:
        assert "you are invited as an expert nominated by Cameroon" in letter
        assert "individual capacity" in letter and "individual capacity" in body
    else:
        assert "individual capacity" not in letter and "individual capacity" not in body
    assert "representing" not in letter


@pytest.mark.parametrize("individual", [True, False])
def test_the_check_in_list_and_the_secretariats_editor(client_as, roles, demo, individual):
    set_capacity(individual)
    ninth = Meeting.objects.get(group__slug="lg-biosafety", number=9)
    staff = client_as(roles["secretariat"])
    check_in = staff.get(f"/manage/meetings/{ninth.pk}/check-in/").content.decode()
    assert ('<th scope="col">Nominated by</th>' in check_in) is individual
    assert ('<th scope="col">Representing</th>' in check_in) is not individual
    participant = Participant.objects.filter(meeting=ninth, person__last_name="Heissenberger").select_related("meeting__group").get()
    assert participant.affiliation == ("nominated by Austria" if individual else "representing Austria")


def test_the_setting_is_in_the_group_form(client_as, roles, demo):
    form = client_as(roles["secretariat"]).get("/manage/groups/lg-biosafety/edit/").content.decode()
    assert 'name="individual_capacity"' in form


@pytest.mark.parametrize("individual", [True, False])
def test_the_api_says_it_as_the_pages_do(client_as, roles, demo, individual):
    """The API keeps ``represents`` (the country or delegation) and adds ``affiliation``, the wording
    of the pages: "nominated by Austria" in a group of experts, "representing Austria" otherwise."""
    set_capacity(individual)
    ninth = Meeting.objects.get(group__slug="lg-biosafety", number=9)
    client = client_as(roles["secretariat"])
    wording = "nominated by Austria" if individual else "representing Austria"
    officers = client.get(f"/api/v1/meetings/{ninth.pk}").json()["officers"]
    chair = next(o for o in officers if o["name"] == "Mr. Andreas Heissenberger")
    assert chair["represents"] == "Austria" and chair["affiliation"] == wording
    rows = client.get(f"/api/v1/meetings/{ninth.pk}/participants?limit=100").json()
    row = next(r for r in rows if r["person"]["last_name"] == "Heissenberger")
    assert row["affiliation"] == wording and {"id", "person", "capacity", "delegation", "office"} <= set(row)
    expected = {str(p.affiliation) for p in Participant.objects.filter(meeting=ninth).select_related("meeting__group", "person__country", "delegation")}
    assert {r["affiliation"] for r in rows} == expected
    assert all(("nominated by" in r["affiliation"]) == individual for r in rows if r["affiliation"])
    spec = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "affiliation" in spec["ParticipantOut"]["properties"] and "represents" in spec["OfficerOut"]["properties"]

"""The secretariat creates and edits meetings and their parts; errors are clear, nothing is lost."""

import pytest

from liaison.core.models import Country, Organization, Person
from liaison.meetings.models import AgendaItem, Delegation, Meeting, Participant


@pytest.fixture
def staff(client_as, roles):
    return client_as(roles["secretariat"])


def part(name, **fields):
    """Form data for one part of the meeting page (its fields carry the part's prefix)."""
    return {f"{name}-{key}": value for key, value in fields.items()}


@pytest.fixture
def meeting(demo):
    return Meeting.objects.create(
        group=demo["lg-biosafety"], number=13, title="Thirteenth meeting of the Liaison Group",
        # held last March: its records (delegations, attendance) are being entered after the fact
        start_date="2026-03-10", end_date="2026-03-11", city="Montreal", country=Country.objects.get(iso3="CAN"),
    )


def meeting_data(**changes):
    data = {"number": 14, "title": "Fourteenth meeting", "start_date": "2027-10-05", "end_date": "2027-10-06",
            "mode": "hybrid", "city": "Nairobi", "country": Country.objects.get(iso3="KEN").pk}
    data.update(changes)
    return data


def test_create_meeting_defaults_its_address_to_the_number(staff, demo):
    response = staff.post("/manage/groups/lg-biosafety/meetings/new/", meeting_data())
    assert response.status_code == 302
    meeting = Meeting.objects.get(number=14)
    assert meeting.slug == "14"
    assert staff.get(meeting.get_absolute_url()).status_code == 200


def test_meeting_form_refuses_end_before_start_and_duplicate_number(staff, demo):
    response = staff.post("/manage/groups/lg-biosafety/meetings/new/", meeting_data(number=9, end_date="2027-10-01"))
    errors = response.context["form"].errors
    assert "end_date" in errors and "number" in errors
    assert not Meeting.objects.filter(title="Fourteenth meeting").exists()


def test_concurrent_meeting_edit_is_refused(staff, meeting):
    stale = meeting_data(number=13, title="Edited by B", version=1)
    assert staff.post(f"/manage/meetings/{meeting.pk}/", meeting_data(number=13, title="Edited by A", version=1)).status_code == 302
    response = staff.post(f"/manage/meetings/{meeting.pk}/", stale)
    assert "Someone else saved this record" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).title == "Edited by A"


def test_add_delegations_with_htmx_and_the_sentence_follows(staff, meeting):
    url = f"/manage/meetings/{meeting.pk}/delegations/"
    response = staff.post(url, part("delegations", country=Country.objects.get(iso3="NOR").pk, headcount=2), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<section id=\"part-delegations\"" in response.content.decode()
    staff.post(url, part("delegations", organization=Organization.objects.get(acronym="FAO").pk, headcount=1), HTTP_HX_REQUEST="true")
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.attendance_sentence() == "It was attended by 3 participants from 1 government and 1 organization."


def test_delegation_errors_are_shown_and_nothing_is_saved(staff, meeting):
    url = f"/manage/meetings/{meeting.pk}/delegations/"
    both = staff.post(url, part("delegations", country=Country.objects.get(iso3="NOR").pk, organization=Organization.objects.first().pk), HTTP_HX_REQUEST="true")
    assert "not both and not neither" in both.content.decode()
    staff.post(url, part("delegations", country=Country.objects.get(iso3="NOR").pk), HTTP_HX_REQUEST="true")
    again = staff.post(url, part("delegations", country=Country.objects.get(iso3="NOR").pk), HTTP_HX_REQUEST="true")
    assert "Already represented: Norway." in again.content.decode()
    assert Delegation.objects.filter(meeting=meeting).count() == 1


def test_without_htmx_errors_come_back_as_a_full_page(staff, meeting):
    response = staff.post(f"/manage/meetings/{meeting.pk}/agenda/", part("agenda", title="  ", annotation="x"))
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert "<html" in response.content.decode()


def test_officers_are_participants_of_that_meeting(staff, meeting):
    person = Person.objects.create(first_name="Ana", last_name="Lima")
    other = Person.objects.create(first_name="Bo", last_name="Berg")
    url = f"/manage/meetings/{meeting.pk}/participants/"
    ok = staff.post(url, part("participants", person=person.pk, capacity="expert", office="chair", elected_on="2026-03-10"), HTTP_HX_REQUEST="true")
    assert "Ana Lima" in ok.content.decode()
    second_chair = staff.post(url, part("participants", person=other.pk, capacity="expert", office="chair"), HTTP_HX_REQUEST="true")
    assert "This office is already held at this meeting: Chair." in second_chair.content.decode()
    outside = staff.post(url, part("participants", person=other.pk, capacity="expert", office="rapporteur", elected_on="2026-04-01"), HTTP_HX_REQUEST="true")
    assert "during the meeting" in outside.content.decode()
    assert list(Participant.objects.filter(meeting=meeting).values_list("office", flat=True)) == ["chair"]


def test_delegation_of_another_meeting_cannot_be_chosen(staff, meeting, demo):
    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    foreign = ninth.delegations.first()
    person = Person.objects.create(last_name="Solo")
    response = staff.post(f"/manage/meetings/{meeting.pk}/participants/", part("participants", person=person.pk, capacity="government", delegation=foreign.pk), HTTP_HX_REQUEST="true")
    assert "Select a valid choice" in response.content.decode()
    assert not Participant.objects.filter(person=person).exists()


def test_agenda_items_and_removal(staff, meeting):
    url = f"/manage/meetings/{meeting.pk}/agenda/"
    staff.post(url, part("agenda", title="Opening of the meeting"), HTTP_HX_REQUEST="true")
    staff.post(url, part("agenda", title="Election of officers", sub_item="on"), HTTP_HX_REQUEST="true")
    item = AgendaItem.objects.get(meeting=meeting, number="1.1")
    response = staff.post(f"{url}{item.pk}/delete/", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "1.1.</strong> Election of officers" not in page and "Item “Election of officers” removed." in page
    assert list(meeting.agenda_items.values_list("number", flat=True)) == ["1"]


def test_unknown_part_is_404(staff, meeting):
    assert staff.get(f"/manage/meetings/{meeting.pk}/budget/").status_code == 404


@pytest.mark.parametrize("role", ["other_member", "observer", "member", "chair"])
def test_others_cannot_change_meetings(client_as, roles, meeting, role):
    client = client_as(roles[role])
    assert client.get(f"/manage/meetings/{meeting.pk}/").status_code == 403
    response = client.post(f"/manage/meetings/{meeting.pk}/delegations/", part("delegations", country=Country.objects.get(iso3="NOR").pk))
    assert response.status_code == 403
    assert not meeting.delegations.exists()

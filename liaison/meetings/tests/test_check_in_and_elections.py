"""Check-in of registered participants and the election of officers from those present."""

import pytest
from django.utils import timezone

from liaison.core.models import Person
from liaison.meetings.models import Meeting, Participant


@pytest.fixture
def meeting(demo):
    today = timezone.localdate()
    meeting = Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting", start_date=today, end_date=today)
    for name in ("Ana Lima", "Bo Berg", "Chen Wei"):
        first, last = name.split()
        Participant.objects.create(meeting=meeting, person=Person.objects.create(first_name=first, last_name=last), attended=False)
    return meeting


def participant(meeting, last):
    return meeting.participants.get(person__last_name=last)


def test_check_in_counts_only_those_present(client_as, roles, meeting):
    staff = client_as(roles["secretariat"])
    assert Meeting.objects.get(pk=meeting.pk).attendance_sentence() == ""
    response = staff.post(f"/manage/meetings/{meeting.pk}/check-in/", {"participant": participant(meeting, "Lima").pk, "present": "1"}, HTTP_HX_REQUEST="true")
    assert "It was attended by 1 participant." in response.content.decode()
    staff.post(f"/manage/meetings/{meeting.pk}/check-in/", {"participant": participant(meeting, "Berg").pk, "present": "1"})
    assert Meeting.objects.get(pk=meeting.pk).attendance_sentence() == "It was attended by 2 participants."
    assert participant(meeting, "Lima").checked_in_at is not None
    staff.post(f"/manage/meetings/{meeting.pk}/check-in/", {"participant": participant(meeting, "Berg").pk, "present": "0"})
    assert Meeting.objects.get(pk=meeting.pk).attendance_sentence() == "It was attended by 1 participant."


def test_check_in_list_is_printable_with_a_signature_column(client_as, roles, meeting):
    html = client_as(roles["secretariat"]).get(f"/manage/meetings/{meeting.pk}/check-in/").content.decode()
    assert "List of participants" in html and 'class="signature"' in html and "Chen Wei" in html


def elect(client, meeting, office, who, **extra):
    data = {"officers-office": office, "officers-participant": who.pk, "officers-elected_on": meeting.start_date.isoformat(), **extra}
    return client.post(f"/manage/meetings/{meeting.pk}/officers/", data, HTTP_HX_REQUEST="true")


def test_an_officer_must_be_present(client_as, roles, meeting):
    staff = client_as(roles["secretariat"])
    response = elect(staff, meeting, "chair", participant(meeting, "Lima"))
    assert "Select a valid choice" in response.content.decode()
    assert not meeting.participants.exclude(office="").exists()


def test_elect_chair_and_rapporteur(client_as, roles, meeting):
    staff = client_as(roles["secretariat"])
    Participant.objects.filter(meeting=meeting).update(attended=True)
    nominator = participant(meeting, "Wei")
    html = elect(staff, meeting, "chair", participant(meeting, "Lima"), **{"officers-nominated_by": nominator.pk}).content.decode()
    assert "Chair: Ana Lima, nominated by Chen Wei" in html
    elect(staff, meeting, "rapporteur", participant(meeting, "Berg"))
    second = elect(staff, meeting, "chair", participant(meeting, "Wei")).content.decode()
    assert "This meeting has already filled this office by election: Chair." in second
    chair = participant(meeting, "Lima")
    assert (chair.office, chair.elected_on, chair.nominated_by) == ("chair", meeting.start_date, nominator)
    page = client_as(None).get(meeting.get_absolute_url()).content.decode()
    assert "Ana Lima" in page and "Rapporteur" in page


def test_removing_an_officer_keeps_the_participant(client_as, roles, meeting):
    staff = client_as(roles["secretariat"])
    Participant.objects.filter(meeting=meeting).update(attended=True)
    elect(staff, meeting, "chair", participant(meeting, "Lima"))
    chair = participant(meeting, "Lima")
    staff.post(f"/manage/meetings/{meeting.pk}/officers/{chair.pk}/delete/", HTTP_HX_REQUEST="true")
    chair.refresh_from_db()
    assert chair.office == "" and chair.elected_on is None


def test_the_officers_form_is_refused_for_an_office_whose_election_is_open(client_as, roles, meeting):
    """While an election of the Chair takes nominations or votes, the Chair is recorded only by its
    result; other offices stay open to the form, and once closed (a tie) the form works again."""
    from liaison.meetings import services

    staff = client_as(roles["secretariat"])
    Participant.objects.filter(meeting=meeting).update(attended=True)
    election = services.create_election(meeting, "chair", "hands", "absolute")
    lima = services.nominate(election, participant(meeting, "Lima"))
    berg = services.nominate(election, participant(meeting, "Berg"))
    for step in ("Nominations open", "Voting"):
        html = elect(staff, meeting, "chair", participant(meeting, "Wei")).content.decode()
        assert f"An election for this office (Chair) is under way; its state: {step}." in html, step
        assert not meeting.participants.filter(office="chair").exists()
        if step == "Nominations open":
            services.open_voting(election)
    with pytest.raises(services.Refused):  # the service itself refuses, whatever calls it
        services.elect(participant(meeting, "Wei"), "chair", meeting.start_date)
    assert "Rapporteur: Chen Wei" in elect(staff, meeting, "rapporteur", participant(meeting, "Wei")).content.decode()
    services.close_election(election, counts={lima.pk: 2, berg.pk: 2}, abstentions=0)  # a tie: nobody elected
    assert "Chair: Bo Berg" in elect(staff, meeting, "chair", participant(meeting, "Berg")).content.decode()


def test_the_election_s_own_result_still_records_the_officer(meeting):
    from liaison.meetings import services

    Participant.objects.filter(meeting=meeting).update(attended=True)
    election = services.create_election(meeting, "chair", "hands", "absolute")
    lima = services.nominate(election, participant(meeting, "Lima"))
    services.open_voting(election)
    services.close_election(election, counts={lima.pk: 3}, abstentions=0)
    assert participant(meeting, "Lima").office == "chair"

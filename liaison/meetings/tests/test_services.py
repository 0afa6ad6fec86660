"""The meeting services: every convening change (agenda issued and adopted, check-in, elections)
is made here, refuses what the rules forbid, and goes through the versioned model."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from liaison.core.concurrency import VersionConflict
from liaison.core.models import Person
from liaison.groups.models import Group
from liaison.meetings import services
from liaison.meetings.models import AgendaItem, AgendaStatus, Meeting, Participant


@pytest.fixture
def meeting(db):
    group = Group.objects.create(name="Test group", slug="test-group")
    today = timezone.localdate()  # the meeting is under way: its agenda is adopted, people check in
    meeting = Meeting.objects.create(group=group, number=1, title="First meeting", start_date=today, end_date=today + timedelta(days=1))
    for position, (number, title) in enumerate([("1", "Opening"), ("2", "Work"), ("3", "Closure")]):
        AgendaItem.objects.create(meeting=meeting, number=number, title=title, position=position)
    return meeting


def person(meeting, name, attended=True):
    first, last = name.split()
    return Participant.objects.create(
        meeting=meeting, person=Person.objects.create(first_name=first, last_name=last), attended=attended
    )


def test_issue_then_adopt_goes_through_the_version(meeting):
    version = meeting.version
    services.issue_agenda(meeting)
    meeting.refresh_from_db()
    assert (meeting.agenda_status, meeting.version) == (AgendaStatus.PROVISIONAL, version + 1)
    assert meeting.agenda_issued == [["1", "Opening"], ["2", "Work"], ["3", "Closure"]]
    AgendaItem.objects.filter(meeting=meeting, number="2").update(title="Substantive work")
    services.adopt_agenda(meeting)
    meeting.refresh_from_db()
    assert (meeting.agenda_status, meeting.version) == (AgendaStatus.ADOPTED, version + 2)
    assert meeting.agenda_adopted_on is not None
    assert meeting.agenda_changes  # the retitled item is recorded
    with pytest.raises(services.Refused, match="in this state: Adopted"):
        services.adopt_agenda(meeting)
    with pytest.raises(services.Refused, match="in this state: Adopted"):
        services.issue_agenda(meeting)


def test_agenda_refuses_a_concurrent_edit(meeting):
    stale = Meeting.objects.get(pk=meeting.pk)
    meeting.title = "First meeting (renamed)"
    meeting.save_versioned()
    with pytest.raises(VersionConflict):
        services.issue_agenda(stale)
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == AgendaStatus.DRAFT


def test_an_empty_or_misnumbered_agenda_is_refused(meeting):
    AgendaItem.objects.filter(meeting=meeting, number="3").update(number="2.9.9.x")
    with pytest.raises(services.Refused):
        services.issue_agenda(meeting)
    meeting.agenda_items.all().delete()
    with pytest.raises(services.Refused, match="no items"):
        services.adopt_agenda(meeting)
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == AgendaStatus.DRAFT


def test_check_in_and_out(meeting):
    ana = person(meeting, "Ana Lima", attended=False)
    services.check_in(ana, present=True)
    ana.refresh_from_db()
    assert ana.attended and ana.checked_in_at is not None
    services.check_in(ana, present=False)
    ana.refresh_from_db()
    assert not ana.attended and ana.checked_in_at is None


def test_elect_only_those_present_once_per_office(meeting):
    ana, bo, absent = person(meeting, "Ana Lima"), person(meeting, "Bo Berg"), person(meeting, "Cy Absent", attended=False)
    with pytest.raises(services.Refused, match="checked in"):
        services.elect(absent, "chair", meeting.start_date)
    with pytest.raises(services.Refused, match="during the meeting"):
        services.elect(ana, "chair", meeting.end_date + timedelta(days=30))
    services.elect(ana, "chair", meeting.start_date, nominated_by=bo)
    ana.refresh_from_db()
    assert (ana.office, ana.elected_on, ana.nominated_by) == ("chair", meeting.start_date, bo)
    with pytest.raises(services.Refused, match="already filled this office by election: Chair"):
        services.elect(bo, "chair", meeting.start_date)
    with pytest.raises(services.Refused, match="already holds an office"):
        services.elect(ana, "rapporteur", meeting.start_date)
    services.remove_from_office(ana)
    ana.refresh_from_db()
    assert (ana.office, ana.elected_on, ana.nominated_by) == ("", None, None)
    assert Participant.objects.filter(pk=ana.pk).exists()


def test_dates_are_entered_and_checked_against_the_meeting(meeting):
    """Issue 10, item 5: adoption once took today's date, even for a meeting next year."""
    later = Meeting.objects.create(group=meeting.group, number=2, title="Second meeting",
                                   start_date=meeting.start_date + timedelta(days=200), end_date=meeting.start_date + timedelta(days=201))
    AgendaItem.objects.create(meeting=later, number="1", title="Opening", position=0)
    with pytest.raises(services.Refused, match="before it has happened"):
        services.adopt_agenda(later)  # default: its first day, which is still to come
    with pytest.raises(services.Refused, match="during the meeting"):
        services.adopt_agenda(meeting, on=meeting.start_date - timedelta(days=3))
    services.adopt_agenda(meeting, on=meeting.start_date)
    assert Meeting.objects.get(pk=meeting.pk).agenda_adopted_on == meeting.start_date
    assert services.entered_date("") is None and services.entered_date("2012-03-15") == date(2012, 3, 15)
    with pytest.raises(services.Refused, match="not a date"):
        services.entered_date("15/03/2012")


def test_check_in_opens_on_the_first_day(meeting):
    later = Meeting.objects.create(group=meeting.group, number=2, title="Second meeting",
                                   start_date=meeting.start_date + timedelta(days=90), end_date=meeting.start_date + timedelta(days=91))
    early = person(later, "Dee Early", attended=False)
    with pytest.raises(services.Refused, match="Check-in opens on the first day"):
        services.check_in(early, present=True)
    early.refresh_from_db()
    assert not early.attended

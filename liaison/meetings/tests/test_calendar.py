"""Meetings as iCalendar: one meeting, and a group's subscribable feed."""

from datetime import date

import pytest
from icalendar import Calendar

from liaison.meetings.models import Meeting


def test_meeting_ics_parses(client, demo):
    response = client.get("/groups/lg-biosafety/meetings/9.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Ninth meeting of the Liaison Group on Capacity-Building for Biosafety"
    assert event.decoded("DTSTART") == date(2012, 3, 15)
    assert event.decoded("DTEND") == date(2012, 3, 17)  # all-day: the day after the last
    assert "Prague, Czechia" in str(event["LOCATION"])
    assert "21 participants" in str(event["DESCRIPTION"])


def test_group_feed_has_every_meeting(client, demo):
    response = client.get("/groups/lg-biosafety/meetings.ics")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 12
    assert len({str(e["UID"]) for e in events}) == 12
    assert str(calendar["X-WR-CALNAME"]) == "Liaison Group on the Cartagena Protocol on Biosafety"


def test_unknown_meeting_calendar_is_404(client, demo):
    assert client.get("/groups/lg-biosafety/meetings/99.ics").status_code == 404


LINK = "https://meet.example.org/liaison-ninth-secret"


@pytest.mark.parametrize(
    "role, sees_link",
    [("anonymous", False), ("observer", False), ("other_member", False), ("member", True), ("chair", True), ("secretariat", True)],
)
def test_online_link_is_withheld_in_every_output(client_as, roles, demo, role, sees_link):
    """Issue 10, item 2: the link was hidden on the page and in the API but carried in LOCATION of the
    public .ics and of the group feed. Only current members and the secretariat see it, and only where
    they are signed in (the page and the meeting's .ics); the feed and exports never carry it."""
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Meeting.objects.filter(pk=meeting.pk).update(mode="online", online_link=LINK)
    client = client_as(roles[role])
    page = client.get("/groups/lg-biosafety/meetings/9/").content.decode()
    ics = client.get("/groups/lg-biosafety/meetings/9.ics").content.decode()
    assert (LINK in page) is sees_link
    assert (LINK in ics) is sees_link
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["LOCATION"]) == (LINK if sees_link else "Online")
    for url in ("/groups/lg-biosafety/meetings.ics", "/groups/lg-biosafety/meetings.csv",
                f"/api/v1/meetings/{meeting.pk}", "/api/v1/groups/lg-biosafety/meetings"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert LINK not in response.content.decode(), url

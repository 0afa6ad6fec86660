"""Meetings as iCalendar: one meeting, and a group's subscribable feed."""

from datetime import date

from icalendar import Calendar


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

"""Meetings with times in the venue's time zone (issue 10): the form and the API refuse incomplete
or impossible times; pages show the venue's time with the viewer's own beside it; iCalendar writes
TZID times with their VTIMEZONE (sessions too); e-mails and the API carry the times; meetings
without times stay all-day."""

import json
import re
from datetime import date, datetime, time, timedelta, timezone as dt_timezone

import pytest
from icalendar import Calendar

from liaison.core.models import Country, Person
from liaison.meetings import invitations, times
from liaison.meetings.models import Invitation, Meeting, Session


@pytest.fixture
def timed(demo):
    return Meeting.objects.create(
        group=demo["lg-biosafety"], number=13, title="Thirteenth meeting of the Liaison Group",
        start_date=date(2027, 3, 15), end_date=date(2027, 3, 16), start_time=time(10, 0), end_time=time(17, 0),
        time_zone="America/Toronto", city="Montreal", country=Country.objects.get(iso3="CAN"),
    )


def test_times_module():
    start = times.at(date(2027, 3, 15), time(10, 0), "America/Toronto")
    end = times.at(date(2027, 3, 15), time(13, 30), "America/Toronto")
    assert start.utcoffset() == timedelta(hours=-4)  # daylight saving time has begun on 14 March 2027
    assert times.span(start, end) == "15 March 2027, 10:00\u201313:30"
    assert times.span(start, end, times.zone("Africa/Nairobi")) == "15 March 2027, 17:00\u201320:30"
    assert times.span(start, end + timedelta(days=1)) == "15 March 2027, 10:00 \u2013 16 March 2027, 13:30"
    assert times.zone("Mars/Olympus") is None and times.zone("Europe/Paris\x00") is None and times.zone("") is None
    assert times.at(date(2027, 3, 15), None, "UTC") is None
    assert "America/Toronto" in times.zone_names() and "UTC" in times.zone_names()
    assert times.check(date(2027, 3, 15), date(2027, 3, 15), time(10), None, "UTC") == {
        "end_time": "Give both the starting and the ending time, or neither (an all-day meeting)."}
    assert set(times.check(date(2027, 3, 15), date(2027, 3, 15), time(10), time(12), "")) == {"time_zone"}
    assert set(times.check(date(2027, 3, 15), date(2027, 3, 15), time(10), time(9), "UTC")) == {"end_time"}
    assert set(times.check(date(2027, 3, 15), date(2027, 3, 15), None, None, "Nowhere/Land")) == {"time_zone"}
    assert times.check(date(2027, 3, 15), date(2027, 3, 16), time(10), time(9), "UTC") == {}
    assert times.check(date(2027, 3, 15), date(2027, 3, 16), None, None, "") == {}


def test_existing_meetings_are_all_day(client, demo):
    ninth = Meeting.objects.get(group__slug="lg-biosafety", number=9)
    assert ninth.all_day and ninth.starts_at is None and ninth.when() == "15\u201316 March 2012"
    page = client.get(ninth.get_absolute_url()).content.decode()
    assert 'id="meeting-time"' not in page


def test_secretariat_sets_times_through_the_versioned_form(client_as, roles, timed):
    staff = client_as(roles["secretariat"])
    form = staff.get(f"/manage/meetings/{timed.pk}/").content.decode()
    assert 'type="time"' in form and '<option value="America/Toronto" selected>' in form
    assert "At the venue (America/Toronto)." in staff.get(f"/manage/meetings/{timed.pk}/sessions/").content.decode()
    base = {"number": 13, "slug": "13", "title": timed.title, "start_date": "2027-03-15", "end_date": "2027-03-16",
            "mode": "face_to_face", "city": "Montreal", "version": timed.version}
    refused = staff.post(f"/manage/meetings/{timed.pk}/", {**base, "start_time": "09:00", "end_time": "", "time_zone": "Europe/Paris"})
    assert refused.status_code == 200 and "Give both the starting and the ending time" in refused.content.decode()
    no_zone = staff.post(f"/manage/meetings/{timed.pk}/", {**base, "start_time": "09:00", "end_time": "18:00", "time_zone": ""})
    assert "Say in which time zone" in no_zone.content.decode()
    saved = staff.post(f"/manage/meetings/{timed.pk}/", {**base, "start_time": "09:00", "end_time": "18:00", "time_zone": "Europe/Paris"})
    assert saved.status_code == 302
    timed.refresh_from_db()
    assert (timed.start_time, timed.end_time, timed.time_zone) == (time(9), time(18), "Europe/Paris")
    stale = staff.post(f"/manage/meetings/{timed.pk}/", {**base, "start_time": "08:00", "end_time": "18:00", "time_zone": "UTC"})
    assert stale.status_code == 200 and 'value="08:00"' in stale.content.decode()  # refused, the input kept
    timed.refresh_from_db()
    assert timed.start_time == time(9)


@pytest.mark.parametrize("role", ["anonymous", "observer", "member"])
def test_page_shows_the_venues_time_and_the_browsers_zone_fills_the_viewers(client_as, roles, timed, role):
    page = client_as(roles[role]).get(timed.get_absolute_url()).content.decode()
    time_row = re.search(r'<dd id="meeting-time">(.*?)</dd>', page, re.S).group(1)
    assert "15 March 2027, 10:00 \u2013 16 March 2027, 17:00" in time_row and "venue's time, America/Toronto" in time_row
    # no zone in the account (UTC is the default): the browser's zone is used by liaison.js
    assert 'data-local-time data-start="2027-03-15T14:00:00+00:00" data-end="2027-03-16T21:00:00+00:00"' in time_row


def test_page_shows_the_accounts_zone_beside_the_venues(client_as, roles, timed):
    roles["member"].time_zone = "Africa/Nairobi"
    roles["member"].save()
    page = client_as(roles["member"]).get(timed.get_absolute_url()).content.decode()
    time_row = re.search(r'<dd id="meeting-time">(.*?)</dd>', page, re.S).group(1)
    assert "15 March 2027, 17:00 \u2013 17 March 2027, 00:00" in time_row and "your time, Africa/Nairobi" in time_row
    assert "data-local-time" not in time_row


def test_icalendar_has_tzid_times_with_their_zone_and_the_sessions(client, timed):
    Session.objects.create(meeting=timed, date=date(2027, 3, 15), start=time(10), end=time(13), title="Opening session")
    response = client.get(f"/groups/lg-biosafety/meetings/{timed.slug}.ics")
    raw = response.content.decode()
    assert "DTSTART;TZID=America/Toronto:20270315T100000" in raw
    calendar = Calendar.from_ical(response.content)
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["America/Toronto"]
    meeting_event, session_event = calendar.walk("VEVENT")
    assert meeting_event.decoded("DTSTART").astimezone(dt_timezone.utc) == datetime(2027, 3, 15, 14, tzinfo=dt_timezone.utc)
    assert meeting_event.decoded("DTEND").astimezone(dt_timezone.utc) == datetime(2027, 3, 16, 21, tzinfo=dt_timezone.utc)
    assert str(session_event["SUMMARY"]) == "Thirteenth meeting of the Liaison Group: Opening session"
    assert session_event.decoded("DTEND").astimezone(dt_timezone.utc) == datetime(2027, 3, 15, 17, tzinfo=dt_timezone.utc)
    feed = Calendar.from_ical(client.get("/groups/lg-biosafety/meetings.ics").content)
    assert [str(z["TZID"]) for z in feed.walk("VTIMEZONE")] == ["America/Toronto"]
    ninth = next(e for e in feed.walk("VEVENT") if "Ninth" in str(e["SUMMARY"]))
    assert ninth.decoded("DTSTART") == date(2012, 3, 15)  # still all-day


def test_agenda_sessions_in_the_venues_zone(client_as, roles, timed):
    from liaison.meetings.models import AgendaItem

    item = AgendaItem.objects.create(meeting=timed, number="1", title="Opening")
    session = Session.objects.create(meeting=timed, date=date(2027, 3, 15), start=time(10), end=time(13))
    session.items.add(item)
    Meeting.objects.filter(pk=timed.pk).update(agenda_status="provisional")
    page = client_as(roles["member"]).get(f"/groups/lg-biosafety/meetings/{timed.slug}/agenda/").content.decode()
    assert "15 March 2027, 10:00\u201313:00" in page and 'data-start="2027-03-15T14:00:00+00:00"' in page


def test_invitation_email_carries_the_times(timed, smtp_server):
    person = Person.objects.create(first_name="Amina", last_name="Diallo", email="amina@example.org")
    invitations.invite(timed, person)
    body = smtp_server.body(smtp_server.wait_for(1)[0])
    assert "15 March 2027, 10:00 \u2013 16 March 2027, 17:00 (America/Toronto; 15 March 2027, 14:00 \u2013 16 March 2027, 21:00 UTC)" in body


def test_the_email_gives_an_invitees_own_time_when_the_account_sets_a_zone(timed, make_user, smtp_server):
    user = make_user("amina@example.org", first_name="Amina", last_name="Diallo")
    user.time_zone = "Africa/Nairobi"
    user.save()
    person = Person.objects.get(user=user)
    invitation = invitations.invite(timed, person)
    body = smtp_server.body(smtp_server.wait_for(1)[0])
    assert "Your time (Africa/Nairobi): 15 March 2027, 17:00 \u2013 17 March 2027, 00:00" in body
    invitations.remind(timed)
    assert "Your time (Africa/Nairobi): 15 March 2027, 17:00" in smtp_server.body(smtp_server.wait_for(2)[-1])
    user.time_zone = "UTC"  # the default: no zone chosen, so none is assumed
    user.save()
    assert "Your time" not in invitations.render(Invitation.objects.select_related("person__user", "meeting").get(pk=invitation.pk))


def _api(client, method, url, body, token):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_api_reads_and_writes_times(client, timed, secretariat_token):
    read = client.get(f"/api/v1/meetings/{timed.pk}").json()
    assert (read["start_time"], read["end_time"], read["time_zone"]) == ("10:00:00", "17:00:00", "America/Toronto")
    assert read["starts_at"].startswith("2027-03-15T14:00:00") and read["ends_at"].startswith("2027-03-16T21:00:00")
    bad = _api(client, "patch", f"/api/v1/meetings/{timed.pk}", {"version": timed.version, "time_zone": "Mars/Olympus"}, secretariat_token)
    assert bad.status_code == 422 and "time zone" in json.dumps(bad.json())
    half = _api(client, "patch", f"/api/v1/meetings/{timed.pk}", {"version": timed.version, "end_time": None}, secretariat_token)
    assert half.status_code == 422
    ok = _api(client, "patch", f"/api/v1/meetings/{timed.pk}",
              {"version": timed.version, "start_time": None, "end_time": None, "time_zone": None}, secretariat_token)
    assert ok.status_code == 200 and ok.json()["starts_at"] is None and ok.json()["time_zone"] == ""

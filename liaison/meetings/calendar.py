"""iCalendar (RFC 5545) with the icalendar library, the one module for every calendar the site sends:
one meeting, a group's feed of meetings, and timed events such as the workspace's teleconferences.
Titles and calendar names are in the active language (the requester's: Meeting.local_title)."""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from . import times


def _calendar(name=None, method=None):
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Liaison//EN")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    else:
        calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _host(base_url):
    return base_url.split("://")[-1].split("/")[0]


def _location(event, meeting, show_link):
    if meeting.mode == "online":
        event.add("location", (meeting.online_link if show_link else "") or "Online")
    elif meeting.place:
        event.add("location", ", ".join(p for p in (meeting.venue, meeting.place) if p))


def _with_zones(calendar, meetings):
    """The VTIMEZONE of every zone the events use, for the years they span only (short files)."""
    timed = [m for m in meetings if not m.all_day]
    if timed:
        first = min(m.start_date for m in timed)
        last = max(m.end_date for m in timed)
        calendar.add_missing_timezones(first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 12, 31))
    return calendar


def _event(meeting, base_url, *, show_link=False):
    """``show_link``: the online meeting link goes in LOCATION only for those who may see it
    (``groups.access.can_see_online_link``); everyone else reads "Online". A meeting with times is
    written in the venue's zone (DTSTART;TZID=… with its VTIMEZONE); one without is an all-day event."""
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{_host(base_url)}")
    event.add("summary", meeting.local_title)
    if meeting.all_day:
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + timedelta(days=1))  # all-day events end the day after
    else:
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
    event.add("dtstamp", timezone.now())
    event.add("sequence", meeting.version)
    _location(event, meeting, show_link)
    url = f"{base_url}{meeting.get_absolute_url()}"
    event.add("url", url)
    description = " ".join(part for part in (meeting.attendance_sentence(), meeting.summary, url) if part)
    event.add("description", description)
    return event


def _session_event(meeting, session, base_url, show_link):
    event = Event()
    event.add("uid", f"session-{session.pk}@{_host(base_url)}")
    event.add("summary", f"{meeting.local_title}: {session.title}" if session.title else meeting.local_title)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("dtstamp", timezone.now())
    _location(event, meeting, show_link)
    event.add("url", f"{base_url}{meeting.get_absolute_url()}")
    return event


def meeting_ics(meeting, base_url, *, show_link=False) -> bytes:
    """The meeting, and each session of its organization of work when the venue's zone is known."""
    calendar = _calendar(meeting.local_title)
    calendar.add_component(_event(meeting, base_url, show_link=show_link))
    sessions = list(meeting.sessions.all()) if times.zone(meeting.time_zone) else []
    for session in sessions:
        calendar.add_component(_session_event(meeting, session, base_url, show_link))
    if sessions or not meeting.all_day:
        years = [meeting.start_date, meeting.end_date]
        calendar.add_missing_timezones(first_date=date(years[0].year, 1, 1), last_date=date(years[1].year + 1, 12, 31))
    return calendar.to_ical()


def group_ics(group, meetings, base_url) -> bytes:
    """A feed calendar applications fetch without signing in: it never carries online links."""
    calendar = _calendar(group.local_name)
    calendar.add("x-published-ttl", "PT12H")
    meetings = list(meetings)
    for meeting in meetings:
        calendar.add_component(_event(meeting, base_url))
    return _with_zones(calendar, meetings).to_ical()


def timed_event_ics(uid, summary, start, minutes, location="", url="", description="", method="PUBLISH") -> bytes:
    """One event at a time of day (an aware datetime) lasting ``minutes``; ``method`` REQUEST makes it
    an invitation that mail programs offer to add to the calendar."""
    calendar = _calendar(method=method)
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("dtstamp", timezone.now())
    event.add("location", location)
    event.add("url", url)
    event.add("description", description)
    calendar.add_component(event)
    return calendar.to_ical()

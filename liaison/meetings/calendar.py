"""iCalendar (RFC 5545) with the icalendar library, the one module for every calendar the site sends:
one meeting, a group's feed of meetings, and timed events such as the workspace's teleconferences."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


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


def _event(meeting, base_url, *, show_link=False):
    """``show_link``: the online meeting link goes in LOCATION only for those who may see it
    (``groups.access.can_see_online_link``); everyone else reads "Online"."""
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{base_url.split('://')[-1].split('/')[0]}")
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.start_date)
    event.add("dtend", meeting.end_date + timedelta(days=1))  # all-day events end the day after
    event.add("dtstamp", timezone.now())
    event.add("sequence", meeting.version)
    if meeting.mode == "online":
        event.add("location", (meeting.online_link if show_link else "") or "Online")
    elif meeting.place:
        event.add("location", ", ".join(p for p in (meeting.venue, meeting.place) if p))
    url = f"{base_url}{meeting.get_absolute_url()}"
    event.add("url", url)
    description = " ".join(part for part in (meeting.attendance_sentence(), meeting.summary, url) if part)
    event.add("description", description)
    return event


def meeting_ics(meeting, base_url, *, show_link=False) -> bytes:
    calendar = _calendar(meeting.title)
    calendar.add_component(_event(meeting, base_url, show_link=show_link))
    return calendar.to_ical()


def group_ics(group, meetings, base_url) -> bytes:
    """A feed calendar applications fetch without signing in: it never carries online links."""
    calendar = _calendar(group.name)
    calendar.add("x-published-ttl", "PT12H")
    for meeting in meetings:
        calendar.add_component(_event(meeting, base_url))
    return calendar.to_ical()


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

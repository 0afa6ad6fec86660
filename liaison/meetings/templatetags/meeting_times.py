"""{% meeting_when meeting %} and {% times_in_zones start end zone %}: a meeting's (or a session's)
times at the venue, in the venue's zone, with the viewer's own time beside them. The viewer's zone is
the account's setting when it is not UTC (the default); otherwise liaison.js fills it in from the
browser's zone (the data-local-time span), and nothing is shown when the two zones agree.

For e-mails and letters (rendered in their reader's language): ``{{ meeting|when_text }}`` is the
venue's time with its zone and UTC beside it (the dates alone for an all-day meeting), and
``{{ meeting|when_in:zone }}`` the time in another zone. Every date and time here is written in the
active language (core/dates.py)."""

from django import template
from django.utils import translation

from liaison.core.dates import date_range
from liaison.meetings import times

register = template.Library()


def _language() -> str | None:
    return translation.get_language()


def _viewer_zone(context) -> str | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    name = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
    return name if name and name != "UTC" and times.zone(name) is not None else None


def _context(context, start, end, zone_name):
    viewer = _viewer_zone(context)
    language = _language()
    return {
        "venue": times.span(start, end, language=language),
        "zone": zone_name,
        "viewer_zone": viewer if viewer != zone_name else None,
        "viewer": times.span(start, end, times.zone(viewer), language) if viewer and viewer != zone_name else "",
        "start_utc": start.astimezone(times.UTC).isoformat(),
        "end_utc": end.astimezone(times.UTC).isoformat(),
    }


def _dates(meeting) -> str:
    return date_range(meeting.start_date, meeting.end_date, language=_language())


@register.inclusion_tag("meetings/when.html", takes_context=True)
def meeting_when(context, meeting):
    if meeting.all_day:
        return {"all_day": True, "dates": _dates(meeting)}
    return _context(context, meeting.starts_at, meeting.ends_at, meeting.time_zone)


@register.inclusion_tag("meetings/when.html", takes_context=True)
def times_in_zones(context, start, end, zone_name):
    """Any span of aware datetimes (a session's) at the venue, with the viewer's time."""
    if start is None or end is None:
        return {"all_day": True, "dates": ""}
    return _context(context, start, end, zone_name)


@register.filter
def when_in(meeting, zone_name=None) -> str:
    """The meeting's time in ``zone_name`` (the venue's when not given); its dates when all day."""
    if meeting.all_day:
        return _dates(meeting)
    return times.span(meeting.starts_at, meeting.ends_at, times.zone(zone_name) if zone_name else None, _language())


@register.filter
def when_text(meeting) -> str:
    """'15 March 2027, 10:00–17:00 (Europe/Prague; 15 March 2027, 09:00–16:00 UTC)'."""
    if meeting.all_day:
        return _dates(meeting)
    return f"{when_in(meeting)} ({meeting.time_zone}; {when_in(meeting, 'UTC')} UTC)"


@register.filter
def meeting_dates(meeting) -> str:
    """'15–16 March 2012' in the active language."""
    return _dates(meeting)


@register.filter
def meeting_place(meeting) -> str:
    """'Prague, Czechia' with the country named in the active language (``Meeting.place`` names it in English)."""
    return ", ".join(part for part in (meeting.city, meeting.country.local_name if meeting.country_id else "") if part)


@register.filter
def held_phrase(meeting) -> str:
    """'from 15 to 16 March 2012' in English; the dates alone in other languages (their sentences
    say "from … to" themselves)."""
    from liaison.core.dates import held_phrase as phrase

    return phrase(meeting.start_date, meeting.end_date, _language())

"""Times of meetings and sessions in time zones (IANA names, read with the standard library's
zoneinfo). Pure Python: no Django.

A meeting's times are wall-clock times at the venue, in the venue's zone; they are turned into
aware datetimes only to be shown in another zone or written as UTC (iCalendar, the API)."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from liaison.core.dates import locale, time_span
from liaison.core.messages import gettext_noop  # marks the sentences for the catalogues; the model translates them

UTC = ZoneInfo("UTC")


def zone(name: str | None) -> ZoneInfo | None:
    """The zone called ``name`` ('America/Toronto'), or None when empty or unknown."""
    if not name or "\x00" in name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_names() -> list[str]:
    """Every IANA zone name the system knows, sorted, for the zone menus."""
    return sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/"))) + ["UTC"]


@cache
def zone_choices(language: str | None = None) -> tuple[tuple[str, str], ...]:
    """(IANA name, label) for the zone menus. In English the label is the IANA name; in another
    language the place as the Unicode CLDR names it in that language, through Babel ("heure : Canada
    (Toronto)" for America/Toronto in French), or the IANA name where the CLDR has none."""
    names = zone_names()
    if not language or language.split("-")[0].lower() == "en":
        return tuple((name, name) for name in names)
    from babel.dates import get_timezone, get_timezone_location

    cldr = locale(language)

    def label(name):
        try:
            return get_timezone_location(get_timezone(name), locale=cldr)
        except (LookupError, ValueError, KeyError):
            return name

    return tuple((name, label(name)) for name in names)


def at(day: date, clock: time | None, zone_name: str | None) -> datetime | None:
    """The moment ``clock`` on ``day`` at a venue in ``zone_name``; None without a time or zone."""
    tz = zone(zone_name)
    if clock is None or tz is None:
        return None
    return datetime.combine(day, clock, tzinfo=tz)


def span(start: datetime, end: datetime, tz: ZoneInfo | None = None, language: str | None = None) -> str:
    """'15 March 2027, 10:00–17:00' or '15 March 2027, 10:00 – 16 March 2027, 17:00', in ``tz``
    (default: the zone the datetimes carry), in ``language`` (core/dates.py: CLDR through Babel;
    English by default)."""
    if tz is not None:
        start, end = start.astimezone(tz), end.astimezone(tz)
    return time_span(start, end, language)


def check(start_day: date | None, end_day: date | None, start: time | None, end: time | None,
          zone_name: str | None) -> dict[str, str]:
    """What is wrong with these times, by field: both times or neither (neither is an all-day
    meeting); a known zone whenever times are given; the end after the start."""
    problems = {}
    if zone_name and zone(zone_name) is None:
        problems["time_zone"] = gettext_noop("Choose a time zone from the list (an IANA name such as America/Toronto).")
    if (start is None) != (end is None):
        problems["end_time" if end is None else "start_time"] = (
            gettext_noop("Give both the starting and the ending time, or neither (an all-day meeting)."))
    elif start is not None and not zone_name:
        problems["time_zone"] = gettext_noop("Say in which time zone the times are (the venue's).")
    elif start is not None and start_day and end_day and "time_zone" not in problems:
        if at(end_day, end, zone_name) <= at(start_day, start, zone_name):
            problems["end_time"] = gettext_noop("The meeting ends after it starts.")
    return problems

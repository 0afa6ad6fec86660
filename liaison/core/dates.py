"""Dates as the United Nations write them: "1 March 2027", "15–16 March 2012", "30 March – 2 April
2012", and a time as "1 March 2027, 14:05". Pure Python: no Django (the template filters in
core/templatetags/un_dates.py and meetings/formatting.py call these). Month names are English
whatever the server's locale."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
EN_DASH = "\u2013"


def day_month_year(d: date) -> str:
    """'1 March 2027' (no leading zero, no comma)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_range(start: date, end: date | None = None, dash: str = EN_DASH) -> str:
    """'15–16 March 2012', '30 March – 2 April 2012', '31 December 2012 – 1 January 2013'."""
    if isinstance(start, datetime):
        start = start.date()
    if isinstance(end, datetime):
        end = end.date()
    if end is None or end == start:
        return day_month_year(start)
    if end < start:
        raise ValueError("a meeting cannot end before it starts")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{dash}{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} {dash} {day_month_year(end)}"
    return f"{day_month_year(start)} {dash} {day_month_year(end)}"


def held_phrase(start: date, end: date | None = None) -> str:
    """'from 15 to 16 March 2012' or 'on 15 March 2012', as report introductions write it."""
    if end is None or end == start:
        return f"on {day_month_year(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"from {start.day} to {end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"from {start.day} {MONTHS[start.month - 1]} to {day_month_year(end)}"
    return f"from {day_month_year(start)} to {day_month_year(end)}"


def date_time(moment: datetime) -> str:
    """'1 March 2027, 14:05' (the caller converts to the reader's time zone first)."""
    return f"{day_month_year(moment)}, {moment.hour:02d}:{moment.minute:02d}"

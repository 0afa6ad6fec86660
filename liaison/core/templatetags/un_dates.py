"""Template filters for the one date style of the site (core/dates.py), built into every template
(settings.TEMPLATES "builtins"): ``{{ meeting.start_date|un_date }}`` → "1 March 2027",
``{{ start|un_date_range:end }}`` → "15–16 March 2012", ``{{ moment|un_datetime }}`` → "1 March 2027,
14:05" in the current time zone, each in the active language (CLDR's form through Babel; English
keeps the UN style). Empty values print nothing."""

from datetime import date, datetime

from django import template
from django.utils import timezone, translation

from liaison.core import dates

register = template.Library()


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _as_date(value):
    """A date, a datetime, or an ISO date string (as adopted reports keep their dates) as a date."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value if isinstance(value, date) else None


@register.filter
def un_date(value):
    day = _as_date(value)
    if day is None:
        return value if value not in (None, "") else ""
    return dates.day_month_year(_local(day), translation.get_language())


@register.filter
def un_date_range(start, end=None):
    start, end = _as_date(start), _as_date(end)
    if start is None:
        return ""
    start = _local(start)
    end = _local(end) if end is not None else None
    return dates.date_range(start, end, language=translation.get_language())


@register.filter
def un_datetime(value):
    if not isinstance(value, datetime):
        return un_date(value)
    return dates.date_time(_local(value), translation.get_language())


@register.filter
def un_number(value):
    """A number in the active language's digits and separators (CLDR through Babel: '1,234',
    '1 234', '١٬٢٣٤'); anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value if value is not None else ""
    return dates.number(value, translation.get_language())

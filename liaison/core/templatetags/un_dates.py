"""Template filters for the one date style of the site (core/dates.py), built into every template
(settings.TEMPLATES "builtins"): ``{{ meeting.start_date|un_date }}`` → "1 March 2027",
``{{ start|un_date_range:end }}`` → "15–16 March 2012", ``{{ moment|un_datetime }}`` → "1 March 2027,
14:05" in the current time zone. Empty values print nothing."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from liaison.core import dates

register = template.Library()


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def un_date(value):
    if not isinstance(value, date):
        return value if value not in (None, "") else ""
    return dates.day_month_year(_local(value))


@register.filter
def un_date_range(start, end=None):
    if not isinstance(start, date):
        return ""
    start = _local(start)
    end = _local(end) if isinstance(end, date) else None
    return dates.date_range(start, end)


@register.filter
def un_datetime(value):
    if not isinstance(value, datetime):
        return un_date(value)
    return dates.date_time(_local(value))

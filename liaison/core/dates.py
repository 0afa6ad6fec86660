"""Dates as the United Nations write them: "1 March 2027", "15–16 March 2012", "30 March – 2 April
2012", and a time as "1 March 2027, 14:05". Pure Python: no Django (the template filters in
core/templatetags/un_dates.py and meetings/formatting.py call these). Month names are English
whatever the server's locale.

Given another ``language`` (a Django language code: "fr", "ar", "zh-hans" …), ``day_month_year``,
``date_range`` and ``date_time`` write that language's form from the Unicode CLDR through Babel:
"15–16 mars 2012", "30 mars – 2 avril 2012", "١٥–١٦ مارس ٢٠١٢", "2012年3月15日 – 16日". Months are
spelt in full as in the locale's long date; Arabic is written in Arabic-Indic digits, as the UN's
Arabic documents write dates (Babel formats dates in Latin digits only). English keeps the UN style.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
EN_DASH = "\u2013"


def _english(language: str | None) -> bool:
    return not language or language.lower().replace("_", "-").split("-")[0] == "en"


@cache
def locale(language: str):
    """The CLDR locale (babel.Locale) of a Django language code: 'zh-hans' -> zh_Hans, 'fr' -> fr.
    Babel is imported here, at the first date in another language, not for English."""
    from babel import Locale

    return Locale.parse(language.replace("-", "_"), sep="_")


_ARABIC_DIGITS = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")


def _digits(text: str, language: str) -> str:
    return text.translate(_ARABIC_DIGITS) if locale(language).language == "ar" else text


def _long(d: date, language: str) -> str:
    from babel.dates import format_date

    return format_date(d, format="long", locale=locale(language))


def _localized_range(start: date, end: date, dash: str, language: str) -> str:
    from babel.dates import format_interval, format_skeleton

    cldr = locale(language)
    if "MMMM" not in cldr.date_formats["long"].pattern:  # numeric months (Chinese): CLDR's interval
        return format_interval(start, end, skeleton="yMMMd", locale=cldr)
    # CLDR's intervals abbreviate months in several languages (« 30 mars – 2 avr. 2012 »); the long
    # date spells them out, so the range is built from it as the English one is.
    if (start.year, start.month) == (end.year, end.month):
        return f"{format_skeleton('d', start, locale=cldr)}{dash}{_long(end, language)}"
    if start.year == end.year:
        return f"{format_skeleton('MMMMd', start, locale=cldr)} {dash} {_long(end, language)}"
    return f"{_long(start, language)} {dash} {_long(end, language)}"


def day_month_year(d: date, language: str | None = None) -> str:
    """'1 March 2027' (no leading zero, no comma); '1 mars 2027', '١ مارس ٢٠٢٧', '2027年3月1日'."""
    if not _english(language):
        return _digits(_long(d, language), language)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_range(start: date, end: date | None = None, dash: str = EN_DASH, language: str | None = None) -> str:
    """'15–16 March 2012', '30 March – 2 April 2012', '31 December 2012 – 1 January 2013'."""
    if isinstance(start, datetime):
        start = start.date()
    if isinstance(end, datetime):
        end = end.date()
    if end is None or end == start:
        return day_month_year(start, language)
    if end < start:
        raise ValueError("a meeting cannot end before it starts")
    if not _english(language):
        return _digits(_localized_range(start, end, dash, language), language)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{dash}{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} {dash} {day_month_year(end)}"
    return f"{day_month_year(start)} {dash} {day_month_year(end)}"


def held_dates(start: date, end: date | None = None, language: str | None = None) -> tuple[str, str | None]:
    """The two ends of "from 15 to 16 March 2012" as a sentence needs them: ('15', '16 March 2012'),
    ('30 March', '2 April 2012'), or the one day and None. In another language, the locale's day
    (and month) and its long date: ('15', '16 mars 2012'), for a sentence its translator writes
    ("du %(start)s au %(end)s"). Where the long date begins with the year (Chinese), the first end is
    the full date and the second what differs: ('2012年3月15日', '16日')."""
    if isinstance(start, datetime):
        start = start.date()
    if isinstance(end, datetime):
        end = end.date()
    if end is None or end == start:
        return day_month_year(start, language), None
    if not _english(language):
        from babel.dates import format_skeleton

        cldr = locale(language)
        pattern = cldr.date_formats["long"].pattern
        if pattern.find("y") < pattern.find("d"):
            # Year first (Chinese: "2012年3月15日至16日"): the first end is written in full, the second
            # leaves out what it shares with it.
            if (start.year, start.month) == (end.year, end.month):
                second = format_skeleton("d", end, locale=cldr)
            elif start.year == end.year:
                second = format_skeleton("MMMMd", end, locale=cldr)
            else:
                second = _long(end, language)
            return _digits(_long(start, language), language), _digits(second, language)
        if (start.year, start.month) == (end.year, end.month):
            first = format_skeleton("d", start, locale=cldr)
        elif start.year == end.year:
            first = format_skeleton("MMMMd", start, locale=cldr)
        else:
            first = _long(start, language)
        return _digits(first, language), _digits(_long(end, language), language)
    if (start.year, start.month) == (end.year, end.month):
        return str(start.day), day_month_year(end)
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]}", day_month_year(end)
    return day_month_year(start), day_month_year(end)


def held_phrase(start: date, end: date | None = None, language: str | None = None) -> str:
    """'from 15 to 16 March 2012' or 'on 15 March 2012', as report introductions write it. In another
    language the dates alone ('15–16 mars 2012'): the translated sentence around them says "from"."""
    if not _english(language):
        return date_range(start, end, language=language)
    if end is None or end == start:
        return f"on {day_month_year(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"from {start.day} to {end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"from {start.day} {MONTHS[start.month - 1]} to {day_month_year(end)}"
    return f"from {day_month_year(start)} to {day_month_year(end)}"


def date_time(moment: datetime, language: str | None = None) -> str:
    """'1 March 2027, 14:05' (the caller converts to the reader's time zone first); in another
    language the locale's own joining of a long date and a 24-hour time."""
    if not _english(language):
        from babel.dates import format_time

        cldr = locale(language)
        joined = cldr.datetime_formats["medium"].replace("'", "").format(format_time(moment, "HH:mm", locale=cldr), _long(moment, language))
        return _digits(joined, language)
    return f"{day_month_year(moment)}, {moment.hour:02d}:{moment.minute:02d}"


def time_span(start: datetime, end: datetime, language: str | None = None) -> str:
    """'15 March 2027, 10:00–17:00' or '15 March 2027, 10:00 – 16 March 2027, 17:00' (the caller
    converts both to one time zone first); in another language the locale's joining of its long date
    and the times, in its digits."""
    if start.date() != end.date():
        return f"{date_time(start, language)} {EN_DASH} {date_time(end, language)}"
    if _english(language):
        return f"{day_month_year(start)}, {start:%H:%M}{EN_DASH}{end:%H:%M}"
    from babel.dates import format_time

    cldr = locale(language)
    times = f"{format_time(start, 'HH:mm', locale=cldr)}{EN_DASH}{format_time(end, 'HH:mm', locale=cldr)}"
    return _digits(cldr.datetime_formats["medium"].replace("'", "").format(times, _long(start, language)), language)


def number(value: int | float, language: str | None = None) -> str:
    """A number as the language writes it (CLDR through Babel: '1,234' in English, '1 234' in
    French, '١٬٢٣٤' in Arabic, in Arabic-Indic digits as its dates)."""
    if _english(language):
        return f"{value:,}"
    from babel.numbers import format_decimal

    cldr = locale(language)
    # Arabic separators of the Arabic-Indic digits (Babel writes Latin digits; _digits turns them).
    system = "arab" if cldr.language == "ar" else "latn"
    return _digits(format_decimal(value, locale=cldr, numbering_system=system), language)


def weekday_times(day: date, start, end, language: str | None = None) -> str:
    """A session in an agenda: 'Monday 15 March 10:00–13:00'; 'lundi 15 mars 10:00–13:00',
    'الاثنين ١٥ مارس ١٠:٠٠–١٣:٠٠' (CLDR's weekday, day and month, in the locale's order)."""
    if _english(language):
        return f"{day:%A} {day.day} {MONTHS[day.month - 1]} {start:%H:%M}{EN_DASH}{end:%H:%M}"
    from babel.dates import format_date, format_time

    cldr = locale(language)
    times = f"{format_time(start, 'HH:mm', locale=cldr)}{EN_DASH}{format_time(end, 'HH:mm', locale=cldr)}"
    # CLDR's day-month-weekday pattern, with the weekday spelt in full ("E d MMMM" -> "EEEE d MMMM").
    pattern = re.sub(r"(?<!E)E{1,3}(?!E)", "EEEE", cldr.datetime_skeletons["MMMMEd"].pattern)
    return _digits(f"{format_date(day, pattern, locale=cldr)} {times}", language)

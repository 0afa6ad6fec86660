"""How reports write dates and ordinals. Pure Python: no Django."""

from __future__ import annotations

from datetime import date

from num2words import num2words


def ordinal_word(number: int, lang: str = "en") -> str:
    """9 -> 'ninth'."""
    return num2words(number, to="ordinal", lang=lang)


def _day_month_year(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def date_range(start: date, end: date | None = None, dash: str = "\u2013") -> str:
    """'15–16 March 2012', '30 March – 2 April 2012', '31 December 2012 – 1 January 2013'."""
    if end is None or end == start:
        return _day_month_year(start)
    if end < start:
        raise ValueError("a meeting cannot end before it starts")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{dash}{end.day} {end.strftime('%B')} {end.year}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%B')} {dash} {_day_month_year(end)}"
    return f"{_day_month_year(start)} {dash} {_day_month_year(end)}"


def held_phrase(start: date, end: date | None = None) -> str:
    """'from 15 to 16 March 2012' or 'on 15 March 2012', as report introductions write it."""
    if end is None or end == start:
        return f"on {_day_month_year(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"from {start.day} to {end.day} {end.strftime('%B')} {end.year}"
    if start.year == end.year:
        return f"from {start.day} {start.strftime('%B')} to {_day_month_year(end)}"
    return f"from {_day_month_year(start)} to {_day_month_year(end)}"


def in_sentence(title: str) -> str:
    """A title as it reads after "The": 'Ninth meeting of the X' -> 'ninth meeting of the X', but a
    proper name keeps its capital: 'Global Partnership Working Group meeting' stays as it is (its
    second word is capitalised too)."""
    words = title.split(" ", 2)
    if len(words) > 1 and words[1][:1].isupper():
        return title
    return title[:1].lower() + title[1:]


def sort_key(name: str) -> str:
    """How a reader looks a name up in a list: letters without their accents, case folded
    ("Côte d'Ivoire" after "Costa Rica", "Åland Islands" under A)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))

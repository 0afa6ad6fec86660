"""How reports write dates and ordinals. Pure Python: no Django. The dates are core/dates.py's UN style."""

from __future__ import annotations

from num2words import num2words

from liaison.core.dates import date_range, day_month_year, held_dates, held_phrase  # noqa: F401 (the UN style, used by meetings and reports)


def ordinal_word(number: int, lang: str = "en") -> str:
    """9 -> 'ninth'."""
    return num2words(number, to="ordinal", lang=lang)


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

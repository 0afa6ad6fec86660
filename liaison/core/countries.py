"""Resolve the country names found in UN documents to ISO 3166 alpha-3 codes. Pure Python.

Reports write "Czech Republic", "Republic of Moldova", "Bolivia", "United Kingdom"; ISO writes
"Czechia", "Moldova, Republic of", "Bolivia, Plurinational State of". pycountry knows the ISO
names, official names and common names; country-converter's regular expressions catch the rest.
"""

from __future__ import annotations

import gettext
import re
from functools import cache

import pycountry

_OBSERVER = re.compile(r"\s*\((observer|observers)\)\s*$", re.IGNORECASE)


_PREFIX_QUALIFIERS = (
    "Republic of",
    "United Republic of",
    "Democratic People's Republic of",
    "Democratic Republic of the",
    "State of",
    "British",
    "U.S.",
)


def display_name(iso3: str) -> str:
    """The short name in UN usage, derived from ISO's: 'Korea, Republic of' -> 'Republic of Korea',
    'Bolivia, Plurinational State of' -> 'Bolivia (Plurinational State of)'."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise LookupError(iso3)
    name = country.name
    if ", " not in name:
        return name
    base, qualifier = name.split(", ", 1)
    qualifier = qualifier.removeprefix("The ")
    if qualifier.startswith(_PREFIX_QUALIFIERS):
        return f"{qualifier} {base}"
    return f"{base} ({qualifier})"


# pycountry's gettext catalogues are named by locale; Simplified Chinese is zh_CN there.
_CATALOGUE_NAMES = {"zh-hans": "zh_CN", "zh-cn": "zh_CN", "zh-sg": "zh_CN"}


@cache
def _iso3166_catalogue(language: str) -> gettext.NullTranslations:
    code = _CATALOGUE_NAMES.get(language, language.split("-")[0])
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code], fallback=True)


def local_name(iso3: str, name: str, language: str | None) -> str:
    """The country's name in ``language`` (a Django language code) from pycountry's ISO 3166
    catalogues: 'France' in Russian is 'Франция'. ``name`` (the UN usage in English) in English,
    and when the catalogue has no translation of the country."""
    language = (language or "en").lower().replace("_", "-")
    if language.split("-")[0] == "en":
        return name
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return name
    translated = _iso3166_catalogue(language).gettext(country.name)
    if translated == country.name:
        return name
    if ", " in translated and ", " in country.name:  # ISO's inverted form, turned as in English
        base, qualifier = translated.split(", ", 1)
        english_qualifier = country.name.split(", ", 1)[1].removeprefix("The ")
        return f"{qualifier} {base}" if english_qualifier.startswith(_PREFIX_QUALIFIERS) else f"{base} ({qualifier})"
    return translated


def strip_observer(name: str) -> tuple[str, bool]:
    """'Chile (observer)' -> ('Chile', True)."""
    stripped = _OBSERVER.sub("", name)
    return stripped.strip(), stripped != name


@cache
def _converter():
    import country_converter

    return country_converter.CountryConverter()


def resolve(name: str) -> str | None:
    """ISO alpha-3 code for a country name or code as written in a document, or None."""
    text = " ".join(name.replace("\u00a0", " ").split()).strip(" .,;")
    if not text:
        return None
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        pass
    found = _converter().convert(text, to="ISO3", not_found=None)
    if isinstance(found, str) and len(found) == 3 and pycountry.countries.get(alpha_3=found):
        return found
    return None

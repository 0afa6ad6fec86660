"""UN regional groups and UN M49 regions of countries. Pure Python: no Django imports.

The regional groups come from the versioned table ``data/un_regional_groups.csv`` shipped with the
project (no maintained package provides them); M49 regions come from country-converter.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "un_regional_groups.csv"

AFRICAN = "african"
ASIA_PACIFIC = "asia_pacific"
EASTERN_EUROPEAN = "eastern_european"
LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean"
WESTERN_EUROPEAN_OTHERS = "western_european_others"

REGIONAL_GROUPS: dict[str, str] = {
    AFRICAN: "African Group",
    ASIA_PACIFIC: "Asia-Pacific Group",
    EASTERN_EUROPEAN: "Eastern European Group",
    LATIN_AMERICAN_CARIBBEAN: "Latin American and Caribbean Group",
    WESTERN_EUROPEAN_OTHERS: "Western European and Others Group",
}


@dataclass(frozen=True)
class RegionalGroupEntry:
    iso3: str
    group: str
    note: str


@cache
def regional_group_table() -> dict[str, RegionalGroupEntry]:
    """The table keyed by ISO alpha-3; raises ValueError on an unknown group code."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        table = {}
        for row in rows:
            if row["group"] not in REGIONAL_GROUPS:
                raise ValueError(f"{DATA_FILE.name}: unknown regional group {row['group']!r} for {row['iso3']}")
            table[row["iso3"]] = RegionalGroupEntry(row["iso3"], row["group"], row["note"] or "")
    return table


def regional_group(iso3: str) -> str:
    """The group a country is counted in for elections, or '' when it belongs to none."""
    entry = regional_group_table().get(iso3.upper())
    return entry.group if entry else ""


def m49_regions(iso3_codes: list[str]) -> dict[str, tuple[str, str]]:
    """Map ISO alpha-3 codes to (M49 region, M49 sub-region), e.g. ('Europe', 'Eastern Europe')."""
    import country_converter

    converter = country_converter.CountryConverter()
    codes = list(iso3_codes)
    continents = converter.convert(codes, src="ISO3", to="continent", not_found="")
    subregions = converter.convert(codes, src="ISO3", to="UNregion", not_found="")
    if isinstance(continents, str):
        continents, subregions = [continents], [subregions]
    result = {}
    for code, continent, subregion in zip(codes, continents, subregions):
        continent = {"America": "Americas", "Antarctica": ""}.get(continent, continent)
        result[code] = (continent or "", subregion or "")
    return result


def balance(group_codes: list[str]) -> list[tuple[str, str, int, int]]:
    """(code, name, count, percent of the largest) for each of the five groups, in the usual
    order, plus 'none' for countries outside every group when there are any."""
    counts = {code: 0 for code in REGIONAL_GROUPS}
    outside = 0
    for code in group_codes:
        if code in counts:
            counts[code] += 1
        else:
            outside += 1
    rows = [(code, name, counts[code]) for code, name in REGIONAL_GROUPS.items()]
    if outside:
        rows.append(("", "No regional group", outside))
    top = max((count for _, _, count in rows), default=0) or 1
    return [(code, name, count, round(100 * count / top)) for code, name, count in rows]

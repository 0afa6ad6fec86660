"""Country names as UN documents write them (pure module, no database)."""

import pytest

from liaison.core import countries


@pytest.mark.parametrize(
    "written, iso3",
    [
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Republic of Moldova", "MDA"),
        ("Bolivia", "BOL"),
        ("Republic of Korea", "KOR"),
        ("Russian Federation", "RUS"),
        ("United Kingdom", "GBR"),
        ("United States", "USA"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        (" Netherlands. ", "NLD"),
        ("cze", "CZE"),
    ],
)
def test_resolve_names_written_in_reports(written, iso3):
    assert countries.resolve(written) == iso3


@pytest.mark.parametrize("written", ["", "FAO", "Atlantis", "European Union"])
def test_resolve_refuses_what_is_not_a_country(written):
    assert countries.resolve(written) is None


@pytest.mark.parametrize(
    "iso3, name",
    [
        ("KOR", "Republic of Korea"),
        ("MDA", "Republic of Moldova"),
        ("BOL", "Bolivia (Plurinational State of)"),
        ("COD", "Democratic Republic of the Congo"),
        ("TZA", "United Republic of Tanzania"),
        ("PSE", "State of Palestine"),
        ("CZE", "Czechia"),
    ],
)
def test_display_names_follow_un_usage(iso3, name):
    assert countries.display_name(iso3) == name


def test_display_name_of_unknown_code_raises():
    with pytest.raises(LookupError):
        countries.display_name("XXX")


def test_strip_observer():
    assert countries.strip_observer("Chile (observer)") == ("Chile", True)
    assert countries.strip_observer("Sweden") == ("Sweden", False)

"""The UN regional groups table and M49 regions (pure module, no database)."""

from collections import Counter

import pycountry
import pytest

from liaison.core import regions


def test_every_un_member_state_counts_in_exactly_one_group():
    table = regions.regional_group_table()
    sizes = Counter(entry.group for entry in table.values())
    assert sum(sizes.values()) == 193
    assert sizes == {
        regions.AFRICAN: 54,
        regions.ASIA_PACIFIC: 54,
        regions.EASTERN_EUROPEAN: 23,
        regions.LATIN_AMERICAN_CARIBBEAN: 33,
        regions.WESTERN_EUROPEAN_OTHERS: 29,
    }


def test_every_code_is_an_iso_3166_country():
    for code in regions.regional_group_table():
        assert pycountry.countries.get(alpha_3=code) is not None, code


@pytest.mark.parametrize(
    "iso3, group",
    [
        ("TUR", regions.WESTERN_EUROPEAN_OTHERS),  # counted in WEOG for elections
        ("USA", regions.WESTERN_EUROPEAN_OTHERS),  # observer in WEOG, counted there
        ("KIR", regions.ASIA_PACIFIC),
        ("CZE", regions.EASTERN_EUROPEAN),
        ("IND", regions.ASIA_PACIFIC),
        ("BLZ", regions.LATIN_AMERICAN_CARIBBEAN),
        ("LBR", regions.AFRICAN),
        ("VAT", ""),  # Holy See: observer State, no group
        ("PSE", ""),
    ],
)
def test_special_cases_follow_the_stated_rules(iso3, group):
    assert regions.regional_group(iso3) == group


def test_special_cases_carry_their_rule_as_a_note():
    table = regions.regional_group_table()
    assert "Asia-Pacific" in table["TUR"].note and "elections" in table["TUR"].note
    assert "observer" in table["USA"].note


def test_an_unknown_group_code_in_the_table_is_an_error(tmp_path, monkeypatch):
    bad = tmp_path / "groups.csv"
    bad.write_text("iso3,group,note\nFRA,european_union,\n", encoding="utf-8")
    monkeypatch.setattr(regions, "DATA_FILE", bad)
    regions.regional_group_table.cache_clear()
    try:
        with pytest.raises(ValueError, match="european_union"):
            regions.regional_group_table()
    finally:
        regions.regional_group_table.cache_clear()


def test_m49_regions_come_from_country_converter():
    found = regions.m49_regions(["CZE", "CRI", "NAM", "FJI"])
    assert found["CZE"] == ("Europe", "Eastern Europe")
    assert found["CRI"][0] == "Americas"
    assert found["NAM"] == ("Africa", "Southern Africa")  # "NA" must not be read as missing
    assert found["FJI"][0] == "Oceania"


def test_balance_counts_every_group_in_order():
    rows = regions.balance(["african", "asia_pacific", "asia_pacific", "western_european_others", ""])
    assert [(code, count) for code, _, count, _ in rows] == [
        ("african", 1), ("asia_pacific", 2), ("eastern_european", 0),
        ("latin_american_caribbean", 0), ("western_european_others", 1), ("", 1),
    ]
    assert rows[1][3] == 100 and rows[0][3] == 50


def test_balance_of_nothing():
    assert all(count == 0 for _, _, count, _ in regions.balance([]))

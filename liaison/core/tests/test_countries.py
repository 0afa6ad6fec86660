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


@pytest.mark.parametrize("iso3, english, language, local", [
    ("DEU", "Germany", "fr", "Allemagne"),
    ("DEU", "Germany", "es", "Alemania"),
    ("DEU", "Germany", "ru", "\u0413\u0435\u0440\u043c\u0430\u043d\u0438\u044f"),
    ("DEU", "Germany", "ar", "\u0623\u0644\u0645\u0627\u0646\u064a\u0627"),
    ("DEU", "Germany", "zh-hans", "\u5fb7\u56fd"),
    ("KOR", "Republic of Korea", "fr", "R\u00e9publique de Cor\u00e9e"),  # ISO's "Corée, République de", turned
    ("KOR", "Republic of Korea", "es", "Rep\u00fablica de Corea"),
    ("SEN", "Senegal", "en", "Senegal"),
    ("SEN", "Senegal", None, "Senegal"),
    ("XKX", "Kosovo", "fr", "Kosovo"),  # not in ISO 3166: the English name
])
def test_country_names_in_each_language(iso3, english, language, local):
    assert countries.local_name(iso3, english, language) == local


@pytest.mark.django_db
def test_a_country_reads_in_the_active_language(countries):
    from django.utils import translation

    from liaison.core.models import Country

    france = Country.objects.get(iso3="FRA")
    assert str(france) == france.name == "France"
    with translation.override("ru"):
        assert str(france) == france.local_name == "\u0424\u0440\u0430\u043d\u0446\u0438\u044f"
    with translation.override("zh-hans"):
        assert str(france) == "\u6cd5\u56fd"


def test_regional_group_names_shown_are_marked_for_translation():
    from liaison.core import regions
    from liaison.core.models import NO_REGIONAL_GROUP, RegionalGroup

    marked = {str(label) for label in RegionalGroup.labels} | {str(NO_REGIONAL_GROUP)}
    shown = {name for _code, name, _count, _percent in regions.balance(["african", "", "zzz"])}
    assert shown <= marked and "No regional group" in shown and len(shown) == 6


@pytest.mark.django_db
def test_pages_print_a_country_in_the_readers_language(client, countries, make_user):
    from liaison.core.models import Country, Organization

    Organization.objects.create(name="Agence test", type="government", country=Country.objects.get(iso3="DEU"))
    client.force_login(make_user("staff@secretariat.example", staff=True))
    assert "<td>Germany</td>" in client.get("/manage/organizations/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>Allemagne</td>" in client.get("/manage/organizations/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

"""Services of the registry: loading countries, finding countries and organizations by name."""

import pycountry
from django.db import transaction

from . import countries, regions
from .models import Country, Organization


@transaction.atomic
def load_countries(country_model=Country) -> int:
    """Create or update every ISO 3166 country with its UN regional group and M49 region."""
    table = regions.regional_group_table()
    all_countries = list(pycountry.countries)
    m49 = regions.m49_regions([c.alpha_3 for c in all_countries])
    for item in all_countries:
        entry = table.get(item.alpha_3)
        region, subregion = m49.get(item.alpha_3, ("", ""))
        country_model.objects.update_or_create(
            iso3=item.alpha_3,
            defaults={
                "iso2": item.alpha_2,
                "numeric": item.numeric,
                "name": countries.display_name(item.alpha_3),
                "official_name": getattr(item, "official_name", "") or "",
                "regional_group": entry.group if entry else "",
                "regional_group_note": entry.note if entry else "",
                "m49_region": region,
                "m49_subregion": subregion,
            },
        )
    return len(all_countries)


def find_country(name: str) -> Country | None:
    code = countries.resolve(name)
    return Country.objects.filter(iso3=code).first() if code else None


def get_country(name: str) -> Country:
    country = find_country(name)
    if country is None:
        raise LookupError(f"No ISO 3166 country matches {name!r}.")
    return country


def find_organization(name: str) -> Organization | None:
    """An organization by exact name or acronym (case-insensitive)."""
    text = name.strip()
    return (
        Organization.objects.filter(name__iexact=text).first()
        or Organization.objects.filter(acronym__iexact=text).first()
    )

"""Services of the registry: loading countries, finding countries and organizations by name; and
the writes every secretariat page shares: a versioned record saved from its edit form, a row added
to or removed from a part of a record (parts.py)."""

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


def save_record(form):
    """Save a valid edit form (core.forms.VersionedModelForm) unless the record changed since the form
    was opened: then nothing is written, the form gets an error, keeps the input, and None is returned."""
    with transaction.atomic():
        return form.save_or_conflict()


def add_row(form):
    """Add the row of a valid part form (core.forms.PartForm) to its record; an IntegrityError (a row
    saved meanwhile that conflicts with it) leaves nothing written and is raised to the caller."""
    with transaction.atomic():
        return form.save()


def remove_row(row) -> None:
    """Remove a row from a part of a record."""
    row.delete()


def create_record(instance):
    """Save a new record after checking it with its model's own rules (full_clean: ValidationError
    otherwise, nothing written). The API's create endpoints write through it."""
    with transaction.atomic():
        instance.full_clean()
        instance.save()
    return instance


def update_record(instance, changes: dict, expected_version: int):
    """Apply ``changes`` (field -> value) to a versioned record, check it with its model's rules, and
    save it only if it is still at ``expected_version`` (VersionConflict otherwise, nothing written)."""
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save_versioned(expected_version=expected_version)
    return instance

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from .access import can_see_contact
from .api_auth import TokenAuth, require_secretariat

from . import paging
from .models import Country, Organization, OrganizationType, Person, RegionalGroup
from .services import create_record

router = Router(tags=["registry"])

# Content in several languages (core/multilingual.py): a group's name and mandate and a meeting's
# title are answered in the request's Accept-Language, English when not given in it; detail answers
# carry every language given in ``translations``; writes set the English field itself and, optionally,
# the other languages in ``translations`` (merged: a language or field left out is kept, "" removes it).
LANGUAGE_CODES = "ar, zh-hans, en, fr, ru, es"
LANGUAGE_PATTERN = "^(|" + "|".join(LANGUAGE_CODES.split(", ")) + ")$"  # as settings.LANGUAGES spells them


def local_text(what: str) -> str:
    return f"The {what} in the request's language (`Accept-Language`: {LANGUAGE_CODES}), in English when not given in it."


def translations_out(fields: str):
    return Field(description=f"Every language given, English first: {{language: {{{fields}}}}}; a language or field not given is left out.")


def translations_in(fields: str):
    return Field(
        None,
        description=f"The {fields} in the other languages (ar, zh-hans, fr, ru, es): {{language: {{field: text}}}}. "
        "Merged into what is stored: a language or field left out is kept, an empty text removes it; English is the field itself.",
    )


class CountryOut(Schema):
    iso3: str
    iso2: str
    name: str
    official_name: str
    regional_group: str
    regional_group_name: str = Field(alias="get_regional_group_display")
    m49_region: str
    m49_subregion: str


class OrganizationOut(Schema):
    id: int
    name: str
    acronym: str
    type: str
    country: str | None = Field(None, alias="country.iso3")


class OrganizationIn(Schema):
    name: str = Field(min_length=1, max_length=250)
    acronym: str = Field("", max_length=40)
    type: OrganizationType
    country: str | None = Field(None, description="ISO alpha-3 code")


class PersonOut(Schema):
    id: int
    honorific: str
    first_name: str
    last_name: str
    gender: str
    organization: str | None = None
    country: str | None = None
    email: str | None = Field(None, description="Shown to the secretariat and the person only")
    phone: str | None = None
    language: str | None = Field(None, description=f"The language e-mails and letters are written to the person in "
                                 f"({LANGUAGE_CODES}; \"\" = the account's, else English); shown to the secretariat and the person only")


class PersonIn(Schema):
    honorific: str = Field("", max_length=40)
    first_name: str = Field("", max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    gender: str = Field("", pattern="^(|female|male|other|undisclosed)$")
    organization_id: int | None = None
    country: str | None = Field(None, description="ISO alpha-3 code")
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=60)
    language: str = Field("", pattern=LANGUAGE_PATTERN, description=f"The language of e-mails and letters to the person ({LANGUAGE_CODES}); \"\" for the account's, else English")


def country_or_422(code):
    if code is None:
        return None
    country = Country.objects.filter(iso3=code.upper()).first()
    if country is None:
        raise HttpError(422, _("Unknown country code %(code)s: use ISO 3166 alpha-3, e.g. 'CZE'.") % {"code": repr(code)})
    return country


def person_out(person, user):
    contact = can_see_contact(user, person)
    return PersonOut(
        id=person.id,
        honorific=person.honorific,
        first_name=person.first_name,
        last_name=person.last_name,
        gender=person.gender,
        organization=person.organization.label if person.organization_id else None,
        country=person.country.iso3 if person.country_id else None,
        email=person.email if contact else None,
        phone=person.phone if contact else None,
        language=person.language if contact else None,
    )


@router.get("/countries", response=list[CountryOut], openapi_extra=paging.OPENAPI)
def list_countries(request, response: HttpResponse, regional_group: RegionalGroup | None = None,
                   limit: int = Query(300, ge=1, le=paging.MAX_LIMIT), offset: int = paging.Offset):
    countries = Country.objects.all()
    if regional_group:
        countries = countries.filter(regional_group=regional_group)
    return paging.window(response, countries, limit, offset)


@router.get("/countries/{iso3}", response=CountryOut)
def get_country(request, iso3: str):
    return get_object_or_404(Country, iso3=iso3.upper())


@router.get("/organizations", response=list[OrganizationOut], openapi_extra=paging.OPENAPI)
def list_organizations(request, response: HttpResponse, type: OrganizationType | None = None,
                       limit: int = paging.Limit, offset: int = paging.Offset):
    organizations = Organization.objects.select_related("country")
    if type:
        organizations = organizations.filter(type=type)
    return paging.window(response, organizations, limit, offset)


@router.post("/organizations", response={201: OrganizationOut}, auth=TokenAuth())
def create_organization(request, payload: OrganizationIn):
    require_secretariat(request)
    if Organization.objects.filter(name__iexact=payload.name).exists():
        raise HttpError(409, _("An organization named %(name)s exists already.") % {"name": repr(payload.name)})
    org = Organization(name=payload.name, acronym=payload.acronym, type=payload.type, country=country_or_422(payload.country))
    return Status(201, create_record(org))


@router.post("/people", response={201: PersonOut}, auth=TokenAuth())
def create_person(request, payload: PersonIn):
    require_secretariat(request)
    data = payload.dict()
    data["country"] = country_or_422(data.pop("country"))
    if data["organization_id"] and not Organization.objects.filter(pk=data["organization_id"]).exists():
        raise HttpError(422, _("No organization has id %(id)s.") % {"id": data["organization_id"]})
    person = create_record(Person(**data))
    return Status(201, person_out(person, request.auth))

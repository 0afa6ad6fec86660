from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from liaison.core.api_auth import TokenAuth, api_user, require_secretariat
from liaison.core.api import OrganizationOut, PersonOut, local_text, person_out, translations_in, translations_out
from liaison.core.models import Person
from liaison.core.services import create_record, update_record
from liaison.core import paging

from .access import can_see_members_only, visible_people
from .models import Group, GroupKind, Membership, TermsOfReference

router = Router(tags=["groups"])


class GroupOut(Schema):
    slug: str
    name: str = Field(alias="local_name", description=local_text("group's name"))
    acronym: str
    kind: GroupKind
    former_name: str
    convened_by: str
    version: int


class DecisionOut(Schema):
    symbol: str
    effect: str
    year: int | None
    summary: str


class TaskOut(Schema):
    label: str
    text: str


class TermsOut(Schema):
    title: str
    status: str
    introduction: str
    tasks: list[TaskOut]
    procedures: list[str] = Field(alias="procedure_paragraphs")


class MemberOut(Schema):
    person_id: int
    name: str = Field(alias="person.formal_name")
    role: str


class GroupDetailOut(GroupOut):
    mandate: str = Field(alias="local_mandate", description=local_text("mandate"))
    translations: dict[str, dict[str, str]] = translations_out('"name": …, "mandate": …')
    decisions: list[DecisionOut]
    terms_of_reference: TermsOut | None
    core_members: list[OrganizationOut]
    members: list[MemberOut] | None = Field(None, description="Members of the group and the secretariat only")


class GroupIn(Schema):
    slug: str = Field(min_length=1, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$")
    name: str = Field(min_length=1, max_length=200)
    acronym: str = Field("", max_length=30)
    kind: GroupKind = GroupKind.LIAISON_GROUP
    former_name: str = Field("", max_length=200)
    convened_by: str = Field("the Executive Secretary", max_length=200)
    mandate: str = ""
    translations: dict[str, dict[str, str | None] | None] | None = translations_in("name and mandate")


class GroupPatch(Schema):
    version: int = Field(description="The version you read; a newer one on the server answers 409")
    name: str | None = Field(None, min_length=1, max_length=200)
    acronym: str | None = Field(None, max_length=30)
    kind: GroupKind | None = None
    former_name: str | None = Field(None, max_length=200)
    convened_by: str | None = Field(None, max_length=200)
    mandate: str | None = None
    translations: dict[str, dict[str, str | None] | None] | None = translations_in("name and mandate")


@router.get("/groups", response=list[GroupOut], openapi_extra=paging.OPENAPI)
def list_groups(request, response: HttpResponse, limit: int = paging.Limit, offset: int = paging.Offset):
    return paging.window(response, Group.objects.all(), limit, offset)


@router.get("/groups/{slug}", response=GroupDetailOut)
def get_group(request, slug: str):
    group = get_object_or_404(
        Group.objects.prefetch_related(
            "decisions", "core_members__country",
            Prefetch("terms_of_reference", queryset=TermsOfReference.objects.prefetch_related("tasks")),
        ),
        slug=slug,
    )
    terms = list(group.terms_of_reference.all())
    members = None
    if can_see_members_only(api_user(request), group):
        members = list(Membership.objects.current().filter(group=group).select_related("person"))
    return {
        **{f: getattr(group, f) for f in ("slug", "local_name", "acronym", "kind", "former_name", "convened_by", "version", "local_mandate")},
        "translations": group.all_translations(),
        "decisions": list(group.decisions.all()),
        "terms_of_reference": terms[0] if terms else None,
        "core_members": list(group.core_members.all()),
        "members": members,
    }


@router.post("/groups", response={201: GroupOut}, auth=TokenAuth())
def create_group(request, payload: GroupIn):
    require_secretariat(request)
    data = payload.dict()
    translations = data.pop("translations") or {}
    group = Group(**data)
    group.translations = group.merged_translations(translations)
    return Status(201, create_record(group))


@router.patch("/groups/{slug}", response=GroupOut, auth=TokenAuth())
def update_group(request, slug: str, payload: GroupPatch):
    require_secretariat(request)
    group = get_object_or_404(Group, slug=slug)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    if "translations" in changes:
        changes["translations"] = group.merged_translations(changes["translations"])
    return update_record(group, changes, version)


@router.get("/people/{person_id}", response=PersonOut, tags=["registry"])
def get_person(request, person_id: int):
    """A person the web pages would show you (access.visible_people, a rule of the groups); 404 otherwise."""
    user = api_user(request)
    person = get_object_or_404(visible_people(user, Person.objects.select_related("organization", "country")), pk=person_id)
    return person_out(person, user)

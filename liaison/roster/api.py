from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from liaison.core.api_auth import api_user
from liaison.core import paging

from . import access, services
from .models import Expert, Status

router = Router(tags=["roster"])


class ExpertOut(Schema):
    id: int
    name: str
    nationality: str
    regional_group: str
    stakeholder: str
    areas: list[str]
    languages: str
    status: str
    email: str | None = Field(None, description="Secretariat, the expert, and focal points of the nominating country only")
    phone: str | None = None


def expert_out(expert, user):
    contact = access.can_see_contact(user, expert)
    return {
        "id": expert.pk, "name": expert.person.formal_name, "nationality": expert.nationality.iso3,
        "regional_group": expert.nationality.regional_group, "stakeholder": expert.stakeholder,
        "areas": [a.code for a in expert.areas.all()], "languages": expert.languages, "status": expert.status,
        "email": expert.person.email if contact else None, "phone": expert.person.phone if contact else None,
    }


@router.get("/groups/{slug}/experts", response=list[ExpertOut], openapi_extra=paging.OPENAPI)
def list_experts(request, response: HttpResponse, slug: str, q: str = "", region: str = "", stakeholder: str = "",
                 limit: int = paging.Limit, offset: int = paging.Offset):
    """Approved experts of a group's roster; ``q`` ranks them by relevance (TF-IDF)."""
    user = api_user(request)
    experts = Expert.objects.filter(group__slug=slug, status=Status.APPROVED).select_related("person", "nationality", "group").prefetch_related("areas")
    if region:
        experts = experts.filter(nationality__regional_group=region)
    if stakeholder:
        experts = experts.filter(stakeholder=stakeholder)
    if q:
        ranked = paging.window(response, [pk for pk, _ in services.rank(experts, q, filtered=bool(region or stakeholder))], limit, offset)
        by_pk = {e.pk: e for e in experts.filter(pk__in=ranked)}
        rows = [by_pk[pk] for pk in ranked]
    else:
        rows = list(paging.window(response, experts.order_by("person__last_name", "person__first_name", "pk"), limit, offset))
    return [expert_out(e, user) for e in rows]


@router.get("/experts/{expert_id}", response=ExpertOut)
def get_expert(request, expert_id: int):
    user = api_user(request)
    expert = get_object_or_404(Expert.objects.select_related("person", "nationality", "group"), pk=expert_id)
    if expert.status != Status.APPROVED and not access.can_edit(user, expert):
        from django.http import Http404

        raise Http404
    return expert_out(expert, user)

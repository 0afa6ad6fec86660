from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from liaison.core.api_auth import api_user
from liaison.groups.models import Group

from . import access

router = Router(tags=["workspace"])


class DiscussionOut(Schema):
    id: int
    title: str
    open: bool
    posts: int
    created: datetime


@router.get("/groups/{slug}/discussions", response=list[DiscussionOut])
def list_discussions(request, slug: str):
    """The group's e-discussions: members and the secretariat only (404 for everyone else)."""
    group = get_object_or_404(Group, slug=slug)
    if not access.can_enter(api_user(request), group):
        raise Http404
    return [{"id": d.pk, "title": d.title, "open": d.is_open, "posts": d.posts.filter(hidden=False).count(), "created": d.created}
            for d in group.discussions.all()]

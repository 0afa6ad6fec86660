"""The workspace is for a group's members (secretariat, chair, member, focal point roles) and the
secretariat. Observers and the public see nothing of it: its pages, API and feeds answer 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from liaison.groups.access import can_see_members_only, is_chair, is_secretariat
from liaison.groups.models import Group


def can_enter(user, group) -> bool:
    return can_see_members_only(user, group)


def is_moderator(user, group) -> bool:
    """The secretariat, and the group's Chair."""
    if is_secretariat(user):
        return True
    return is_chair(user, group)


def may_open_discussion(user, group) -> bool:
    """The Chair and the secretariat; any current member too where the group allows it."""
    return is_moderator(user, group) or (group.members_open_discussions and can_enter(user, group))


def group_for(user, slug) -> Group:
    group = get_object_or_404(Group, slug=slug)
    if not can_enter(user, group):
        raise Http404("No such page.")  # not 403: the workspace's existence is not disclosed
    return group

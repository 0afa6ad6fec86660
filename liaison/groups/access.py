"""Who may see what. Every view and API endpoint asks these functions; the tests prove them per role.

- anonymous users and everyone: public records (groups, meetings, public documents);
- members (secretariat, chair, member, focal point roles) of a group: that group's members-only content;
- the secretariat (staff users): everything, including people's contact details;
- a person: their own contact details.
"""

from django.db.models import Q
from django.utils import timezone

from .models import MEMBER_ROLES, Membership


def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_secretariat)


def member_group_ids(user) -> frozenset[int]:
    """Ids of the groups whose members-only content ``user`` may see (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_member_group_ids", None)
    if cached is None:
        today = timezone.localdate()
        cached = frozenset(
            Membership.objects.filter(person__user=user, role__in=MEMBER_ROLES)
            .filter(Q(until__isnull=True) | Q(until__gte=today))
            .values_list("group_id", flat=True)
        )
        user._member_group_ids = cached
    return cached


def can_see_members_only(user, group) -> bool:
    return is_secretariat(user) or group.pk in member_group_ids(user)


def can_see_contact(user, person) -> bool:
    if is_secretariat(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and person.user_id == user.pk)


def visible_distributions(user, group) -> tuple[str, ...]:
    """Which document distributions of ``group`` the user may see."""
    if is_secretariat(user):
        return ("public", "members", "secretariat")
    if group.pk in member_group_ids(user):
        return ("public", "members")
    return ("public",)

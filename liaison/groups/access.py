"""Who may see what. Every view and API endpoint asks these functions; the tests prove them per role.

- anonymous users and everyone: public records (groups, meetings, public documents);
- members (secretariat, chair, member, focal point roles) of a group: that group's members-only content;
- the secretariat (staff users): everything, including people's contact details;
- a person: their own contact details.
"""

from .models import Membership, Role


def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_secretariat)


def member_group_ids(user) -> frozenset[int]:
    """Ids of the groups whose members-only content ``user`` may see (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_member_group_ids", None)
    if cached is None:
        cached = frozenset(Membership.objects.members().filter(person__user=user).values_list("group_id", flat=True))
        user._member_group_ids = cached
    return cached


def current_roles(user, group) -> set[str]:
    """The roles ``user`` holds in ``group`` now (ended and future memberships do not count)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.current().filter(group=group, person__user=user).values_list("role", flat=True))


def is_chair(user, group) -> bool:
    return Role.CHAIR in current_roles(user, group)


def focal_point_countries(user, group) -> set[int]:
    """Countries ``user`` is a focal point of in ``group`` now (their person record's country)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.current()
        .filter(group=group, role=Role.FOCAL_POINT, person__user=user, person__country__isnull=False)
        .values_list("person__country_id", flat=True)
    )


def current_member_user_ids(group) -> set[int]:
    """Active accounts of the current members (secretariat, chair, member, focal point) of ``group``:
    the recipients of its workspace e-mails."""
    return set(
        Membership.objects.members()
        .filter(group=group, person__user__isnull=False, person__user__is_active=True)
        .values_list("person__user", flat=True)
    )


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

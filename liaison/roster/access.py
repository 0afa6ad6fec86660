"""Who may see an expert's contact details and change a nomination.

Contact details (e-mail, telephone, address) are for the secretariat, the expert, and the focal
points of the nominating government in that group. Everyone else, including other experts and focal
points of other countries, sees the public record only."""

from liaison.groups.access import is_secretariat
from liaison.groups.models import Membership, Role


def focal_point_countries(user, group) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.filter(group=group, role=Role.FOCAL_POINT, person__user=user, person__country__isnull=False)
        .values_list("person__country_id", flat=True)
    )


def is_own(user, expert) -> bool:
    return bool(getattr(user, "is_authenticated", False) and expert.person.user_id == user.pk)


def can_see_contact(user, expert) -> bool:
    return is_secretariat(user) or is_own(user, expert) or expert.nominating_country_id in focal_point_countries(user, expert.group)


def can_nominate(user, group) -> bool:
    return is_secretariat(user) or bool(focal_point_countries(user, group))


def can_edit(user, expert) -> bool:
    return can_see_contact(user, expert)

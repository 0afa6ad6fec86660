"""Who may see an expert's contact details and change a nomination.

Contact details (e-mail, telephone, address) are for the secretariat, the expert, and the focal
points of the nominating government in that group. Everyone else, including other experts and focal
points of other countries, sees the public record only."""

from liaison.groups.access import focal_point_countries, is_secretariat

__all__ = ["focal_point_countries", "is_own", "can_see_contact", "can_nominate", "can_edit"]


def is_own(user, expert) -> bool:
    return bool(getattr(user, "is_authenticated", False) and expert.person.user_id == user.pk)


def can_see_contact(user, expert) -> bool:
    return is_secretariat(user) or is_own(user, expert) or expert.nominating_country_id in focal_point_countries(user, expert.group)


def can_nominate(user, group) -> bool:
    return is_secretariat(user) or bool(focal_point_countries(user, group))


def can_edit(user, expert) -> bool:
    return can_see_contact(user, expert)

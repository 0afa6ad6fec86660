"""Access rules that depend on the user alone (no group): who is the secretariat, who sees contact details.
groups/access.py builds the group rules on these and re-exports them."""


def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_secretariat)


def can_see_contact(user, person) -> bool:
    if is_secretariat(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and person.user_id == user.pk)

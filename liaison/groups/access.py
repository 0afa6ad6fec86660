"""Who may see what. Every view and API endpoint asks these functions; the tests prove them per role.

- anonymous users and everyone: public records (groups, meetings, public documents);
- members (secretariat, chair, member, focal point roles) of a group: that group's members-only content;
- the secretariat (staff users): everything, including people's contact details;
- a person: their own contact details.
"""

from django.db.models import Q

from liaison.core.access import can_see_contact, is_secretariat

from .models import Distribution, Membership, Role

__all__ = [
    "can_see_contact", "can_see_members_only", "can_see_person", "current_member_user_ids", "current_roles",
    "focal_point_countries", "is_chair", "is_secretariat", "member_group_ids", "visible_distributions",
    "visible_participants", "visible_people",
]


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


def can_see_online_link(user, meeting) -> bool:
    """The link to join an online meeting is for the group's current members and the secretariat:
    never on a public page, in the API, in a calendar feed anyone can fetch, or in an export."""
    return can_see_members_only(user, meeting.group)


def visible_distributions(user, group) -> tuple[str, ...]:
    """Which document distributions of ``group`` the user may see."""
    if is_secretariat(user):
        return (Distribution.PUBLIC, Distribution.MEMBERS, Distribution.SECRETARIAT)
    if group.pk in member_group_ids(user):
        return (Distribution.PUBLIC, Distribution.MEMBERS)
    return (Distribution.PUBLIC,)


def visible_people(user, queryset=None):
    """The people ``user`` may look up (API ``/people/<id>``), exactly those the web pages show them:

    - everyone: people who attended a meeting (meeting pages) and experts on a roster (public roster);
    - a signed-in user: themselves, the current members of their groups (the group page's member
      list), and, for a focal point, the nominees of their country in that group (drafts included);
    - the secretariat: everybody.

    Registered invitees of a meeting not yet held and draft nominees are not public. The lookups
    follow reverse relations by name (meetings' participations, the roster's expert records), so
    this module imports neither app."""
    from liaison.core.models import Person

    queryset = Person.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    rule = Q(participations__attended=True) | Q(expert_records__status="approved")
    if getattr(user, "is_authenticated", False):
        rule |= Q(user=user)
        groups = member_group_ids(user)
        if groups:
            rule |= Q(memberships__in=Membership.objects.current().filter(group_id__in=groups))
        focal = (
            Membership.objects.current()
            .filter(role=Role.FOCAL_POINT, person__user=user, person__country__isnull=False)
            .values_list("group_id", "person__country_id")
        )
        for group_id, country_id in focal:
            rule |= Q(expert_records__group_id=group_id, expert_records__nominating_country_id=country_id)
    return queryset.filter(pk__in=queryset.filter(rule).values("pk"))


def can_see_person(user, person) -> bool:
    return visible_people(user).filter(pk=person.pk).exists()


def visible_participants(user, participants):
    """The participants of a meeting that ``user`` may see, on its page and in the API: those who
    attended; the secretariat also sees those registered for a meeting not yet held."""
    if is_secretariat(user):
        return list(participants)
    return [p for p in participants if p.attended]

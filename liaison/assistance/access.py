"""Who may see what in the coordination mechanism. Every page, API endpoint, export and e-mail asks
these functions; ``tests/test_authorization_matrix.py`` proves them per role.

- A request not yet approved for sharing (received, or withdrawn before approval): the secretariat
  and the requesting state's CURRENT points of contact for the request's mechanism.
- An approved request: also the CURRENT members of each audience it was shared with.
- Offers and proposals: the secretariat and the partner concerned (the provider's current points
  of contact).
- Points of contact: name, body, level and date for everyone; contact details for the secretariat,
  the person, and the current points of contact of the same party (as for the roster).
- Initiatives and aggregate trends: everyone. Duplication flags: the secretariat.
"""

from django.db.models import Q
from django.utils import timezone

from liaison.groups.access import is_secretariat, member_group_ids
from liaison.groups.models import Group

from .models import AssistanceRequest, PointOfContact, RequestStatus

__all__ = ["is_secretariat", "member_group_ids"]

UNSHARED = (RequestStatus.RECEIVED,)


def _contacts(user):
    """[(mechanism id, 'country'|'organization', party id)] of the user's current points of contact."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_assistance_contacts", None)
    if cached is None:
        cached = [
            (m, "country" if c else "organization", c or o)
            for m, c, o in PointOfContact.objects.filter(person__user=user, ended_on__isnull=True)
            .values_list("mechanism_id", "country_id", "organization_id")
        ]
        user._assistance_contacts = cached
    return cached


def contact_countries(user, mechanism_id=None) -> set[int]:
    """States the user is a current point of contact of (for one mechanism, or any)."""
    return {pid for m, kind, pid in _contacts(user) if kind == "country" and (mechanism_id is None or m == mechanism_id)}


def partner_keys(user) -> set[tuple[str, int]]:
    """The parties (states or organizations) the user currently speaks for, in any mechanism."""
    return {(kind, pid) for _, kind, pid in _contacts(user)}


def contact_keys(user, mechanism_id) -> set[tuple[str, int]]:
    """The parties the user is a current point of contact of for one mechanism."""
    return {(kind, pid) for m, kind, pid in _contacts(user) if m == mechanism_id}


def is_contact_of(user, mechanism_id, party_key) -> bool:
    return (mechanism_id, *party_key) in set(_contacts(user))


# --- requests ----------------------------------------------------------------------------------
def requests_q(user) -> Q | None:
    """A filter of the requests the user may see; None means all (the secretariat)."""
    if is_secretariat(user):
        return None
    own = Q(pk__in=[])
    for mechanism_id, kind, pid in _contacts(user):
        if kind == "country":
            own |= Q(mechanism_id=mechanism_id, country_id=pid)
    groups = member_group_ids(user)
    shared = Q(shares__audience_id__in=list(groups)) & ~Q(status__in=UNSHARED) & Q(approved_on__isnull=False) if groups else Q(pk__in=[])
    return own | shared


def visible_requests(user, queryset=None):
    queryset = AssistanceRequest.objects.all() if queryset is None else queryset
    q = requests_q(user)
    if q is None:
        return queryset
    return queryset.filter(pk__in=AssistanceRequest.objects.filter(q).values("pk"))


def can_see_request(user, request_obj, audience_ids=None) -> bool:
    if is_secretariat(user):
        return True
    if request_obj.country_id in contact_countries(user, request_obj.mechanism_id):
        return True
    if request_obj.status in UNSHARED or request_obj.approved_on is None:
        return False
    if audience_ids is None:
        audience_ids = set(request_obj.shares.values_list("audience_id", flat=True))
    return bool(set(audience_ids) & member_group_ids(user))


def is_requester(user, request_obj) -> bool:
    return request_obj.country_id in contact_countries(user, request_obj.mechanism_id)


def can_submit_request(user, mechanism) -> bool:
    return mechanism.receives_requests and (is_secretariat(user) or bool(contact_countries(user, mechanism.pk)))


def audiences(user):
    """The audiences whose consolidated list the user may open: the secretariat, every audience a
    request was shared with; others, the groups they are a current member of."""
    if is_secretariat(user):
        return Group.objects.filter(request_shares__isnull=False).distinct()
    if not getattr(user, "is_authenticated", False):
        return Group.objects.none()
    return Group.objects.filter(pk__in=member_group_ids(user))


def can_see_audience(user, group) -> bool:
    """The consolidated list for an audience: the secretariat and the audience's current members."""
    return is_secretariat(user) or group.pk in member_group_ids(user)


# --- offers and proposals ----------------------------------------------------------------------
def offers_q(user) -> Q | None:
    if is_secretariat(user):
        return None
    q = Q(pk__in=[])
    for kind, pid in partner_keys(user):
        q |= Q(**{f"{kind}_id": pid})
    return q


def can_see_offer(user, offer) -> bool:
    return is_secretariat(user) or offer.party_key in partner_keys(user)


def can_offer(user) -> bool:
    return is_secretariat(user) or bool(partner_keys(user))


def proposals_q(user) -> Q | None:
    if is_secretariat(user):
        return None
    q = Q(pk__in=[])
    for kind, pid in partner_keys(user):
        q |= Q(**{f"offer__{kind}_id": pid})
    return q


def can_see_proposal(user, proposal) -> bool:
    return can_see_offer(user, proposal.offer)


def can_answer_proposal(user, proposal) -> bool:
    return proposal.offer.party_key in partner_keys(user) or is_secretariat(user)


# --- points of contact -------------------------------------------------------------------------
def can_see_contact_details(user, poc) -> bool:
    if is_secretariat(user):
        return True
    if getattr(user, "is_authenticated", False) and poc.person.user_id == user.pk:
        return True
    return is_contact_of(user, poc.mechanism_id, poc.party_key)


def today():
    return timezone.localdate()

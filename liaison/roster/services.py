"""Nominations through review to the roster, expiry and re-confirmation, usage, and the bridge from
roster records to the pure planner and lottery."""


from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaison.core import mail
from liaison.meetings.models import Invitation, Participant

from . import panels, requirements
from .models import Decision, Expert, ReviewAction, ReviewEvent, RosterPolicy, Status


class ReviewRefused(Exception):
    pass


def policy_for(group) -> RosterPolicy:
    return RosterPolicy.objects.get_or_create(group=group)[0]


def missing(expert) -> list[str]:
    policy = policy_for(expert.group)
    nomination = requirements.Nomination(
        degree=expert.highest_degree, years=expert.years_experience, references=expert.reference_count(),
        areas=expert.areas.count(), has_profile=bool(expert.profile.strip()), has_email=bool(expert.person.email),
    )
    return requirements.missing(nomination, requirements.Policy(
        policy.minimum_degree, policy.minimum_years, policy.minimum_references, policy.minimum_areas), translations=translation)


def record_event(expert, action, by, reason="", details=None):
    """Keep what happened to a record (nominated, submitted, approved, selected …), by whom, and why:
    ``reason`` as a person wrote it, ``details`` as data the page words in its reader's language."""
    ReviewEvent.objects.create(expert=expert, action=action, by=by if getattr(by, "is_authenticated", False) else None,
                               reason=reason, details=details or {})


DRAW_SALT = "liaison.roster.draw"


def draw_origin(meeting, seed: str) -> str:
    """The lottery's mark on the invitation preview of its draw: signed, so that only a draw this
    platform made records a selection."""
    return signing.dumps({"meeting": meeting.pk, "seed": seed}, salt=DRAW_SALT, compress=True)


def record_draw(sender, meeting, people, by, origin, **kwargs):
    """meetings.signals.invited: when the invitations of a draw are sent (not when it is previewed),
    each drawn expert's record keeps that they were selected, for which meeting and with which seed."""
    try:
        draw = signing.loads(origin, salt=DRAW_SALT)
    except signing.BadSignature:
        return
    if draw.get("meeting") != meeting.pk:
        return
    details = {"draw": {"meeting": meeting.pk, "meeting_title": meeting.title, "seed": draw.get("seed", "")}}
    for expert in Expert.objects.filter(group_id=meeting.group_id, person__in=people):
        record_event(expert, ReviewAction.SELECTED, by, details=details)


@transaction.atomic
def nominate(form, by):
    """Save a new nomination (a valid ExpertForm) as a draft, and keep that it was nominated and by whom."""
    expert = form.save(by=by)
    record_event(expert, ReviewAction.NOMINATED, by)
    return expert


def save_edit(form, by):
    """Save an edited roster record (an ExpertForm); None when someone else saved it meanwhile (the
    form then says so and keeps the input). A record on the roster that anyone but the secretariat
    changes leaves the public roster and goes back to the secretariat's review."""
    from liaison.groups.access import is_secretariat

    was_approved = form.instance.status == Status.APPROVED
    with transaction.atomic():
        expert = form.save_or_conflict(by=by)
        if expert is None:
            return None
        record_event(expert, ReviewAction.CORRECTED, by)
        if was_approved and not is_secretariat(by):
            expert.status = Status.SUBMITTED
            expert.save_versioned()
            record_event(expert, ReviewAction.RESUBMITTED, by)  # the action says it: back to review after a change
    return expert


@transaction.atomic
def submit(expert, by):
    gaps = missing(expert)
    if gaps:
        raise ReviewRefused(" ".join(gaps))
    if not expert.submittable:
        raise ReviewRefused(_("This nomination cannot be submitted. Its status: %(status)s.") % {"status": expert.get_status_display()})
    expert.status = Status.SUBMITTED
    expert.save_versioned()
    record_event(expert, ReviewAction.SUBMITTED, by)


@transaction.atomic
def review(expert, decision, by, reason=""):
    if expert.status != Status.SUBMITTED:
        raise ReviewRefused(_("Only submitted nominations are reviewed."))
    if decision not in Decision.values:
        raise ReviewRefused(_("Unknown decision."))
    if decision in (Decision.CHANGES, Decision.REJECT) and not reason.strip():
        raise ReviewRefused(_("Give the reason: it is kept and shown to the nominating focal point."))
    if decision == Decision.APPROVE:
        gaps = missing(expert)
        if gaps:
            raise ReviewRefused(" ".join(gaps))
        today = timezone.localdate()
        expert.status, expert.approved_on = Status.APPROVED, today
        expert.expires_on = today.replace(year=today.year + policy_for(expert.group).years_on_roster)
    elif decision == Decision.CHANGES:
        expert.status = Status.CHANGES
    else:
        expert.status = Status.REJECTED
    expert.save_versioned()
    record_event(expert, ReviewAction(decision), by, reason)
    tell_focal_points(expert, decision, reason)  # stored in the outbox in this transaction: no decision without its e-mail


def focal_point_addresses(expert) -> list[str]:
    """Who hears of a decision on a nomination: the current focal points of the nominating government
    in the group (active accounts only, each address once), the people who may see the record
    (roster/access.py); a nominator whose term has ended no longer does."""
    from liaison.groups.models import Membership, Role

    focal = Membership.objects.current().filter(
        group=expert.group_id, role=Role.FOCAL_POINT, person__country=expert.nominating_country_id,
        person__user__is_active=True,
    ).values_list("person__user__email", flat=True)
    return sorted({a for a in focal if a})


def tell_focal_points(expert, decision, reason=""):
    """The e-mail (through the outbox) that tells the nominating side the secretariat's decision and,
    for a return or a rejection, its reason."""
    to = focal_point_addresses(expert)
    if not to:
        return
    context = {
        "expert": expert, "group": expert.group, "decision": decision, "reason": reason.strip(),
        "record_url": f"{settings.SITE_URL}/roster/{expert.group.slug}/{expert.pk}/",
        "edit_url": f"{settings.SITE_URL}/roster/{expert.group.slug}/{expert.pk}/edit/",
        "site_name": settings.SITE_NAME,
    }
    mail.send(f"roster/email/review_{decision}", context, to)


def expire_due(today=None) -> int:
    """Records past their date leave the roster until the expert re-confirms; the expert is told."""
    today = today or timezone.localdate()
    due = list(Expert.objects.filter(status=Status.APPROVED, expires_on__lt=today).select_related("person", "group"))
    for expert in due:
        expert.status = Status.EXPIRED
        expert.save(update_fields=["status", "updated"])
        record_event(expert, ReviewAction.EXPIRED, None)
        if expert.person.email:
            mail.send("roster/email/reconfirm", {"expert": expert}, [expert.person.email],
                      language=expert.person.correspondence_language)
    return len(due)


def usage(group):
    """Per expert: nominated, approved, invited, attended (meetings of this group)."""
    experts = Expert.objects.filter(group=group).select_related("person", "nationality")
    person_ids = [e.person_id for e in experts]
    invited = dict(Invitation.objects.filter(meeting__group=group, person_id__in=person_ids).values("person_id").annotate(n=Count("id")).values_list("person_id", "n"))
    attended = dict(Participant.objects.filter(meeting__group=group, person_id__in=person_ids, attended=True).values("person_id").annotate(n=Count("id")).values_list("person_id", "n"))
    rows = []
    for e in experts:
        rows.append({
            "expert": e, "region": e.nationality.get_regional_group_display(), "nominated": 1,
            "approved": int(e.status == Status.APPROVED or e.approved_on is not None),
            "invited": invited.get(e.person_id, 0), "attended": attended.get(e.person_id, 0),
        })
    return rows


def usage_by_region(rows):
    totals = {}
    for row in rows:
        region = totals.setdefault(row["region"] or "—", {"nominated": 0, "approved": 0, "invited": 0, "attended": 0})
        for key in region:
            region[key] += row[key]
    return sorted(totals.items())


def previous_attendees(meeting) -> set[int]:
    """Person ids who attended the group's previous meeting (the planner's and the lottery's continuity rule)."""
    previous = meeting.group.meetings.filter(start_date__lt=meeting.start_date).order_by("-start_date").first()
    return set(previous.participants.filter(attended=True).values_list("person_id", flat=True)) if previous else set()


def candidates(meeting, topics_text="", area_codes=()):
    """Approved experts of the meeting's group as planner candidates, with relevance to the topics."""
    from .search import Index

    experts = list(
        Expert.objects.filter(group=meeting.group, status=Status.APPROVED)
        .select_related("person", "nationality").prefetch_related("areas")
    )
    returning = previous_attendees(meeting)
    index = Index.build([e.pk for e in experts], [e.search_text() for e in experts])
    scores = index.scores(topics_text)
    wanted = set(area_codes)
    result = []
    for expert, score in zip(experts, scores):
        result.append(panels.Candidate(
            id=str(expert.pk),
            features=expert.quota_features(),
            relevance=float(score), topics=frozenset(a.code for a in expert.areas.all() if a.code in wanted or not wanted),
            country=expert.nationality.iso3, returning=expert.person_id in returning,
        ))
    return experts, result


def rank(experts, text: str, group_id: int | None = None, filtered: bool = True) -> list[tuple[int, float]]:
    """(pk, score) of ``experts`` (a queryset of one group's approved records) most relevant to
    ``text``, best first. The group's TF-IDF index comes from the cache (roster/index.py), built once
    per version of the roster by the worker; the query's filters only restrict which ids are kept.
    Until the worker has built the current version, the previous index and a small one over the
    records changed since (or, with none, the database's matches) answer. On PostgreSQL,
    full-text search with a GIN index finds the candidates and TF-IDF re-ranks the best of them."""
    from django.db import connection

    from . import index

    if connection.vendor == "postgresql":
        return index.search_postgres(experts, text)
    if group_id is None:
        group_id = experts.values_list("group_id", flat=True).first()
        if group_id is None:
            return []
    held, key, fresh = index.for_request(group_id)  # never builds the roster's index (the worker does)
    if held is None:
        return index.search_database(experts, text)
    if not fresh:
        return index.search_stale(experts, text, held, key)
    among = set(experts.values_list("pk", flat=True)) if filtered else None
    return held.search(text, limit=10**9, among=among)

"""Who sees what of action plans, reports against their indicators and needs assessments. Pages, the
API, exports and e-mails all ask these functions; the tests check each role.

- a plan: public once it is adopted or superseded; a draft plan (imported with a draft report) only
  to the secretariat;
- a Party's report in a cycle (draft, submitted, returned or accepted, and its values): the
  secretariat and that Party's current focal points in the plan's group; an organization's report:
  the secretariat and the organization's people who are current members of the group;
- indicator values for everyone else: only accepted reports of published cycles;
- a needs-assessment response: the secretariat and that country's current focal points; the
  aggregation (counts only) is public once the assessment is closed.
"""

from django.db.models import Q

from liaison.core.models import Person
from liaison.groups.access import focal_point_countries, is_secretariat
from liaison.groups.models import Membership

from .models import CycleStatus, PlanStatus, SubmissionStatus


def visible_plans(user, plans):
    if is_secretariat(user):
        return plans
    return plans.exclude(status=PlanStatus.DRAFT)


def can_see_plan(user, plan) -> bool:
    return is_secretariat(user) or plan.status != PlanStatus.DRAFT


def public_versions(plan):
    """The kept versions of the plan that anyone who sees the plan may read: those kept from a public
    text (adopted, under revision, superseded), not from a draft."""
    return plan.versions.exclude(content__status=PlanStatus.DRAFT)


def can_see_version(user, kept) -> bool:
    return is_secretariat(user) or (can_see_plan(user, kept.plan) and kept.content.get("status") != PlanStatus.DRAFT)


def last_public_version(plan):
    """The latest kept version readable by all (its revision number only), or None."""
    return public_versions(plan).only("plan_id", "revision").order_by("-revision").first()


def reporter_organization_ids(user, group) -> set[int]:
    """Organizations ``user`` may report for in ``group``: their own, when they are a current member."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not Membership.objects.members().filter(group=group, person__user=user).exists():
        return set()
    return set(
        Person.objects.filter(user=user, organization__isnull=False).values_list("organization_id", flat=True)
    )


def reporters(user, group) -> tuple[set[int], set[int]]:
    """(country ids, organization ids) ``user`` reports for in ``group``."""
    return focal_point_countries(user, group), reporter_organization_ids(user, group)


def can_report_for(user, group, *, country=None, organization=None) -> bool:
    countries, organizations = reporters(user, group)
    if country is not None:
        return country.pk in countries
    return organization is not None and organization.pk in organizations


def can_see_submission(user, submission, group=None) -> bool:
    if is_secretariat(user):
        return True
    group = group or submission.cycle.plan.group
    if submission.country_id:
        return submission.country_id in focal_point_countries(user, group)
    return submission.organization_id in reporter_organization_ids(user, group)


def can_edit_submission(user, submission, group=None) -> bool:
    """Reporters edit their own draft or returned report; the secretariat reviews but does not write it."""
    return (
        submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
        and submission.cycle.status == CycleStatus.OPEN
        and not is_secretariat(user)
        and can_see_submission(user, submission, group)
    )


def public_values_filter(prefix="") -> Q:
    """The values anyone may see: accepted reports of published cycles."""
    return Q(**{f"{prefix}submission__status": SubmissionStatus.ACCEPTED,
                f"{prefix}submission__cycle__status": CycleStatus.PUBLISHED})


def visible_values(user, values, group):
    """Indicator values ``user`` may see in ``group``'s plans: the public ones, plus every report of
    their own Party or organization, plus everything for the secretariat."""
    if is_secretariat(user):
        return values
    countries, organizations = reporters(user, group)
    own = Q(submission__country_id__in=countries) | Q(submission__organization_id__in=organizations)
    return values.filter(public_values_filter() | own)


def can_see_response(user, response, group) -> bool:
    return is_secretariat(user) or response.country_id in focal_point_countries(user, group)

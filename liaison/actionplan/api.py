"""Action plans, their indicators' values and reports against them, in the API (/api/v1/)."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from liaison.core.api_auth import TokenAuth, api_user, require_secretariat
from liaison.groups.models import Group

from . import access, services
from .models import ActionPlan, Activity, Indicator, Objective, Outcome, Result

router = Router(tags=["action plans"])


class TargetOut(Schema):
    year: int
    value: Decimal


class IndicatorOut(Schema):
    id: int
    text: str
    kind: str = Field(description="parties, number, percentage, ratio, yes_no; empty when the plan does not say")
    unit: str
    aggregation: str = Field(alias="effective_aggregation", description="How the values of many Parties add up")
    higher_is_better: bool
    baseline: Decimal | None
    baseline_year: int | None
    targets: list[TargetOut]
    version: int


class OutcomeOut(Schema):
    id: int
    text: str
    version: int


class ResultOut(Schema):
    id: int
    number: str
    text: str
    version: int


class ActivityOut(Schema):
    id: int
    heading: str
    text: str
    version: int


class ObjectiveOut(Schema):
    id: int
    number: int
    short_title: str
    statement: str
    outcomes: list[OutcomeOut]
    indicators: list[IndicatorOut]
    results: list[ResultOut]
    activities: list[ActivityOut]
    version: int


class PlanOut(Schema):
    id: int
    group: str = Field(alias="group.slug")
    title: str
    aligned_with: str
    period_start: int | None
    period_end: int | None
    status: str = Field(description="draft (the secretariat's only), adopted, revising (public: the next revision is "
                        "being prepared in place, its text may change until it is adopted) or superseded")
    revision: int
    adopted_on: date | None
    adopted_at: str | None = Field(None, description="The meeting that adopted or revised the plan")
    adopted_by: str | None = Field(None, description="The decision that adopted or revised the plan")
    version: int

    @staticmethod
    def resolve_adopted_at(plan):
        return plan.adopted_at.title if plan.adopted_at_id else None

    @staticmethod
    def resolve_adopted_by(plan):
        return plan.adopted_by.symbol if plan.adopted_by_id else None


class PlanDetailOut(PlanOut):
    objectives: list[ObjectiveOut]


def _plan(request, plan_id):
    plan = get_object_or_404(services.plan_queryset(), pk=plan_id)
    if not access.can_see_plan(api_user(request), plan):
        raise HttpError(404, _("No such action plan."))
    return plan


@router.get("/groups/{slug}/action-plans", response=list[PlanOut])
def list_plans(request, slug: str):
    group = get_object_or_404(Group, slug=slug)
    plans = ActionPlan.objects.filter(group=group).select_related("group", "adopted_at", "adopted_by")
    return access.visible_plans(api_user(request), plans)


@router.get("/action-plans/{plan_id}", response=PlanDetailOut)
def plan_detail(request, plan_id: int):
    """The plan with its operational objectives, each with outcomes, indicators (and their targets),
    results/outputs and activities."""
    return _plan(request, plan_id)


RECORDS = {"plan": ActionPlan, "objective": Objective, "outcome": Outcome, "indicator": Indicator,
           "result": Result, "activity": Activity}


class RecordPatch(Schema):
    version: int = Field(description="The version you read; a newer one on the server answers 409")
    changes: dict[str, Any] = Field(default_factory=dict, description="Fields to change, e.g. {\"short_title\": \"…\"}")
    targets: dict[int, Decimal] | None = Field(
        None, description="Indicators only: all its targets by year, replacing the present ones, e.g. {\"2020\": 100}")


class ChangeOut(Schema):
    record: str
    record_id: int
    field: str
    old: str
    new: str
    changed_by: str | None = None
    changed_at: Any

    @staticmethod
    def resolve_changed_by(change):
        return change.changed_by.email if change.changed_by_id else None


@router.patch("/action-plans/{plan_id}/{kind}/{record_id}", auth=TokenAuth(), response=dict)
def edit_record(request, plan_id: int, kind: Literal["plan", "objective", "outcome", "indicator", "result", "activity"], record_id: int, payload: RecordPatch):
    """Edit one record of the plan in place (secretariat). Each changed field is kept in the plan's history."""
    user = require_secretariat(request)
    plan = get_object_or_404(ActionPlan, pk=plan_id)
    model = RECORDS[kind]
    record = get_object_or_404(model, pk=record_id)
    if services.plan_of(record).pk != plan.pk:
        raise HttpError(404, _("No such %(kind)s in this plan.") % {"kind": kind})
    try:
        services.edit(record, payload.changes, user=user, expected_version=payload.version, targets=payload.targets)
    except ValueError as error:
        raise HttpError(422, str(error)) from None
    return {"id": record.pk, "version": record.version}


@router.get("/action-plans/{plan_id}/changes", auth=TokenAuth(), response=list[ChangeOut])
def plan_changes(request, plan_id: int):
    """Who changed what in the plan, and when, newest first (secretariat)."""
    require_secretariat(request)
    plan = get_object_or_404(ActionPlan, pk=plan_id)
    return plan.changes.select_related("changed_by")[:500]


# --- indicator values and reports ---------------------------------------------------------------------
class ValueOut(Schema):
    indicator_id: int
    objective: int = Field(alias="indicator.objective.number")
    year: int = Field(alias="submission.cycle.year")
    cycle_id: int = Field(alias="submission.cycle_id")
    cycle_status: str = Field(alias="submission.cycle.status")
    party: str | None = Field(None, description="ISO alpha-3 of the Party, if a Party reported")
    organization: str | None = None
    regional_group: str | None = None
    report_status: str = Field(alias="submission.status")
    value: Decimal | None
    denominator: Decimal | None
    narrative: str
    evidence: list[str]

    @staticmethod
    def resolve_party(value):
        return value.submission.country.iso3 if value.submission.country_id else None

    @staticmethod
    def resolve_organization(value):
        return value.submission.organization.name if value.submission.organization_id else None

    @staticmethod
    def resolve_regional_group(value):
        return value.submission.country.regional_group or None if value.submission.country_id else None


@router.get("/action-plans/{plan_id}/values", response=list[ValueOut])
def plan_values(request, plan_id: int, year: int | None = None, region: str | None = None, party: str | None = None,
                indicator: int | None = None):
    """Values reported against the plan's indicators, by year, UN regional group (african, asia_pacific …)
    or Party (ISO alpha-3). Anyone sees accepted reports of published cycles; a focal point also sees
    their own Party's reports in any state; the secretariat sees everything."""
    from .models import Value

    plan = _plan(request, plan_id)
    values = Value.objects.filter(indicator__objective__plan=plan).select_related(
        "indicator__objective", "submission__cycle", "submission__country", "submission__organization"
    )
    values = access.visible_values(api_user(request), values, plan.group)
    if year is not None:
        values = values.filter(submission__cycle__year=year)
    if region:
        values = values.filter(submission__country__regional_group=region)
    if party:
        values = values.filter(submission__country__iso3=party.upper())
    if indicator is not None:
        values = values.filter(indicator_id=indicator)
    return values.order_by("submission__cycle__year", "indicator_id", "submission__country__iso3")[:20000]


class AnswerIn(Schema):
    indicator_id: int
    value: str | Decimal | bool | None = Field(None, description="A number, or yes/no")
    denominator: Decimal | None = None
    narrative: str = ""
    evidence: list[str] = []


class ReportIn(Schema):
    party: str | None = Field(None, description="ISO alpha-3 of the Party reported for (focal points)")
    organization_id: int | None = Field(None, description="The organization reported for (its members)")
    version: int | None = Field(None, description="The report's version you read; omitted for a new report")
    answers: list[AnswerIn]
    submit: bool = Field(False, description="Submit to the secretariat after saving")


class ReportOut(Schema):
    id: int
    cycle_id: int
    status: str
    version: int
    returned_reason: str


@router.post("/reporting-cycles/{cycle_id}/reports", auth=TokenAuth(), response=ReportOut)
def submit_report(request, cycle_id: int, payload: ReportIn):
    """Save (and optionally submit) a Party's or organization's report with a focal point's token.
    Every answer is checked first: one wrong answer and nothing is saved (422 lists them)."""
    from liaison.core.models import Country, Organization

    from . import reporting
    from .models import ReportingCycle, SubmissionStatus

    cycle = get_object_or_404(ReportingCycle.objects.select_related("plan__group"), pk=cycle_id)
    group = cycle.plan.group
    if bool(payload.party) == bool(payload.organization_id):
        raise HttpError(422, _("Give either party or organization_id."))
    country = organization = None
    if payload.party:
        country = Country.objects.filter(iso3=payload.party.upper()).first()
        if country is None:
            raise HttpError(422, _("No country with the code %(code)s.") % {"code": repr(payload.party)})
    else:
        organization = get_object_or_404(Organization, pk=payload.organization_id)
    if not access.can_report_for(request.auth, group, country=country, organization=organization):
        raise HttpError(403, _("You do not report for this Party or organization in this group."))
    try:
        submission = reporting.submission_for(cycle, country=country, organization=organization)
        if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
            raise reporting.Refused(_("The report is %(status)s; it can no longer change.") % {"status": submission.get_status_display().lower()})
        rows = {a.indicator_id: {"label": f"indicator {a.indicator_id}", "value": a.value, "denominator": a.denominator,
                                 "narrative": a.narrative, "evidence": a.evidence} for a in payload.answers}
        reporting.save_values(submission, rows, user=request.auth,
                              expected_version=payload.version if payload.version is not None else submission.version)
        if payload.submit:
            submission.refresh_from_db()
            reporting.submit(submission, user=request.auth, expected_version=submission.version)
    except reporting.RowErrors as invalid:
        raise HttpError(422, str(invalid)) from None
    except reporting.Refused as refused:
        raise HttpError(409, str(refused)) from None
    submission.refresh_from_db()
    return submission

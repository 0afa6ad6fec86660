"""Every write to an action plan and its mechanism. Views and the API parse input and call these."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from liaison.core.concurrency import VersionConflict
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from .models import (
    DEFAULT_AGGREGATION,
    ActionPlan,
    Activity,
    Change,
    Element,
    ElementEvent,
    ElementEventKind,
    Indicator,
    Objective,
    Outcome,
    PlanStatus,
    PlanVersion,
    Result,
    Target,
)

# Fields the secretariat may edit in place, per kind of record.
EDITABLE = {
    "plan": (ActionPlan, ("title", "aligned_with", "period_start", "period_end", "status", "adopted_on")),
    "objective": (Objective, ("short_title", "statement")),
    "outcome": (Outcome, ("text",)),
    "indicator": (
        Indicator,
        ("text", "kind", "unit", "aggregation", "higher_is_better", "baseline", "baseline_year"),
    ),
    "result": (Result, ("number", "text")),
    "activity": (Activity, ("heading", "text")),
}


def plan_of(record):
    if isinstance(record, ActionPlan):
        return record
    if isinstance(record, Objective):
        return record.plan
    return record.objective.plan


def _text(value):
    if value is None:
        return ""
    return str(value)


@transaction.atomic
def edit(record, changes: dict, *, user=None, expected_version=None, targets=None):
    """Change fields of a plan record in place (optimistic version check), keeping each change.
    ``targets`` ({year: value}), for an indicator, replaces its targets in the same versioned save."""
    if targets is not None and not isinstance(record, Indicator):
        raise ValueError(_("Only indicators have targets."))
    kind = next((k for k, (model, _) in EDITABLE.items() if isinstance(record, model)), None)
    if kind is None:
        raise ValueError(_("This record cannot be edited in place."))
    allowed = EDITABLE[kind][1]
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(_("Not editable here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    old = {name: getattr(record, name) for name in changes}
    for name, value in changes.items():
        setattr(record, name, value)
    record.full_clean()
    record.save_versioned(expected_version)
    plan = plan_of(record)
    Change.objects.bulk_create(
        Change(
            plan=plan, record=kind, record_id=record.pk, field=name,
            old=_text(old[name]), new=_text(getattr(record, name)), changed_by=user,
        )
        for name in changes
        if _text(old[name]) != _text(getattr(record, name))
    )
    if targets is not None:
        set_targets(record, targets, user=user)
    return record


def amount(value) -> str:
    """50.00 -> '50', 12.50 -> '12.5': how targets are written in forms and in the history."""
    return format(Decimal(value).normalize(), "f")


def _next_position(queryset):
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 10


@transaction.atomic
def add_item(objective, item, *, user=None, **fields):
    """Add an outcome, indicator, result or activity at the end of its list."""
    kind = item
    model = {"outcome": Outcome, "indicator": Indicator, "result": Result, "activity": Activity}[kind]
    related = getattr(objective, {"outcome": "outcomes", "indicator": "indicators", "result": "results", "activity": "activities"}[kind])
    record = model(objective=objective, position=_next_position(related.all()), **fields)
    if kind == "indicator" and record.kind and not record.aggregation:
        record.aggregation = DEFAULT_AGGREGATION[record.kind]
    record.full_clean()
    record.save()
    Change.objects.create(
        plan=objective.plan, record=kind, record_id=record.pk, field="(added)", new=_text(fields.get("text", "")), changed_by=user
    )
    return record


@transaction.atomic
def add_objective(plan, *, short_title, statement="", user=None):
    """Add an operational objective numbered after the last one."""
    number = (plan.objectives.aggregate(m=Max("number"))["m"] or 0) + 1
    objective = Objective(plan=plan, number=number, short_title=short_title, statement=statement)
    objective.full_clean()
    objective.save()
    Change.objects.create(
        plan=plan, record="objective", record_id=objective.pk, field="(added)", new=f"{number}. {short_title}", changed_by=user
    )
    return objective


def _check_version(record, expected_version):
    """Lock the record's row and refuse when it is no longer at ``expected_version``."""
    if expected_version is None:
        return
    current = type(record).objects.select_for_update().filter(pk=record.pk).values_list("version", flat=True).first()
    if current is None or current != int(expected_version):
        raise VersionConflict(record, expected_version)


@transaction.atomic
def remove_item(record, *, user=None, expected_version=None):
    kind = next(k for k, (model, _) in EDITABLE.items() if isinstance(record, model))
    if kind in ("plan", "objective"):
        raise ValueError(_("Plans and objectives are not deleted in place; revise the plan instead."))
    if kind == "indicator" and record.values.exists():
        raise ValueError(_("Parties have reported against this indicator; it cannot be removed."))
    _check_version(record, expected_version)
    Change.objects.create(
        plan=plan_of(record), record=kind, record_id=record.pk, field="(removed)", old=_text(record.text), changed_by=user
    )
    record.delete()


@transaction.atomic
def set_targets(indicator, targets: dict[int, Decimal], *, user=None, expected_version=None):
    """Replace the indicator's targets by year ({2016: 50, 2020: 100}), keeping the change. With
    ``expected_version`` the indicator is saved from that version (a stale edit is refused)."""
    if expected_version is not None:
        indicator.save_versioned(expected_version)
    new = [Target(indicator=indicator, year=int(y), value=Decimal(v)) for y, v in sorted(targets.items())]
    for target in new:  # a year and a figure the table can hold, or a clear error (never a database error)
        if not 1900 <= target.year <= 2200:
            raise ValidationError({"targets": _("%(year)s is not a year of a plan.") % {"year": target.year}})
        target.clean_fields(exclude=["indicator"])
    before = ", ".join(f"{t.year}: {amount(t.value)}" for t in Target.objects.filter(indicator=indicator).order_by("year"))
    Target.objects.filter(indicator=indicator).delete()
    Target.objects.bulk_create(new)
    after = ", ".join(f"{int(y)}: {amount(v)}" for y, v in sorted(targets.items()))
    if before != after:
        Change.objects.create(
            plan=indicator.objective.plan, record="indicator", record_id=indicator.pk, field="targets",
            old=before, new=after, changed_by=user,
        )


# --- reading the whole plan in a fixed number of queries -------------------------------------------
def plan_queryset():
    return ActionPlan.objects.select_related("group", "adopted_at", "adopted_by").prefetch_related(
        Prefetch(
            "objectives",
            queryset=Objective.objects.prefetch_related(
                "outcomes", Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets")),
                "results", "activities",
            ),
        )
    )


def activity_groups(objective):
    """[(heading, [activity, …]), …]: consecutive activities under the same heading."""
    groups = []
    for activity in objective.activities.all():
        if groups and groups[-1][0] == activity.heading:
            groups[-1][1].append(activity)
        else:
            groups.append((activity.heading, [activity]))
    return groups


def content(plan) -> dict:
    """The plan as plain data: what a version stores, what the API and the exports show."""
    return {
        "title": plan.title,
        "aligned_with": plan.aligned_with,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "status": plan.status,
        "revision": plan.revision,
        "adopted_on": plan.adopted_on.isoformat() if plan.adopted_on else None,
        "objectives": [
            {
                "number": o.number,
                "short_title": o.short_title,
                "statement": o.statement,
                "outcomes": [x.text for x in o.outcomes.all()],
                "indicators": [
                    {
                        "text": i.text, "kind": i.kind, "unit": i.unit, "aggregation": i.aggregation,
                        "baseline": _text(i.baseline) or None, "baseline_year": i.baseline_year,
                        "targets": {str(t.year): str(t.value) for t in i.targets.all()},
                    }
                    for i in o.indicators.all()
                ],
                "results": [{"number": r.number, "text": r.text} for r in o.results.all()],
                "activities": [{"heading": a.heading, "text": a.text} for a in o.activities.all()],
            }
            for o in plan.objectives.all()
        ],
    }


@transaction.atomic
def revise(plan, *, user=None, reason="", meeting=None, decision=None, expected_version=None):
    """Keep the plan as it stands as a version, then open the next revision for editing in place. A
    plan that was public stays public, under revision (its reporting goes on); a draft stays a draft."""
    plan = plan_queryset().select_for_update(of=("self",)).get(pk=plan.pk)
    if expected_version is not None and plan.version != int(expected_version):
        raise VersionConflict(plan, expected_version)
    PlanVersion.objects.create(
        plan=plan, revision=plan.revision, content=content(plan), reason=reason, meeting=meeting, decision=decision,
        created_by=user,
    )
    old = plan.revision
    plan.revision = old + 1
    plan.status = PlanStatus.DRAFT if plan.status == PlanStatus.DRAFT else PlanStatus.REVISING
    if meeting is not None:
        plan.adopted_at = meeting
    if decision is not None:
        plan.adopted_by = decision
    plan.save_versioned()
    Change.objects.create(plan=plan, record="plan", record_id=plan.pk, field="revision", old=str(old), new=str(plan.revision), changed_by=user)
    return plan


# --- building a plan from the parser's output ------------------------------------------------------
@transaction.atomic
def create_from_parsed(group, parsed: dict, *, meeting=None, decision=None, adopted_on=None, status=PlanStatus.ADOPTED):
    """Create (or, when one with the same title exists for the group, return) the plan a parser read."""
    existing = ActionPlan.objects.filter(group=group, title=parsed["title"]).first()
    if existing is not None:
        return existing, False
    plan = ActionPlan.objects.create(
        group=group, title=parsed["title"], aligned_with=parsed.get("aligned_with") or "",
        period_start=parsed.get("period_start"), period_end=parsed.get("period_end"),
        adopted_at=meeting, adopted_by=decision, adopted_on=adopted_on, status=status,
    )
    for o in parsed["objectives"]:
        objective = Objective.objects.create(plan=plan, number=o["number"], short_title=o["short_title"], statement=o["statement"])
        Outcome.objects.bulk_create(Outcome(objective=objective, text=t, position=(n + 1) * 10) for n, t in enumerate(o["outcomes"]))
        Indicator.objects.bulk_create(
            Indicator(
                objective=objective, text=i["text"], kind=i.get("kind") or "",
                aggregation=DEFAULT_AGGREGATION.get(i.get("kind"), "") if i.get("kind") else "",
                unit=i.get("unit") or "", position=(n + 1) * 10,
            )
            for n, i in enumerate(o["indicators"])
        )
        Result.objects.bulk_create(
            Result(objective=objective, number=r.get("number") or "", text=r["text"], position=(n + 1) * 10)
            for n, r in enumerate(o["results"])
        )
        Activity.objects.bulk_create(
            Activity(objective=objective, heading=a.get("heading") or "", text=a["text"], position=(n + 1) * 10)
            for n, a in enumerate(o["activities"])
        )
    return plan, True


# --- the mechanism --------------------------------------------------------------------------------
@transaction.atomic
def merge_elements(sources: list[Element], into: Element, *, year=None, meeting=None, source="", note=""):
    """Merge ``sources`` into ``into`` (an existing element or a new one), keeping the history both ways.
    What belonged to a merged element (groups, objectives, meetings) now belongs to ``into`` as well."""
    if any(s.pk == into.pk for s in sources):
        raise ValueError(_("An element cannot be merged into itself."))
    for element in sources:
        if element.merged_into_id and element.merged_into_id != into.pk:
            raise ValueError(_("%(element)s was already merged into another element.") % {"element": element.label})
        element.merged_into = into
        element.save(update_fields=["merged_into"])
        into.groups.add(*element.groups.all())
        into.objectives.add(*element.objectives.all())
        into.meetings.add(*element.meetings.all())
        ElementEvent.objects.get_or_create(
            element=element, kind=ElementEventKind.MERGED, other=into,
            defaults={"year": year, "meeting": meeting, "source": source, "note": note},
        )
        ElementEvent.objects.get_or_create(
            element=into, kind=ElementEventKind.ABSORBED, other=element,
            defaults={"year": year, "meeting": meeting, "source": source, "note": note},
        )
    return into

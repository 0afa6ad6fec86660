"""The public dashboard of a plan: published cycles only, in a fixed number of queries however many
Parties, indicators, cycles and values there are (the sums are done by the database)."""

from dataclasses import dataclass, field
from decimal import Decimal

from liaison.core import charts
from liaison.core.models import REGIONAL_GROUP_SHORT, RegionalGroup

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import get_language, gettext_lazy, pgettext

from . import rollup
from .models import ActionPlan, CycleStatus, Indicator, Objective, ReportingCycle, Rollup, Submission, SubmissionStatus
from .models import YES_NO_ANSWERS

REGIONS = list(RegionalGroup.choices)  # [(code, label), …]


def shown(value) -> str:
    """A figure as the page writes it: 12, 0.75, 33.3; an en dash when there is none."""
    if value is None:
        return "–"
    text = f"{Decimal(value).normalize():f}"
    return text


def _plain(value):
    """A figure for CSV/XLSX: an integer when whole, else the decimal without trailing zeros; '' when none."""
    if value is None:
        return ""
    return int(value) if value == int(value) else Decimal(value).normalize()


def _bar_value(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def chart_svg(bars, chart_id: str, title: str):
    """A bar chart as SVG markup, written here rather than by a template: the dashboard draws two per
    indicator (60 with 15 bars each at ten cycles), and the template engine took most of the page's time."""
    parts = [f'<svg viewBox="0 -20 320 150" role="img" aria-labelledby="{chart_id}-title" width="100%" class="chart">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for bar in bars:
        parts.append(f"<g><title>{escape(bar.title)}</title>")
        if bar.value is not None:
            parts.append(f'<rect class="bar" x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" height="{bar.height:.1f}"></rect>'
                         f'<text class="value" x="{bar.cx:.1f}" y="{bar.value_y:.1f}">{escape(bar.value)}</text>')
        else:
            parts.append(f'<text class="value unknown" x="{bar.cx:.1f}" y="96">–</text>')
        parts.append(f'<text class="label" x="{bar.cx:.1f}" y="118">{escape(bar.label)}</text></g>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above


@dataclass
class IndicatorRow:
    indicator: object
    by_year: list = field(default_factory=list)  # [(year, value, target, reporters)]
    by_region: list = field(default_factory=list)  # [(region label, value, reporters)] for the latest year
    year_rows: list = field(default_factory=list)  # by_year as the page shows it: [(year, value, target, reporters)]
    region_rows: list = field(default_factory=list)
    latest_year: int | None = None
    latest: Decimal | None = None
    target: Decimal | None = None
    progress: float | None = None
    year_chart: list = field(default_factory=list)
    region_chart: list = field(default_factory=list)
    year_svg: str = ""
    region_svg: str = ""


@dataclass
class ObjectiveRow:
    objective: object
    indicators: list
    progress: float | None
    counted: int

    @property
    def percent(self):
        return None if self.progress is None else round(self.progress * 100)


def _sums(plan, cycle_ids):
    """{(indicator id, year, region or None): Sums} of the published cycles, from their rollups: 1 query
    over (cycles x indicators x regions) rows, whatever the number of Parties."""
    rows = Rollup.objects.filter(cycle_id__in=cycle_ids, cycle__status=CycleStatus.PUBLISHED).values_list(
        "indicator_id", "cycle__year", "regional_group", "reporters", "total", "denominator"
    )
    sums = {}
    for indicator_id, year, region, reporters, total, denominator in rows:
        key = (indicator_id, year, region or None)
        previous = sums.get(key)
        part = rollup.Sums(reporters, total, denominator)
        sums[key] = part if previous is None else _combine([previous, part])  # two cycles in one year
    return sums


def _combine(parts):
    return rollup.Sums(
        sum(p.reporters for p in parts), sum((p.total for p in parts), Decimal(0)), sum((p.denominator for p in parts), Decimal(0))
    )


def _plan_queryset():
    """The plan with what the dashboard shows of it: objectives, their indicators and targets (not the
    outcomes, results and activities of the plan's page)."""
    return ActionPlan.objects.prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets")))),
    )


def build(plan_id):
    """Everything the dashboard shows, as plain objects. Raises ActionPlan.DoesNotExist."""
    plan = _plan_queryset().get(pk=plan_id)
    cycles = list(ReportingCycle.objects.filter(plan=plan, status=CycleStatus.PUBLISHED).order_by("year", "id"))
    cycle_ids = [c.pk for c in cycles]
    years = sorted({c.year for c in cycles})
    sums = _sums(plan, cycle_ids)
    by_indicator_year = {}
    for (indicator_id, year, region), part in sums.items():
        by_indicator_year.setdefault((indicator_id, year), []).append((region, part))
    objectives = []
    for objective in plan.objectives.all():
        rows = []
        for indicator in objective.indicators.all():
            rule = indicator.effective_aggregation
            parties_only = rule in YES_NO_ANSWERS  # organizations are not Parties
            targets = {t.year: t.value for t in indicator.targets.all()}
            row = IndicatorRow(indicator)
            for year in years:
                parts = [s for region, s in by_indicator_year.get((indicator.pk, year), []) if region or not parties_only]
                total = _combine(parts)
                value = rollup.aggregate(rule, total)
                row.by_year.append((year, value, rollup.target_for(targets, year), total.reporters))
            known = [(y, v) for y, v, _, _ in row.by_year if v is not None]
            if known:
                row.latest_year, row.latest = known[-1]
                row.target = rollup.target_for(targets, row.latest_year)
                row.progress = rollup.progress(row.latest, row.target, indicator.baseline, indicator.higher_is_better)
                for code, label in REGIONS:
                    part = sums.get((indicator.pk, row.latest_year, code), rollup.Sums())
                    row.by_region.append((str(label), rollup.aggregate(rule, part), part.reporters))
            no_reports = _("no reports")
            row.year_chart = charts.bars(
                [(str(y), _bar_value(v), f"{y}: {shown(v) if v is not None else no_reports}") for y, v, _t, _n in row.by_year],
                width=320, height=100,
            )
            row.region_chart = charts.bars(
                [(str(REGIONAL_GROUP_SHORT[code]), _bar_value(v), f"{label}: {shown(v) if v is not None else no_reports}")
                 for (code, _label), (label, v, _n) in zip(REGIONS, row.by_region)],
                width=320, height=100,
            )
            row.year_svg = chart_svg(row.year_chart, f"chart-y{indicator.pk}", _("%(i)s, by year") % {"i": indicator.text})
            row.region_svg = chart_svg(row.region_chart, f"chart-r{indicator.pk}", _("%(i)s, %(y)s, by UN regional group")
                                       % {"i": indicator.text, "y": row.latest_year})
            row.year_rows = [(y, shown(v), shown(t), n) for y, v, t, n in row.by_year]
            row.region_rows = [(label, shown(v), n) for label, v, n in row.by_region]
            rows.append(row)
        share, counted = rollup.objective_progress([r.progress for r in rows])
        objectives.append(ObjectiveRow(objective, rows, share, counted))
    return {"plan": plan, "cycles": cycles, "years": years, "objectives": objectives,
            "reporting": reporting_status(plan, cycles)}


def reporting_status(plan, cycles):
    """Per published cycle: the Parties that have reported (accepted) and those that have not, named
    in the active language and in its reader's order. 2 queries."""
    from liaison.core.countries import local_name
    from liaison.meetings.formatting import sort_key

    from .reporting import reporting_countries

    language = get_language()
    parties = sorted(((pk, local_name(iso3, name, language), group)
                      for pk, iso3, name, group in reporting_countries(plan).values_list("pk", "iso3", "name", "regional_group")),
                     key=lambda party: sort_key(party[1]))
    reported = {}
    for cycle_id, country_id in Submission.objects.filter(
        cycle__in=cycles, status=SubmissionStatus.ACCEPTED, country__isnull=False
    ).values_list("cycle_id", "country_id"):
        reported.setdefault(cycle_id, set()).add(country_id)
    status = []
    for cycle in cycles:
        done = reported.get(cycle.pk, set())
        status.append({
            "cycle": cycle,
            "reported": [name for pk, name, _ in parties if pk in done],
            "not_reported": [name for pk, name, _ in parties if pk not in done],
        })
    return status


def table_rows(data):
    """Every figure the dashboard shows, as rows for CSV/XLSX, with its fixed words in the active
    language (the figures, titles and names as stored). ``row_count`` counts them without building."""
    rows = []
    words = {"objective": _("objective progress"), "year": _("indicator by year"), "region": _("indicator by region"),
             "all": pgettext("all regions", "all"), "reported": _("reported"), "yes": _("yes"), "no": _("no")}
    for objective in data["objectives"]:
        rows.append([words["objective"], objective.objective.number, objective.objective.short_title, "", "", "",
                     objective.percent if objective.percent is not None else "", ""])
        for row in objective.indicators:
            for year, value, target, reporters in row.by_year:
                rows.append([words["year"], objective.objective.number, row.indicator.text, year, words["all"],
                             _plain(value), _plain(target), reporters])
            for label, value, reporters in row.by_region:
                rows.append([words["region"], objective.objective.number, row.indicator.text, row.latest_year, label,
                             _plain(value), "", reporters])
    for status in data["reporting"]:
        for name in status["reported"]:
            rows.append([words["reported"], "", status["cycle"].title, status["cycle"].year, name, words["yes"], "", ""])
        for name in status["not_reported"]:
            rows.append([words["reported"], "", status["cycle"].title, status["cycle"].year, name, words["no"], "", ""])
    return rows


def row_count(plan) -> int:
    """How many rows ``table_rows(build(plan.pk))`` has, counted by the database in 6 queries without
    building anything (is the table short enough to be made inside the request?): one row per
    objective; per indicator, one per published year, and one per UN regional group when it has a
    value in some published year; one per reporting Party and published cycle."""
    from django.db.models import Q

    from .models import Aggregation, DEFAULT_AGGREGATION
    from .reporting import reporting_countries

    objectives = Objective.objects.filter(plan=plan).count()
    indicators = list(Indicator.objects.filter(objective__plan=plan).values_list("pk", "kind", "aggregation"))
    rules = {pk: aggregation or DEFAULT_AGGREGATION.get(kind, Aggregation.SUM) for pk, kind, aggregation in indicators}
    published = list(ReportingCycle.objects.filter(plan=plan, status=CycleStatus.PUBLISHED).values_list("year", flat=True))
    if not published:
        return objectives
    yes_no = [pk for pk, rule in rules.items() if rule in YES_NO_ANSWERS]  # counted over Parties only, as build() does
    ratio = [pk for pk, rule in rules.items() if rule == Aggregation.RATIO_OF_SUMS]  # no value without a denominator
    with_value = (Rollup.objects.filter(cycle__plan=plan, cycle__status=CycleStatus.PUBLISHED, indicator_id__in=list(rules),
                                        reporters__gt=0)
                  .exclude(Q(indicator_id__in=yes_no) & Q(regional_group=""))
                  .exclude(Q(indicator_id__in=ratio) & Q(denominator__lte=0))
                  .values("indicator_id").distinct().count())
    parties = reporting_countries(plan).count()
    return objectives + len(rules) * len(set(published)) + with_value * len(REGIONS) + parties * len(published)


TABLE_HEADER = [gettext_lazy("what"), gettext_lazy("objective"), gettext_lazy("indicator or cycle"), gettext_lazy("year"),
                gettext_lazy("region or Party"), gettext_lazy("value"), gettext_lazy("target"), gettext_lazy("reporters")]


DASHBOARD_FORMATS = ("csv", "xlsx")


def export_filename(plan_id: int, fmt: str) -> str:
    return f"action-plan-{plan_id}-dashboard.{fmt}"


def export_bytes(rows, fmt: str) -> bytes:
    from liaison.core.spreadsheets import csv_text, xlsx_bytes

    if fmt == "csv":
        return csv_text(TABLE_HEADER, rows).encode("utf-8")
    return xlsx_bytes({_("Dashboard"): (TABLE_HEADER, rows)})


def dashboard_file(plan: int, fmt: str) -> bytes:
    """The worker's builder for a long table (core/jobs.py ``start_export``): the dashboard of the
    plan ``plan`` (a key), built again."""
    return export_bytes(table_rows(build(plan)), fmt)


def can_see_dashboard(job, user) -> bool:
    """The dashboard's rule, for the job that makes a long table: the plan's (public unless a draft)."""
    from . import access

    plan = ActionPlan.objects.filter(pk=job.params["args"]["plan"]).first()
    return plan is not None and access.can_see_plan(user, plan)

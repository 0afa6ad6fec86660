"""Aggregates: trends in assistance requests (public) and the donors' stock-taking of initiatives.
Each function reads a fixed number of queries whatever the number of records."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from statistics import median

from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy

from liaison.core import charts
from liaison.core.models import RegionalGroup

from .models import AssistanceRequest, AssistanceType, Initiative, RequestStatus, decode_codes

# The dimensions of the tables, as CSV/XLSX name them (the pages have their own headings).
DIMENSIONS = {
    "year": pgettext_lazy("dimension of a statistics table", "year"),
    "region": pgettext_lazy("dimension of a statistics table", "region"),
    "area": pgettext_lazy("dimension of a statistics table", "area"),
    "type": pgettext_lazy("dimension of a statistics table", "type"),
    "status": pgettext_lazy("dimension of a statistics table", "status"),
    "donor": pgettext_lazy("dimension of a statistics table", "donor"),
}


def no_region() -> str:
    return gettext("Not in a UN regional group")


def _region_label(code):
    return str(RegionalGroup(code).label) if code in RegionalGroup.values else no_region()


def _table(counter, order=None):
    keys = order if order is not None else sorted(counter)
    return [(key, counter.get(key, 0)) for key in keys]


def trends(mechanism=None) -> dict:
    """Requests by year, region, area, type and status, and the days from request to match and to
    completion. Counts only: no request's title, state or text."""
    requests = AssistanceRequest.objects.all()
    if mechanism is not None:
        requests = requests.filter(mechanism=mechanism)
    rows = list(requests.values_list("pk", "received_on", "matched_on", "closed_on", "status", "types", "country__regional_group"))
    area_rows = list(AssistanceRequest.areas.through.objects.filter(assistancerequest_id__in=[r[0] for r in rows])
                     .values_list("area__name", flat=True)) if rows else []
    by_year, by_region, by_type, by_status = Counter(), Counter(), Counter(), Counter()
    to_match, to_complete = [], []
    for pk, received, matched, closed, status, types, region in rows:
        by_year[received.year] += 1
        by_region[_region_label(region)] += 1
        by_status[status] += 1
        for t in decode_codes(types):
            by_type[t] += 1
        if matched:
            to_match.append((matched - received).days)
        if status == RequestStatus.COMPLETED and closed:
            to_complete.append((closed - received).days)
    years = list(range(min(by_year), max(by_year) + 1)) if by_year else []
    outside = no_region()
    tables = {
        "year": [(str(y), n) for y, n in _table(by_year, years)],
        "region": _table(by_region, [str(label) for _, label in RegionalGroup.choices] + ([outside] if by_region[outside] else [])),
        "area": sorted(Counter(area_rows).items(), key=lambda kv: (-kv[1], kv[0])),
        "type": [(str(AssistanceType(t).label), by_type.get(t, 0)) for t in AssistanceType.values],
        "status": [(str(RequestStatus(s).label), by_status.get(s, 0)) for s in RequestStatus.values],
    }
    return {
        "total": len(rows),
        "tables": tables,
        "charts": {name: charts.bars([(label, n, f"{label}: {n}") for label, n in table]) for name, table in tables.items()},
        "durations": [
            (gettext("Days from request to match"), _summary(to_match)),
            (gettext("Days from request to completion"), _summary(to_complete)),
        ],
    }


def _summary(days):
    if not days:
        return {"count": 0, "median": None, "mean": None, "max": None}
    return {"count": len(days), "median": median(days), "mean": round(sum(days) / len(days), 1), "max": max(days)}


def trend_rows(data) -> list[list]:
    """The trends as one table for CSV/XLSX: dimension, value, number of requests."""
    out = [[gettext("Dimension"), gettext("Value"), gettext("Requests")]]
    for name, table in data["tables"].items():
        out += [[str(DIMENSIONS[name]), label, n] for label, n in table]
    words = [("count", pgettext("statistic", "requests")), ("median", pgettext("statistic", "median")),
             ("mean", pgettext("statistic", "mean")), ("max", pgettext("statistic", "max"))]
    for label, s in data["durations"]:
        out += [[label, word, s[key]] for key, word in words]
    return out


def stocktaking(initiatives=None) -> dict:
    """Support per objective (area), recipient region, donor and year: the number of initiatives and
    their budgets per currency (never added across currencies). An initiative counts once in each
    of its areas, regions, donors and years of activity; budgets are not split."""
    initiatives = Initiative.objects.all() if initiatives is None else initiatives
    items = list(initiatives.prefetch_related("areas", "recipients", "donor_countries", "donor_organizations"))
    dims = {name: defaultdict(lambda: {"count": 0, "budget": defaultdict(Decimal)}) for name in ("area", "region", "donor", "year")}

    def add(name, key, initiative):
        cell = dims[name][key]
        cell["count"] += 1
        if initiative.budget is not None:
            cell["budget"][initiative.currency] += initiative.budget

    for i in items:
        for a in {a.name for a in i.areas.all()}:
            add("area", a, i)
        for r in {_region_label(c.regional_group) for c in i.recipients.all()}:
            add("region", r, i)
        for d in {c.local_name for c in i.donor_countries.all()} | {o.label for o in i.donor_organizations.all()}:
            add("donor", d, i)
        last = (i.end or i.start).year
        for y in range(i.start.year, last + 1):
            add("year", str(y), i)
    tables = {}
    for name, cells in dims.items():
        keys = sorted(cells) if name == "year" else sorted(cells, key=lambda k: (-cells[k]["count"], k))
        tables[name] = [(k, cells[k]["count"], sorted((cur, amount) for cur, amount in cells[k]["budget"].items())) for k in keys]
    return {
        "total": len(items),
        "tables": tables,
        "charts": {name: charts.bars([(label, n, ngettext("%(label)s: %(n)d initiative", "%(label)s: %(n)d initiatives", n) % {"label": label, "n": n}) for label, n, _ in table]) for name, table in tables.items()},
    }


def stocktaking_rows(data) -> list[list]:
    """The stock-taking tables as one sheet (CSV/XLSX): dimension, value, initiatives, budgets."""
    rows = [[gettext("Dimension"), gettext("Value"), gettext("Initiatives"), gettext("Budgets")]]
    for name, table in data["tables"].items():
        rows += [[str(DIMENSIONS[name]), label, n, "; ".join(f"{cur} {amount:,.2f}" for cur, amount in budgets)] for label, n, budgets in table]
    return rows

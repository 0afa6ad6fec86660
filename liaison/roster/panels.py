"""Composition of a meeting: choose k participants from eligible experts. Pure Python with scipy's
HiGHS (MILP): no Django.

Maximise first the coverage of the meeting's topics (every topic someone on the panel knows), then
the experts' relevance, subject to:
- min/max seats per value of each quota category (UN regional group, stakeholder type, gender …);
- at most m experts per country;
- at least c participants of the previous meeting (continuity);
- people who must be included, people who must not, and declared conflicts (pairs who may not sit
  together).
When no panel satisfies every rule, the same program with a slack on each rule finds the smallest
total violation, and the rules with slack are reported with the amount they are short by.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from .quotas import Quota


@dataclass(frozen=True)
class Candidate:
    id: str
    features: dict  # category -> value
    relevance: float = 0.0  # 0..1, e.g. TF-IDF similarity to the agenda
    topics: frozenset = frozenset()
    country: str = ""
    returning: bool = False  # took part in the previous meeting


@dataclass
class Rules:
    size: int
    quotas: list[Quota] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    max_per_country: int | None = None
    min_returning: int = 0
    include: set[str] = field(default_factory=set)
    exclude: set[str] = field(default_factory=set)
    conflicts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class BalanceRow:
    rule: str
    target: str
    achieved: int
    ok: bool


@dataclass
class Conflict:
    rule: str
    short_by: int
    explanation: str


@dataclass
class Plan:
    feasible: bool
    panel: list[str] = field(default_factory=list)
    balance: list[BalanceRow] = field(default_factory=list)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    runners_up: list[str] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    relevance: float = 0.0
    conflicts: list[Conflict] = field(default_factory=list)
    seconds: float = 0.0
    proven_optimal: bool = False


class _Model:
    """Rows of the program, each with a name so that an elastic solve can report it."""

    def __init__(self, n_vars):
        self.n = n_vars
        self.rows, self.low, self.high, self.names, self.kinds = [], [], [], [], []

    def add(self, coefficients: dict[int, float], low, high, name, kind):
        self.rows.append(coefficients)
        self.low.append(low)
        self.high.append(high)
        self.names.append(name)
        self.kinds.append(kind)

    def matrix(self, extra_columns=0):
        data, indices, indptr = [], [], [0]
        for row in self.rows:
            for column, value in row.items():
                indices.append(column)
                data.append(value)
            indptr.append(len(indices))
        return csr_array((data, indices, indptr), shape=(len(self.rows), self.n + extra_columns))


def _build(candidates: list[Candidate], rules: Rules):
    index = {c.id: i for i, c in enumerate(candidates)}
    n, n_topics = len(candidates), len(rules.topics)
    model = _Model(n + n_topics)
    model.add({i: 1.0 for i in range(n)}, rules.size, rules.size, f"{rules.size} seats", "size")
    for quota in rules.quotas:
        members = {i: 1.0 for i, c in enumerate(candidates) if c.features.get(quota.category) == quota.value}
        model.add(members, quota.min, quota.max, quota.label, "quota")
    if rules.max_per_country is not None:
        by_country = defaultdict(dict)
        for i, c in enumerate(candidates):
            if c.country:
                by_country[c.country][i] = 1.0
        for country, members in sorted(by_country.items()):
            if len(members) > rules.max_per_country:
                model.add(members, 0, rules.max_per_country, f"at most {rules.max_per_country} from {country}", "country")
    if rules.min_returning:
        returning = {i: 1.0 for i, c in enumerate(candidates) if c.returning}
        model.add(returning, rules.min_returning, np.inf, f"at least {rules.min_returning} returning participants", "continuity")
    for person in sorted(rules.include):
        model.add({index[person]: 1.0} if person in index else {}, 1, 1, f"include {person}", "include")
    for a, b in rules.conflicts:
        if a in index and b in index:
            model.add({index[a]: 1.0, index[b]: 1.0}, 0, 1, f"conflict between {a} and {b}", "conflict")
    for t, topic in enumerate(rules.topics):  # y_t <= sum of experts who know topic t
        row = {i: -1.0 for i, c in enumerate(candidates) if topic in c.topics}
        row[n + t] = 1.0
        model.add(row, -np.inf, 0, f"topic {topic}", "topic")
    return model, index


def _objective(candidates, rules):
    n = len(candidates)
    relevance = np.array([max(0.0, c.relevance) for c in candidates])
    coverage_weight = float(np.sort(relevance)[-rules.size:].sum() + 1.0) if n else 1.0  # coverage first
    return np.concatenate([-relevance, -coverage_weight * np.ones(len(rules.topics))])


def plan(candidates: list[Candidate], rules: Rules, time_limit: float = 60.0) -> Plan:
    started = time.perf_counter()
    candidates = [c for c in candidates if c.id not in rules.exclude]
    n = len(candidates)
    model, index = _build(candidates, rules)
    integrality = np.concatenate([np.ones(n), np.zeros(len(rules.topics))])
    bounds = Bounds(np.zeros(model.n), np.ones(model.n))
    result = milp(
        _objective(candidates, rules), integrality=integrality, bounds=bounds,
        constraints=LinearConstraint(model.matrix(), model.low, model.high),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-9},
    )
    if result.x is None:
        outcome = Plan(feasible=False, conflicts=_diagnose(candidates, rules, model))
        outcome.seconds = time.perf_counter() - started
        return outcome
    chosen = [candidates[i] for i in range(n) if result.x[i] > 0.5]
    outcome = describe(candidates, rules, [c.id for c in chosen])
    outcome.proven_optimal = result.status == 0
    outcome.seconds = time.perf_counter() - started
    return outcome


def describe(candidates: list[Candidate], rules: Rules, panel_ids: list[str]) -> Plan:
    """Balance table, reasons and runners-up for a panel (the planner's, or one the secretariat edited)."""
    by_id = {c.id: c for c in candidates}
    panel = [by_id[i] for i in panel_ids if i in by_id]
    chosen = {c.id for c in panel}
    balance = [BalanceRow(f"{rules.size} seats", str(rules.size), len(panel), len(panel) == rules.size)]
    for quota in rules.quotas:
        count = sum(1 for c in panel if c.features.get(quota.category) == quota.value)
        target = f"{quota.min}–{quota.max}" if quota.min != quota.max else str(quota.min)
        balance.append(BalanceRow(quota.label, target, count, quota.min <= count <= quota.max))
    if rules.max_per_country is not None:
        per_country = defaultdict(int)
        for c in panel:
            if c.country:
                per_country[c.country] += 1
        worst = max(per_country.values(), default=0)
        balance.append(BalanceRow("per country", f"≤ {rules.max_per_country}", worst, worst <= rules.max_per_country))
    if rules.min_returning:
        returning = sum(1 for c in panel if c.returning)
        balance.append(BalanceRow("returning participants", f"≥ {rules.min_returning}", returning, returning >= rules.min_returning))
    for person in sorted(rules.include):
        balance.append(BalanceRow(f"include {person}", "yes", int(person in chosen), person in chosen))
    for a, b in rules.conflicts:
        together = a in chosen and b in chosen
        balance.append(BalanceRow(f"not both {a} and {b}", "≤ 1", int(a in chosen) + int(b in chosen), not together))

    covered = [t for t in rules.topics if any(t in c.topics for c in panel)]
    reasons = {}
    for c in panel:
        why = [f"relevance {c.relevance:.2f}"]
        only = [t for t in rules.topics if t in c.topics and not any(t in o.topics for o in panel if o.id != c.id)]
        if only:
            why.append("only one on the panel covering " + ", ".join(only))
        elif c.topics & set(rules.topics):
            why.append("covers " + ", ".join(t for t in rules.topics if t in c.topics))
        if c.returning:
            why.append("took part in the previous meeting")
        if c.id in rules.include:
            why.append("must be included")
        why.extend(f"counts for {q.label}" for q in rules.quotas if c.features.get(q.category) == q.value and q.min > 0)
        reasons[c.id] = why
    excluded = set(rules.exclude)
    runners_up = [c.id for c in sorted(candidates, key=lambda c: -c.relevance) if c.id not in chosen and c.id not in excluded][:5]
    return Plan(
        feasible=all(row.ok for row in balance), panel=[c.id for c in panel], balance=balance, reasons=reasons,
        runners_up=runners_up, covered=covered, uncovered=[t for t in rules.topics if t not in covered],
        relevance=sum(c.relevance for c in panel),
    )


def swap(candidates: list[Candidate], rules: Rules, panel_ids: list[str], out_id: str, in_id: str) -> Plan:
    """The panel with one person replaced, described with its balance (which may now fail a rule)."""
    if out_id not in panel_ids:
        raise ValueError(f"{out_id} is not on the panel.")
    if in_id in panel_ids:
        raise ValueError(f"{in_id} is already on the panel.")
    return describe(candidates, rules, [in_id if i == out_id else i for i in panel_ids])


def _diagnose(candidates, rules, model) -> list[Conflict]:
    """Minimise the total violation: one slack below and one above each rule (topic rows stay hard)."""
    n_rows = len(model.rows)
    elastic = [r for r in range(n_rows) if model.kinds[r] != "topic"]
    extra = 2 * len(elastic)
    matrix = model.matrix(extra_columns=extra).tolil()
    for k, r in enumerate(elastic):
        matrix[r, model.n + 2 * k] = 1.0  # shortfall: helps reach the minimum
        matrix[r, model.n + 2 * k + 1] = -1.0  # excess: helps stay under the maximum
    cost = np.concatenate([np.zeros(model.n), np.ones(extra)])
    integrality = np.concatenate([np.ones(len(candidates)), np.zeros(len(rules.topics)), np.ones(extra)])
    bounds = Bounds(np.zeros(model.n + extra), np.concatenate([np.ones(model.n), np.full(extra, np.inf)]))
    result = milp(cost, integrality=integrality, bounds=bounds,
                  constraints=LinearConstraint(matrix.tocsr(), model.low, model.high))
    conflicts = []
    if result.x is None:
        return [Conflict("all rules", 0, "No panel could be formed even with every rule relaxed.")]
    for k, r in enumerate(elastic):
        short, excess = result.x[model.n + 2 * k], result.x[model.n + 2 * k + 1]
        name, low, high = model.names[r], model.low[r], model.high[r]
        if short > 0.5:
            conflicts.append(Conflict(name, int(round(short)), f"{name}: needs at least {low:g}; with the other rules only {low - short:g} can be met (short by {short:.0f})."))
        if excess > 0.5:
            conflicts.append(Conflict(name, int(round(excess)), f"{name}: allows at most {high:g}; the other rules need {high + excess:g} (over by {excess:.0f})."))
    return conflicts

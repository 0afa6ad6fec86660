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

import heapq
import time
from collections import defaultdict
from dataclasses import dataclass, field
from gettext import NullTranslations

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
    # How people are named in the balance table and the conflicts (id -> name); an id when absent.
    names: dict[str, str] = field(default_factory=dict)
    # The rules, reasons and conflicts are written in English, or through these translations (an
    # object with gettext and ngettext, such as django.utils.translation).
    translations: object = None

    def name(self, person: str) -> str:
        return self.names.get(person, person)

    @property
    def t(self):
        return self.translations or NullTranslations()

    def seats(self) -> str:
        return self.t.ngettext("%(count)d seat", "%(count)d seats", self.size) % {"count": self.size}


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
    timed_out: bool = False  # the time limit stopped the solver (the panel, if any, is the best found)
    status: str = ""
    objective: float = 0.0
    bound: float = 0.0
    candidates_considered: int = 0


class _Model:
    """Rows of the program (index arrays, all coefficients 1 except the topic rows), each with a name so
    that infeasibility can be explained, and a *group* (one rule of the page) for the deletion filter."""

    def __init__(self, n_vars):
        self.n = n_vars
        self.rows, self.values, self.low, self.high, self.names, self.kinds, self.groups = [], [], [], [], [], [], []

    def add(self, columns, low, high, name, kind, group=None, values=None):
        columns = np.asarray(columns, dtype=np.int64)
        self.rows.append(columns)
        self.values.append(np.ones(len(columns)) if values is None else np.asarray(values, dtype=float))
        self.low.append(float(low))
        self.high.append(float(high))
        self.names.append(name)
        self.kinds.append(kind)
        self.groups.append(group or name)

    def matrix(self, rows=None, extra_columns=0):
        rows = range(len(self.rows)) if rows is None else rows
        indices = [self.rows[r] for r in rows]
        data = [self.values[r] for r in rows]
        indptr = np.concatenate([[0], np.cumsum([len(i) for i in indices])]).astype(np.int64)
        indices = np.concatenate(indices) if indices else np.array([], dtype=np.int64)
        data = np.concatenate(data) if data else np.array([])
        return csr_array((data, indices, indptr), shape=(len(indptr) - 1, self.n + extra_columns))


def _build(candidates: list[Candidate], rules: Rules):
    index = {c.id: i for i, c in enumerate(candidates)}
    n, n_topics = len(candidates), len(rules.topics)
    model = _Model(n + n_topics)
    tr = rules.t
    model.add(np.arange(n), rules.size, rules.size, rules.seats(), "size")
    by_category = {}
    for quota in rules.quotas:
        if quota.category not in by_category:
            by_category[quota.category] = np.array([c.features.get(quota.category, "") for c in candidates], dtype=object)
        members = np.flatnonzero(by_category[quota.category] == quota.value)
        model.add(members, quota.min, quota.max, quota.label, "quota")
    model.features = by_category
    model.returning = np.array([c.returning for c in candidates], dtype=bool)
    if rules.max_per_country is not None:
        by_country = defaultdict(list)
        for i, c in enumerate(candidates):
            if c.country:
                by_country[c.country].append(i)
        for country, members in sorted(by_country.items()):
            if len(members) > rules.max_per_country:
                model.add(members, 0, rules.max_per_country,
                          tr.gettext("at most %(max)d from %(country)s") % {"max": rules.max_per_country, "country": country}, "country",
                          group=tr.gettext("at most %(max)d per country") % {"max": rules.max_per_country})
    if rules.min_returning:
        returning = [i for i, c in enumerate(candidates) if c.returning]
        model.add(returning, rules.min_returning, np.inf,
                  tr.ngettext("at least %(min)d returning participant", "at least %(min)d returning participants", rules.min_returning)
                  % {"min": rules.min_returning}, "continuity")
    for person in sorted(rules.include):
        model.add([index[person]] if person in index else [], 1, 1, tr.gettext("include %(name)s") % {"name": rules.name(person)}, "include")
    for a, b in rules.conflicts:
        if a in index and b in index:
            model.add([index[a], index[b]], 0, 1, tr.gettext("conflict between %(a)s and %(b)s") % {"a": rules.name(a), "b": rules.name(b)},
                      "conflict")
    knows = defaultdict(list)
    wanted = {t: j for j, t in enumerate(rules.topics)}
    for i, c in enumerate(candidates):
        for topic in c.topics:
            if topic in wanted:
                knows[wanted[topic]].append(i)
    for t, topic in enumerate(rules.topics):  # y_t <= sum of experts who know topic t
        members = knows[t]
        model.add(members + [n + t], -np.inf, 0, f"topic {topic}", "topic", values=[-1.0] * len(members) + [1.0])
    return model, index


def _objective(candidates, rules):
    n = len(candidates)
    relevance = np.array([max(0.0, c.relevance) for c in candidates])
    coverage_weight = float(np.sort(relevance)[-rules.size:].sum() + 1.0) if n else 1.0  # coverage first
    return np.concatenate([relevance, coverage_weight * np.ones(len(rules.topics))])  # maximised


DEBUG = False


@dataclass
class _Solved:
    status: str  # "optimal", "time limit", "infeasible", "other"
    x: np.ndarray | None = None
    value: float = -np.inf
    bound: float = np.inf
    row_duals: np.ndarray | None = None


def _highs(cost, matrix, low, high, n_integer, n_continuous, time_limit, relax=False, columns_upper=None) -> _Solved:
    """max cost·x, low <= matrix x <= high, 0 <= x <= 1, the first n_integer columns binary (unless relax)."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_rel_gap", 1e-9)
    h.setOptionValue("time_limit", max(0.01, float(time_limit)))
    lp = highspy.HighsLp()
    n = n_integer + n_continuous
    lp.num_col_, lp.num_row_ = n, matrix.shape[0]
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n) if columns_upper is None else np.asarray(columns_upper, dtype=float)
    lp.row_lower_ = np.where(np.isinf(low), -highspy.kHighsInf, low)
    lp.row_upper_ = np.where(np.isinf(high), highspy.kHighsInf, high)
    lp.sense_ = highspy.ObjSense.kMaximize
    csc = matrix.tocsc()
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = csc.indptr.astype(np.int32)
    lp.a_matrix_.index_ = csc.indices.astype(np.int32)
    lp.a_matrix_.value_ = csc.data.astype(float)
    if not relax and n_integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n_integer + [highspy.HighsVarType.kContinuous] * n_continuous
    h.passModel(lp)
    started = time.perf_counter()
    h.run()
    if DEBUG:
        print(f"  highs {'LP' if relax else 'MILP'} {matrix.shape} {time.perf_counter() - started:.2f} s")
    status = h.getModelStatus()
    info = h.getInfo()
    names = {highspy.HighsModelStatus.kOptimal: "optimal", highspy.HighsModelStatus.kTimeLimit: "time limit",
             highspy.HighsModelStatus.kInfeasible: "infeasible"}
    result = _Solved(names.get(status, "other"))
    if info.primal_solution_status == 2:  # a feasible point
        result.x = np.array(h.getSolution().col_value)
        result.value = float(np.asarray(cost) @ result.x)
    if result.status == "optimal":
        result.bound = result.value
        if relax:
            result.row_duals = np.array(h.getSolution().row_dual)
    elif not relax and info.mip_dual_bound == info.mip_dual_bound:
        result.bound = float(info.mip_dual_bound)
    return result


def _lagrangian(cost, matrix, low, high, duals, n_integer):
    """Bound and reduced costs from multipliers λ (any sign): for every x with low <= A x <= high and
    0 <= x <= 1, cost·x <= (cost - Aᵀλ)·x + Σ_r h_r(λ_r) with h_r = λ_r·high_r if λ_r > 0 else λ_r·low_r;
    hence cost·x <= L(λ) = Σ_i max(0, d_i) + Σ_r h_r(λ_r), d = cost - Aᵀλ, and with x_i = 1 forced,
    cost·x <= L(λ) - max(0, d_i) + d_i. Returns (L, d); L is inf when λ needs an infinite side."""
    duals = np.where(np.abs(duals) < 1e-12, 0.0, duals)
    with np.errstate(invalid="ignore"):
        side = np.where(duals > 0, duals * np.asarray(high), np.where(duals < 0, duals * np.asarray(low), 0.0))
    if not np.all(np.isfinite(side)):
        return np.inf, None
    reduced = np.asarray(cost) - matrix.T @ duals
    return float(np.maximum(reduced, 0).sum() + side.sum()), reduced


def _shortlist(candidates, rules, model, index, cost, time_limit, started):
    """Candidates that can be in an optimal panel, by Lagrangian reduced-cost fixing.

    1. A small core K0: the most relevant experts of every class (same quota values and returning
       status), of every topic, everyone who must sit or has a declared conflict, the 2·size most relevant.
    2. The LP relaxation on K0 gives multipliers λ (its row duals) and the MILP on K0 a panel of value LB
       (a panel of the full problem too, since K0's rows are the full rows restricted to K0).
    3. For the full problem, L(λ) bounds every panel (``_lagrangian``), and a panel with expert i has
       value at most L(λ) - max(0, d_i) + d_i. When that is below LB, no optimal panel contains i.
    Keeping K1 = K0 ∪ {i : L(λ) - max(0, d_i) + d_i >= LB - tolerance} therefore keeps every optimal
    panel: the MILP over K1 has the same optimum as over everyone. (The bound holds for any λ, so a
    poor λ only keeps more experts; it never loses the optimum.) Returns the indices of K1, or None
    when the reduction does not apply (K0 without a panel, or too small a pool to bother).
    """
    n = len(candidates)
    if n <= max(2000, 20 * rules.size):
        return None
    relevance = cost[:n]
    must = {index[i] for i in rules.include if i in index}
    must.update(index[i] for pair in rules.conflicts for i in pair if i in index)
    codes = [np.unique(values.astype(str), return_inverse=True)[1] for _, values in sorted(model.features.items())]
    codes.append(model.returning.astype(np.int64))
    _, classes = np.unique(np.stack(codes, axis=1), axis=0, return_inverse=True)  # same quota values, returning
    order = np.argsort(-relevance, kind="stable")
    core = set(order[: 2 * rules.size].tolist()) | must
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    by_class = np.lexsort((rank, classes))
    position = np.arange(n) - np.searchsorted(classes[by_class], classes[by_class])  # rank within the class
    core.update(by_class[position < 2].tolist())
    for r, kind in enumerate(model.kinds):
        if kind == "topic":
            members = model.rows[r][:-1]
            core.update(members[np.argsort(rank[members])[:4]].tolist())
        elif kind in ("continuity", "quota") and model.low[r] > 0:
            members = model.rows[r]
            core.update(members[np.argsort(rank[members])[: int(3 * model.low[r]) + 2]].tolist())
    core = np.array(sorted(core), dtype=np.int64)
    if len(core) > n // 2:
        return None
    full = model.matrix()
    columns = np.concatenate([core, n + np.arange(len(rules.topics))])
    sub = full[:, columns]
    low, high = np.array(model.low), np.array(model.high)
    remaining = time_limit - (time.perf_counter() - started)
    relaxed = _highs(cost[columns], sub, low, high, len(core), len(rules.topics), remaining, relax=True)
    panel = _highs(cost[columns], sub, low, high, len(core), len(rules.topics), time_limit - (time.perf_counter() - started))
    if relaxed.row_duals is None or panel.x is None:
        return None
    best = None
    for duals in (relaxed.row_duals, -relaxed.row_duals):
        bound, reduced = _lagrangian(cost, full, low, high, duals, n)
        if reduced is not None and (best is None or bound < best[0]):
            best = (bound, reduced)
    if best is None:
        return None
    bound, reduced = best
    with_i = bound - np.maximum(reduced[:n], 0) + reduced[:n]
    tolerance = 1e-7 * max(1.0, abs(panel.value))
    keep = np.flatnonzero(with_i >= panel.value - tolerance)
    if DEBUG:
        print(f"  core {len(core)}, bound {bound:.6f}, panel {panel.value:.6f}, kept {len(keep)}")
    shortlist = np.union1d(keep, core)
    return shortlist, (panel if len(shortlist) == len(core) else None)


def plan(candidates: list[Candidate], rules: Rules, time_limit: float = 60.0, reduce: bool = True) -> Plan:
    """The best panel under the rules. ``proven_optimal`` when HiGHS proved it; ``timed_out`` when the time
    limit stopped it (with the best panel found, if any: never reported as infeasible); when the rules
    cannot hold together, ``conflicts`` names a whole irreducible conflicting set of rules."""
    started = time.perf_counter()
    candidates = [c for c in candidates if c.id not in rules.exclude]
    n = len(candidates)
    model, index = _build(candidates, rules)
    cost = _objective(candidates, rules)
    low, high = np.array(model.low), np.array(model.high)
    shortlist = _shortlist(candidates, rules, model, index, cost, time_limit, started) if reduce else None
    matrix = model.matrix()
    if shortlist is not None:
        shortlist, solved = shortlist  # the core's panel is optimal when nobody outside the core can matter
        columns = np.concatenate([shortlist, n + np.arange(len(rules.topics))])
        if solved is None:
            solved = _highs(cost[columns], matrix[:, columns], low, high, len(shortlist), len(rules.topics),
                            time_limit - (time.perf_counter() - started))
        if solved.x is not None:
            x = np.zeros(model.n)
            x[columns] = solved.x
            solved.x = x
    else:
        solved = _highs(cost, matrix, low, high, n, len(rules.topics), time_limit - (time.perf_counter() - started))
    if solved.x is None:
        if solved.status == "infeasible":
            outcome = Plan(feasible=False, conflicts=_diagnose(candidates, rules, model, time_limit))
        else:
            outcome = Plan(feasible=False, timed_out=True, status=solved.status)
        outcome.seconds = time.perf_counter() - started
        outcome.candidates_considered = n if shortlist is None else len(shortlist)
        return outcome
    chosen = [candidates[i] for i in range(n) if solved.x[i] > 0.5]
    outcome = describe(candidates, rules, [c.id for c in chosen])
    outcome.proven_optimal = solved.status == "optimal"
    outcome.timed_out = solved.status == "time limit"
    outcome.status = solved.status
    outcome.objective = solved.value
    outcome.bound = solved.bound
    outcome.candidates_considered = n if shortlist is None else len(shortlist)
    outcome.seconds = time.perf_counter() - started
    return outcome


def describe(candidates: list[Candidate], rules: Rules, panel_ids: list[str]) -> Plan:
    """Balance table, reasons and runners-up for a panel (the planner's, or one the secretariat edited)."""
    by_id = {c.id: c for c in candidates}
    panel = [by_id[i] for i in panel_ids if i in by_id]
    chosen = {c.id for c in panel}
    t = rules.t
    balance = [BalanceRow(rules.seats(), str(rules.size), len(panel), len(panel) == rules.size)]
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
        balance.append(BalanceRow(t.gettext("per country"), f"≤ {rules.max_per_country}", worst, worst <= rules.max_per_country))
    if rules.min_returning:
        returning = sum(1 for c in panel if c.returning)
        balance.append(BalanceRow(t.gettext("returning participants"), f"≥ {rules.min_returning}", returning, returning >= rules.min_returning))
    for person in sorted(rules.include):
        balance.append(BalanceRow(t.gettext("include %(name)s") % {"name": rules.name(person)}, t.gettext("yes"), int(person in chosen),
                                  person in chosen))
    for a, b in rules.conflicts:
        together = a in chosen and b in chosen
        balance.append(BalanceRow(t.gettext("not both %(a)s and %(b)s") % {"a": rules.name(a), "b": rules.name(b)}, "≤ 1",
                                  int(a in chosen) + int(b in chosen), not together))

    covered = [t for t in rules.topics if any(t in c.topics for c in panel)]
    reasons = {}
    for c in panel:
        why = [t.gettext("relevance %(relevance).2f") % {"relevance": c.relevance}]
        only = [t for t in rules.topics if t in c.topics and not any(t in o.topics for o in panel if o.id != c.id)]
        if only:
            why.append(t.gettext("only one on the panel covering %(topics)s") % {"topics": ", ".join(only)})
        elif c.topics & set(rules.topics):
            why.append(t.gettext("covers %(topics)s") % {"topics": ", ".join(topic for topic in rules.topics if topic in c.topics)})
        if c.returning:
            why.append(t.gettext("took part in the previous meeting"))
        if c.id in rules.include:
            why.append(t.gettext("must be included"))
        why.extend(t.gettext("counts for %(quota)s") % {"quota": q.label} for q in rules.quotas if c.features.get(q.category) == q.value and q.min > 0)
        reasons[c.id] = why
    excluded = set(rules.exclude)
    best = heapq.nlargest(5 + len(chosen) + len(excluded), candidates, key=lambda c: c.relevance)
    runners_up = [c.id for c in best if c.id not in chosen and c.id not in excluded][:5]
    return Plan(
        feasible=all(row.ok for row in balance), panel=[c.id for c in panel], balance=balance, reasons=reasons,
        runners_up=runners_up, covered=covered, uncovered=[t for t in rules.topics if t not in covered],
        relevance=sum(c.relevance for c in panel),
    )


def swap(candidates: list[Candidate], rules: Rules, panel_ids: list[str], out_id: str, in_id: str) -> Plan:
    """The panel with one person replaced, described with its balance (which may now fail a rule)."""
    if out_id not in panel_ids:
        raise ValueError(rules.t.gettext("%(person)s is not on the panel.") % {"person": out_id})
    if in_id in panel_ids:
        raise ValueError(rules.t.gettext("%(person)s is already on the panel.") % {"person": in_id})
    return describe(candidates, rules, [in_id if i == out_id else i for i in panel_ids])


def _feasible(model, rows, n_integer, n_continuous, time_limit):
    """True, False, or None when the time limit stopped HiGHS first."""
    solved = _highs(np.zeros(model.n), model.matrix(rows), np.array(model.low)[rows], np.array(model.high)[rows],
                    n_integer, n_continuous, time_limit)
    if solved.x is not None:
        return True
    return False if solved.status == "infeasible" else None


def _diagnose(candidates, rules, model, time_limit=60.0) -> list[Conflict]:
    """The whole conflicting set: a deletion filter over the rules (a rule = a quota, the seats, the
    per-country limit, continuity, one inclusion, one conflict of interest) finds an irreducible set of
    rules that cannot hold together (drop any one and a panel exists). Each is reported with the amount
    by which the smallest total relaxation (one slack per rule) needs it to give way, often 0 for all
    but one of them: the point is that they conflict together."""
    t = rules.t
    started = time.perf_counter()
    n_integer, n_continuous = len(candidates), len(rules.topics)
    groups = list(dict.fromkeys(g for g, kind in zip(model.groups, model.kinds) if kind != "topic"))
    hard = [r for r, kind in enumerate(model.kinds) if kind == "topic"]
    active = list(groups)
    for group in list(groups):
        trial = [g for g in active if g != group]
        rows = sorted(hard + [r for r, g in enumerate(model.groups) if g in trial])
        left = max(0.5, time_limit - (time.perf_counter() - started))
        if _feasible(model, rows, n_integer, n_continuous, min(left, max(1.0, time_limit / 4))) is False:
            active = trial  # still infeasible without it: not needed to explain the conflict
    amounts = _slacks(candidates, rules, model, time_limit)
    conflicts = []
    for group in active:
        rows = [r for r, g in enumerate(model.groups) if g == group]
        short = sum(amounts.get(r, (0, 0))[0] for r in rows)
        over = sum(amounts.get(r, (0, 0))[1] for r in rows)
        others = [g for g in active if g != group]
        name, low, high = model.names[rows[0]], model.low[rows[0]], model.high[rows[0]]
        if model.kinds[rows[0]] == "country":
            what = group
        elif low == high:
            what = t.gettext("%(rule)s (exactly %(value)s)") % {"rule": name, "value": f"{low:g}"}
        elif np.isinf(high):
            what = t.gettext("%(rule)s (at least %(value)s)") % {"rule": name, "value": f"{low:g}"}
        else:
            what = f"{name} ({low:g}–{high:g})"
        sentences = {  # (with other rules?, short or over?)
            (True, "short"): t.gettext("%(rule)s cannot hold together with %(others)s (short by %(amount).0f)."),
            (True, "over"): t.gettext("%(rule)s cannot hold together with %(others)s (over by %(amount).0f)."),
            (True, ""): t.gettext("%(rule)s cannot hold together with %(others)s."),
            (False, "short"): t.gettext("%(rule)s cannot be met with this pool (short by %(amount).0f)."),
            (False, "over"): t.gettext("%(rule)s cannot be met with this pool (over by %(amount).0f)."),
            (False, ""): t.gettext("%(rule)s cannot be met with this pool."),
        }
        sentence = sentences[bool(others), "short" if short else "over" if over else ""]
        conflicts.append(Conflict(group, int(short or over),
                                  sentence % {"rule": what, "others": ", ".join(others), "amount": short or over}))
    if not conflicts:
        conflicts.append(Conflict(t.gettext("all rules"), 0, t.gettext("No panel could be formed even with every rule relaxed.")))
    return conflicts


def _slacks(candidates, rules, model, time_limit):
    """Minimise the total violation: one slack below and one above each rule (topic rows stay hard).
    Returns {row: (shortfall, excess)} for the rows that give way."""
    n_rows = len(model.rows)
    elastic = [r for r in range(n_rows) if model.kinds[r] != "topic"]
    extra = 2 * len(elastic)
    matrix = model.matrix(extra_columns=extra).tolil()
    for k, r in enumerate(elastic):
        matrix[r, model.n + 2 * k] = 1.0  # shortfall: helps reach the minimum
        matrix[r, model.n + 2 * k + 1] = -1.0  # excess: helps stay under the maximum
    cost = np.concatenate([np.zeros(model.n), -np.ones(extra)])  # maximise minus the violation
    upper = np.concatenate([np.ones(model.n), np.full(extra, float(len(candidates) + 1))])
    n_integer = len(candidates)
    order = np.concatenate([np.arange(n_integer), model.n + np.arange(extra), n_integer + np.arange(len(rules.topics))])
    solved = _highs(cost[order], matrix.tocsr()[:, order], np.array(model.low), np.array(model.high),
                    n_integer + extra, len(rules.topics), time_limit, columns_upper=upper[order])
    if solved.x is None:
        return {}
    x = np.empty(len(order))
    x[order] = solved.x
    result = {}
    for k, r in enumerate(elastic):
        short, excess = round(x[model.n + 2 * k]), round(x[model.n + 2 * k + 1])
        if short or excess:
            result[r] = (short, excess)
    return result

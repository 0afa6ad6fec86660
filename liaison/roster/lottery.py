"""Fair selection by lottery: a probability distribution over rule-satisfying panels that gives every
pool member the largest possible minimum chance (maximin), then, among those, the largest
second-smallest chance and so on (leximin). Pure Python with HiGHS (highspy): no Django.

The panel problem has the planner's rules, as constraints (not filters afterwards): min/max seats per
quota value, at most m per country, at least c returning participants, people who must or must not
sit (``Limits``).

People with the same features (and the same country/returning status when those rules apply) are
interchangeable, so the distribution is computed over *types*: a panel is a number of seats per type,
and a member of type t whose panel gives t s seats out of |t| members is chosen with probability s/|t|.
This is exact: symmetric people get equal chances in some optimal distribution.

Column generation, built for pools where nearly every person is a type of his own:
- the master LP (max z: every free type's chance >= z, fixed types keep their level, probabilities
  sum to 1) is one HiGHS model kept between rounds: new panels are added as columns and the simplex
  restarts from the previous basis;
- start-up: panels that cover every type that can sit at all, built by a swap search from one MILP
  panel towards the uncovered types (the MILP is asked only when the swaps get stuck, and its answer
  also proves which types can never sit);
- pricing: several improving panels per round from a swap search started at the panels in use,
  priced at smoothed duals (Wentges: a convex combination of the duals with the best bound so far and
  the current ones, against the dual oscillation that makes column generation tail off); the exact
  pricing MILP (one HiGHS model, only its objective changes) is solved when the swaps find nothing;
- bounds: any dual vector y gives the bound max_P (y·P) - Σ_fixed y_f v_f (Lagrangian duality); the
  MILP's dual bound is used, so the bound is certified even when the MILP stops at a gap; the count of
  seats gives the bound (k - Σ_fixed v_f |f|) / (people still free), which ends the loose cases at
  once. A round stops as soon as the master's value meets the best bound (within 1e-7);
- leximin: first the leximin of the marginal polytope (small LPs over the types, no panels), then one
  column generation that looks for panels reaching those expected seats; reached, it is the leximin
  optimum (no distribution over panels can do better rank by rank). Otherwise, rounds: the types whose
  constraint has a positive dual are fixed at the round's value and the next round starts from all the
  columns found so far;
- the master LP runs the primal simplex: new columns keep its basis primal feasible.

A panel is drawn from a published seed; the distribution has a hash (``Lottery.digest``), so anyone
can redo the draw from the seed and the published distribution and check it (``verify``).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from liaison.core.messages import TranslatableError, gettext_noop

from .quotas import Quota

EPS = 1e-10  # slack when holding a fixed level in the next leximin round
TOLERANCE = 1e-7  # a round stops when bound - value <= TOLERANCE (exact to 1e-6)
INF = float("inf")


class InfeasibleQuotas(TranslatableError):
    """No fair draw with these quotas; ``str(error)`` is English (the command line), a page shows
    ``error.translated(gettext)``."""


@dataclass(frozen=True)
class Limits:
    """The planner's rules beyond the quotas, by pool index."""

    max_per_country: int | None = None
    countries: tuple[str, ...] | None = None  # one per person ("" for none)
    min_returning: int = 0
    returning: tuple[bool, ...] | None = None  # one per person
    include: frozenset[int] = frozenset()
    exclude: frozenset[int] = frozenset()


@dataclass
class Lottery:
    size: int
    types: list[tuple]  # the key of each type (feature values in category order, then rule marks)
    categories: list[str]
    members: list[list[int]]  # pool indices of each type's members
    panels: list[list[int]] = field(default_factory=list)  # seats per type
    weights: list[float] = field(default_factory=list)  # probability of each panel
    type_probability: list[float] = field(default_factory=list)
    seconds: float = 0.0
    iterations: int = 0
    milps: int = 0  # pricing MILPs solved
    columns: int = 0  # panels generated in all
    bound: float = 1.0  # certified upper bound on the minimum (maximin round)
    excluded_types: frozenset = frozenset()

    @property
    def probabilities(self) -> list[float]:
        """Selection probability of each pool member, in pool order."""
        result = [0.0] * sum(len(m) for m in self.members)
        for t, members in enumerate(self.members):
            for index in members:
                result[index] = self.type_probability[t]
        return result

    @property
    def minimum(self) -> float:
        """The smallest chance among the people the rules do not exclude."""
        chances = [p for t, p in enumerate(self.type_probability) if t not in self.excluded_types]
        return min(chances) if chances else 0.0

    def distribution(self) -> dict:
        """What is published before the draw: the members of each type and the panels with their weights."""
        return {
            "size": self.size,
            "members": [sorted(m) for m in self.members],
            "panels": [list(map(int, p)) for p in self.panels],
            "weights": [float(w) for w in self.weights],
        }

    @property
    def digest(self) -> str:
        return distribution_digest(self.distribution())

    def draw(self, seed: str | int) -> list[int]:
        """A panel (pool indices, sorted) drawn with ``random.Random(seed)``: pick a panel type by
        its probability, then the members of each type uniformly. The same seed gives the same panel."""
        return draw(self.distribution(), seed)


def distribution_digest(distribution: dict) -> str:
    canonical = json.dumps(distribution, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def draw(distribution: dict, seed: str | int) -> list[int]:
    rng = random.Random(str(seed))
    weights, panels = distribution["weights"], distribution["panels"]
    point, chosen = rng.random(), len(panels) - 1
    running = 0.0
    for j, weight in enumerate(weights):
        running += weight
        if point < running:
            chosen = j
            break
    panel = []
    for t, seats in enumerate(panels[chosen]):
        if seats:
            panel.extend(rng.sample(sorted(distribution["members"][t]), seats))
    return sorted(panel)


def verify(distribution: dict, digest: str, seed: str | int, panel: list[int]) -> tuple[bool, str]:
    """Check a published draw: the distribution has this hash and this seed draws this panel."""
    actual = distribution_digest(distribution)
    if actual != digest:
        return False, f"the distribution's hash is {actual}, not {digest}"
    redrawn = draw(distribution, seed)
    if sorted(panel) != redrawn:
        return False, "the seed draws a different panel"
    return True, "the seed and the distribution give this panel"


# ---------------------------------------------------------------------------------------------------
# The panel problem


class _Space:
    """Panels as seats per type under partition-style constraints: each *partition* (a quota category,
    the countries, returning or not) gives every type one value, with min/max seats per value."""

    def __init__(self, size, types_count, lower, upper):
        self.size = size
        self.lower = np.asarray(lower, dtype=float)  # seats per type
        self.upper = np.asarray(upper, dtype=float)
        self.codes, self.low, self.high, self.names = [], [], [], []
        self.n = types_count

    def add_partition(self, codes, low, high, names):
        self.codes.append(np.asarray(codes, dtype=np.int64))
        self.low.append(np.asarray(low, dtype=float))
        self.high.append(np.asarray(high, dtype=float))
        self.names.append(names)

    def feasible(self, counts) -> bool:
        counts = np.asarray(counts)
        if counts.sum() != self.size or np.any(counts < self.lower) or np.any(counts > self.upper):
            return False
        for codes, low, high in zip(self.codes, self.low, self.high):
            per_value = np.bincount(codes, weights=counts, minlength=len(low))
            if np.any(per_value < low - 1e-9) or np.any(per_value > high + 1e-9):
                return False
        return True

    def improve(self, counts, value, max_steps=None, width=None):
        """Best-improvement single swaps (one seat from type a to type b) while they raise ``value·counts``
        and keep every rule, b among the ``width`` most valuable types (default 4·size). Returns the
        improved counts (a new array)."""
        counts = np.array(counts, dtype=np.int64)
        width = min(self.n, width or 4 * self.size + 8)
        pool = np.argpartition(-value, width - 1)[:width] if width < self.n else np.arange(self.n)
        pool_value = value[pool]
        pool_codes = [codes[pool] for codes in self.codes]
        pool_upper = self.upper[pool]
        steps = 0
        while max_steps is None or steps < max_steps:
            removable = np.flatnonzero(counts > self.lower)
            if not len(removable):
                break
            ok = (counts[pool] < pool_upper)[None, :] & (pool_value[None, :] > value[removable][:, None] + 1e-12)
            for codes, pcodes, low, high in zip(self.codes, pool_codes, self.low, self.high):
                if not ok.any():
                    break
                per_value = np.bincount(codes, weights=counts, minlength=len(low))
                can_add = (per_value + 1 <= high + 1e-9)[pcodes]  # per b
                a_codes = codes[removable]
                can_remove = per_value[a_codes] - 1 >= low[a_codes] - 1e-9  # per a
                ok &= (a_codes[:, None] == pcodes[None, :]) | (can_remove[:, None] & can_add[None, :])
            if not ok.any():
                break
            gain = np.where(ok, pool_value[None, :] - value[removable][:, None], -INF)
            i, j = divmod(int(np.argmax(gain)), len(pool))
            counts[removable[i]] -= 1
            counts[pool[j]] += 1
            steps += 1
        return counts


class _Pricing:
    """The pricing MILP (max value·seats over rule-satisfying panels), one HiGHS model whose objective
    changes between calls."""

    def __init__(self, space: _Space, time_limit=None):
        import highspy

        self.space = space
        h = self.h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("mip_rel_gap", 1e-9)
        if time_limit:
            h.setOptionValue("time_limit", float(time_limit))
        n = space.n
        h.addVars(n, space.lower, space.upper)
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.full(n, 1, dtype=np.uint8))  # kInteger
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.addRow(space.size, space.size, n, np.arange(n, dtype=np.int32), np.ones(n))
        for codes, low, high in zip(space.codes, space.low, space.high):
            for v in range(len(low)):
                if low[v] <= 0 and high[v] >= space.size:
                    continue
                members = np.flatnonzero(codes == v).astype(np.int32)
                h.addRow(float(low[v]), float(min(high[v], highspy.kHighsInf)), len(members), members, np.ones(len(members)))
        self.status_optimal = highspy.HighsModelStatus.kOptimal
        self.status_infeasible = highspy.HighsModelStatus.kInfeasible

    def solve(self, value, start=None):
        """(best panel or None, upper bound on the best value, proven optimal)."""
        n = self.space.n
        self.h.changeColsCost(n, np.arange(n, dtype=np.int32), np.asarray(value, dtype=float))
        if start is not None:
            self.h.setSolution(_solution(self.h, start))
        self.h.run()
        status = self.h.getModelStatus()
        info = self.h.getInfo()
        if info.primal_solution_status < 2:  # no feasible panel found
            return None, -INF if status == self.status_infeasible else INF, False
        panel = np.rint(np.array(self.h.getSolution().col_value)).astype(np.int64)
        bound = info.mip_dual_bound if status != self.status_optimal else max(info.mip_dual_bound, info.objective_function_value)
        return panel, bound, status == self.status_optimal


def _solution(h, start):
    import highspy

    solution = highspy.HighsSolution()
    solution.col_value = [float(v) for v in start]
    solution.value_valid = True
    return solution


class _Master:
    """max z s.t. share_t·(seats of t in the chosen panels) - z >= 0 (free types), >= v_t (fixed types),
    Σ weights = 1. One HiGHS LP; panels are added as columns."""

    def __init__(self, shares):
        import highspy

        self.shares = np.asarray(shares, dtype=float)
        h = self.h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("simplex_strategy", 4)  # primal: new columns keep the basis primal feasible
        t = len(shares)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.addVar(-highspy.kHighsInf, highspy.kHighsInf)  # z, column 0
        h.changeColCost(0, 1.0)
        for row in range(t):
            h.addRow(0.0, highspy.kHighsInf, 1, np.array([0], dtype=np.int32), np.array([-1.0]))
        h.addRow(1.0, 1.0, 0, np.array([], dtype=np.int32), np.array([]))
        self.convexity = t
        self.columns: list[np.ndarray] = []
        self.known: set[bytes] = set()

    def add(self, panel) -> bool:
        panel = np.asarray(panel, dtype=np.int64)
        key = panel.tobytes()
        if key in self.known:
            return False
        self.known.add(key)
        self.columns.append(panel)
        rows = np.flatnonzero(panel).astype(np.int32)
        values = panel[rows] * self.shares[rows]
        rows = np.append(rows, np.int32(self.convexity))
        values = np.append(values, 1.0)
        self.h.addCol(0.0, 0.0, INF, len(rows), rows, values)
        return True

    def fix(self, t, level):
        self.h.changeCoeff(int(t), 0, 0.0)
        self.h.changeRowBounds(int(t), max(0.0, level - EPS), INF)

    def solve(self):
        self.h.run()
        status = self.h.getModelStatus()
        if status != self.h.getModelStatus().kOptimal:
            raise RuntimeError(f"master LP failed: {self.h.modelStatusToString(status)}")
        solution = self.h.getSolution()
        duals = np.abs(np.array(solution.row_dual[: self.convexity]))
        x = np.array(solution.col_value)
        return x[0], np.clip(x[1:], 0, None), duals


# ---------------------------------------------------------------------------------------------------


def _types(people, categories, limits: Limits):
    groups = defaultdict(list)
    for index, person in enumerate(people):
        key = tuple(person.get(c, "") for c in categories)
        if limits.max_per_country is not None and limits.countries is not None:
            key += (("country", limits.countries[index] or ""),)
        if limits.min_returning and limits.returning is not None:
            key += (("returning", bool(limits.returning[index])),)
        if index in limits.exclude:
            key += (("excluded",),)
        elif index in limits.include:
            key += (("included", index),)
        groups[key].append(index)
    types = sorted(groups, key=repr)
    return types, [groups[t] for t in types]


def _space(quotas, categories, types, members, size, limits: Limits):
    lower = [len(m) if any(i in limits.include for i in m) else 0 for m in members]
    upper = [0 if any(i in limits.exclude for i in m) else len(m) for m in members]
    space = _Space(size, len(types), lower, upper)
    for c, category in enumerate(categories):
        values = sorted({q.value for q in quotas if q.category == category})
        code_of = {v: j for j, v in enumerate(values)}
        low = np.zeros(len(values) + 1)
        high = np.full(len(values) + 1, float(size))
        for q in quotas:
            if q.category == category:
                low[code_of[q.value]] = max(low[code_of[q.value]], q.min)
                high[code_of[q.value]] = min(high[code_of[q.value]], q.max)
        codes = [code_of.get(t[c], len(values)) for t in types]
        space.add_partition(codes, low, high, [f"{category}={v}" for v in values] + [f"{category}: other"])
    if limits.max_per_country is not None and limits.countries is not None:
        countries = sorted({m for t in types for m in t if isinstance(m, tuple) and m[0] == "country"})
        code_of = {c: j for j, c in enumerate(countries)}
        codes = [next(code_of[m] for m in t if isinstance(m, tuple) and m[0] == "country") for t in types]
        high = np.array([size if c[1] == "" else limits.max_per_country for c in countries], dtype=float)
        space.add_partition(codes, np.zeros(len(countries)), high, [f"country {c[1]}" for c in countries])
    if limits.min_returning and limits.returning is not None:
        codes = [int(any(m == ("returning", True) for m in t)) for t in types]
        space.add_partition(codes, np.array([0.0, limits.min_returning]), np.array([float(size)] * 2), ["new", "returning"])
    return space


def _first_panel(space, pricing, rng):
    panel, bound, _ = pricing.solve(rng.random(space.n))
    if panel is None:
        if bound == INF:
            raise InfeasibleQuotas(gettext_noop("No panel was found within the time limit."))
        raise InfeasibleQuotas(gettext_noop("No panel of this size satisfies the quotas with this pool."))
    return panel


def _cover(space, pricing, master, first, rng, stats):
    """Panels that together seat every type that can sit; returns the types that never can."""
    covered = first > 0
    for column in master.columns:
        covered |= column > 0
    master.add(first)
    current = first
    while not covered.all():
        value = np.where(covered, 0.0, 1.0) + 0.01 * rng.random(space.n)
        candidate = space.improve(current, value)
        if not np.any((candidate > 0) & ~covered):
            stats["milps"] += 1
            candidate, bound, proven = pricing.solve(np.where(covered, 0.0, 1.0), start=current)
            if candidate is None or not np.any((candidate > 0) & ~covered):
                if bound < 1 - 1e-6 or (candidate is not None and proven):
                    return np.flatnonzero(~covered)
                raise InfeasibleQuotas(gettext_noop("The time limit was reached before every person's chance could be computed."))
        covered |= candidate > 0
        master.add(candidate)
        current = candidate
    return np.array([], dtype=np.int64)


def _marginals(space, sizes, free, fixed=None, upper=None):
    """The marginal relaxation: max z over expected seats per type s_t (lower_t <= s_t <= upper_t) with the
    panel's rows in expectation and s_t / |t| >= z for the free types. Every distribution over panels
    has such marginals, so its value bounds the maximin; often the two are equal. Returns (z, s)."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    n = space.n
    upper = space.upper if upper is None else upper
    lower = space.lower.copy()
    for t, level in (fixed or {}).items():  # a leximin round: fixed types keep their level
        lower[t] = min(upper[t], max(lower[t], sizes[t] * (level - EPS)))
    h.addVars(n, lower, upper)
    h.addVar(0.0, 1.0)  # z
    h.changeColCost(n, 1.0)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addRow(space.size, space.size, n, np.arange(n, dtype=np.int32), np.ones(n))
    for codes, low, high in zip(space.codes, space.low, space.high):
        for v in range(len(low)):
            members = np.flatnonzero(codes == v).astype(np.int32)
            if len(members) and (low[v] > 0 or high[v] < space.size):
                h.addRow(float(low[v]), float(high[v]), len(members), members, np.ones(len(members)))
    for t in free:
        h.addRow(0.0, highspy.kHighsInf, 2, np.array([t, n], dtype=np.int32), np.array([1.0, -sizes[t]]))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return 1.0, None, []
    solution = h.getSolution()
    x = np.array(solution.col_value)
    duals = np.abs(np.array(solution.row_dual[-len(free):])) if len(free) else np.array([])
    binding = [t for t, d in zip(free, duals) if d > 1e-9]  # at z in every optimal marginal vector
    return float(x[n]), np.clip(x[:n], space.lower, upper), binding


def _systematic(space, person_type, chance, rng, samples):
    """Panels by systematic sampling: people in a stratified order (the type most behind its share of the
    expected seats in every category comes next), cumulative chances, and the people hit by the points
    u, u + 1, …, u + size - 1 for ``samples`` evenly spread u. Each person is drawn in about a share
    ``chance`` of the samples, and each sample, spread over the whole order, is close to the expected
    seats in every category: with loose quotas they all satisfy them."""
    n, k = len(person_type), space.size
    per_type = np.bincount(person_type, minlength=space.n)
    type_chance = np.zeros(space.n)
    np.add.at(type_chance, person_type, chance)
    type_chance = type_chance / np.maximum(per_type, 1)
    mass = per_type * type_chance
    frac = [np.bincount(codes, weights=mass, minlength=len(low)) / max(mass.sum(), 1e-12) for codes, low in zip(space.codes, space.low)]
    seen = [np.zeros(len(f)) for f in frac]
    remaining = per_type.astype(float)
    remaining[type_chance <= 1e-12] = 0
    noise = rng.random(space.n) * 1e-9
    sequence, total = [], 0.0
    while remaining.any():
        score = noise.copy()
        for codes, f, count in zip(space.codes, frac, seen):
            score += f[codes] * (total + type_chance) - count[codes]
        score[remaining == 0] = -INF
        t = int(np.argmax(score))
        sequence.append(t)
        remaining[t] -= 1
        total += type_chance[t]
        for codes, count in zip(space.codes, seen):
            count[codes[t]] += type_chance[t]
    sequence = np.array(sequence, dtype=np.int64)
    cumulative = np.cumsum(type_chance[sequence])
    scale = k / cumulative[-1] if len(cumulative) else 1.0
    cumulative *= scale
    panels = []
    for m in range(samples):
        points = (m + 0.5) / samples + np.arange(k)
        hit = np.minimum(np.searchsorted(cumulative, points, side="right"), len(sequence) - 1)
        panels.append(np.bincount(sequence[hit], minlength=space.n))
    return panels


def _designs(space, person_type, rng, orders=2, repair_limit=None):
    """Cyclic designs: people in a stratified circular order (each category's values spread evenly),
    cut into windows of ``size`` consecutive people, ``n / gcd(n, size)`` windows so that everyone is
    in the same number of them. When every window satisfies the rules, their uniform mixture gives
    everyone exactly size / n, the counting bound: the optimum, found without any pricing. Windows that
    break a rule are repaired (the rule-satisfying panel closest to them, one MILP each)."""
    from math import gcd

    n, k = len(person_type), space.size
    if k >= n:
        return []
    windows = n // gcd(n, k)
    remaining0 = np.bincount(person_type, minlength=space.n).astype(float)
    shares = [np.bincount(codes, weights=remaining0, minlength=len(low)) / n for codes, low in zip(space.codes, space.low)]
    panels = []
    for _ in range(orders):
        remaining = remaining0.copy()
        seen = [np.zeros(len(share)) for share in shares]
        noise = rng.random(space.n) * 1e-6
        sequence = np.empty(n, dtype=np.int64)
        for position in range(n):  # the type most behind its share in every category comes next
            score = noise.copy()
            for codes, share, count in zip(space.codes, shares, seen):
                score += (share * (position + 1) - count)[codes]
            score[remaining == 0] = -INF
            t = int(np.argmax(score))
            sequence[position] = t
            remaining[t] -= 1
            for codes, count in zip(space.codes, seen):
                count[codes[t]] += 1
        doubled = np.concatenate([sequence, sequence])
        for w in range(windows):
            start = (w * k) % n
            panels.append(np.bincount(doubled[start:start + k], minlength=space.n))
    return panels


def solve(people: list[dict[str, str]], quotas: list[Quota], size: int, leximin: bool = True,
          limits: Limits | None = None, seed: int = 0) -> Lottery:
    started = time.perf_counter()
    limits = limits or Limits()
    categories = sorted({q.category for q in quotas})
    types, members = _types(people, categories, limits)
    sizes = np.array([len(m) for m in members], dtype=float)
    shares = 1.0 / sizes
    space = _space(quotas, categories, types, members, size, limits)
    if space.lower.sum() > size:
        raise InfeasibleQuotas(gettext_noop("More people must sit than there are seats."))
    rng = np.random.default_rng(seed)
    pricing = _Pricing(space)
    master = _Master(shares)
    stats = {"iterations": 0, "milps": 1}
    person_type = np.empty(len(people), dtype=np.int64)
    for t, m in enumerate(members):
        person_type[m] = t
    startup_free = [t for t in range(len(types)) if space.upper[t] > space.lower[t]]
    marginal_bound, expected, marginal_binding = _marginals(space, sizes, startup_free)
    if expected is not None and size < len(people):
        chance = (expected / sizes)[person_type]
        repairs = 0
        if np.ptp(chance[chance > 0]) < 1e-9:  # everyone at size / n: cyclic windows of a stratified order
            designs = _designs(space, person_type, rng)
        else:
            designs = _systematic(space, person_type, chance, rng, min(400, max(50, 2 * len(people) // size)))
        for counts in designs:
            if space.feasible(counts):
                master.add(counts)
            elif repairs < 8:
                repairs += 1
                stats["milps"] += 1
                panel, _, _ = pricing.solve(counts / np.maximum(sizes, 1))
                if panel is not None:
                    master.add(panel)
    never = set(_cover(space, pricing, master, _first_panel(space, pricing, rng), rng, stats).tolist())
    excluded = {t for t in range(len(types)) if space.upper[t] == 0}
    fixed: dict[int, float] = {}
    for t in never | excluded:
        fixed[t] = 0.0
        master.fix(t, 0.0)
    for t in range(len(types)):
        if space.lower[t] == space.upper[t] and t not in fixed:  # must sit
            fixed[t] = 1.0
            master.fix(t, 1.0)
    free = [t for t in range(len(types)) if t not in fixed]
    lottery = Lottery(size=size, types=types, categories=categories, members=members,
                      excluded_types=frozenset(excluded))
    first_round = True
    shortcut = True
    z, x = 0.0, None
    while free:
        if not first_round or never:  # the marginal bound of this round (the start-up one let never-types sit)
            marginal_bound, _, marginal_binding = _marginals(space, sizes, free, fixed)
        z, x, duals, bound, stop = _round(space, pricing, master, shares, sizes, fixed, free, stats, rng,
                                          ceiling=marginal_bound)
        if first_round:
            lottery.bound = 0.0 if never else bound  # people who can never sit have chance 0
            first_round = False
        if not leximin:
            break
        if shortcut:
            shortcut = False
            done = _leximin_by_marginals(space, pricing, master, sizes, fixed, free, never, stats, rng)
            if done is not None:
                z, x, master = done
                break
        # The types at z in every optimal distribution: by the master's duals once pricing proved them
        # optimal for all panels; all free types when the seats' count is met; by the marginal LP's
        # duals when its bound is met (the master's duals are then only optimal for its own columns).
        if stop == "counting":
            binding = list(free)
        elif stop == "ceiling":
            binding = [t for t in marginal_binding if t in set(free)]
        else:
            binding = [t for t in free if duals[t] > 1e-9]
        binding = binding or list(free)
        for t in binding:
            fixed[t] = z
            master.fix(t, z)
        free = [t for t in free if t not in fixed]
    if x is None:  # nobody is free: every type is fixed by the rules
        z, x, _ = master.solve()
    weights = x / x.sum()
    keep = [j for j, w in enumerate(weights) if w > 1e-12]
    lottery.panels = [[int(v) for v in master.columns[j]] for j in keep]
    lottery.weights = [float(weights[j]) for j in keep]
    seats = np.zeros(len(types))
    for w, panel in zip(lottery.weights, lottery.panels):
        seats += w * np.asarray(panel)
    lottery.type_probability = [float(v) for v in np.minimum(seats * shares, 1.0)]
    lottery.iterations = stats["iterations"]
    lottery.milps = stats["milps"]
    lottery.columns = len(master.columns)
    lottery.seconds = time.perf_counter() - started
    return lottery


def _leximin_by_marginals(space, pricing, master, sizes, fixed, free, never, stats, rng):
    """Leximin in one column generation instead of one per level. The expected seats of any
    distribution over panels lie in the marginal polytope (the panel's rules in expectation), so the
    leximin of the marginal polytope (a sequence of small LPs over the types, no panel at all) is at
    least the leximin over panels, rank by rank. If some distribution over panels reaches those
    expected seats, it is therefore the leximin optimum: found by maximising λ with every type's
    expected seats >= λ·target (the seats' count bounds λ by 1). Returns (z, weights, master) when
    λ reaches 1, or None when the pricing problem proves it cannot (then the rounds carry on)."""
    upper = space.upper.copy()
    upper[list(never)] = 0  # those proven never to sit do not sit in expectation either
    levels = dict(fixed)
    remaining = list(free)
    while remaining:
        z, seats, binding = _marginals(space, sizes, remaining, levels, upper)
        if seats is None:
            return None
        binding = [t for t in binding if t in set(remaining)] or list(remaining)
        for t in binding:
            levels[t] = z
        remaining = [t for t in remaining if t not in binding]
    target = np.array([sizes[t] * levels[t] for t in range(space.n)])
    positive = [t for t in range(space.n) if target[t] > 1e-12]
    zero = {t: 0.0 for t in range(space.n) if target[t] <= 1e-12}
    shares = np.where(target > 1e-12, 1.0 / np.maximum(target, 1e-300), 0.0)
    decomposition = _Master(shares)
    for t in zero:
        decomposition.fix(t, 0.0)
    for column in master.columns:
        decomposition.add(column)
    if not decomposition.columns:
        return None
    value, x, _, _, _ = _round(space, pricing, decomposition, shares, target, zero, positive, stats, rng, ceiling=1.0)
    if value < 1.0 - 1e-6:
        for column in decomposition.columns:  # the panels found still help the rounds
            master.add(column)
        return None
    return z, x, decomposition


def _round(space, pricing, master, shares, sizes, fixed, free, stats, rng, alpha=0.5, ceiling=1.0):
    """Column generation for one (maximin or leximin) round, until the value meets the bound."""
    fixed_rows = np.array(list(fixed), dtype=np.int64)
    fixed_levels = np.array([fixed[t] for t in fixed_rows], dtype=float)
    people_free = sizes[free].sum()
    counting = (space.size - float((sizes[fixed_rows] * np.maximum(fixed_levels - EPS, 0)).sum())) / people_free
    best_bound, best_duals = min(1.0, counting, ceiling), None
    stop = "counting" if counting <= ceiling else "ceiling"
    smoothing = alpha
    while True:
        stats["iterations"] += 1
        z, x, duals = master.solve()
        if z >= best_bound - TOLERANCE:
            return z, x, (best_duals if stop == "pricing" else duals), best_bound, stop
        y = duals if best_duals is None else smoothing * best_duals + (1 - smoothing) * duals
        y = y / max(y[free].sum(), 1e-300)  # a dual vector of the round: free duals sum to 1
        value = y * shares
        offset = float(y[fixed_rows] @ np.maximum(fixed_levels - EPS, 0)) if len(fixed_rows) else 0.0
        mu = z + (float(duals[fixed_rows] @ np.maximum(fixed_levels - EPS, 0)) if len(fixed_rows) else 0.0)
        current_value = duals * shares
        # Swap search from the panels in use, at the smoothed duals.
        in_use = np.flatnonzero(x > 1e-12)
        order = in_use[np.argsort(-x[in_use])][:12]
        added = 0
        for j in order:
            panel = space.improve(master.columns[j], value)
            if float(panel @ current_value) > mu + 1e-9 and master.add(panel):
                added += 1
        if added:
            continue
        stats["milps"] += 1
        start = master.columns[order[0]] if len(order) else None
        panel, top, _ = pricing.solve(value, start=start)
        if top == INF:
            raise InfeasibleQuotas(gettext_noop("The pricing problem stopped without a panel."))
        bound = top - offset
        if bound < best_bound:
            best_bound, best_duals, stop = bound, y, "pricing"
        if z >= best_bound - TOLERANCE:  # the duals that proved the bound are optimal for all panels
            return z, x, (best_duals if stop == "pricing" else duals), best_bound, stop
        if panel is not None and float(panel @ current_value) > mu + 1e-9 and master.add(panel):
            smoothing = alpha
            continue
        if panel is not None and master.add(panel):  # improving only at the smoothed duals
            continue
        if smoothing > 0:  # mispricing: price at the current duals
            smoothing = 0.0 if smoothing < 0.1 else smoothing / 2
            continue
        raise RuntimeError("column generation stalled")

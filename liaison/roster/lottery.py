"""Fair selection by lottery: a probability distribution over quota-satisfying panels that gives
every pool member the largest possible minimum chance (maximin), then, among those, the largest
second-smallest chance and so on (leximin). Pure Python with scipy's HiGHS: no Django.

People with the same features are interchangeable for the quotas, so the distribution is computed
over *types* (feature combinations): a panel is a number of seats per type, and a member of type t
whose panel gives t n seats out of |t| members is chosen with probability n/|t|. This is exact —
symmetric people get equal chances in some optimal distribution — and keeps the programs small.

Column generation: the master LP chooses probabilities over the panels found so far; its duals
price a new panel (an integer program over the quotas); the loop stops when no panel improves the
objective. A panel is drawn from a published seed, so anyone can redo the draw and check it.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from .quotas import Quota

EPS = 1e-10  # slack when holding a fixed level in the next leximin round


class InfeasibleQuotas(ValueError):
    pass


@dataclass
class Lottery:
    size: int
    types: list[tuple[str, ...]]  # the feature values of each type, in category order
    categories: list[str]
    members: list[list[int]]  # pool indices of each type's members
    panels: list[list[int]] = field(default_factory=list)  # seats per type
    weights: list[float] = field(default_factory=list)  # probability of each panel
    type_probability: list[float] = field(default_factory=list)
    seconds: float = 0.0
    iterations: int = 0

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
        return min(self.type_probability)

    def draw(self, seed: str | int) -> list[int]:
        """A panel (pool indices, sorted) drawn with ``random.Random(seed)``: pick a panel type by
        its probability, then the members of each type uniformly. The same seed gives the same panel."""
        rng = random.Random(str(seed))
        point, chosen = rng.random(), len(self.panels) - 1
        running = 0.0
        for j, weight in enumerate(self.weights):
            running += weight
            if point < running:
                chosen = j
                break
        panel = []
        for t, seats in enumerate(self.panels[chosen]):
            panel.extend(rng.sample(sorted(self.members[t]), seats))
        return sorted(panel)


def _types(people: list[dict[str, str]], categories: list[str]):
    groups = defaultdict(list)
    for index, person in enumerate(people):
        groups[tuple(person[c] for c in categories)].append(index)
    types = sorted(groups)
    return types, [groups[t] for t in types]


def _panel_constraints(quotas: list[Quota], categories: list[str], types, sizes, size):
    rows, low, high = [np.ones(len(types))], [size], [size]
    for quota in quotas:
        c = categories.index(quota.category)
        rows.append(np.array([1.0 if t[c] == quota.value else 0.0 for t in types]))
        low.append(quota.min)
        high.append(quota.max)
    return LinearConstraint(np.array(rows), low, high), Bounds(np.zeros(len(types)), np.array(sizes, dtype=float))


def _best_panel(value, constraints, bounds):
    """The quota-satisfying panel (seats per type) maximising ``value · seats``."""
    result = milp(-np.asarray(value, dtype=float), constraints=constraints, bounds=bounds, integrality=np.ones(len(value)))
    if result.status != 0 or result.x is None:
        return None
    return [int(round(v)) for v in result.x]


def _master(panels, shares, fixed: dict[int, float], free: list[int]):
    """max z s.t. sum p = 1; prob(t) >= z for free types; prob(t) >= fixed[t] for fixed ones."""
    n_panels = len(panels)
    coverage = np.array([[panel[t] * shares[t] for panel in panels] for t in range(len(shares))])  # types x panels
    c = np.zeros(n_panels + 1)
    c[-1] = -1.0
    a_ub, b_ub = [], []
    for t in free:
        a_ub.append(np.concatenate([-coverage[t], [1.0]]))
        b_ub.append(0.0)
    for t, value in fixed.items():
        a_ub.append(np.concatenate([-coverage[t], [0.0]]))
        b_ub.append(-value + EPS)
    a_eq = np.concatenate([np.ones(n_panels), [0.0]])[None, :]
    result = linprog(c, A_ub=np.array(a_ub), b_ub=b_ub, A_eq=a_eq, b_eq=[1.0],
                     bounds=[(0, None)] * n_panels + [(None, None)], method="highs")
    if result.status != 0:
        raise RuntimeError(f"master LP failed: {result.message}")
    rows = free + list(fixed)
    duals = np.zeros(len(shares))
    for r, t in enumerate(rows):
        duals[t] = -result.ineqlin.marginals[r]  # >= 0
    return result, duals, -result.eqlin.marginals[0]


def _solve(panels, shares, fixed, free, constraints, bounds, stats):
    """Column generation for one leximin round; returns (result, duals)."""
    while True:
        stats["iterations"] += 1
        result, duals, mu = _master(panels, shares, fixed, free)
        price = [duals[t] * shares[t] for t in range(len(shares))]
        candidate = _best_panel(price, constraints, bounds)
        if candidate is None or sum(p * s for p, s in zip(price, candidate)) <= mu + 1e-9 or candidate in panels:
            return result, duals
        panels.append(candidate)


def solve(people: list[dict[str, str]], quotas: list[Quota], size: int, leximin: bool = True) -> Lottery:
    started = time.perf_counter()
    categories = sorted({q.category for q in quotas})
    types, members = _types(people, categories)
    sizes = [len(m) for m in members]
    shares = [1.0 / s for s in sizes]
    constraints, bounds = _panel_constraints(quotas, categories, types, sizes, size)

    # Start with, for each type, a panel giving it as many seats as the quotas allow.
    panels: list[list[int]] = []
    for t in range(len(types)):
        panel = _best_panel([1.0 if u == t else 0.0 for u in range(len(types))], constraints, bounds)
        if panel is None:
            raise InfeasibleQuotas("No panel of this size satisfies the quotas with this pool.")
        if panel not in panels:
            panels.append(panel)
    never = [t for t in range(len(types)) if not any(p[t] for p in panels)]
    lottery = Lottery(size=size, types=types, categories=categories, members=members)
    fixed = {t: 0.0 for t in never}  # people no quota-satisfying panel can include
    free = [t for t in range(len(types)) if t not in fixed]
    stats = {"iterations": 0}
    while free:
        result, duals = _solve(panels, shares, fixed, free, constraints, bounds, stats)
        z = result.x[-1]
        if not leximin:
            fixed.update({t: z for t in free})
            break
        binding = [t for t in free if duals[t] > 1e-9] or list(free)
        for t in binding:
            fixed[t] = z
        free = [t for t in free if t not in fixed]
    weights = np.clip(result.x[:-1], 0, None)
    weights = weights / weights.sum()
    keep = [j for j, w in enumerate(weights) if w > 1e-12]
    lottery.panels = [panels[j] for j in keep]
    lottery.weights = [float(weights[j]) for j in keep]
    lottery.type_probability = [
        sum(w * panel[t] for w, panel in zip(lottery.weights, lottery.panels)) * shares[t] for t in range(len(types))
    ]
    lottery.iterations = stats["iterations"]
    lottery.seconds = time.perf_counter() - started
    return lottery

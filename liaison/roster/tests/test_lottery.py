"""The lottery: probabilities, quotas in every drawn panel, reproducible draws (pure module)."""

from collections import Counter
from pathlib import Path

import pytest

from liaison.roster.lottery import InfeasibleQuotas, Limits, draw, solve, verify
from liaison.roster.quotas import Quota, read_pool, read_quotas

EXAMPLES = Path(__file__).resolve().parent / "data" / "sortition-examples"  # shipped with the tests (README there)


def pool(spec):
    """[(count, {features}), …] -> people"""
    return [dict(features) for count, features in spec for _ in range(count)]


def satisfies(panel, people, quotas, size):
    if len(panel) != size:
        return False
    counts = Counter((q.category, people[i][q.category]) for i in panel for q in quotas if people[i][q.category] == q.value)
    return all(q.min <= counts[(q.category, q.value)] <= q.max for q in quotas)


def test_uniform_chances_when_the_quotas_allow_them():
    people = pool([(6, {"g": "f"}), (4, {"g": "m"})])
    quotas = [Quota("g", "f", 1, 4), Quota("g", "m", 1, 4)]
    result = solve(people, quotas, 5)
    assert result.minimum == pytest.approx(0.5)
    assert sum(result.probabilities) == pytest.approx(5)


def test_forced_members_and_the_best_minimum():
    # A and B must always sit (C has at most one seat), so each C has 1/8.
    people = pool([(1, {"t": "A"}), (1, {"t": "B"}), (8, {"t": "C"})])
    quotas = [Quota("t", "A", 0, 1), Quota("t", "B", 0, 1), Quota("t", "C", 0, 1)]
    result = solve(people, quotas, 3)
    assert result.probabilities[:2] == pytest.approx([1, 1])
    assert result.probabilities[2:] == pytest.approx([1 / 8] * 8)
    assert result.minimum == pytest.approx(1 / 8)
    assert sum(result.probabilities) == pytest.approx(3)


def test_leximin_raises_the_second_lowest_chance():
    # Women: 1 seat among 2; men of group x: 2 seats among 4 at most; the rest go to y (10 men).
    people = pool([(2, {"g": "f", "s": "x"}), (4, {"g": "m", "s": "x"}), (10, {"g": "m", "s": "y"})])
    quotas = [Quota("g", "f", 1, 1), Quota("g", "m", 0, 6), Quota("s", "x", 0, 3), Quota("s", "y", 0, 6)]
    maximin = solve(people, quotas, 6, leximin=False)
    leximin = solve(people, quotas, 6, leximin=True)
    assert maximin.minimum == pytest.approx(leximin.minimum)
    # every rank of the sorted chances is at least as high under leximin
    assert all(l >= m - 1e-7 for l, m in zip(sorted(leximin.probabilities), sorted(maximin.probabilities)))
    assert leximin.probabilities[0] == pytest.approx(0.5)  # one seat for two women
    assert leximin.probabilities[-1] == pytest.approx(5 / 14)  # men share five seats equally
    assert sum(leximin.probabilities) == pytest.approx(6)


def test_every_drawn_panel_satisfies_the_quotas_and_draws_are_reproducible():
    people = pool([(3, {"g": "f", "r": "n"}), (5, {"g": "m", "r": "n"}), (4, {"g": "f", "r": "s"}), (8, {"g": "m", "r": "s"})])
    quotas = [Quota("g", "f", 2, 3), Quota("g", "m", 2, 3), Quota("r", "n", 2, 3), Quota("r", "s", 2, 4)]
    result = solve(people, quotas, 5)
    draws = [result.draw(f"seed-{n}") for n in range(300)]
    assert all(satisfies(panel, people, quotas, 5) for panel in draws)
    assert result.draw("published-seed") == result.draw("published-seed")
    assert len({tuple(d) for d in draws}) > 50
    # frequencies follow the probabilities
    frequency = Counter(i for panel in draws for i in panel)
    for i, probability in enumerate(result.probabilities):
        assert frequency[i] / 300 == pytest.approx(probability, abs=0.12)


def test_infeasible_quotas_are_refused():
    with pytest.raises(InfeasibleQuotas):
        solve(pool([(3, {"g": "f"})]), [Quota("g", "f", 4, 5)], 4)


@pytest.mark.parametrize("name, size", [("example_small_20", 20), ("example_large_200", 200)])
def test_published_instances_reach_the_published_optimum(name, size):
    quotas = read_quotas(EXAMPLES / name / "categories.csv")
    ids, people = read_pool(EXAMPLES / name / "respondents.csv", {q.category for q in quotas})
    result = solve(people, quotas, size)
    assert result.minimum == pytest.approx(0.10, abs=1e-6)  # the published LEXIMIN minimum
    assert sum(result.probabilities) == pytest.approx(size)
    assert satisfies(result.draw("check"), people, quotas, size)


# --- exactness against brute force on small pools where every person is a type of his own ----------

def _all_panels(people, quotas, size, limits=None):
    from itertools import combinations

    limits = limits or Limits()
    panels = []
    for panel in combinations(range(len(people)), size):
        if not satisfies(panel, people, quotas, size):
            continue
        if limits.max_per_country is not None and max(Counter(limits.countries[i] for i in panel).values()) > limits.max_per_country:
            continue
        if limits.min_returning and sum(limits.returning[i] for i in panel) < limits.min_returning:
            continue
        if not limits.include <= set(panel) or limits.exclude & set(panel):
            continue
        panels.append(panel)
    return panels


def _brute_force_leximin(people, panels, excluded=frozenset()):
    """Leximin over every feasible panel with scipy's LP: raise the lowest chance, fix the people who
    cannot go higher (an LP per person says so), repeat. Returns chances in pool order."""
    import numpy as np
    from scipy.optimize import linprog

    n, m = len(people), len(panels)
    a = np.zeros((n, m))
    for j, panel in enumerate(panels):
        a[list(panel), j] = 1
    fixed = {i: 0.0 for i in range(n) if i in excluded or not a[i].any()}
    while len(fixed) < n:
        free = [i for i in range(n) if i not in fixed]
        # max z: a_i·x >= z (free), a_i·x >= level (fixed), sum x = 1
        c = np.zeros(m + 1)
        c[-1] = -1
        a_ub = [np.append(-a[i], 1) for i in free] + [np.append(-a[i], 0) for i in fixed]
        b_ub = [0] * len(free) + [-v + 1e-9 for v in fixed.values()]
        eq = np.append(np.ones(m), 0)[None, :]
        bounds = [(0, None)] * m + [(None, None)]
        z = -linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=eq, b_eq=[1], bounds=bounds).fun
        newly = []
        for i in free:  # can i get more than z while everyone free keeps z?
            c_i = np.append(-a[i], 0)
            b_i = [-z + 1e-9] * len(free) + [-v + 1e-9 for v in fixed.values()]
            a_i = [np.append(-a[f], 0) for f in free] + [np.append(-a[f], 0) for f in fixed]
            best = -linprog(c_i, A_ub=a_i, b_ub=b_i, A_eq=eq, b_eq=[1], bounds=bounds).fun
            if best <= z + 1e-7:
                newly.append(i)
        for i in newly or free:
            fixed[i] = z
    return [fixed[i] for i in range(n)]


def _random_instance(rng, n=9):
    people = [{"a": rng.choice("xyz"), "b": rng.choice("pq"), "c": rng.choice("uvw")} for _ in range(n)]
    size = rng.choice([3, 4])
    quotas = []
    for category, values in (("a", "xyz"), ("b", "pq"), ("c", "uvw")):
        for value in values:
            count = sum(1 for p in people if p[category] == value)
            low = rng.randint(0, min(count, 1))
            quotas.append(Quota(category, value, low, max(low, rng.randint(low, min(count, size)))))
    return people, quotas, size


@pytest.mark.parametrize("seed", range(12))
def test_maximin_and_leximin_equal_a_brute_force_optimum(seed):
    import random

    rng = random.Random(seed)
    people, quotas, size = _random_instance(rng)
    panels = _all_panels(people, quotas, size)
    while not panels:
        people, quotas, size = _random_instance(rng)
        panels = _all_panels(people, quotas, size)
    assert len({tuple(p.values()) for p in people}) >= 6  # many types, few repeats
    expected = _brute_force_leximin(people, panels)
    maximin = solve(people, quotas, size, leximin=False)
    assert maximin.minimum == pytest.approx(min(expected), abs=1e-6)
    assert maximin.bound >= maximin.minimum - 1e-9 and maximin.bound - maximin.minimum <= 1e-6  # certified
    leximin = solve(people, quotas, size)
    assert sorted(leximin.probabilities) == pytest.approx(sorted(expected), abs=1e-6)
    assert all(tuple(p) in set(panels) for p in (leximin.draw(f"s{n}") for n in range(20)))


@pytest.mark.parametrize("seed, shortcut", [(0, True), (7, True), (33, False)])
def test_leximin_by_the_marginal_polytope_or_by_rounds_is_exact(seed, shortcut, monkeypatch):
    """Leximin is first sought as the marginal polytope's leximin decomposed into panels; where no
    distribution over panels reaches it (seed 33: the panels' hull is smaller than the polytope), the
    rounds carry on. Both ways end at the brute-force optimum."""
    import random

    from liaison.roster import lottery

    taken = []
    real = lottery._leximin_by_marginals

    def spy(*args, **kwargs):
        result = real(*args, **kwargs)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(lottery, "_leximin_by_marginals", spy)
    rng = random.Random(seed)
    people, quotas, size = _random_instance(rng)
    panels = _all_panels(people, quotas, size)
    while not panels:
        people, quotas, size = _random_instance(rng)
        panels = _all_panels(people, quotas, size)
    expected = _brute_force_leximin(people, panels)
    result = solve(people, quotas, size)
    assert taken == [shortcut]
    assert sorted(result.probabilities) == pytest.approx(sorted(expected), abs=1e-6)
    assert sum(result.weights) == pytest.approx(1) and {tuple(p) for p in (result.draw(f"s{n}") for n in range(20))} <= set(panels)


@pytest.mark.parametrize("seed", range(6))
def test_the_planner_rules_are_constraints_of_the_lottery(seed):
    import random

    rng = random.Random(100 + seed)
    people, quotas, size = _random_instance(rng, n=10)
    limits = Limits(max_per_country=1, countries=tuple(rng.choice(["MLT", "FRA", "KEN", "PER", ""]) for _ in people),
                    min_returning=1, returning=tuple(rng.random() < 0.3 for _ in people),
                    include=frozenset({0}), exclude=frozenset({1}))
    panels = _all_panels(people, quotas, size, limits)
    if not panels:
        with pytest.raises(InfeasibleQuotas):
            solve(people, quotas, size, limits=limits)
        return
    expected = _brute_force_leximin(people, panels, excluded={1})
    result = solve(people, quotas, size, limits=limits)
    assert result.probabilities == pytest.approx(expected, abs=1e-6)
    assert result.probabilities[0] == pytest.approx(1) and result.probabilities[1] == 0
    assert {tuple(p) for p in (result.draw(f"s{n}") for n in range(30))} <= set(panels)


def test_no_draw_has_three_from_one_country_when_the_limit_is_two():
    # issue 10 item 14: the lottery ignored the per-country limit (two experts from Malta drawn with m=1)
    people = pool([(6, {"g": "f"}), (6, {"g": "m"})])
    countries = ("MLT",) * 5 + ("FRA", "KEN", "PER", "BRA", "IND", "CHN", "NOR")
    quotas = [Quota("g", "f", 2, 4), Quota("g", "m", 2, 4)]
    result = solve(people, quotas, 6, limits=Limits(max_per_country=2, countries=countries))
    for n in range(300):
        assert Counter(countries[i] for i in result.draw(f"seed-{n}"))["MLT"] <= 2
    assert sum(result.probabilities[:5]) == pytest.approx(2)  # the five Maltese share two seats at most


def test_a_published_draw_is_verified_from_the_seed_and_the_distribution_hash():
    people = pool([(3, {"g": "f", "r": "n"}), (5, {"g": "m", "r": "n"}), (4, {"g": "f", "r": "s"}), (8, {"g": "m", "r": "s"})])
    quotas = [Quota("g", "f", 2, 3), Quota("g", "m", 2, 3), Quota("r", "n", 2, 3), Quota("r", "s", 2, 4)]
    result = solve(people, quotas, 5)
    published = result.distribution()
    panel = result.draw("2026-11-23 national lottery 4 8 15")
    assert verify(published, result.digest, "2026-11-23 national lottery 4 8 15", panel)[0]
    assert not verify(published, result.digest, "another seed", panel)[0] or draw(published, "another seed") == panel
    tampered = dict(published, weights=list(reversed(published["weights"])))
    ok, why = verify(tampered, result.digest, "2026-11-23 national lottery 4 8 15", panel)
    assert not ok and "hash" in why

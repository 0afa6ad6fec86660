"""The lottery: probabilities, quotas in every drawn panel, reproducible draws (pure module)."""

from collections import Counter
from pathlib import Path

import pytest

from liaison.roster.lottery import InfeasibleQuotas, solve
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

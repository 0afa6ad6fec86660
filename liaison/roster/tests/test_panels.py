"""The composition planner on small hand-made rosters whose optimum is known (pure module)."""

import pytest

from liaison.roster.panels import Candidate, Rules, plan, swap
from liaison.roster.quotas import Quota


def person(id, relevance, gender="male", region="weog", country="", topics=(), returning=False):
    return Candidate(id=id, features={"gender": gender, "region": region}, relevance=relevance,
                     topics=frozenset(topics), country=country, returning=returning)


POOL = [
    person("a", 0.9, country="NOR"), person("b", 0.8, country="NOR"), person("c", 0.7, country="NOR"),
    person("d", 0.6, gender="female", region="african", country="KEN"),
    person("e", 0.2, gender="female", region="grulac", country="PER", returning=True),
]


def test_most_relevant_without_rules():
    assert sorted(plan(POOL, Rules(size=2)).panel) == ["a", "b"]


def test_gender_quota():
    result = plan(POOL, Rules(size=2, quotas=[Quota("gender", "female", 1, 2)]))
    assert sorted(result.panel) == ["a", "d"]
    assert result.proven_optimal and result.feasible


def test_regional_quota_and_country_cap():
    result = plan(POOL, Rules(size=3, max_per_country=1, quotas=[Quota("region", "grulac", 1, 1)]))
    assert sorted(result.panel) == ["a", "d", "e"]


def test_continuity():
    assert sorted(plan(POOL, Rules(size=2, min_returning=1)).panel) == ["a", "e"]


def test_include_and_exclude():
    assert sorted(plan(POOL, Rules(size=2, include={"e"}, exclude={"a"})).panel) == ["b", "e"]


def test_conflicts_of_interest():
    assert sorted(plan(POOL, Rules(size=2, conflicts=[("a", "b")])).panel) == ["a", "c"]


def test_topic_coverage_comes_before_relevance():
    pool = POOL + [person("f", 0.05, topics=("liability",))]
    result = plan(pool, Rules(size=2, topics=["liability"]))
    assert sorted(result.panel) == ["a", "f"]
    assert result.covered == ["liability"]
    assert "only one on the panel covering liability" in result.reasons["f"]


def test_balance_table_and_runners_up():
    result = plan(POOL, Rules(size=2, quotas=[Quota("gender", "female", 1, 1)]))
    rows = {row.rule: (row.target, row.achieved, row.ok) for row in result.balance}
    assert rows["gender=female"] == ("1", 1, True)
    assert rows["2 seats"] == ("2", 2, True)
    assert result.runners_up[0] == "b"


def test_infeasible_rules_are_named_with_the_amount():
    rules = Rules(size=3, quotas=[Quota("gender", "female", 3, 3)])
    result = plan(POOL, rules)
    assert not result.feasible and not result.panel
    [conflict] = result.conflicts
    assert conflict.rule == "gender=female" and conflict.short_by == 1
    assert "short by 1" in conflict.explanation


def test_two_rules_in_conflict():
    rules = Rules(size=2, quotas=[Quota("gender", "female", 2, 2), Quota("region", "weog", 1, 2)])
    result = plan(POOL, rules)
    assert not result.feasible
    # the whole conflicting set is named: two women exactly, a weog member, on two seats
    assert {c.rule for c in result.conflicts} == {"2 seats", "gender=female", "region=weog"}
    assert sum(c.short_by for c in result.conflicts) == 1  # the smallest relaxation: one of them gives way by one


def test_more_seats_than_people():
    result = plan(POOL, Rules(size=6))
    assert not result.feasible and result.conflicts[0].rule == "6 seats"


def test_swap_shows_the_effect():
    rules = Rules(size=2, quotas=[Quota("gender", "female", 1, 1)])
    panel = plan(POOL, rules).panel
    swapped = swap(POOL, rules, panel, "d", "b")
    assert sorted(swapped.panel) == ["a", "b"]
    assert not swapped.feasible
    assert [row.rule for row in swapped.balance if not row.ok] == ["gender=female"]
    with pytest.raises(ValueError):
        swap(POOL, rules, panel, "zz", "b")


def test_three_region_minimums_that_cannot_hold_together_are_all_named():
    pool = [person(f"{r}{i}", 0.5, region=r, country=f"{r}{i}") for r in ("afr", "asp", "eeg", "grulac", "weog") for i in range(10)]
    rules = Rules(size=30, quotas=[Quota("region", "afr", 10, 30), Quota("region", "asp", 10, 30), Quota("region", "eeg", 10, 30),
                                   Quota("region", "grulac", 0, 30), Quota("region", "weog", 1, 30)])
    result = plan(pool, rules)
    assert not result.feasible and not result.timed_out
    named = {c.rule for c in result.conflicts}
    assert named == {"region=afr", "region=asp", "region=eeg", "region=weog", "30 seats"}
    assert all("cannot hold together with" in c.explanation for c in result.conflicts)


def _roster(n, seed, topics=6):
    import random

    rng = random.Random(seed)
    return [Candidate(id=f"e{i}", features={"region": rng.choice("ABCDE"), "gender": rng.choice("fm")},
                      relevance=rng.random(), topics=frozenset(f"t{j}" for j in rng.sample(range(topics), rng.randint(1, 3))),
                      country=f"C{rng.randrange(40)}", returning=rng.random() < 0.05) for i in range(n)]


def test_a_time_limit_too_short_for_any_panel_is_a_timeout_never_infeasible():
    people = _roster(20_000, 1, topics=25)
    rules = Rules(size=30, topics=[f"t{j}" for j in range(25)], max_per_country=2, min_returning=3,
                  quotas=[Quota("region", r, 5, 7) for r in "ABCDE"] + [Quota("gender", g, 14, 16) for g in "fm"])
    result = plan(people, rules, time_limit=0.01, reduce=False)
    assert result.timed_out and not result.conflicts
    assert not result.panel or not result.proven_optimal  # the best panel found, if any, is not called optimal


@pytest.mark.parametrize("seed", range(6))
def test_the_candidate_reduction_keeps_the_optimum(seed):
    people = _roster(2500 + 300 * seed, seed)
    rules = Rules(size=12, topics=[f"t{j}" for j in range(6)], max_per_country=1, min_returning=2 if seed % 2 else 0,
                  quotas=[Quota("region", r, 2, 3) for r in "ABCDE"] + [Quota("gender", "f", 6, 6)],
                  conflicts=[("e1", "e2")], include={"e3"} if seed % 3 == 0 else set())
    full = plan(people, rules, reduce=False)
    reduced = plan(people, rules, reduce=True)
    assert full.proven_optimal and reduced.proven_optimal
    assert reduced.candidates_considered < len(people) // 3  # the reduction did happen
    assert reduced.objective == pytest.approx(full.objective, abs=1e-7)
    assert reduced.relevance == pytest.approx(full.relevance, abs=1e-7) and reduced.covered == full.covered

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
    assert len(result.conflicts) == 1 and result.conflicts[0].short_by == 1  # one of the two gives way by one


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

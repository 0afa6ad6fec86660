"""How values reported by many Parties add up, and how far an objective has come. Pure Python: no Django.

Each Party answers an indicator with a value (yes = 1, no = 0 for indicators counted in Parties or
percentages; a number; or a numerator with a denominator for ratios). For one indicator and one
year (and optionally one UN regional group) the answers aggregate by the indicator's rule:

- ``count_yes``: how many Parties answered yes;
- ``share_yes``: yes answers as a percentage of the Parties that answered;
- ``sum`` / ``mean``: of the values;
- ``ratio_of_sums``: sum of numerators over sum of denominators.

Progress of an indicator against its target for a year is ``(value - baseline) / (target - baseline)``
(the baseline is 0 when none is set), clipped to 0..1, and inverted for indicators where lower is better.
An objective's progress is the mean of its indicators' progress where both a value and a target exist;
indicators without a target are shown but do not count (the count of those that do is returned).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Sums:
    """What the database sums for one (indicator, year[, region]) cell."""

    reporters: int = 0  # reports with a value
    total: Decimal = Decimal(0)  # sum of values (for yes/no: number of yes)
    denominator: Decimal = Decimal(0)


def aggregate(rule: str, sums: Sums) -> Decimal | None:
    if sums.reporters == 0:
        return None
    if rule == "count_yes":
        return sums.total
    if rule == "share_yes":
        return (sums.total * 100 / sums.reporters).quantize(Decimal("0.1"))
    if rule == "sum":
        return sums.total
    if rule == "mean":
        return (sums.total / sums.reporters).quantize(Decimal("0.01"))
    if rule == "ratio_of_sums":
        if not sums.denominator:
            return None
        return (sums.total / sums.denominator).quantize(Decimal("0.001"))
    raise ValueError(f"Unknown aggregation {rule!r}")


def progress(value: Decimal | None, target: Decimal | None, baseline: Decimal | None = None,
             higher_is_better: bool = True) -> float | None:
    """Share of the way from baseline to target, 0..1; None when value or target is missing."""
    if value is None or target is None:
        return None
    base = baseline if baseline is not None else Decimal(0)
    if target == base:
        reached = value >= target if higher_is_better else value <= target
        return 1.0 if reached else 0.0
    share = float((value - base) / (target - base))
    return max(0.0, min(1.0, share))


def target_for(targets: dict[int, Decimal], year: int) -> Decimal | None:
    """The target for ``year``: the one set for that year, else the next one set after it."""
    if year in targets:
        return targets[year]
    later = sorted(y for y in targets if y > year)
    return targets[later[0]] if later else None


def objective_progress(shares: list[float | None]) -> tuple[float | None, int]:
    """(mean progress of the indicators that have one, how many have one)."""
    known = [s for s in shares if s is not None]
    if not known:
        return None, 0
    return sum(known) / len(known), len(known)

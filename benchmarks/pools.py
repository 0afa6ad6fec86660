"""Generated pools for the lottery benchmarks (synthetic data: every person is invented).

``generate(n, size, categories=6, tight=False, seed=…)`` gives a pool where, as in real expert rosters,
nearly every person is a type of his own: UN regional group, gender, stakeholder type, age band,
education and (with 6 categories) area of expertise, drawn with skewed frequencies.

Quotas:
- loose: every value between half and one and a half times its share of the pool (and at least one seat
  of room), so that everyone can get the same chance ``size / n``;
- tight: policy targets that differ from the pool (equal seats per region, gender parity, …) within one
  seat, so that the over-represented groups get a lower chance and the optimum is below ``size / n``.

``write(path, people, quotas)`` writes categories.csv and respondents.csv in the format of the sortition
examples (for ``liaison panel`` and for the peer ``sortition-algorithms``).
"""

from __future__ import annotations

import csv
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from liaison.roster.quotas import Quota  # noqa: E402

CATEGORIES = {  # value: frequency in the pool
    "region": {"african": 0.18, "asia_pacific": 0.22, "eastern_european": 0.12, "latin_american_caribbean": 0.16,
               "western_european_others": 0.32},
    "gender": {"female": 0.46, "male": 0.51, "undisclosed": 0.03},
    "stakeholder": {"government": 0.38, "igo": 0.06, "ngo": 0.17, "industry": 0.1, "academia": 0.22, "iplc": 0.03,
                    "other": 0.04},
    "age": {"under_30": 0.08, "30_44": 0.31, "45_59": 0.38, "60_plus": 0.23},
    "education": {"secondary": 0.05, "bachelor": 0.17, "master": 0.43, "doctorate": 0.35},
    "area": {f"area_{i}": w for i, w in enumerate((0.22, 0.17, 0.14, 0.12, 0.1, 0.09, 0.08, 0.08))},
}
POLICY = {  # the tight family's targets: share of the seats per value
    "region": {v: 0.2 for v in CATEGORIES["region"]},
    "gender": {"female": 0.5, "male": 0.5, "undisclosed": 0.0},
}


def generate(n: int, size: int, categories: int = 6, tight: bool = False, seed: int = 2026):
    rng = random.Random(f"{n}-{size}-{categories}-{tight}-{seed}")
    names = list(CATEGORIES)[:categories]
    people = []
    for _ in range(n):
        people.append({c: rng.choices(list(CATEGORIES[c]), weights=list(CATEGORIES[c].values()))[0] for c in names})
    quotas = []
    for c in names:
        counts = {v: sum(1 for p in people if p[c] == v) for v in CATEGORIES[c]}
        for v, count in counts.items():
            share = count / n
            if tight:
                target = POLICY.get(c, {}).get(v, share) * size
                low, high = max(0, math.floor(target) - 1), math.ceil(target) + 1
                if c not in POLICY:  # proportional, within one seat
                    low, high = max(0, math.floor(target)), math.ceil(target) + (1 if share * size < 1 else 0)
                    low = min(low, math.floor(target))
            else:
                low, high = math.floor(0.5 * share * size), max(math.ceil(1.5 * share * size), math.floor(0.5 * share * size) + 1)
            quotas.append(Quota(c, v, min(low, count), min(high, size)))
    return people, quotas


def write(directory: str | Path, people, quotas) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "categories.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["category", "feature", "min", "max"])
        for q in quotas:
            writer.writerow([q.category, q.value, q.min, q.max])
    columns = list(people[0])
    with open(directory / "respondents.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", *columns])
        for i, p in enumerate(people):
            writer.writerow([f"p{i}", *(p[c] for c in columns)])
    return directory


FAMILIES = [  # (pool, seats, categories)
    (200, 20, 6),
    (500, 30, 6),
    (2_000, 40, 5),
    (10_000, 60, 6),
]


if __name__ == "__main__":
    for n, k, cats in FAMILIES:
        for tight in (False, True):
            people, quotas = generate(n, k, cats, tight)
            types = len({tuple(p.values()) for p in people})
            print(f"{n} people, {k} seats, {cats} categories, {'tight' if tight else 'loose'}: {types} types, {len(quotas)} quotas")

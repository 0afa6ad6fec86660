"""Roster benchmarks (``make bench``): the composition planner and the search on a generated roster of
20,000 experts, and the lottery on the published sortition instances, beside the published figures and
the ``sortition-algorithms`` package (maximin) run in the same process (each run stopped after
LIAISON_BENCH_PACKAGE_SECONDS, default 600, and reported as unfinished). Prints figures; asserts nothing."""

import csv
import logging
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from liaison.roster import lottery, quotas  # noqa: E402
from liaison.roster.panels import Candidate, Rules, plan  # noqa: E402

EXAMPLES = ROOT / "liaison" / "roster" / "tests" / "data" / "sortition-examples"  # shipped with the code
PUBLISHED = {  # Flanigan et al., Nature 596 (2021): LEXIMIN with Gurobi
    "example_small_20": {"k": 20, "minimum": 0.100, "seconds": 2.7, "legacy": 0.0121},
    "example_large_200": {"k": 200, "minimum": 0.100, "seconds": 1161.8, "legacy": 0.0025},
}
REGIONS = ["african", "asia_pacific", "eastern_european", "latin_american_caribbean", "western_european_others"]
STAKEHOLDERS = ["government", "igo", "ngo", "industry", "academia", "iplc", "other"]


def generated_roster(n=20_000, n_topics=25, seed=2026):
    rng = random.Random(seed)
    topics = [f"topic-{i}" for i in range(n_topics)]
    countries = [f"C{i:03d}" for i in range(193)]
    people = []
    for i in range(n):
        country = rng.choice(countries)
        people.append(Candidate(
            id=f"expert-{i}",
            features={"region": REGIONS[int(country[1:]) % 5], "stakeholder": rng.choice(STAKEHOLDERS),
                      "gender": rng.choice(["female", "male"])},
            relevance=rng.random(), topics=frozenset(rng.sample(topics, rng.randint(1, 4))), country=country,
            returning=rng.random() < 0.001,  # about 20 participants of the previous meeting
        ))
    return people, topics


def planner_rules(topics):
    return Rules(
        size=30, topics=topics, max_per_country=2, min_returning=5,
        quotas=[quotas.Quota("region", r, 5, 7) for r in REGIONS]
        + [quotas.Quota("stakeholder", s, 1, 12) for s in STAKEHOLDERS]
        + [quotas.Quota("gender", g, 14, 16) for g in ("female", "male")],
    )


def greedy(people, rules):
    """Baseline: the unmet minimums first (most relevant who fits), then one expert per uncovered topic,
    then by relevance; nobody who would break a maximum, the per-country limit or leave too few seats for
    the minimums."""
    chosen, counts, countries = [], {}, {}

    def fits(c):
        if any(c.features.get(q.category) == q.value and counts.get(q.label, 0) >= q.max for q in rules.quotas):
            return False
        if rules.max_per_country is not None and c.country and countries.get(c.country, 0) >= rules.max_per_country:
            return False
        short = {q.category: 0 for q in rules.quotas}
        for q in rules.quotas:
            short[q.category] += max(0, q.min - counts.get(q.label, 0) - (c.features.get(q.category) == q.value))
        need = max(list(short.values()) + [max(0, rules.min_returning - counts.get("returning", 0) - c.returning)])
        return rules.size - len(chosen) - 1 >= need

    def take(c):
        chosen.append(c)
        for q in rules.quotas:
            if c.features.get(q.category) == q.value:
                counts[q.label] = counts.get(q.label, 0) + 1
        counts["returning"] = counts.get("returning", 0) + c.returning
        countries[c.country] = countries.get(c.country, 0) + 1

    ranked = sorted(people, key=lambda c: -c.relevance)
    taken = set()
    wants = [(lambda c, q=q: c.features.get(q.category) == q.value, q.min, q.label) for q in rules.quotas]
    wants.append((lambda c: c.returning, rules.min_returning, "returning"))
    for wanted, minimum, label in wants:
        for c in ranked:
            if counts.get(label, 0) >= minimum:
                break
            if c.id not in taken and wanted(c) and fits(c):
                take(c)
                taken.add(c.id)
    for topic in rules.topics:
        if not any(topic in c.topics for c in chosen):
            c = next((c for c in ranked if c.id not in taken and topic in c.topics and fits(c)), None)
            if c and len(chosen) < rules.size:
                take(c)
                taken.add(c.id)
    for c in ranked:
        if len(chosen) >= rules.size:
            break
        if c.id not in taken and fits(c):
            take(c)
            taken.add(c.id)
    return [c.id for c in chosen]


def objective(people, rules, panel_ids):
    import numpy as np

    relevance = np.array([max(0.0, c.relevance) for c in people])
    weight = float(np.sort(relevance)[-rules.size:].sum() + 1.0)
    chosen = [c for c in people if c.id in set(panel_ids)]
    covered = sum(1 for t in rules.topics if any(t in c.topics for c in chosen))
    return weight * covered + sum(c.relevance for c in chosen), covered, sum(c.relevance for c in chosen)


def bench_planner():
    from liaison.roster.panels import describe

    print("Composition planner (HiGHS MILP after Lagrangian reduced-cost fixing), generated roster (synthetic)")
    print("  30 seats, quotas on 5 regions, 7 stakeholder types, 2 genders, ≤ 2 per country, ≥ 5 returning, 25 topics;"
          f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for n in (20_000, 100_000):
        people, topics = generated_roster(n)
        rules = planner_rules(topics)
        times = []
        for _ in range(3 if n <= 20_000 else 2):
            started = time.perf_counter()
            result = plan(people, rules)
            times.append(time.perf_counter() - started)
        started = time.perf_counter()
        baseline = greedy(people, rules)
        greedy_seconds = time.perf_counter() - started
        best, covered, relevance = objective(people, rules, result.panel)
        value, g_covered, g_relevance = objective(people, rules, baseline)
        ok = describe(people, rules, baseline).feasible
        print(f"  {n:>7,} experts: proven optimal {result.proven_optimal} in best {min(times):.2f} s, "
              f"median {sorted(times)[len(times) // 2]:.2f} s ({result.candidates_considered:,} candidates kept "
              f"for the MILP); topics {covered}/25, relevance {relevance:.3f}")
        print(f"  {'':>7}  greedy baseline {greedy_seconds:.2f} s: {'satisfies the rules' if ok else 'BREAKS a rule'}, "
              f"topics {g_covered}/25, relevance {g_relevance:.3f} ({(best - value) / best:.2%} below the optimum's objective, "
              f"relevance {(relevance - g_relevance) / relevance:.1%} lower)")
    # A timeout is reported as a timeout, never as infeasible.
    people, topics = generated_roster(20_000)
    short = plan(people, planner_rules(topics), time_limit=0.05, reduce=False)
    print(f"  20,000 experts with a 0.05 s limit and no reduction: timed out {short.timed_out}, "
          f"panel {'found' if short.panel else 'none'}, conflicts named {len(short.conflicts)}")


def load(name):
    base = EXAMPLES / name
    rules = quotas.read_quotas(base / "categories.csv")
    ids, people = quotas.read_pool(base / "respondents.csv", {q.category for q in rules})
    return rules, ids, people


def bench_search():
    from liaison.roster.search import Index

    people, topics = generated_roster()
    rng = random.Random(7)
    vocabulary = ("risk assessment", "detection of living modified organisms", "liability and redress", "customs training",
                  "public awareness", "biosafety clearing-house", "laboratory accreditation", "socio-economic impacts",
                  "national biosafety framework", "capacity-building needs assessment")
    documents = [" ".join(rng.sample(vocabulary, 4)) + f" publications on {rng.choice(vocabulary)}" for _ in people]
    started = time.perf_counter()
    index = Index.build([p.id for p in people], documents)
    built = time.perf_counter() - started
    queries = ["risk assessment of maize", "customs detection training", "liability", "public participation in decisions"]
    times = []
    for query in queries * 5:
        started = time.perf_counter()
        index.search(query, limit=50)
        times.append(time.perf_counter() - started)
    times.sort()
    print("\nRoster search (TF-IDF, scikit-learn), 20,000 experts")
    print(f"  index built in {built:.2f} s; query median {times[len(times) // 2] * 1000:.1f} ms, worst {times[-1] * 1000:.1f} ms")


class _OutOfTime(Exception):
    pass


def _within(seconds, function, *args):
    """Run ``function`` in this process, stopped by SIGALRM after ``seconds``."""
    import signal

    def stop(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return function(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def sortition_algorithms_maximin(name, k):
    try:
        from sortition_algorithms import Settings, read_in_features, read_in_people
        from sortition_algorithms.committee_generation.maximin import find_distribution_maximin
    except ImportError:
        return None
    logging.disable(logging.CRITICAL)
    base = EXAMPLES / name
    with open(base / "categories.csv", newline="") as handle:
        rows = [{"feature": r["category"], "value": r["feature"], "min": r["min"], "max": r["max"]} for r in csv.DictReader(handle)]
    features, *_ = read_in_features(["feature", "value", "min", "max"], rows, k)
    with open(base / "respondents.csv", newline="") as handle:
        pool = [{"id": str(i), **row} for i, row in enumerate(csv.DictReader(handle))]
    people, _ = read_in_people(list(pool[0]), pool, features, Settings(id_column="id", columns_to_keep=[]))
    started = time.perf_counter()
    committees, weights, _ = find_distribution_maximin(features, people, k, [])
    seconds = time.perf_counter() - started
    chance = dict.fromkeys((p["id"] for p in pool), 0.0)
    for committee, weight in zip(committees, weights):
        for member in committee:
            chance[member] += weight
    return min(chance.values()), seconds


def bench_lottery(include_package=True):
    print("\nLottery on the published instances (minimum selection probability; time)")
    print(f"  {'instance':<20}{'Liaison leximin':>22}{'published LEXIMIN':>24}{'sortition-algorithms maximin':>34}")
    for name, published in PUBLISHED.items():
        if not (EXAMPLES / name).is_dir():
            print(f"  {name}: not found under {EXAMPLES}")
            continue
        rules, ids, people = load(name)
        started = time.perf_counter()
        result = lottery.solve(people, rules, published["k"])
        ours = f"{result.minimum:.1%} in {time.perf_counter() - started:.3f} s"
        theirs = f"{published['minimum']:.1%} in {published['seconds']} s"
        package = "skipped"
        if include_package:
            budget = int(os.environ.get("LIAISON_BENCH_PACKAGE_SECONDS", "600"))
            try:
                found = _within(budget, sortition_algorithms_maximin, name, published["k"])
                package = "not installed" if found is None else f"{found[0]:.1%} in {found[1]:.1f} s"
            except _OutOfTime:
                package = f"unfinished after {budget} s"
        print(f"  {name:<20}{ours:>22}{theirs:>24}{package:>34}")
    print("  (the legacy greedy algorithm reached at most 1.21% and 0.25% on them, per the same paper)")


if __name__ == "__main__":
    bench_planner()
    bench_search()
    bench_lottery(include_package="--without-package" not in sys.argv)

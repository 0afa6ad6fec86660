"""Lottery at the scale of real pools (``make bench``): generated families (benchmarks/pools.py, synthetic
people) of 200, 500, 2,000 and 10,000 people with 5-6 categories, loose and tight quotas, Liaison's maximin
and leximin beside the peer ``sortition-algorithms`` (maximin; its leximin needs Gurobi). Every run is a
subprocess stopped after LIAISON_BENCH_LOTTERY_SECONDS (default 300) and reported as unfinished; each
prints its minimum probability, seconds, panels in the distribution and peak memory. Asserts nothing.

    python benchmarks/lottery_scale.py [--quick]      # --quick: the 200 and 500 families only
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def run_one(who, n, k, categories, tight, method):
    import logging

    import pools

    people, quotas = pools.generate(n, k, categories, tight)
    if who == "liaison":
        from liaison.roster import lottery

        started = time.perf_counter()
        result = lottery.solve(people, quotas, k, leximin=method == "leximin")
        seconds = time.perf_counter() - started
        out = {"minimum": result.minimum, "seconds": seconds, "panels": len(result.panels), "bound": result.bound,
               "types": len(result.types), "milps": result.milps, "iterations": result.iterations}
    else:
        from sortition_algorithms import Settings, read_in_features, read_in_people

        logging.disable(logging.CRITICAL)
        rows = [{"feature": q.category, "value": q.value, "min": str(q.min), "max": str(q.max)} for q in quotas]
        features, *_ = read_in_features(["feature", "value", "min", "max"], rows, k)
        pool = [{"id": str(i), **p} for i, p in enumerate(people)]
        members, _ = read_in_people(list(pool[0]), pool, features, Settings(id_column="id", columns_to_keep=[]))
        if method == "maximin":
            from sortition_algorithms.committee_generation.maximin import find_distribution_maximin as find
        else:
            from sortition_algorithms.committee_generation.leximin import GUROBI_AVAILABLE, find_distribution_leximin as find

            if not GUROBI_AVAILABLE:
                print(json.dumps({"unavailable": "needs Gurobi (gurobipy), not installed"}))
                return
        started = time.perf_counter()
        committees, weights, _ = find(features, members, k, [])
        seconds = time.perf_counter() - started
        chance = dict.fromkeys((p["id"] for p in pool), 0.0)
        for committee, weight in zip(committees, weights):
            for member in committee:
                chance[member] += weight
        out = {"minimum": min(chance.values()), "seconds": seconds, "panels": sum(1 for w in weights if w > 1e-12)}
    out["memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def measure(who, n, k, categories, tight, method, budget):
    command = [sys.executable, __file__, "--one", who, str(n), str(k), str(categories), str(int(tight)), method]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=budget)
    except subprocess.TimeoutExpired:
        return {"unfinished": budget}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        return {"failed": (done.stderr.strip().splitlines() or ["no output"])[-1][:80]}
    return json.loads(lines[-1])


def cell(result):
    if "unfinished" in result:
        return f"unfinished after {result['unfinished']} s"
    if "unavailable" in result:
        return result["unavailable"]
    if "failed" in result:
        return "failed: " + result["failed"]
    return f"{result['minimum']:.6%} {result['seconds']:7.2f} s {result['panels']:5d} panels {result['memory_mb']:5.0f} MB"


def main(quick=False):
    import pools

    budget = int(os.environ.get("LIAISON_BENCH_LOTTERY_SECONDS", "300"))
    load = os.getloadavg()[0]
    print(f"\nLottery at scale: generated pools (synthetic), each run stopped after {budget} s; "
          f"machine: {os.cpu_count()} cores, load average {load:.1f} at the start")
    print("  columns: minimum probability, seconds, panels in the distribution, peak memory")
    families = pools.FAMILIES[:2] if quick else pools.FAMILIES
    for n, k, categories in families:
        for tight in (False, True):
            name = f"{n} people, {k} seats, {categories} categories, {'tight' if tight else 'loose'}"
            ours = measure("liaison", n, k, categories, tight, "maximin", budget)
            types = f", {ours['types']} types" if "types" in ours else ""
            print(f"  {name}{types}")
            print(f"    Liaison maximin               {cell(ours)}")
            lex = measure("liaison", n, k, categories, tight, "leximin", budget)
            print(f"    Liaison leximin               {cell(lex)}")
            peer = measure("peer", n, k, categories, tight, "maximin", budget)
            print(f"    sortition-algorithms maximin  {cell(peer)}")
            print(f"    sortition-algorithms leximin  {cell(measure('peer', n, k, categories, tight, 'leximin', 30))}")
            if "seconds" in ours and "seconds" in peer:
                print(f"    ratio: the peer's maximin takes {peer['seconds'] / ours['seconds']:.1f}x Liaison's; "
                      f"minimum differs by {abs(peer['minimum'] - ours['minimum']):.1e}")
            elif "seconds" in ours:
                print(f"    ratio: the peer did not finish; Liaison's maximin is exact to {ours['bound'] - ours['minimum']:.1e} (certified bound)")
    print(f"  load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    if "--one" in sys.argv:
        who, n, k, categories, tight, method = sys.argv[sys.argv.index("--one") + 1:][:6]
        run_one(who, int(n), int(k), int(categories), bool(int(tight)), method)
    else:
        main(quick="--quick" in sys.argv)

"""Action-plan dashboard benchmark (``make bench``): the public dashboard of the demo plan as reported
data grows to 196 Parties x 30 indicators x 10 yearly cycles (about 60,000 values). Prints the SQL
queries per request (which must stay constant) and the median server time per request (Django test
client, SQLite, one process). Asserts nothing.

The values are SYNTHETIC (seeded random numbers), and so is the thirtieth indicator added to the 29
of the plan: no seed reports a single value.
"""

import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARTIES, INDICATORS, YEARS = 196, 30, list(range(2011, 2021))


def setup_django(var_dir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    os.environ.setdefault("LIAISON_SECRET_KEY", "benchmarks-" + secrets.token_urlsafe(40))  # a throw-away key
    os.environ.setdefault("LIAISON_INLINE_EXPORT_ROWS", "10000000")  # time the CSV itself, not the hand-over to the worker
    os.environ["LIAISON_VAR_DIR"] = var_dir
    os.environ.setdefault("LIAISON_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", "--no-accounts", stdout=open(os.devnull, "w"))


def measure(client, url, repeat=15):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    queries = len(ctx.captured_queries)  # now: the next request clears the connection's query log
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return queries, statistics.median(times) * 1000


def add_cycle(plan, indicators, parties, year, rng):
    from liaison.actionplan import reporting
    from liaison.actionplan.models import CycleStatus, ReportingCycle, Submission, SubmissionStatus, Value

    cycle = ReportingCycle.objects.create(
        plan=plan, title=f"Synthetic report on {year}", year=year, period_start=date(year, 1, 1),
        period_end=date(year, 12, 31), deadline=date(year + 1, 3, 31), status=CycleStatus.CLOSED,
    )
    cycle.indicators.set(indicators)
    submissions = Submission.objects.bulk_create(
        Submission(cycle=cycle, country=country, status=SubmissionStatus.ACCEPTED) for country in parties
    )
    values = []
    for submission in submissions:
        for indicator in indicators:
            if indicator.answers_yes_no:
                values.append(Value(submission=submission, indicator=indicator, value=Decimal(rng.random() < 0.6)))
            elif indicator.answers_ratio:
                values.append(Value(submission=submission, indicator=indicator, value=Decimal(rng.randint(0, 20)),
                                    denominator=Decimal(rng.randint(1, 25))))
            else:
                values.append(Value(submission=submission, indicator=indicator, value=Decimal(rng.randint(0, 500))))
    Value.objects.bulk_create(values, batch_size=2000)
    started = time.perf_counter()
    reporting.move_cycle(cycle, "publish")  # writes the cycle's rollup
    return len(values), (time.perf_counter() - started) * 1000


def main():
    with tempfile.TemporaryDirectory() as var:
        setup_django(var)
        from django.test import Client

        from liaison.actionplan import services
        from liaison.actionplan.models import ActionPlan, Indicator
        from liaison.core.models import Country

        plan = ActionPlan.objects.get(group__slug="lg-biosafety")
        objective = plan.objectives.get(number=8)
        while Indicator.objects.filter(objective__plan=plan).count() < INDICATORS:
            services.add_item(objective, "indicator", text="Synthetic benchmark indicator (not in the plan)", kind="number")
        indicators = list(Indicator.objects.filter(objective__plan=plan))
        for indicator in indicators:
            services.set_targets(indicator, {2020: Decimal(100)})
        parties = list(Country.objects.order_by("iso3")[:PARTIES])
        plan.parties.set(parties)
        rng = random.Random(2026)
        client = Client()
        url = f"/plans/{plan.pk}/dashboard/"
        print("Action-plan dashboard as published cycles grow (SQLite, one process, Django test client)")
        print(f"  {len(parties)} Parties x {len(indicators)} indicators per yearly cycle; synthetic values")
        print(f"{'cycles':>7} {'values':>8} {'page queries':>13} {'page ms':>8} {'CSV queries':>12} {'CSV ms':>7}")
        total = 0
        queries = set()
        publish_ms = []
        for count, year in enumerate(YEARS, start=1):
            added, ms = add_cycle(plan, indicators, parties, year, rng)
            total += added
            publish_ms.append(ms)
            if count in (1, 2, 5, 10):
                page_q, page_ms = measure(client, url)
                csv_q, csv_ms = measure(client, f"/plans/{plan.pk}/dashboard.csv", repeat=5)
                queries.add(page_q)
                print(f"{count:>7} {total:>8} {page_q:>13} {page_ms:>8.1f} {csv_q:>12} {csv_ms:>7.1f}")
        print(f"  publishing a cycle (summing its {PARTIES * INDICATORS} values into the rollup): "
              f"median {statistics.median(publish_ms):.1f} ms")
        print(f"  SQL queries per dashboard request: {'constant' if len(queries) == 1 else 'NOT constant'} ({sorted(queries)})")


if __name__ == "__main__":
    main()

"""Large-data benchmark (``make bench``): the pages and API answers of Liaison with 20,000 experts,
50 groups and 500 meetings of 100 participants, each page's p50/p95 beside a bare Django view's, and
its SQL query count. Times what a user waits for: the first roster search finds no index, as a
fresh server would (not prebuilt); the worker's build of it is timed apart. Prints figures; asserts nothing. All records made here are
SYNTHETIC (names say so), built in a throw-away database: SQLite by default, or the PostgreSQL of
LIAISON_DATABASE_URL (a database is created there and dropped afterwards).

    .venv/bin/python benchmarks/scale.py [--experts 20000] [--meetings 500] [--participants 100] [--repeat 30]
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Realistic profiles: sentences of the kind experts write, combined into 80-250 words each.
OPENINGS = [
    "Senior scientist at the national agricultural research institute with {y} years of experience in",
    "Head of the biosafety unit of the ministry of environment, responsible since {y} years for",
    "Associate professor of molecular biology who has worked for {y} years on",
    "Regulatory officer at the competent national authority with {y} years in",
    "Programme coordinator of a regional network of laboratories, {y} years of practice in",
    "Legal adviser to the national focal point, {y} years of work on",
]
TOPICS = [
    "risk assessment of living modified organisms intended for release into the environment",
    "detection and identification of living modified organisms in seed and grain shipments",
    "liability and redress for damage resulting from transboundary movements",
    "customs and border control training for the inspection of shipments",
    "public awareness, education and participation in decisions on biosafety",
    "socio-economic considerations in decision-making on imports",
    "laboratory accreditation, quality management and reference materials",
    "monitoring of genetically modified maize, cotton and soybean after release",
    "gene drives in mosquitoes and the assessment of their ecological effects",
    "synthetic biology and the governance of digital sequence information",
    "capacity-building needs assessments and national biosafety frameworks",
    "fish and aquaculture species with modified growth traits",
    "forest trees with modified wood properties and their gene flow",
    "the biosafety clearing-house and the exchange of information between Parties",
]
SENTENCES = [
    "Led the preparation of national guidelines adopted by the competent authority.",
    "Trained inspectors and laboratory staff from neighbouring countries in sampling and testing.",
    "Served as a member of the expert group that reviewed the guidance on risk assessment.",
    "Coordinated field trials under contained and confined conditions with strict monitoring.",
    "Authored peer-reviewed articles on molecular detection methods and their validation.",
    "Advised the parliament on the drafting of the national law on biotechnology and biosafety.",
    "Represented the country in regional workshops on the implementation of the Protocol.",
    "Developed curricula for university courses on biosafety, ethics and regulation.",
    "Evaluated applications for the import of commodities intended for food, feed or processing.",
    "Worked with customs administrations on the documentation accompanying shipments.",
    "Conducted surveys of farmers and consumers on their perceptions of modified crops.",
    "Supervised doctoral students working on the environmental fate of transgenes.",
]


def profile(rng) -> str:
    words = [rng.choice(OPENINGS).format(y=rng.randint(3, 30)), rng.choice(TOPICS) + "."]
    while len(" ".join(words).split()) < rng.randint(80, 250):
        words.append(rng.choice(SENTENCES) if rng.random() < 0.7 else f"Particular interest in {rng.choice(TOPICS)}.")
    return " ".join(words)


def setup_django(var_dir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "liaison.settings"
    os.environ.setdefault("LIAISON_SECRET_KEY", "benchmarks-" + secrets.token_urlsafe(40))  # a throw-away key
    os.environ["LIAISON_VAR_DIR"] = var_dir
    os.environ["LIAISON_ALLOWED_HOSTS"] = "testserver"
    os.environ["LIAISON_API_RATE_LIMIT"] = os.environ["LIAISON_SEARCH_RATE_LIMIT"] = "0"  # measure pages, not the limiter
    base = os.environ.get("LIAISON_DATABASE_URL", "")
    drop = None
    if base.startswith("postgres"):
        import urllib.parse

        import psycopg

        name = f"liaison_scale_{os.getpid()}"
        with psycopg.connect(base, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        os.environ["LIAISON_DATABASE_URL"] = urllib.parse.urlsplit(base)._replace(path=f"/{name}").geturl()

        def drop():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(base, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", "--no-accounts", stdout=open(os.devnull, "w"))
    return drop


def build(n_experts, n_groups, n_meetings, n_participants, seed=2026):
    from django.contrib.auth import get_user_model

    from liaison.core.models import Country, Organization, Person
    from liaison.groups.models import Group
    from liaison.meetings.models import Delegation, Meeting, Participant
    from liaison.roster.models import Expert, ExpertiseArea

    rng = random.Random(seed)
    started = time.perf_counter()
    countries = list(Country.objects.exclude(regional_group=""))
    existing = Group.objects.count()
    Group.objects.bulk_create(Group(name=f"Synthetic group {i}", slug=f"synthetic-{i}", acronym=f"SG{i}")
                              for i in range(max(0, n_groups - existing)))
    group = Group.objects.get(slug="lg-biosafety")
    areas = list(ExpertiseArea.objects.filter(group=group))
    people = Person.objects.bulk_create(
        Person(first_name=f"Synthetic{i}", last_name=f"Expert{i}", gender=rng.choice(["female", "male"]),
               country=rng.choice(countries), email=f"synthetic{i}@example.invalid") for i in range(n_experts))
    experts = Expert.objects.bulk_create(
        Expert(group=group, person=p, nationality=p.country, nominating_country=p.country,
               stakeholder=rng.choice(["government", "academia", "ngo", "industry", "igo"]), profile=profile(rng),
               keywords=", ".join(rng.sample(["maize", "cotton", "fish", "trees", "mosquitoes", "customs", "law", "detection"], 3)),
               highest_degree=rng.randint(1, 3), years_experience=rng.randint(3, 30), references="Synthetic A\nSynthetic B",
               status="approved") for p in people)
    Expert.areas.through.objects.bulk_create(
        Expert.areas.through(expert_id=e.pk, expertisearea_id=a.pk) for e in experts for a in rng.sample(areas, min(2, len(areas))))
    org, _ = Organization.objects.get_or_create(name="Synthetic Institute", defaults={"type": "academia"})
    pool = Person.objects.bulk_create(Person(first_name=f"Synthetic{i}", last_name=f"Participant{i}", organization=org)
                                      for i in range(n_participants * 40))
    first = date(1990, 1, 1)
    meetings = Meeting.objects.bulk_create(
        Meeting(group=group, number=1000 + i, slug=f"synthetic-{i}", title=f"Synthetic meeting {i}",
                start_date=first + timedelta(days=25 * i), end_date=first + timedelta(days=25 * i + 2),
                city="Synthetic City", country=rng.choice(countries)) for i in range(n_meetings))
    delegations = Delegation.objects.bulk_create(
        Delegation(meeting=m, country=c) for m in meetings for c in rng.sample(countries, n_participants // 5))
    by_meeting = {}
    for d in delegations:
        by_meeting.setdefault(d.meeting_id, []).append(d)
    Participant.objects.bulk_create(
        (Participant(meeting=m, person=p, delegation=rng.choice(by_meeting[m.pk]) if rng.random() < 0.85 else None,
                     attended=rng.random() < 0.95)
         for m in meetings for p in rng.sample(pool, n_participants)), batch_size=5000)
    get_user_model().objects.create_user("bench-staff@example.invalid", "synthetic-password-2026", is_staff=True)
    print(f"Built in {time.perf_counter() - started:.0f} s: {n_experts:,} experts (profiles of 80-250 words), "
          f"{Group.objects.count()} groups, {n_meetings} meetings × {n_participants} participants "
          f"({Participant.objects.count():,} participations, {Delegation.objects.count():,} delegations) — all synthetic")
    return group, meetings


def measure(client, url, repeat):
    from django.db import connection

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return len(executed), statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--experts", type=int, default=20_000)
    parser.add_argument("--groups", type=int, default=50)
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        dropper = setup_django(var)
        try:
            run(args)
        finally:
            if dropper:
                dropper()


def run(args):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings

    group, meetings = build(args.experts, args.groups, args.meetings, args.participants)
    client = Client()
    staff = Client()
    staff.login(username="bench-staff@example.invalid", password="synthetic-password-2026")
    meeting = meetings[len(meetings) // 2]
    print(f"Database: {connection.vendor}; one process, Django test client; p50/p95 of {args.repeat} requests after one "
          "warm-up request whose SQL queries are counted")

    with override_settings(ROOT_URLCONF="scale_urls"):
        # The first search as a fresh server finds it: no index in the cache or the process.
        from liaison.core import schedule
        from liaison.roster import index

        schedule.server_start()  # what `liaison serve` does before its workers take requests
        index._local.clear()
        cache.clear()
        started = time.perf_counter()
        assert client.get("/roster/lg-biosafety/?q=gene+drives+in+mosquitoes").status_code == 200
        first_search = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        index.warm()  # what the worker does with the rebuild task the first search enqueued
        worker_build = time.perf_counter() - started
        pages = [
            ("bare Django view (reference)", "/bare/", client),
            ("home", "/", client),
            ("group page (history paged)", "/groups/lg-biosafety/", client),
            ("group page, one year", f"/groups/lg-biosafety/?year={meeting.start_date.year}", client),
            ("meeting page (100 participants)", meeting.get_absolute_url(), client),
            ("roster, first page", "/roster/lg-biosafety/", client),
            ("roster search", "/roster/lg-biosafety/?q=detection+of+maize+in+seed+shipments", client),
            ("roster search + region filter", "/roster/lg-biosafety/?q=liability+and+redress&region=african", client),
            ("API meetings (limit 50)", "/api/v1/meetings?limit=50", client),
            ("API group meetings (limit 50)", "/api/v1/groups/lg-biosafety/meetings?limit=50", client),
            ("API participants of a meeting", f"/api/v1/meetings/{meeting.pk}/participants", staff),
            ("API experts search (limit 50)", "/api/v1/groups/lg-biosafety/experts?q=customs+training&limit=50", client),
            ("secretariat: e-mail outbox", "/manage/outbox/", staff),
        ]
        print(f"\nFirst roster search after a start (no index yet; the worker builds it): {first_search:.0f} ms")
        print(f"Roster index built by the worker (SQLite; nothing to build on PostgreSQL): {worker_build:.1f} s")
        print(f"\n{'page':<36} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'KB':>7}")
        for label, url, who in pages:
            queries, p50, p95, size = measure(who, url, args.repeat)
            print(f"{label:<36} {queries:>7} {p50:>8.1f} {p95:>8.1f} {size / 1024:>7.0f}")


if __name__ == "__main__":
    main()

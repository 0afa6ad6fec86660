"""Benchmarks of Liaison (``make bench``): print figures, never assert on time.

pages: the public meeting page and the API meeting list as data grows — SQL queries per request
(which must stay constant) and median wall time per request on this machine.

No published figures exist for these pages; the panel-composition and lottery benchmarks, which do
have published reference figures (shared/benchmarks), come with the roster issue.
"""

import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(var_dir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    os.environ["LIAISON_VAR_DIR"] = var_dir
    os.environ.setdefault("LIAISON_ALLOWED_HOSTS", "testserver")
    # Debug stays off (query counts as in production), so the benchmark brings its own secret key.
    os.environ.setdefault("LIAISON_SECRET_KEY", "benchmarks-" + secrets.token_urlsafe(40))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", "--no-accounts", stdout=open(os.devnull, "w"))


def grow(meeting, n):
    from liaison.core.models import Country, Organization, Person
    from liaison.meetings.models import Delegation, Participant

    countries = list(Country.objects.exclude(delegation__meeting=meeting)[: max(0, n // 4)])
    delegations = [Delegation.objects.create(meeting=meeting, country=c) for c in countries]
    org, _ = Organization.objects.get_or_create(name="Benchmark Institute", defaults={"type": "academia"})
    people = Person.objects.bulk_create(Person(last_name=f"Participant {i}", organization=org) for i in range(n))
    Participant.objects.bulk_create(
        Participant(meeting=meeting, person=p, delegation=delegations[i % len(delegations)] if delegations else None)
        for i, p in enumerate(people)
    )


def measure(client, url, repeat=30):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return queries, statistics.median(times) * 1000


def main():
    with tempfile.TemporaryDirectory() as var:
        setup_django(var)
        from django.test import Client

        from liaison.meetings.models import Meeting

        client = Client()
        ninth = Meeting.objects.get(group__slug="lg-biosafety", number=9)
        page = ninth.get_absolute_url()
        print("Meeting page and API as participants grow (SQLite, one process, Django test client)")
        print(f"{'participants':>12} {'page queries':>13} {'page ms':>8} {'API queries':>12} {'API ms':>7}")
        total = 2
        for target in (2, 50, 200, 1000):
            grow(ninth, target - total)
            total = target
            page_q, page_ms = measure(client, page)
            api_q, api_ms = measure(client, f"/api/v1/meetings/{ninth.pk}/participants")
            print(f"{target:>12} {page_q:>13} {page_ms:>8.1f} {api_q:>12} {api_ms:>7.1f}")
        groups_q, groups_ms = measure(client, "/api/v1/groups/lg-biosafety/meetings")
        print(f"\nGET /api/v1/groups/lg-biosafety/meetings: {groups_q} queries, {groups_ms:.1f} ms median")
        roster(client)
        print("Reference figures: none published for these pages.")


def roster(client, n=20_000):
    """The public roster page and its search with n approved experts in the database."""
    import random

    from liaison.core.models import Country, Person
    from liaison.groups.models import Group
    from liaison.roster.models import Expert, ExpertiseArea

    rng = random.Random(3)
    group = Group.objects.get(slug="lg-biosafety")
    countries = list(Country.objects.exclude(regional_group=""))
    areas = list(ExpertiseArea.objects.filter(group=group))
    words = ["risk assessment", "detection", "customs", "liability", "awareness", "laboratory", "regulation", "maize", "fish", "trees"]
    people = Person.objects.bulk_create(Person(first_name=f"Expert{i}", last_name=f"Roster{i}", gender=rng.choice(["female", "male"]),
                                               country=rng.choice(countries)) for i in range(n))
    experts = Expert.objects.bulk_create(Expert(group=group, person=p, nationality=p.country, nominating_country=p.country,
                                                stakeholder=rng.choice(["government", "academia", "ngo", "industry"]),
                                                profile=" ".join(rng.sample(words, 4)), status="approved") for p in people)
    Expert.areas.through.objects.bulk_create(Expert.areas.through(expert_id=e.pk, expertisearea_id=rng.choice(areas).pk) for e in experts)
    print(f"\nRoster of {n:,} approved experts (SQLite)")
    for url in ("/roster/lg-biosafety/", "/roster/lg-biosafety/?q=risk+assessment+of+maize", "/roster/lg-biosafety/?q=customs&region=african",
                "/api/v1/groups/lg-biosafety/experts?q=liability&limit=50"):
        queries, ms = measure(client, url, repeat=5)
        print(f"  GET {url}: {queries} queries, {ms:.0f} ms median")


if __name__ == "__main__":
    main()

"""The roster's search index is built once per version of the roster and kept in Django's cache;
scikit-learn is imported when a server starts, not in the first search."""

import subprocess
import sys

import pytest
from django.core.cache import cache
from django.core.management import call_command

from liaison.core.models import Country, Person
from liaison.roster import index
from liaison.roster.models import Expert, Status
from liaison.roster.search import Index


def count_builds(monkeypatch):
    builds = []
    original = Index.build.__func__

    def build(cls, ids, documents):
        builds.append(len(ids))
        return original(cls, ids, documents)

    monkeypatch.setattr(Index, "build", classmethod(build))
    return builds


def test_the_index_is_built_once_per_version_of_the_roster(roster, monkeypatch):
    builds = count_builds(monkeypatch)
    group = roster[0].group
    index._local.clear()
    cache.clear()
    first = index.for_group(group.pk)
    assert index.for_group(group.pk) is first and builds == [len(roster)]
    index._local.clear()  # another process (or node) finds it in the shared cache
    assert index.for_group(group.pk).search("risk assessment") == first.search("risk assessment")
    assert builds == [len(roster)]

    country = Country.objects.get(iso3="PER")
    person = Person.objects.create(first_name="Quilla", last_name="Newcomer", email="q@example.org", country=country)
    expert = Expert.objects.create(group=group, person=person, nationality=country, nominating_country=country, stakeholder="academia",
                                   profile="Zebrafish embryology.", highest_degree=3, years_experience=9, references="a\nb", status=Status.APPROVED)
    assert index.for_group(group.pk).search("zebrafish")[0][0] == expert.pk
    assert builds == [len(roster), len(roster) + 1]


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def rebuilds_queued():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(task_path="liaison.roster.tasks.rebuild_index", status="READY").values_list("args_kwargs", flat=True))


def fresh_start():
    index._local.clear()
    cache.clear()


def found(client, group, query):
    page = client.get(f"/roster/{group.slug}/?q={query}").context["page"]
    return [(e.pk, e.score) for e in page.object_list]


@pytest.mark.django_db(transaction=True)
def test_no_search_request_builds_the_roster_index_the_worker_does(client, roster, monkeypatch, settings):
    from django.db import connection

    settings.TASKS = DB_TASKS
    builds = count_builds(monkeypatch)
    group = roster[0].group
    fresh_start()
    first = found(client, group, "risk+assessment")
    assert first and first[0][0] in {e.pk for e in roster if "risk" in e.profile.lower()}
    if connection.vendor == "postgresql":  # full text first: no whole-roster index, nothing to rebuild
        assert all(n < len(roster) for n in builds) and rebuilds_queued() == []
        return
    # SQLite, no index yet: the database's matches re-ranked over those few; the rebuild is queued once
    assert all(n < len(roster) for n in builds) and rebuilds_queued() == [{"args": [group.pk], "kwargs": {}}]
    assert found(client, group, "risk+assessment") == first and len(rebuilds_queued()) == 1
    call_command("worker", batch=True, no_schedule=True, verbosity=0)
    assert builds.count(len(roster)) == 1 and rebuilds_queued() == []  # built by the worker
    index._local.clear()  # a server process finds it in the shared cache
    searches = [found(client, group, "risk+assessment") for _ in range(3)]
    assert searches[0] == searches[1] == searches[2] and {pk for pk, _ in searches[0]} == {pk for pk, _ in first}
    assert builds.count(len(roster)) == 1 and rebuilds_queued() == []


def test_after_a_change_a_search_uses_the_previous_index_and_finds_the_newcomer(client, roster, monkeypatch, settings):
    from django.db import connection

    if connection.vendor == "postgresql":
        return test_each_database_searches_its_way(client, roster, monkeypatch)  # no whole-roster index there
    settings.TASKS = DB_TASKS
    group = roster[0].group
    fresh_start()
    previous = index.for_group(group.pk)  # the worker built it
    builds = count_builds(monkeypatch)
    country = Country.objects.get(iso3="PER")
    person = Person.objects.create(first_name="Quilla", last_name="Newcomer", email="q@example.org", country=country)
    expert = Expert.objects.create(group=group, person=person, nationality=country, nominating_country=country, stakeholder="academia",
                                   profile="Zebrafish embryology and risk assessment.", highest_degree=3, years_experience=9,
                                   references="a\nb", status=Status.APPROVED)
    hits = found(client, group, "zebrafish")
    assert hits[0][0] == expert.pk and builds == [1]  # a small index over the one new record, not the roster's
    risk = found(client, group, "risk+assessment")
    assert expert.pk in [pk for pk, _ in risk] and builds == [1, 1]
    old = [pk for pk, _ in previous.search("risk assessment")]
    assert [pk for pk, _ in risk if pk != expert.pk] == old  # the rest as the previous index ranks them
    assert rebuilds_queued() == [{"args": [group.pk], "kwargs": {}}]  # once, not per search
    from liaison.roster.tasks import rebuild_index

    rebuild_index.call(group.pk)  # what the worker runs
    assert builds[-1] == len(roster) + 1
    assert found(client, group, "zebrafish")[0][0] == expert.pk and builds[-1] == len(roster) + 1


def test_a_change_of_the_roster_enqueues_one_rebuild(roster, settings, django_capture_on_commit_callbacks):
    from django.db import connection

    settings.TASKS = DB_TASKS
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for expert in roster[:3]:
            expert.profile += " Updated."
            expert.save()
    expected = [] if connection.vendor == "postgresql" else [{"args": [roster[0].group_id], "kwargs": {}}]
    assert rebuilds_queued() == expected


def test_filters_restrict_the_cached_ranking(client, roster):
    group = roster[0].group
    everyone = client.get(f"/roster/{group.slug}/?q=works").context["page"].paginator.count
    region = roster[0].nationality.regional_group
    filtered = client.get(f"/roster/{group.slug}/?q=works&region={region}").context["page"]
    assert 0 < filtered.paginator.count < everyone
    assert all(e.nationality.regional_group == region for e in filtered.object_list)


def test_a_server_start_imports_scikit_learn_before_any_request():
    code = "import sys, liaison.wsgi; print('sklearn' in sys.modules, 'liaison.roster.search' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["True", "True"], result.stderr


def test_each_database_searches_its_way(client, roster, monkeypatch):
    """PostgreSQL: full text with a GIN index first, TF-IDF re-rank; SQLite: the cached TF-IDF index."""
    from django.db import connection

    group = roster[0].group
    calls = []
    monkeypatch.setattr(index, "for_request", lambda group_id, original=index.for_request: calls.append("tfidf-cache") or original(group_id))
    page = client.get(f"/roster/{group.slug}/?q=risk+assessment").context["page"]
    assert page.object_list and all(e.score > 0 for e in page.object_list[:1])
    if connection.vendor == "postgresql":
        assert calls == []
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'roster_expert_search_vector'")
            assert "USING gin (search_vector)" in cursor.fetchone()[0]
            cursor.execute("EXPLAIN SELECT id FROM roster_expert WHERE search_vector @@ to_tsquery('english', 'risk | assessment')")
            assert "search_vector" in " ".join(row[0] for row in cursor.fetchall())
    else:
        assert calls == ["tfidf-cache"]


def test_the_worker_warms_each_group_once_not_once_per_expert(roster, monkeypatch):
    """Expert's ordering (by people's names) must not join the DISTINCT of the groups to warm: that
    gave one version check per expert on every beat (216 s a beat at 20,000 experts)."""
    groups = set(Expert.objects.filter(status=Status.APPROVED).values_list("group_id", flat=True))
    found = index.groups_with_a_roster()
    assert len(roster) > 1 and sorted(found) == sorted(groups) and len(found) == len(groups)
    checked = []
    monkeypatch.setattr(index, "for_group", lambda group_id: checked.append(group_id))
    index.warm()
    from django.db import connection

    # SQLite builds an index per group, once each; PostgreSQL searches with full text and builds none.
    assert checked == ([] if connection.vendor == "postgresql" else found)

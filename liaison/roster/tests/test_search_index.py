"""The roster's search index is built once per version of the roster and kept in Django's cache;
scikit-learn is imported when a server starts, not in the first search."""

import subprocess
import sys

from django.core.cache import cache

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


def test_searches_on_the_page_reuse_the_index(client, roster, monkeypatch):
    from django.db import connection

    builds = count_builds(monkeypatch)
    group = roster[0].group
    index._local.clear()
    cache.clear()

    def found(query):
        page = client.get(f"/roster/{group.slug}/?q={query}").context["page"]
        return [(e.pk, e.score) for e in page.object_list]

    first = found("risk+assessment")
    assert first
    for _ in range(3):
        assert found("risk+assessment") == first
    # SQLite: one build of the group's index for four searches; PostgreSQL: a small index over the
    # full-text candidates of each search, never the whole roster's.
    expected = [len(roster)] if connection.vendor != "postgresql" else [n for n in builds if n < len(roster)]
    assert builds == expected and builds


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
    monkeypatch.setattr(index, "for_group", lambda group_id, original=index.for_group: calls.append("tfidf-cache") or original(group_id))
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

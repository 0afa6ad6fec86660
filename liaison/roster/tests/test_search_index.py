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


def test_searches_reuse_the_index_until_the_roster_changes(client, roster, monkeypatch):
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
    assert builds == [len(roster)]  # one build for four searches
    index._local.clear()  # another process (or node) finds it in the shared cache
    assert found("risk+assessment") == first
    assert builds == [len(roster)]

    country = Country.objects.get(iso3="PER")
    person = Person.objects.create(first_name="Quilla", last_name="Newcomer", email="q@example.org", country=country)
    Expert.objects.create(group=group, person=person, nationality=country, nominating_country=country, stakeholder="academia",
                          profile="Zebrafish embryology.", highest_degree=3, years_experience=9, references="a\nb", status=Status.APPROVED)
    assert "Newcomer" in client.get(f"/roster/{group.slug}/?q=zebrafish").content.decode()
    assert builds == [len(roster), len(roster) + 1]


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

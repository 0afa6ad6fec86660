"""The roster's search index, cached by the roster's data version.

Building a TF-IDF index over 20,000 profiles takes seconds; it is built once per version of a
group's approved roster and kept in Django's cache framework (local memory on one machine, Redis with
``LIAISON_CACHE_URL`` on several) and, once loaded, in the process. The version is read with one
aggregate query (count, last change, highest id of the approved records), so a new or changed expert
is found by the next search on any node, and no request rebuilds an index that is up to date.
"""

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Max

from .models import Expert, Status

CACHE_TIMEOUT = 24 * 3600
_local: dict[int, tuple[str, object]] = {}  # group id -> (version key, Index) in this process


def version_key(group_id: int) -> str:
    v = Expert.objects.filter(group_id=group_id, status=Status.APPROVED).aggregate(n=Count("pk"), last=Max("updated"), top=Max("pk"))
    stamp = v["last"].timestamp() if v["last"] else 0
    return f"roster-index:v1:{group_id}:{v['n']}:{stamp:.6f}:{v['top'] or 0}"


def _searched_columns():
    """The searched texts, at most as long as the form accepts (roster/forms.py TEXT_LIMITS), even
    for records saved before the limits existed: one huge profile cannot slow every search."""
    from django.db.models.functions import Left

    from .forms import TEXT_LIMITS

    return ("pk", Left("profile", TEXT_LIMITS["profile"]), "keywords", Left("publications", TEXT_LIMITS["publications"]))


def documents(group_id: int) -> tuple[list[int], list[str]]:
    """The text each approved record is searched by: profile, keywords, areas, publications."""
    experts = Expert.objects.filter(group_id=group_id, status=Status.APPROVED).order_by("pk")
    rows = list(experts.values_list(*_searched_columns()))
    areas = defaultdict(list)
    through = Expert.areas.through.objects.filter(expert__group_id=group_id, expert__status=Status.APPROVED)
    for pk, name in through.values_list("expert_id", "expertisearea__name"):
        areas[pk].append(name)
    return [r[0] for r in rows], [" ".join((r[1], r[2], " ".join(areas[r[0]]), r[3])) for r in rows]


def for_group(group_id: int):
    """The group's index as the roster is now: from this process, else the shared cache, else built."""
    from .search import Index

    key = version_key(group_id)
    held = _local.get(group_id)
    if held and held[0] == key:
        return held[1]
    index = cache.get(key)
    if index is None:
        index = Index.build(*documents(group_id))
        cache.set(key, index, CACHE_TIMEOUT)
    _local[group_id] = (key, index)
    return index


# PostgreSQL: how many full-text matches (GIN index, ts_rank) the TF-IDF re-ranks.
CANDIDATES = 500


def search_postgres(experts, text: str) -> list[tuple[int, float]]:
    """First stage: PostgreSQL full text (the stored ``search_vector`` with its GIN index, any of
    the query's words, ranked by ts_rank) over the filtered records; second stage: TF-IDF cosine
    similarity over the best CANDIDATES of them, built for this query only. Returns (pk, score)."""
    import re

    from django.db.models.expressions import RawSQL

    from .search import Index

    words = re.findall(r"[^\W_]+", text.lower())[:30]
    if not words:
        return []
    match = "roster_expert.search_vector @@ to_tsquery('english'::regconfig, %s)"

    def best(tsquery, exclude=()):
        found = experts.order_by().extra(where=[match], params=[tsquery]).exclude(pk__in=list(exclude))
        return list(
            found.annotate(fts_rank=RawSQL("ts_rank(roster_expert.search_vector, to_tsquery('english'::regconfig, %s))", [tsquery]))
            .order_by("-fts_rank", "pk").values_list("pk", flat=True)[:CANDIDATES - len(exclude)]
        )

    # Records with every word of the query first (few, quickly ranked); then, if they are not
    # enough, records with any of its words.
    candidates = best(" & ".join(words)) if len(words) > 1 else []
    if len(candidates) < CANDIDATES // 5:
        candidates += best(" | ".join(words), exclude=candidates)
    if not candidates:
        return []
    areas = defaultdict(list)
    for pk, name in Expert.areas.through.objects.filter(expert_id__in=candidates).values_list("expert_id", "expertisearea__name"):
        areas[pk].append(name)
    texts = dict(
        (pk, " ".join((profile, keywords, " ".join(areas[pk]), publications)))
        for pk, profile, keywords, publications in Expert.objects.filter(pk__in=candidates).values_list(*_searched_columns())
    )
    found = Index.build(candidates, [texts[pk] for pk in candidates]).search(text, limit=len(candidates))
    ranked = {pk for pk, _ in found}
    # Full-text matches the TF-IDF scores 0 (e.g. only through stemming) follow, in ts_rank order.
    return found + [(pk, 0.0) for pk in candidates if pk not in ranked]


def warm(group_ids=None) -> int:
    """Build (or load) the indexes of every group with a roster; run by the worker's clock so that a
    shared cache holds them before anyone searches. Returns how many were built or loaded."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return 0  # PostgreSQL searches with full text first (search_postgres): nothing to build
    if group_ids is None:
        group_ids = Expert.objects.filter(status=Status.APPROVED).values_list("group_id", flat=True).distinct()
    count = 0
    for group_id in list(group_ids):
        before = _local.get(group_id)
        if for_group(group_id) is not (before[1] if before else None):
            count += 1
    return count


def preload() -> None:
    """Import scikit-learn and the search module at start, not inside the first search request."""
    from . import search  # noqa: F401

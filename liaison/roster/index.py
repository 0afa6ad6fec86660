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


def documents(group_id: int) -> tuple[list[int], list[str]]:
    """The text each approved record is searched by: profile, keywords, areas, publications."""
    experts = Expert.objects.filter(group_id=group_id, status=Status.APPROVED).order_by("pk")
    rows = list(experts.values_list("pk", "profile", "keywords", "publications"))
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


def warm(group_ids=None) -> int:
    """Build (or load) the indexes of every group with a roster; run by the worker's clock so that a
    shared cache holds them before anyone searches. Returns how many were built or loaded."""
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

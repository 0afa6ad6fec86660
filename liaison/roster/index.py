"""The roster's search index, cached by the roster's data version.

Building a TF-IDF index over 20,000 profiles takes seconds (18 s measured on the shared 2-core
machine); it is built once per version of a group's approved roster, **by the worker**, and kept in
Django's cache framework (local memory on one machine, Redis with ``LIAISON_CACHE_URL`` on several)
and, once loaded, in the process. The version is read with one aggregate query (count, last change,
highest id of the approved records).

No request builds the whole roster's index. A change of the roster enqueues a rebuild (a task, once
per group however many records changed); until the worker has built it, a search uses the previous
index for the records it knows and scores the records added or changed since with a small index over
those alone, so a new expert is found at once. With no index at all (a fresh installation, an empty
cache) the search falls back on the database: records containing the query's words, re-ranked by
TF-IDF over those few (as PostgreSQL does with full text, below).
"""

import re
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Max, Q

from .models import Expert, Status

CACHE_TIMEOUT = 24 * 3600
PENDING_SECONDS = 120  # one rebuild task per group in this time, however many records change
_local: dict[int, tuple[str, object]] = {}  # group id -> (version key, Index) in this process


def version_key(group_id: int) -> str:
    v = Expert.objects.filter(group_id=group_id, status=Status.APPROVED).aggregate(n=Count("pk"), last=Max("updated"), top=Max("pk"))
    stamp = v["last"].timestamp() if v["last"] else 0
    return f"roster-index:v1:{group_id}:{v['n']}:{stamp:.6f}:{v['top'] or 0}"


def _latest_key(group_id: int) -> str:
    return f"roster-index:latest:v1:{group_id}"


def _stamp(key: str) -> float:
    """The last change of the roster that an index of version ``key`` includes."""
    return float(key.split(":")[4])


def _searched_columns():
    """The searched texts, at most as long as the form accepts (roster/forms.py TEXT_LIMITS), even
    for records saved before the limits existed: one huge profile cannot slow every search."""
    from django.db.models.functions import Left

    from .forms import TEXT_LIMITS

    return ("pk", Left("profile", TEXT_LIMITS["profile"]), "keywords", Left("publications", TEXT_LIMITS["publications"]))


def documents(group_id: int, pks=None) -> tuple[list[int], list[str]]:
    """The text each approved record is searched by: profile, keywords, areas, publications (of the
    records ``pks`` only, when given), as search.document joins them."""
    from .search import document

    experts = Expert.objects.filter(group_id=group_id, status=Status.APPROVED).order_by("pk")
    through = Expert.areas.through.objects.filter(expert__group_id=group_id, expert__status=Status.APPROVED)
    if pks is not None:
        experts, through = experts.filter(pk__in=list(pks)), through.filter(expert_id__in=list(pks))
    rows = list(experts.values_list(*_searched_columns()))
    areas = defaultdict(list)
    for pk, name in through.values_list("expert_id", "expertisearea__name"):
        areas[pk].append(name)
    return [r[0] for r in rows], [document(r[1], r[2], areas[r[0]], r[3]) for r in rows]


def _held(group_id: int, key: str):
    """The index of version ``key``, from this process or the shared cache; None when neither has it."""
    held = _local.get(group_id)
    if held and held[0] == key:
        return held[1]
    index = cache.get(key)
    if index is not None:
        _local[group_id] = (key, index)
    return index


def build(group_id: int):
    """Build the group's index as the roster is now and share it (the worker's side)."""
    from .search import Index

    key = version_key(group_id)
    index = _held(group_id, key)
    if index is None:
        index = Index.build(*documents(group_id))
        cache.set(key, index, CACHE_TIMEOUT)
        _local[group_id] = (key, index)
    cache.set(_latest_key(group_id), key, CACHE_TIMEOUT)
    return index


def for_group(group_id: int):
    """The group's index as the roster is now: from this process, else the shared cache, else built
    here. For the worker and commands; a request uses :func:`for_request`."""
    return build(group_id)


def for_request(group_id: int):
    """What a search request may use without building the roster's index: ``(index, key, fresh)``.
    ``fresh`` when the index is the roster's current version; otherwise a rebuild is enqueued and the
    newest earlier index is given (``key`` its version), or ``(None, None, False)`` when there is none."""
    key = version_key(group_id)
    index = _held(group_id, key)
    if index is not None:
        return index, key, True
    schedule_rebuild(group_id)
    held = _local.get(group_id)
    latest = cache.get(_latest_key(group_id))
    if latest and (held is None or _stamp(latest) > _stamp(held[0])):
        index = cache.get(latest)
        if index is not None:
            _local[group_id] = (latest, index)
            return index, latest, False
    if held is not None:
        return held[1], held[0], False
    return None, None, False


def schedule_rebuild(group_id: int) -> bool:
    """Enqueue the rebuild of the group's index (once per group in PENDING_SECONDS); returns whether
    a task was enqueued. PostgreSQL needs no whole-roster index."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return False
    if not cache.add(f"roster-index:pending:v1:{group_id}", 1, PENDING_SECONDS):
        return False
    from .tasks import rebuild_index

    rebuild_index.enqueue(group_id)
    return True


def rebuild(group_id: int) -> str:
    """The task: build the group's current index (when no process has yet)."""
    cache.delete(f"roster-index:pending:v1:{group_id}")
    build(group_id)
    return version_key(group_id)


def roster_changed(sender, instance, **kwargs) -> None:
    """post_save/post_delete of an Expert: once the change is committed, enqueue the rebuild."""
    from django.db import transaction

    group_id = instance.group_id
    if kwargs.get("created") and instance.status != Status.APPROVED:
        return  # a new draft (a nomination, a bulk sheet's rows) is not on the searched roster
    if group_id is not None:
        transaction.on_commit(lambda: schedule_rebuild(group_id))


def _small_index(candidates: list[int]):
    """A TF-IDF index over the records ``candidates`` alone (built for one query)."""
    from .search import Index, document

    areas = defaultdict(list)
    for pk, name in Expert.areas.through.objects.filter(expert_id__in=candidates).values_list("expert_id", "expertisearea__name"):
        areas[pk].append(name)
    texts = dict(
        (pk, document(profile, keywords, areas[pk], publications))
        for pk, profile, keywords, publications in Expert.objects.filter(pk__in=candidates).values_list(*_searched_columns())
    )
    candidates = [pk for pk in candidates if pk in texts]
    return Index.build(candidates, [texts[pk] for pk in candidates])


def _rerank(candidates: list[int], text: str) -> list[tuple[int, float]]:
    """TF-IDF over the candidates alone (ranked as the search module ranks: more of the query's
    words first, then similarity); the candidates it scores 0 (matched only through stemming or a
    substring) follow in their order."""
    if not candidates:
        return []
    found = _small_index(candidates).search(text, limit=len(candidates))
    ranked = {pk for pk, _ in found}
    return found + [(pk, 0.0) for pk in candidates if pk not in ranked]


def _hits(index, text: str, among=None) -> list[tuple[int, float, int]]:
    """(pk, score, words of the query matched) of every record the index scores above 0."""
    import numpy as np

    scores = index.scores(text)
    hits = np.flatnonzero(scores > 0)
    matched = index.terms_matched(text) if len(hits) else None
    return [(index.ids[i], float(scores[i]), int(matched[i])) for i in hits if among is None or index.ids[i] in among]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())[:30]


def search_database(experts, text: str) -> list[tuple[int, float]]:
    """No index yet (SQLite): the filtered records containing every word of the query (then any
    word, when fewer than CANDIDATES // 5 have them all), at most CANDIDATES, re-ranked by TF-IDF."""
    words = [w for w in _words(text) if len(w) > 2] or _words(text)
    if not words:
        return []

    def has(word):
        return (Q(profile__icontains=word) | Q(keywords__icontains=word) | Q(publications__icontains=word)
                | Q(pk__in=Expert.areas.through.objects.filter(expertisearea__name__icontains=word).values("expert_id")))

    def matching(condition, exclude=()):
        found = experts.order_by().filter(condition).exclude(pk__in=list(exclude))
        return list(found.order_by("pk").values_list("pk", flat=True)[:CANDIDATES - len(exclude)])

    every = Q()
    for word in words:
        every &= has(word)
    candidates = matching(every) if len(words) > 1 else []
    if len(candidates) < CANDIDATES // 5:
        anyone = Q()
        for word in words:
            anyone |= has(word)
        candidates += matching(anyone, exclude=candidates)
    return _rerank(candidates, text)


def search_stale(experts, text: str, index, key: str) -> list[tuple[int, float]]:
    """Until the worker has rebuilt the index: the previous ``index`` (version ``key``) for the
    records unchanged since, a small index for the records added or changed after it, merged as one
    index ranks (more of the query's words first, then similarity). Records that left the roster or
    the filters are not found."""
    among = set(experts.values_list("pk", flat=True))
    since = Expert.objects.filter(pk__in=among, updated__gt=_datetime(_stamp(key))).values_list("pk", flat=True)
    changed = (among - set(index.ids)) | set(since)
    hits = _hits(index, text, among - changed)
    if changed:
        delta = sorted(changed)
        if len(delta) > CANDIDATES * 4:  # a large change: only the database's matches among them
            delta = [pk for pk, _ in search_database(experts.filter(pk__in=delta), text)]
        if delta:
            hits += _hits(_small_index(delta), text)
    hits.sort(key=lambda hit: (-hit[2], -hit[1], hit[0]))
    return [(pk, score) for pk, score, _ in hits]


def _datetime(stamp: float):
    from datetime import datetime, timezone

    return datetime.fromtimestamp(stamp, tz=timezone.utc)


# PostgreSQL: how many full-text matches (GIN index, ts_rank) the TF-IDF re-ranks.
CANDIDATES = 500


def search_postgres(experts, text: str) -> list[tuple[int, float]]:
    """First stage: PostgreSQL full text (the stored ``search_vector`` with its GIN index, any of
    the query's words, ranked by ts_rank) over the filtered records; second stage: TF-IDF cosine
    similarity over the best CANDIDATES of them, built for this query only. Returns (pk, score)."""
    from django.db.models.expressions import RawSQL

    words = _words(text)
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
    return _rerank(candidates, text)


def groups_with_a_roster() -> list[int]:
    """The ids of the groups with approved experts, each once. order_by(): the model's ordering (people's
    names) would otherwise join the DISTINCT and give one "group" per expert — 20,000 version checks
    a beat on a 20,000-expert roster."""
    return list(Expert.objects.filter(status=Status.APPROVED).order_by().values_list("group_id", flat=True).distinct())


def warm(group_ids=None) -> int:
    """Build (or load) the indexes of every group with a roster; run by the worker's clock so that a
    shared cache holds them before anyone searches. Returns how many were built or loaded."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return 0  # PostgreSQL searches with full text first (search_postgres): nothing to build
    if group_ids is None:
        group_ids = groups_with_a_roster()
    count = 0
    for group_id in list(group_ids):
        before = _local.get(group_id)
        if for_group(group_id) is not (before[1] if before else None):
            count += 1
    return count


def preload() -> None:
    """Import scikit-learn and the search module at start, not inside the first search request."""
    from . import search  # noqa: F401

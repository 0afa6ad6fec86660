"""Duplication detection among capacity-building initiatives, and requests already covered by one.
Pure Python: no Django import.

Two initiatives **overlap** (flag kind ``"overlap"``) when all of these hold, and the evidence names
each one: they share a recipient country, they share an area, their periods overlap (a missing date
is open on that side), and the TF-IDF cosine similarity of their texts reaches the threshold.

A request is **covered** by an initiative (flag kind ``"covered"``; ``a`` the request, ``b`` the
initiative) when the initiative's recipients include the requesting country, they share an area,
their periods overlap and their texts are similar to the threshold.

Each flag carries a **fingerprint** of the facts it rests on: the shared recipients and areas, the
common period and the two texts compared. The similarity figure is left out of it on purpose: TF-IDF
weights depend on every text in the collection, so the figure moves a little whenever any record is
added, while the evidence for this pair has not changed. A decision taken on a flag stands until its
fingerprint changes.

Candidate pairs are found through an inverted index on (recipient, area), so that only pairs sharing
both are compared; the text similarities are computed for those pairs only.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

OVERLAP = "overlap"
COVERED = "covered"


@dataclass(frozen=True)
class Initiative:
    id: str
    recipients: frozenset[str]  # ISO alpha-3 codes
    areas: frozenset[str]
    start: date | None
    end: date | None
    text: str

    def __post_init__(self):
        for name in ("recipients", "areas"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"{name}: expected a collection of strings, not one string")
            object.__setattr__(self, name, frozenset(value or ()))


@dataclass(frozen=True)
class Flag:
    kind: str  # OVERLAP or COVERED
    a: str  # an initiative (OVERLAP) or a request (COVERED)
    b: str  # an initiative
    evidence: dict = field(hash=False, compare=False)
    fingerprint: str = field(default="", hash=False, compare=False)


def fingerprint(kind: str, evidence: dict, texts) -> str:
    """A digest of the facts behind a flag (its evidence without the similarity figures, and the
    texts compared): equal digests mean the evidence has not changed."""
    facts = {key: value for key, value in evidence.items() if key not in ("text_similarity", "threshold")}
    payload = json.dumps({"kind": kind, "facts": facts, "texts": list(texts)}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _period(start, end):
    return (start or date.min, end or date.max)


def _overlap(a_start, a_end, b_start, b_end):
    """The common period as (first day, last day), or None."""
    lo = max(_period(a_start, a_end)[0], _period(b_start, b_end)[0])
    hi = min(_period(a_start, a_end)[1], _period(b_start, b_end)[1])
    return (lo, hi) if lo <= hi else None


def _describe(period):
    lo, hi = period
    bounded = lo != date.min and hi != date.max
    return {"from": None if lo == date.min else lo.isoformat(), "to": None if hi == date.max else hi.isoformat(),
            "days": (hi - lo).days + 1 if bounded else None}


def _similarities(texts_a, texts_b, pairs):
    """TF-IDF cosine similarity of texts_a[i] and texts_b[j] for each (i, j), fitted on all texts;
    ``texts_b`` None compares texts_a with itself."""
    if not pairs:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(list(texts_a) + list(texts_b or ())).tocsr()
    except ValueError:  # no word at all
        return [0.0] * len(pairs)
    shift = 0 if texts_b is None else len(texts_a)
    left = matrix[[i for i, _ in pairs]]
    right = matrix[[shift + j for _, j in pairs]]
    return np.clip(np.asarray(left.multiply(right).sum(axis=1)).ravel(), 0.0, 1.0).tolist()


def _index(initiatives):
    """(recipient, area) -> indexes of the initiatives having both."""
    index = defaultdict(list)
    for n, initiative in enumerate(initiatives):
        for recipient in initiative.recipients:
            for area in initiative.areas:
                index[(recipient, area)].append(n)
    return index


def overlapping_initiatives(initiatives, threshold: float = 0.3) -> list[Flag]:
    """Pairs of initiatives with a shared recipient and area, overlapping periods and similar text."""
    initiatives = list(initiatives)
    candidates = set()
    for members in _index(initiatives).values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                candidates.add((members[x], members[y]))
    pairs = sorted((i, j) for i, j in candidates if _overlap(initiatives[i].start, initiatives[i].end,
                                                             initiatives[j].start, initiatives[j].end))
    texts = [i.text or "" for i in initiatives]
    flags = []
    for (i, j), similarity in zip(pairs, _similarities(texts, None, pairs)):
        if similarity < threshold:
            continue
        a, b = initiatives[i], initiatives[j]
        evidence = {
            "shared_recipients": sorted(a.recipients & b.recipients),
            "shared_areas": sorted(a.areas & b.areas),
            "overlapping_period": _describe(_overlap(a.start, a.end, b.start, b.end)),
            "text_similarity": round(similarity, 4),
            "threshold": threshold,
        }
        flags.append(Flag(OVERLAP, a.id, b.id, evidence, fingerprint(OVERLAP, evidence, (a.text or "", b.text or ""))))
    return flags


def requests_covered(requests, initiatives, threshold: float = 0.3) -> list[Flag]:
    """Requests (``matching.Request``) whose country, area and period an initiative already covers
    with a similar text."""
    requests, initiatives = list(requests), list(initiatives)
    index = _index(initiatives)
    pairs = set()
    for r, request in enumerate(requests):
        for area in request.areas:
            for n in index.get((request.country, area), ()):
                if _overlap(request.start, request.end, initiatives[n].start, initiatives[n].end):
                    pairs.add((r, n))
    pairs = sorted(pairs)
    flags = []
    texts_r = [r.description or "" for r in requests]
    texts_i = [i.text or "" for i in initiatives]
    for (r, n), similarity in zip(pairs, _similarities(texts_r, texts_i, pairs)):
        if similarity < threshold:
            continue
        request, initiative = requests[r], initiatives[n]
        evidence = {
            "recipient": request.country,
            "shared_areas": sorted(request.areas & initiative.areas),
            "overlapping_period": _describe(_overlap(request.start, request.end, initiative.start, initiative.end)),
            "text_similarity": round(similarity, 4),
            "threshold": threshold,
        }
        flags.append(Flag(COVERED, request.id, initiative.id, evidence,
                          fingerprint(COVERED, evidence, (request.description or "", initiative.text or ""))))
    return flags

"""Match-making between assistance requests and offers. Pure Python: no Django import.

**Compatibility** (:func:`compatible`). A request and an offer are compatible only if they share an
area, share a type of assistance, share a language, the requesting country is eligible for the offer
(it is in the offer's countries, or the request's UN regional group is in the offer's regions, or the
offer names neither and so is open to any country), and their periods overlap. A missing start or end
date is open on that side, so a request or offer without dates overlaps every period.

**Score** of a compatible pair, between 0 and 1: a weighted sum of five parts, each between 0 and 1,
every one of them returned by name in the pair's ``reasons``::

    score = W_TEXT * text_similarity        TF-IDF cosine similarity of the two descriptions
          + W_AREA * area_overlap           Jaccard index of the two sets of areas
          + W_TYPE * type_overlap           Jaccard index of the two sets of types
          + W_LANGUAGE * language_overlap   Jaccard index of the two sets of languages
          + W_PERIOD * period_overlap       share of the request's period inside the offer's period
                                            (1 when the request gives no complete period)

The weights are the module constants below (their sum is 1). ``reasons`` also lists the shared
areas, types and languages and says why the country is eligible.

**Scale.** Requests and offers are turned into sparse 0/1 incidence matrices (request × area, offer ×
area, and the same for types, languages and eligibility tokens); the offer matrices are inverted
indexes (for each area, the offers that have it). Requests are processed in chunks: sparse products
give, for each request of the chunk, only the offers sharing an area, a type, a language and an
eligibility token, and the TF-IDF similarities are taken on that pattern only. No dense
requests × offers matrix is ever built. Each request keeps its ``top_k`` best candidates.

**Assignment** (:func:`assign`). Among the candidates, the assignment maximising the total score with
each request taking at most one offer and each offer at most ``capacity`` requests is a linear program
solved by scipy's HiGHS (dual simplex, which returns a vertex). Its constraint matrix is the incidence
matrix of a bipartite graph (one row per request, one per offer, one column per candidate pair, two
ones per column), which is totally unimodular; with integral right-hand sides (1 and the capacities)
every vertex of the polytope is integral, so the LP optimum is already a 0/1 assignment and no integer
programming is needed (``tests/test_matching.py`` checks this on random instances and against brute
force). Restricting each request to its top-k candidates can in principle lose a better assignment;
``match`` therefore checks the LP's dual prices against every compatible pair left out and, while a
left-out pair could improve the total, adds it and solves again (column generation), so the total
returned equals the optimum over all compatible pairs.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

W_TEXT = 0.45
W_AREA = 0.20
W_TYPE = 0.15
W_LANGUAGE = 0.10
W_PERIOD = 0.10
WEIGHTS = {
    "text_similarity": W_TEXT,
    "area_overlap": W_AREA,
    "type_overlap": W_TYPE,
    "language_overlap": W_LANGUAGE,
    "period_overlap": W_PERIOD,
}
CHUNK = 1000  # requests scored together; bounds memory to a few hundred MB at 10,000 offers

_OPEN_START = -(10**9)
_OPEN_END = 10**9


def _frozen(value) -> frozenset:
    if isinstance(value, str):
        raise TypeError("expected a collection of strings, not one string")
    return frozenset(value or ())


@dataclass(frozen=True)
class Request:
    id: str
    country: str  # ISO alpha-3
    areas: frozenset[str]
    types: frozenset[str]
    languages: frozenset[str]
    description: str
    region: str = ""  # UN regional group of the country, used for offers open to a region
    start: date | None = None
    end: date | None = None

    def __post_init__(self):
        for name in ("areas", "types", "languages"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"request {self.id}: start {self.start} is after end {self.end}")


@dataclass(frozen=True)
class Offer:
    id: str
    provider: str
    areas: frozenset[str]
    types: frozenset[str]
    countries: frozenset[str]  # eligible ISO alpha-3 codes; empty (with empty regions) = any country
    languages: frozenset[str]
    capacity: int
    description: str
    regions: frozenset[str] = frozenset()  # eligible UN regional groups
    start: date | None = None
    end: date | None = None

    def __post_init__(self):
        for name in ("areas", "types", "countries", "languages", "regions"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        if self.capacity < 0:
            raise ValueError(f"offer {self.id}: capacity must not be negative")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"offer {self.id}: start {self.start} is after end {self.end}")


@dataclass(frozen=True)
class Assignment:
    request: str
    offer: str
    score: float
    reasons: dict = field(hash=False, compare=False)


Candidate = Assignment


@dataclass
class MatchResult:
    assignments: list[Assignment]
    total_score: float
    candidates: dict[str, list[Assignment]]  # top-k compatible offers per request, best first
    seconds: float


def eligibility(request: Request, offer: Offer) -> str | None:
    """Why the requesting country may receive the offer, or None."""
    if not offer.countries and not offer.regions:
        return "any country"
    if request.country in offer.countries:
        return "country listed"
    if request.region and request.region in offer.regions:
        return "region listed"
    return None


def _span(start, end):
    return (start.toordinal() if start else _OPEN_START, end.toordinal() if end else _OPEN_END)


def _period_overlap(request: Request, offer: Offer) -> float | None:
    """Share of the request's period inside the offer's (1 if the request has no full period); None if disjoint."""
    rs, re_ = _span(request.start, request.end)
    os_, oe = _span(offer.start, offer.end)
    if max(rs, os_) > min(re_, oe):
        return None
    if request.start and request.end:
        return (min(re_, oe) - max(rs, os_) + 1) / (re_ - rs + 1)
    return 1.0


def compatible(request: Request, offer: Offer) -> bool:
    return bool(
        request.areas & offer.areas
        and request.types & offer.types
        and request.languages & offer.languages
        and eligibility(request, offer)
        and _period_overlap(request, offer) is not None
    )


def _jaccard(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def reasons_for(request: Request, offer: Offer, text_similarity: float) -> dict:
    """Every part of the pair's score by name, the shared areas, types and languages, and the eligibility."""
    period = _period_overlap(request, offer)
    return {
        "text_similarity": float(text_similarity),
        "area_overlap": _jaccard(request.areas, offer.areas),
        "type_overlap": _jaccard(request.types, offer.types),
        "language_overlap": _jaccard(request.languages, offer.languages),
        "period_overlap": 0.0 if period is None else period,
        "shared_areas": sorted(request.areas & offer.areas),
        "shared_types": sorted(request.types & offer.types),
        "shared_languages": sorted(request.languages & offer.languages),
        "eligibility": eligibility(request, offer),
    }


def score_of(reasons: dict) -> float:
    return float(sum(weight * reasons[name] for name, weight in WEIGHTS.items()))


# --- scoring at scale ---------------------------------------------------------------------------


def _incidence(sets: list, vocabulary: dict) -> sparse.csr_matrix:
    """0/1 matrix: one row per set, one column per vocabulary entry."""
    indptr = [0]
    indices = []
    for items in sets:
        indices.extend(vocabulary.setdefault(item, len(vocabulary)) for item in items)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                             shape=(len(sets), max(len(vocabulary), 1)))


def _tfidf(requests, offers):
    """L2-normalised TF-IDF rows for requests and offers, fitted on both sets of descriptions."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = [r.description or "" for r in requests] + [o.description or "" for o in offers]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float64)
    try:
        matrix = vectorizer.fit_transform(documents).tocsr()
    except ValueError:  # no word at all (empty descriptions, or only stop words)
        matrix = sparse.csr_matrix((len(documents), 1))
    return matrix[: len(requests)], matrix[len(requests):]


class _Scorer:
    """Scores compatible pairs chunk by chunk of requests, without a dense requests × offers matrix."""

    def __init__(self, requests, offers):
        self.requests, self.offers = requests, offers
        ends = {}
        for kind in ("areas", "types", "languages"):
            vocabulary = {}
            ends[kind] = (_incidence([getattr(r, kind) for r in requests], vocabulary),
                          _incidence([getattr(o, kind) for o in offers], vocabulary))
            ends[kind] = (_pad(ends[kind][0], len(vocabulary)), _pad(ends[kind][1], len(vocabulary)).T.tocsr())
        vocabulary = {}
        request_tokens = [("*", "c:" + r.country) + (("r:" + r.region,) if r.region else ()) for r in requests]
        offer_tokens = [("*",) if not o.countries and not o.regions
                        else tuple("c:" + c for c in o.countries) + tuple("r:" + g for g in o.regions) for o in offers]
        ends["eligibility"] = (_incidence(request_tokens, vocabulary), _incidence(offer_tokens, vocabulary))
        ends["eligibility"] = (_pad(ends["eligibility"][0], len(vocabulary)),
                               _pad(ends["eligibility"][1], len(vocabulary)).T.tocsr())
        self.ends = ends
        self.sizes = {kind: (np.diff(ends[kind][0].indptr), np.diff(ends[kind][1].tocsc().indptr))
                      for kind in ("areas", "types", "languages")}
        self.text_requests, text_offers = _tfidf(requests, offers)
        self.text_offers_t = text_offers.T.tocsr()
        r_span = np.array([_span(r.start, r.end) for r in requests], dtype=np.int64).reshape(-1, 2)
        o_span = np.array([_span(o.start, o.end) for o in offers], dtype=np.int64).reshape(-1, 2)
        self.r_start, self.r_end = r_span[:, 0], r_span[:, 1]
        self.o_start, self.o_end = o_span[:, 0], o_span[:, 1]
        self.r_full = np.array([bool(r.start and r.end) for r in requests], dtype=bool)

    def pairs(self, first: int, last: int):
        """All compatible pairs with a request in [first, last): arrays of request index, offer index,
        score and text similarity."""
        rows = slice(first, last)
        shared = {}
        mask = None
        for kind in ("types", "languages", "eligibility", "areas"):
            left, right = self.ends[kind]
            product = (left[rows] @ right).tocsr()
            shared[kind] = product
            mask = product if mask is None else mask.multiply(product).tocsr()
        mask.data[:] = 1.0
        mask.eliminate_zeros()
        mask.sort_indices()
        r = np.repeat(np.arange(first, last), np.diff(mask.indptr))
        o = mask.indices.astype(np.int64)
        score = np.zeros(len(r), dtype=np.float64)
        for kind, weight in (("areas", W_AREA), ("types", W_TYPE), ("languages", W_LANGUAGE)):
            counts = _on_pattern(shared[kind], mask)
            r_size, o_size = self.sizes[kind]
            score += weight * counts / (r_size[r] + o_size[o] - counts)
        text = np.clip(_on_pattern(self.text_requests[rows] @ self.text_offers_t, mask), 0.0, 1.0)
        score += W_TEXT * text
        lo = np.maximum(self.r_start[r], self.o_start[o])
        hi = np.minimum(self.r_end[r], self.o_end[o])
        keep = lo <= hi
        full = self.r_full[r]
        period = np.ones(len(r), dtype=np.float64)
        period[full] = (hi[full] - lo[full] + 1) / (self.r_end[r][full] - self.r_start[r][full] + 1)
        score += W_PERIOD * period
        return r[keep], o[keep], score[keep], text[keep]


def _pad(matrix, width):
    matrix = matrix.tocsr()
    if matrix.shape[1] != width:
        matrix = sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], max(width, 1)))
    return matrix


def _on_pattern(values, mask) -> np.ndarray:
    """The entries of ``values`` at each stored entry of ``mask`` (canonical CSR), zeros included."""
    values = values.tocsr()
    summed = (values.multiply(mask) + mask).tocsr()
    summed.sum_duplicates()
    summed.sort_indices()
    if summed.nnz != mask.nnz:  # pragma: no cover - would mean the pattern arithmetic is wrong
        raise AssertionError("pattern mismatch")
    return summed.data - 1.0


def _top_k(r, o, score, text, k):
    """Per request, its k best pairs (best first, ties by offer order), and the best score left out."""
    order = np.lexsort((o, -score, r))
    r, o, score, text = r[order], o[order], score[order], text[order]
    if len(r) == 0 or k is None:
        return (r, o, score, text), {}
    starts = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
    rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
    kept = rank < k
    left_out = dict(zip(r[rank == k].tolist(), score[rank == k].tolist()))
    return (r[kept], o[kept], score[kept], text[kept]), left_out


# --- assignment -----------------------------------------------------------------------------------


def assign(request_index, offer_index, scores, capacities, n_requests: int | None = None):
    """Capacity-respecting assignment maximising the total score, as an LP on HiGHS (dual simplex).

    ``request_index``, ``offer_index`` and ``scores`` describe the candidate pairs; ``capacities`` is
    indexed by offer. Returns ``(x, request_duals, offer_duals)``: x the LP solution (0/1 by total
    unimodularity, see the module docstring, not rounded here) and the dual prices of the two
    families of constraints (non-negative).
    """
    request_index = np.asarray(request_index, dtype=np.int64)
    offer_index = np.asarray(offer_index, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.float64)
    capacities = np.asarray(capacities, dtype=np.float64)
    n_requests = int(request_index.max() + 1 if n_requests is None and len(request_index) else n_requests or 0)
    n_offers = len(capacities)
    n = len(scores)
    if n == 0:
        return np.zeros(0), np.zeros(n_requests), np.zeros(n_offers)
    columns = np.arange(n)
    matrix = sparse.csr_matrix(
        (np.ones(2 * n), (np.r_[request_index, n_requests + offer_index], np.r_[columns, columns])),
        shape=(n_requests + n_offers, n),
    )
    bounds = np.r_[np.ones(n_requests), capacities]
    result = linprog(-scores, A_ub=matrix, b_ub=bounds, bounds=(0, 1), method="highs-ds")
    if result.status != 0:  # pragma: no cover - the program is always feasible (x = 0) and bounded
        raise RuntimeError(f"HiGHS did not solve the assignment: {result.message}")
    duals = -np.asarray(result.ineqlin.marginals)
    return result.x, duals[:n_requests], duals[n_requests:]


def match(requests, offers, top_k: int | None = 10) -> MatchResult:
    """Score every compatible pair, keep each request's ``top_k`` best (None: all), assign optimally.

    The assignment is optimal over all compatible pairs, not only the top-k. After each solve, a
    request whose best left-out score exceeds its dual price is scored again in full and its pairs
    with a positive reduced cost (score above the sum of the two dual prices) join the program, which
    is solved again; when no pair is left to add, the duals prove the optimum (LP duality).
    """
    started = time.perf_counter()
    requests, offers = list(requests), list(offers)
    _unique(requests, "request")
    _unique(offers, "offer")
    if top_k is not None and top_k < 1:
        raise ValueError("top_k must be at least 1")
    scorer = _Scorer(requests, offers)
    chunks, best_left_out = [], {}
    for first in range(0, len(requests), CHUNK):
        kept, left_out = _top_k(*scorer.pairs(first, min(first + CHUNK, len(requests))), top_k)
        chunks.append(kept)
        best_left_out.update(left_out)
    r, o, s, text = (np.concatenate(column) for column in zip(*chunks)) if chunks else (np.zeros(0, dtype=np.int64),) * 2 + (np.zeros(0),) * 2
    top = (r, o, s, text)
    capacities = np.array([offer.capacity for offer in offers], dtype=np.float64)

    in_program = set(zip(r.tolist(), o.tolist()))
    whole_rows = {}  # request index -> all its compatible pairs, once it has been scored again
    while True:
        x, u, v = assign(r, o, s, capacities, len(requests))
        for i, best in best_left_out.items():
            if i not in whole_rows and best > u[i] + 1e-9:
                whole_rows[i] = scorer.pairs(i, i + 1)
        added = []
        for i, (rr, oo, ss, tt) in whole_rows.items():
            for j, score, similarity in zip(oo.tolist(), ss.tolist(), tt.tolist()):
                if (i, j) not in in_program and score > u[i] + v[j] + 1e-9:
                    added.append((i, j, score, similarity))
        if not added:
            break
        in_program.update((i, j) for i, j, _, _ in added)
        extra = np.array(added, dtype=np.float64).reshape(-1, 4)
        r = np.r_[r, extra[:, 0].astype(np.int64)]
        o = np.r_[o, extra[:, 1].astype(np.int64)]
        s = np.r_[s, extra[:, 2]]
        text = np.r_[text, extra[:, 3]]

    def make(i, j, score, similarity):
        return Assignment(requests[i].id, offers[j].id, score, reasons_for(requests[i], offers[j], similarity))

    candidates = {request.id: [] for request in requests}
    for i, j, score, similarity in zip(*(column.tolist() for column in top)):
        candidates[requests[i].id].append(make(i, j, score, similarity))
    if np.any(np.minimum(np.abs(x), np.abs(x - 1)) > 1e-6):  # pragma: no cover - excluded by total unimodularity
        raise RuntimeError("the assignment LP returned a fractional vertex")
    chosen = np.flatnonzero(x > 0.5)
    assignments = [make(int(r[e]), int(o[e]), float(s[e]), float(text[e])) for e in chosen]
    assignments.sort(key=lambda a: (a.request, a.offer))
    return MatchResult(
        assignments=assignments,
        total_score=float(sum(a.score for a in assignments)),
        candidates=candidates,
        seconds=time.perf_counter() - started,
    )


def _unique(items, kind):
    seen = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"{kind} id {item.id!r} appears twice")
        seen.add(item.id)

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

**Scale.** No requests × offers matrix is ever built. Areas, types and languages are bit sets (one
bit per vocabulary entry, so a set is one machine word for the vocabularies in use); requests are
scored in blocks of ``CHUNK``: one pass of bitwise ANDs over (block × offers) keeps the pairs sharing
an area and a type (the blocking step), then the language, eligibility and period conditions are
checked on those pairs only, and the overlaps and TF-IDF cosines are computed for the survivors only
(each offer's stored words looked up in the block's TF-IDF rows). Each request keeps its ``top_k``
best candidates, best first (ties by offer order).

**Assignment** (:func:`assign`). Among the candidates, the assignment maximising the total score with
each request taking at most one offer and each offer at most ``capacity`` requests is a linear program
solved by scipy's HiGHS (dual simplex, which returns a vertex). Its constraint matrix is the incidence
matrix of a bipartite graph (one row per request, one per offer, one column per candidate pair, two
ones per column), which is totally unimodular; with integral right-hand sides (1 and the capacities)
every vertex of the polytope is integral, so the LP optimum is already a 0/1 assignment and no integer
programming is needed (``tests/test_matching.py`` checks this on random instances and against brute
force).

**Optimal over all compatible pairs, not only the top-k.** Restricting each request to its top-k can
lose a better assignment (an offer's capacity taken by others). ``match`` proves or repairs it with
dual prices: the least prices of the offers consistent with the assignment (:func:`_least_duals`, a
longest-path fixpoint of difference constraints) give each request the largest price u_i it can have;
a left-out pair can only improve the total if its score exceeds u_i. Requests with such a pair are
scored again in full, their pairs join the program, and the prices are recomputed (the program is
solved again only when no prices prove the current assignment). When no request is left, the
prices are a feasible dual of the program over all compatible pairs with the same objective, so by
LP duality the total is the optimum over all of them (``proven_optimal``).
"""

from __future__ import annotations

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
CHUNK = 500  # requests scored together: about 40 MB per array of block × offers at 10,000 offers

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
    proven_optimal: bool = True  # the dual prices prove the total optimal over ALL compatible pairs
    solves: int = 1  # linear programs solved (more than one when left-out pairs had to be added)


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


def _bits(sets: list, vocabulary: dict, narrow: bool = False) -> np.ndarray:
    """Bit sets: one row per set, ``ceil(len(vocabulary) / 64)`` words of 64 bits per row (with
    ``narrow``, one word of 8, 16 or 32 bits when the vocabulary fits, which halves the work)."""
    rows, positions = [], []
    for i, items in enumerate(sets):
        for item in items:
            rows.append(i)
            positions.append(vocabulary[item])
    words = max(1, -(-len(vocabulary) // 64))
    matrix = np.zeros((len(sets), words), dtype=np.uint64)
    positions = np.asarray(positions, dtype=np.int64)
    np.bitwise_or.at(matrix, (np.asarray(rows, dtype=np.int64), positions // 64),
                     np.left_shift(np.uint64(1), (positions % 64).astype(np.uint64)))
    if narrow and words == 1:
        for dtype in (np.uint8, np.uint16, np.uint32):
            if len(vocabulary) <= np.iinfo(dtype).bits:
                return matrix.astype(dtype)
    return matrix


def _vocabulary(*families) -> dict:
    vocabulary = {}
    for sets in families:
        for items in sets:
            for item in items:
                vocabulary.setdefault(item, len(vocabulary))
    return vocabulary


_BYTE_COUNTS = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def _popcount(words: np.ndarray) -> np.ndarray:
    """Number of bits set in each row of a (rows, words) uint64 array."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words).sum(axis=1, dtype=np.int64)
    return _BYTE_COUNTS[np.ascontiguousarray(words).view(np.uint8)].sum(axis=1, dtype=np.int64)


def _has_bit(words: np.ndarray, rows: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Whether bit ``positions[p]`` is set in row ``rows[p]`` (False where the position is -1)."""
    safe = np.maximum(positions, 0)
    found = (words[rows, safe // 64] >> (safe % 64).astype(np.uint64)) & np.uint64(1)
    return (found == 1) & (positions >= 0)


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


PARTS = ("text_similarity", "area_overlap", "type_overlap", "language_overlap", "period_overlap")


class _Scorer:
    """Scores the compatible pairs of a block of requests against every offer.

    Areas, types and languages are bit sets (one bit per vocabulary entry). For a block of requests,
    one pass of bitwise ANDs over (block × offers) keeps the pairs sharing an area and a type; the
    language, eligibility and period conditions, the overlaps and the text similarities are then
    computed on those pairs only. Text similarities come from one sparse product per block (TF-IDF
    rows are L2-normalised, so the product is the cosine).
    """

    def __init__(self, requests, offers):
        self.requests, self.offers = requests, offers
        self.bits = {}
        for kind in ("areas", "types", "languages"):
            r_sets, o_sets = [getattr(r, kind) for r in requests], [getattr(o, kind) for o in offers]
            vocabulary = _vocabulary(r_sets, o_sets)
            self.bits[kind] = (_bits(r_sets, vocabulary, narrow=True), _bits(o_sets, vocabulary, narrow=True))
        countries = _vocabulary([o.countries for o in offers])
        regions = _vocabulary([o.regions for o in offers])
        self.o_countries = _bits([o.countries for o in offers], countries)
        self.o_regions = _bits([o.regions for o in offers], regions)
        self.o_any = np.array([not o.countries and not o.regions for o in offers], dtype=bool)
        self.r_country = np.array([countries.get(r.country, -1) for r in requests], dtype=np.int64)
        self.r_region = np.array([regions.get(r.region, -1) if r.region else -1 for r in requests], dtype=np.int64)
        self.text_requests, self.text_offers = _tfidf(requests, offers)
        self.text_offers.sort_indices()
        r_span = np.array([_span(r.start, r.end) for r in requests], dtype=np.int64).reshape(-1, 2)
        o_span = np.array([_span(o.start, o.end) for o in offers], dtype=np.int64).reshape(-1, 2)
        self.r_start, self.r_end = r_span[:, 0], r_span[:, 1]
        self.o_start, self.o_end = o_span[:, 0], o_span[:, 1]
        self.r_full = np.array([bool(r.start and r.end) for r in requests], dtype=bool)

    def pairs(self, block):
        """Every compatible pair of the requests ``block`` (an index array): request indexes, offer
        indexes, scores and the (pairs × 5) parts in the order of ``PARTS``."""
        block = np.asarray(block, dtype=np.int64)
        together = None
        for kind in ("areas", "types"):
            r_bits, o_bits = self.bits[kind]
            shares = None
            for word in range(r_bits.shape[1]):
                common = (r_bits[block, word][:, None] & o_bits[None, :, word]) != 0
                shares = common if shares is None else shares | common
            together = shares if together is None else together & shares
        local, o = np.nonzero(together)
        del together
        r = block[local]
        r_lang, o_lang = self.bits["languages"]
        keep = (r_lang[r] & o_lang[o]).any(axis=1)
        keep &= self.o_any[o] | _has_bit(self.o_countries, o, self.r_country[r]) | _has_bit(self.o_regions, o, self.r_region[r])
        lo = np.maximum(self.r_start[r], self.o_start[o])
        hi = np.minimum(self.r_end[r], self.o_end[o])
        keep &= lo <= hi
        local, r, o, lo, hi = local[keep], r[keep], o[keep], lo[keep], hi[keep]

        parts = np.empty((len(r), len(PARTS)), dtype=np.float64)
        parts[:, 0] = np.clip(self._cosines(block, local, o), 0.0, 1.0)
        for column, kind in enumerate(("areas", "types", "languages"), start=1):
            r_bits, o_bits = self.bits[kind]
            shared = _popcount(r_bits[r] & o_bits[o])
            parts[:, column] = shared / (_popcount(r_bits[r] | o_bits[o]))
        full = self.r_full[r]
        period = np.ones(len(r), dtype=np.float64)
        period[full] = (hi[full] - lo[full] + 1) / (self.r_end[r[full]] - self.r_start[r[full]] + 1)
        parts[:, 4] = period
        score = parts @ np.array([WEIGHTS[name] for name in PARTS])
        return r, o, score, parts


    def _cosines(self, block, local, o):
        """Cosine of request ``block[local[p]]`` and offer ``o[p]`` for each pair p, computed for those
        pairs only: the block's TF-IDF rows as a small dense matrix over the words they use, and, for
        each pair, the offer's stored words looked up in it."""
        rows = self.text_requests[block]
        words = np.unique(rows.indices)
        if len(o) == 0 or len(words) == 0:
            return np.zeros(len(o))
        dense = rows[:, words].toarray()  # block × words of the block
        lookup = np.full(self.text_offers.shape[1], -1, dtype=np.int64)
        lookup[words] = np.arange(len(words))
        indptr = self.text_offers.indptr
        counts = indptr[o + 1] - indptr[o]
        pair = np.repeat(np.arange(len(o)), counts)
        stored = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(indptr[o], counts)
        column = lookup[self.text_offers.indices[stored]]
        known = column >= 0
        pair, stored, column = pair[known], stored[known], column[known]
        products = dense[local[pair], column] * self.text_offers.data[stored]
        return np.bincount(pair, weights=products, minlength=len(o))


def _top_k(r, o, score, parts, k):
    """Per request, its k best pairs (best first, ties by offer order), and the best score left out."""
    order = np.lexsort((o, -score, r))
    r, o, score, parts = r[order], o[order], score[order], parts[order]
    if len(r) == 0 or k is None:
        return (r, o, score, parts), {}
    starts = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
    rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
    kept = rank < k
    left_out = dict(zip(r[rank == k].tolist(), score[rank == k].tolist()))
    return (r[kept], o[kept], score[kept], parts[kept]), left_out


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


def _least_duals(r, o, s, x, capacities, n_requests, tolerance=1e-9, rounds=500):
    """Dual prices proving the 0/1 assignment ``x`` optimal over the pairs (r, o, s) given (x covers
    the first ``len(x)`` pairs; the others are not chosen), or None if there are none (or they were
    not found in ``rounds`` rounds).

    By complementary slackness u_i = s_ij - v_j on each chosen pair, u_i = 0 for a request left
    unassigned and v_j = 0 for an offer with capacity left; every other pair needs u_i + v_j >= s_ij.
    Those are difference constraints on the offers' prices v; their least solution (a longest-path
    fixpoint, computed round by round) makes every u_i as large as possible, which leaves the fewest
    requests to check again in ``match``.
    """
    n_offers = len(capacities)
    chosen = np.zeros(len(s), dtype=bool)
    chosen[: len(x)] = x > 0.5
    assigned_offer = np.full(n_requests, -1, dtype=np.int64)
    assigned_score = np.zeros(n_requests)
    assigned_offer[r[chosen]] = o[chosen]
    assigned_score[r[chosen]] = s[chosen]
    spare = np.bincount(o[chosen], minlength=n_offers) < np.asarray(capacities) - 0.5
    ri, oj, sc = r[~chosen], o[~chosen], s[~chosen]
    source = assigned_offer[ri]
    free = source < 0
    base = np.zeros(n_offers)
    np.maximum.at(base, oj[free], sc[free])  # u_i = 0: v_j >= s_ij
    source, target = source[~free], oj[~free]
    weight = sc[~free] - assigned_score[ri[~free]]  # v_target >= v_source + s_ij - s_ij*
    order = np.argsort(target, kind="stable")
    source, target, weight = source[order], target[order], weight[order]
    targets, starts = np.unique(target, return_index=True)
    v = base.copy()
    for _ in range(rounds):
        if not len(targets):
            break
        best = np.maximum.reduceat(v[source] + weight, starts)
        if np.all(best <= v[targets] + tolerance):
            break
        v[targets] = np.maximum(v[targets], best)
    else:
        return None
    if np.any(v[spare] > tolerance):
        return None
    u = np.zeros(n_requests)
    has = assigned_offer >= 0
    u[has] = assigned_score[has] - v[assigned_offer[has]]
    if np.any(u < -tolerance):
        return None
    return np.maximum(u, 0.0), v


def match(requests, offers, top_k: int | None = 10, exact: bool = True) -> MatchResult:
    """Score every compatible pair, keep each request's ``top_k`` best (None: all), assign optimally.

    The LP is solved over the top-k candidates. Its dual prices then certify whether that assignment
    is also optimal over ALL compatible pairs: it is when no request has a left-out pair scoring
    above the request's dual price (every left-out pair then has a non-positive reduced cost, the
    duals are feasible for the full program, and LP duality gives the optimum). ``proven_optimal``
    says so. With ``exact`` (the default), each request failing that test has all its compatible
    pairs added and the program is solved again, until the certificate holds, so the total returned
    is the optimum over all compatible pairs (column generation; ``solves`` counts the programs).
    The dual prices are not unique (the program is degenerate), so rounds can add pairs without
    changing the total.
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
        kept, left_out = _top_k(*scorer.pairs(np.arange(first, min(first + CHUNK, len(requests)))), top_k)
        chunks.append(kept)
        best_left_out.update(left_out)
    if chunks:
        r, o, s, parts = (np.concatenate(column) for column in zip(*chunks))
    else:
        r, o, s, parts = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros((0, len(PARTS)))
    top = (r, o, s, parts)
    capacities = np.array([offer.capacity for offer in offers], dtype=np.float64)

    complete = set()  # requests whose every compatible pair is in the program
    solves = 0
    x, u, _ = assign(r, o, s, capacities, len(requests))
    solves += 1
    while True:
        duals = _least_duals(r, o, s, x, capacities, len(requests))
        if duals is not None:
            u = duals[0]
        elif len(x) < len(s):  # pairs were added since the last solve and x is no longer provably optimal
            x, u, _ = assign(r, o, s, capacities, len(requests))
            solves += 1
            continue
        flagged = sorted(i for i, best in best_left_out.items() if i not in complete and best > u[i] + 1e-9)
        if not flagged or not exact:
            break
        rr, oo, ss, pp = scorer.pairs(flagged)
        in_program = set(zip(r.tolist(), o.tolist()))
        new = np.array([(a, b) not in in_program for a, b in zip(rr.tolist(), oo.tolist())], dtype=bool)
        r, o, s, parts = np.r_[r, rr[new]], np.r_[o, oo[new]], np.r_[s, ss[new]], np.r_[parts, pp[new]]
        complete.update(flagged)
    x = np.r_[x, np.zeros(len(s) - len(x))]
    if np.any(np.minimum(np.abs(x), np.abs(x - 1)) > 1e-6):  # pragma: no cover - excluded by total unimodularity
        raise RuntimeError("the assignment LP returned a fractional vertex")

    def make(i, j, score, values):
        request, offer = requests[i], offers[j]
        reasons = dict(zip(PARTS, values))
        reasons["shared_areas"] = sorted(request.areas & offer.areas)
        reasons["shared_types"] = sorted(request.types & offer.types)
        reasons["shared_languages"] = sorted(request.languages & offer.languages)
        reasons["eligibility"] = eligibility(request, offer)
        return Assignment(request.id, offer.id, score, reasons)

    candidates = {request.id: [] for request in requests}
    for i, j, score, values in zip(top[0].tolist(), top[1].tolist(), top[2].tolist(), top[3].tolist()):
        candidates[requests[i].id].append(make(i, j, score, values))
    chosen = np.flatnonzero(x > 0.5)
    assignments = [make(int(r[e]), int(o[e]), float(s[e]), parts[e].tolist()) for e in chosen]
    assignments.sort(key=lambda a: (a.request, a.offer))
    return MatchResult(
        assignments=assignments,
        total_score=float(sum(a.score for a in assignments)),
        candidates=candidates,
        seconds=time.perf_counter() - started,
        proven_optimal=not flagged,
        solves=solves,
    )


def _unique(items, kind):
    seen = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"{kind} id {item.id!r} appears twice")
        seen.add(item.id)


# --- CSV files (``liaison match``) -------------------------------------------------------------------

REQUEST_COLUMNS = ("id", "country", "areas", "types", "languages", "description")
REQUEST_OPTIONAL = ("region", "start", "end")
OFFER_COLUMNS = ("id", "provider", "areas", "types", "countries", "languages", "capacity", "description")
OFFER_OPTIONAL = ("regions", "start", "end")


class InputError(ValueError):
    """A CSV file that cannot be read as requests or offers; the message names the file and row."""


def read_requests(path) -> list[Request]:
    """Requests from a UTF-8 CSV file: ``id,country,areas,types,languages,description`` (lists
    separated by ``;``, ``country`` an ISO 3166-1 alpha-3 code), optionally ``region`` (a UN regional
    group code; by default the group of the country in the project's table), ``start`` and ``end``
    (YYYY-MM-DD). Row numbers in errors count the header as row 1, as a spreadsheet shows them."""
    from liaison.core.regions import regional_group_table

    groups = regional_group_table()
    requests, seen = [], {}
    for row, values in _rows(path, REQUEST_COLUMNS, REQUEST_OPTIONAL):
        where = f"{path}, row {row}"
        country = _country(values["country"], where)
        start, end = _date(values.get("start"), where, "start"), _date(values.get("end"), where, "end")
        region = (values.get("region") or "").strip()
        if not region and country in groups:
            region = groups[country].group
        try:
            requests.append(Request(
                id=_id(values["id"], where), country=country, areas=_list(values["areas"], where, "areas"),
                types=_list(values["types"], where, "types"), languages=_list(values["languages"], where, "languages"),
                description=values["description"].strip(), region=region, start=start, end=end,
            ))
        except ValueError as error:
            raise InputError(f"{where}: {error}") from None
        _check_unique(requests, row, seen, where)
    return requests


def read_offers(path) -> list[Offer]:
    """Offers from a UTF-8 CSV file: ``id,provider,areas,types,countries,languages,capacity,description``
    (``countries`` the eligible ISO alpha-3 codes separated by ``;``, empty for any country;
    ``capacity`` a whole number of requests), optionally ``regions`` (UN regional group codes),
    ``start`` and ``end``."""
    offers, seen = [], {}
    for row, values in _rows(path, OFFER_COLUMNS, OFFER_OPTIONAL):
        where = f"{path}, row {row}"
        capacity = values["capacity"].strip()
        if not capacity.isdigit():
            raise InputError(f"{where}: capacity {capacity!r} is not a whole number of requests (0 or more)")
        countries = frozenset(_country(c, where) for c in _list(values["countries"], where, "countries", empty=True))
        try:
            offers.append(Offer(
                id=_id(values["id"], where), provider=values["provider"].strip(), areas=_list(values["areas"], where, "areas"),
                types=_list(values["types"], where, "types"), countries=countries,
                languages=_list(values["languages"], where, "languages"), capacity=int(capacity),
                description=values["description"].strip(),
                regions=_list(values.get("regions") or "", where, "regions", empty=True),
                start=_date(values.get("start"), where, "start"), end=_date(values.get("end"), where, "end"),
            ))
        except ValueError as error:
            raise InputError(f"{where}: {error}") from None
        _check_unique(offers, row, seen, where)
    return offers


def _rows(path, required, optional):
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 (byte {error.start + 1} cannot be decoded)") from None
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from None
    try:
        rows = list(csv.reader(text.splitlines(keepends=True)))
    except csv.Error as error:
        raise InputError(f"{path}: not a CSV file ({error})") from None
    if not rows:
        raise InputError(f"{path}: empty file; the first row must name the columns: {','.join(required)}")
    header = [name.strip() for name in rows[0]]
    missing = [name for name in required if name not in header]
    unknown = [name for name in header if name not in required + optional]
    if missing or unknown or len(set(header)) != len(header):
        problems = []
        if missing:
            problems.append("missing column(s) " + ", ".join(missing))
        if unknown:
            problems.append("unknown column(s) " + ", ".join(repr(n) for n in unknown))
        if len(set(header)) != len(header):
            problems.append("a column is named twice")
        raise InputError(f"{path}, row 1: {'; '.join(problems)}; expected {','.join(required)}"
                         f" (optional: {','.join(optional)})")
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) != len(header):
            raise InputError(f"{path}, row {number}: {len(cells)} fields where the header has {len(header)}")
        yield number, dict(zip(header, cells))


def _id(value, where):
    value = value.strip()
    if not value:
        raise InputError(f"{where}: id is empty")
    return value


def _list(value, where, column, empty=False) -> frozenset:
    items = frozenset(item.strip() for item in (value or "").split(";") if item.strip())
    if not items and not empty:
        raise InputError(f"{where}: {column} is empty (list the values separated by ';')")
    return items


def _country(value, where) -> str:
    import pycountry

    code = (value or "").strip()
    if not (len(code) == 3 and code.isascii() and code.isupper() and pycountry.countries.get(alpha_3=code)):
        raise InputError(f"{where}: {code!r} is not an ISO 3166-1 alpha-3 country code (for example SEN)")
    return code


def _date(value, where, column):
    value = (value or "").strip()
    if not value:
        return None
    try:
        if len(value) == 10 and value[4] == value[7] == "-":
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise InputError(f"{where}: {column} {value!r} is not a date written YYYY-MM-DD")


def _check_unique(items, row, seen, where):
    if items[-1].id in seen:
        raise InputError(f"{where}: id {items[-1].id!r} is already used in row {seen[items[-1].id]}")
    seen[items[-1].id] = row

"""The match-making engine (pure): compatibility, scores and reasons, and the optimal assignment."""

import itertools
import random
from datetime import date

import numpy as np
import pytest

from liaison.assistance import matching
from liaison.assistance.matching import Offer, Request, assign, compatible, match, reasons_for, score_of


def request(id="r1", country="SEN", areas=("risk assessment",), types=("training",), languages=("fr",), description="", **kw):
    return Request(id, country, frozenset(areas), frozenset(types), frozenset(languages), description, **kw)


def offer(id="o1", areas=("risk assessment",), types=("training",), countries=(), languages=("fr",), capacity=1, description="", **kw):
    return Offer(id, "Provider", frozenset(areas), frozenset(types), frozenset(countries), frozenset(languages), capacity, description, **kw)


def test_compatible_needs_a_shared_area_type_and_language():
    assert compatible(request(), offer())
    assert not compatible(request(), offer(areas=("detection",)))
    assert not compatible(request(), offer(types=("equipment",)))
    assert not compatible(request(), offer(languages=("en",)))


def test_eligibility_by_country_region_or_any():
    assert compatible(request(country="SEN"), offer(countries=("SEN", "MLI")))
    assert not compatible(request(country="PER"), offer(countries=("SEN",)))
    assert compatible(request(country="PER", region="GRULAC"), offer(countries=("SEN",), regions=("GRULAC",)))
    assert not compatible(request(country="PER", region="GRULAC"), offer(regions=("African",)))
    assert not compatible(request(country="PER"), offer(regions=("GRULAC",)))  # region unknown: not eligible
    assert matching.eligibility(request(), offer()) == "any country"


def test_periods_must_overlap_when_both_give_dates():
    jan_jun = dict(start=date(2026, 1, 1), end=date(2026, 6, 30))
    assert compatible(request(**jan_jun), offer(start=date(2026, 6, 30)))
    assert not compatible(request(**jan_jun), offer(start=date(2026, 7, 1)))
    assert not compatible(request(**jan_jun), offer(start=date(2025, 1, 1), end=date(2025, 12, 31)))
    assert compatible(request(), offer(start=date(2030, 1, 1)))  # the request gives no dates
    assert compatible(request(**jan_jun), offer())


def test_reasons_name_every_part_and_add_up_to_the_score():
    r = request(areas=("a", "b"), types=("training",), languages=("fr", "en"),
                start=date(2026, 1, 1), end=date(2026, 1, 10))
    o = offer(areas=("b", "c", "d"), types=("training", "expertise"), languages=("en",),
              start=date(2026, 1, 6), end=date(2026, 12, 31))
    reasons = reasons_for(r, o, text_similarity=0.5)
    assert reasons["area_overlap"] == pytest.approx(1 / 4)
    assert reasons["type_overlap"] == pytest.approx(1 / 2)
    assert reasons["language_overlap"] == pytest.approx(1 / 2)
    assert reasons["period_overlap"] == pytest.approx(5 / 10)
    assert reasons["shared_areas"] == ["b"] and reasons["shared_types"] == ["training"] and reasons["shared_languages"] == ["en"]
    assert score_of(reasons) == pytest.approx(
        matching.W_TEXT * 0.5 + matching.W_AREA / 4 + matching.W_TYPE / 2 + matching.W_LANGUAGE / 2 + matching.W_PERIOD / 2)
    assert sum(matching.WEIGHTS.values()) == pytest.approx(1.0)


def test_text_similarity_prefers_the_offer_that_describes_the_same_need():
    requests = [request("r1", description="Training of customs officers in detection of living modified organisms at borders")]
    offers = [offer("o1", description="Regional workshop on public awareness and participation"),
              offer("o2", description="Detection of living modified organisms: training for customs and border officers")]
    result = match(requests, offers)
    ranked = result.candidates["r1"]
    assert [c.offer for c in ranked] == ["o2", "o1"]
    assert ranked[0].reasons["text_similarity"] > ranked[1].reasons["text_similarity"]
    assert [(a.request, a.offer) for a in result.assignments] == [("r1", "o2")]


def test_capacity_and_one_offer_per_request():
    requests = [request(f"r{i}") for i in range(5)]
    offers = [offer("o1", capacity=2), offer("o2", capacity=1)]
    result = match(requests, offers)
    assert len(result.assignments) == 3
    assert len({a.request for a in result.assignments}) == 3
    per_offer = {o: sum(a.offer == o for a in result.assignments) for o in ("o1", "o2")}
    assert per_offer == {"o1": 2, "o2": 1}
    assert result.total_score == pytest.approx(sum(a.score for a in result.assignments))


def test_nothing_compatible_gives_an_empty_assignment():
    result = match([request(languages=("ar",))], [offer(languages=("zh",))])
    assert result.assignments == [] and result.total_score == 0 and result.candidates == {"r1": []}
    assert match([], []).assignments == []


def test_duplicate_ids_and_bad_values_are_refused():
    with pytest.raises(ValueError, match="twice"):
        match([request("r1"), request("r1")], [offer()])
    with pytest.raises(ValueError, match="capacity"):
        offer(capacity=-1)
    with pytest.raises(ValueError, match="after end"):
        request(start=date(2026, 2, 1), end=date(2026, 1, 1))
    with pytest.raises(ValueError, match="top_k"):
        match([request()], [offer()], top_k=0)


# --- random instances --------------------------------------------------------------------------------

AREAS = ["a1", "a2", "a3", "a4"]
TYPES = ["equipment", "expertise", "training"]
LANGUAGES = ["en", "fr", "es"]
COUNTRIES = ["SEN", "MLI", "PER", "FJI"]
WORDS = "risk assessment detection customs laboratory legislation awareness training border seeds".split()


def random_instance(rng, n_requests, n_offers, max_capacity=2):
    def some(items, most):
        return frozenset(rng.sample(items, rng.randint(1, most)))

    def period():
        if rng.random() < 0.3:
            return {}
        start = date(2026, rng.randint(1, 12), 1)
        return {"start": start, "end": date(2026, rng.randint(start.month, 12), 28)}

    requests = [Request(f"r{i}", rng.choice(COUNTRIES), some(AREAS, 2), some(TYPES, 2), some(LANGUAGES, 2),
                        " ".join(rng.choices(WORDS, k=5)), region="R" + str(rng.randint(1, 2)), **period())
                for i in range(n_requests)]
    offers = [Offer(f"o{j}", "P", some(AREAS, 3), some(TYPES, 2),
                    frozenset(rng.sample(COUNTRIES, 2)) if rng.random() < 0.4 else frozenset(), some(LANGUAGES, 2),
                    rng.randint(0, max_capacity), " ".join(rng.choices(WORDS, k=5)),
                    regions=frozenset({"R1"}) if rng.random() < 0.2 else frozenset(), **period())
              for j in range(n_offers)]
    return requests, offers


def test_vectorised_scores_agree_with_the_pair_by_pair_definition():
    rng = random.Random(1)
    for _ in range(10):
        requests, offers = random_instance(rng, 25, 20)
        result = match(requests, offers, top_k=None)
        expected = {(r.id, o.id) for r in requests for o in offers if compatible(r, o)}
        found = {(c.request, c.offer) for cs in result.candidates.values() for c in cs}
        by_id = {x.id: x for x in requests + offers}
        index = {x.id: n for group in (requests, offers) for n, x in enumerate(group)}
        text_r, text_o = matching._tfidf(requests, offers)
        assert found == expected and expected
        for cs in result.candidates.values():
            assert [c.score for c in cs] == sorted((c.score for c in cs), reverse=True)
            for c in cs:
                assert c.score == pytest.approx(score_of(c.reasons), abs=1e-9)
                assert 0 <= c.reasons["text_similarity"] <= 1
                i, j = index[c.request], index[c.offer]
                cosine = (text_r[i] @ text_o[j].T).sum()
                expected = reasons_for(by_id[c.request], by_id[c.offer], cosine)
                assert set(c.reasons) == set(expected)
                for name, value in expected.items():
                    assert c.reasons[name] == (pytest.approx(value, abs=1e-12) if isinstance(value, float) else value)


def test_lp_relaxation_is_integral_on_random_instances():
    """Total unimodularity: the vertex HiGHS returns is 0/1 without asking for integers."""
    rng = np.random.default_rng(7)
    for _ in range(200):
        n_requests, n_offers = rng.integers(2, 40), rng.integers(2, 30)
        n_pairs = int(rng.integers(1, n_requests * n_offers))
        pairs = np.unique(np.c_[rng.integers(0, n_requests, n_pairs), rng.integers(0, n_offers, n_pairs)], axis=0)
        # scores on a coarse grid make ties (and so fractional optimal faces) frequent
        scores = rng.integers(1, 5, len(pairs)) / 4 if rng.random() < 0.5 else rng.random(len(pairs))
        capacities = rng.integers(0, 4, n_offers)
        x, u, v = assign(pairs[:, 0], pairs[:, 1], scores, capacities, int(n_requests))
        assert np.all(np.minimum(np.abs(x), np.abs(x - 1)) <= 1e-9)
        assert np.all(np.bincount(pairs[:, 0], weights=x, minlength=n_requests) <= 1 + 1e-9)
        assert np.all(np.bincount(pairs[:, 1], weights=x, minlength=n_offers) <= capacities + 1e-9)
        assert np.all(u >= -1e-9) and np.all(v >= -1e-9)


def brute_force(pairs, scores, capacities, n_requests):
    options = [[None] + [e for e, (i, _) in enumerate(pairs) if i == r] for r in range(n_requests)]
    best = 0.0
    for choice in itertools.product(*options):
        used = [e for e in choice if e is not None]
        load = np.bincount([pairs[e][1] for e in used], minlength=len(capacities))
        if np.all(load <= capacities):
            best = max(best, sum(scores[e] for e in used))
    return best


def test_lp_optimum_equals_the_brute_force_optimum():
    rng = random.Random(3)
    for _ in range(60):
        n_requests, n_offers = rng.randint(1, 5), rng.randint(1, 4)
        pairs = [(i, j) for i in range(n_requests) for j in range(n_offers) if rng.random() < 0.6]
        if not pairs:
            continue
        scores = [rng.choice([0.25, 0.5, 0.75, 1.0]) if rng.random() < 0.5 else rng.random() for _ in pairs]
        capacities = np.array([rng.randint(0, 2) for _ in range(n_offers)])
        x, _, _ = assign([p[0] for p in pairs], [p[1] for p in pairs], scores, capacities, n_requests)
        assert float(np.dot(x, scores)) == pytest.approx(brute_force(pairs, scores, capacities, n_requests), abs=1e-9)


def test_top_k_engine_reaches_the_optimum_over_all_compatible_pairs():
    rng = random.Random(5)
    gains = []
    for _ in range(15):
        requests, offers = random_instance(rng, 40, 12, max_capacity=3)
        everything = match(requests, offers, top_k=None)
        for k in (1, 2, 3):
            restricted = match(requests, offers, top_k=k)
            assert restricted.total_score == pytest.approx(everything.total_score, abs=1e-9)
            assert restricted.proven_optimal
            assert all(len(cs) <= k for cs in restricted.candidates.values())
            gains.append(restricted.total_score - match(requests, offers, top_k=k, exact=False).total_score)
    assert min(gains) >= -1e-9 and max(gains) > 0.1  # the top-k alone loses fit; pricing wins it back


def test_match_on_a_brute_forceable_instance():
    rng = random.Random(11)
    for _ in range(10):
        requests, offers = random_instance(rng, 5, 4)
        result = match(requests, offers, top_k=2)
        pairs = [(i, j) for i, r in enumerate(requests) for j, o in enumerate(offers) if compatible(r, o)]
        index = {(c.request, c.offer): c.score for cs in match(requests, offers, top_k=None).candidates.values() for c in cs}
        scores = [index[(requests[i].id, offers[j].id)] for i, j in pairs]
        capacities = np.array([o.capacity for o in offers])
        assert result.total_score == pytest.approx(brute_force(pairs, scores, capacities, len(requests)), abs=1e-9)


def test_least_duals_certify_an_optimal_assignment_and_refuse_a_poor_one():
    rng = np.random.default_rng(13)
    for _ in range(100):
        n_requests, n_offers = int(rng.integers(2, 30)), int(rng.integers(2, 20))
        n_pairs = int(rng.integers(1, n_requests * n_offers))
        pairs = np.unique(np.c_[rng.integers(0, n_requests, n_pairs), rng.integers(0, n_offers, n_pairs)], axis=0)
        scores = rng.integers(1, 5, len(pairs)) / 4 if rng.random() < 0.5 else rng.random(len(pairs))
        capacities = rng.integers(0, 3, n_offers)
        x, _, _ = assign(pairs[:, 0], pairs[:, 1], scores, capacities, n_requests)
        duals = matching._least_duals(pairs[:, 0], pairs[:, 1], scores, x, capacities, n_requests)
        assert duals is not None
        u, v = duals
        assert np.all(u >= 0) and np.all(v >= 0)
        assert np.all(u[pairs[:, 0]] + v[pairs[:, 1]] >= scores - 1e-9)  # dual feasible
        assert u.sum() + np.dot(capacities, v) == pytest.approx(np.dot(x, scores), abs=1e-9)  # same objective
        if np.dot(x, scores) > 0:  # assigning nothing is not optimal and cannot be certified
            assert matching._least_duals(pairs[:, 0], pairs[:, 1], scores, np.zeros(len(scores)), capacities, n_requests) is None


def test_the_engine_needs_one_program_when_the_least_duals_prove_the_top_k_optimal():
    rng = random.Random(17)
    requests, offers = random_instance(rng, 60, 15, max_capacity=2)
    result = match(requests, offers, top_k=3)
    assert result.proven_optimal and result.solves == 1
    assert result.total_score == pytest.approx(match(requests, offers, top_k=None).total_score, abs=1e-9)

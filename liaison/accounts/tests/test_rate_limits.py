"""Rate limits: the API and searches answer 429 with Retry-After past the limit, per caller, and
count in Django's cache (so a shared cache shares them between processes)."""

import pytest
from django.core.cache import cache

from liaison.accounts import ratelimit
from liaison.accounts.models import APIToken

pytestmark = pytest.mark.django_db


def test_api_answers_429_with_retry_after_past_the_limit(client, settings, demo):
    settings.API_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/api/v1/groups").status_code == 200
    response = client.get("/api/v1/groups")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= settings.RATE_LIMIT_WINDOW_SECONDS + 1
    assert "Too many API requests" in response.json()["detail"]


def test_each_token_has_its_own_count(client, settings, roles):
    settings.API_RATE_LIMIT = 2
    _, first = APIToken.issue(roles["secretariat"], "a", scope="read")
    _, second = APIToken.issue(roles["secretariat"], "b", scope="read")
    for _ in range(2):
        assert client.get("/api/v1/groups", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 200
    assert client.get("/api/v1/groups", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 429
    assert client.get("/api/v1/groups", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
    # The page side is not the API: the public pages still answer.
    assert client.get("/groups/lg-biosafety/").status_code == 200


def test_counts_live_in_the_configured_cache(client, settings, demo):
    settings.API_RATE_LIMIT = 1
    assert client.get("/api/v1/groups").status_code == 200
    assert client.get("/api/v1/groups").status_code == 429
    cache.clear()  # another process sharing this cache would see the same counters; cleared, it starts again
    assert client.get("/api/v1/groups").status_code == 200


def test_hit_counts_per_window():
    assert [ratelimit.hit("t", "x", 2, 60) for _ in range(3)][:2] == [0, 0]
    assert ratelimit.hit("t", "x", 2, 60) > 0
    assert ratelimit.hit("t", "y", 2, 60) == 0
    assert ratelimit.hit("t", "x", 0, 60) == 0  # 0 turns the limit off

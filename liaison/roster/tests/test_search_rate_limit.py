"""Searches of the roster, on its page and through the API, share one limit per caller: past it
the answer is 429 with Retry-After (liaison.accounts.ratelimit)."""

import pytest

pytestmark = pytest.mark.django_db


def test_searches_are_limited_on_pages_and_api(client, settings, roster):
    settings.SEARCH_RATE_LIMIT = 2
    assert client.get("/roster/lg-biosafety/", {"q": "biosafety"}).status_code == 200
    assert client.get("/api/v1/groups/lg-biosafety/experts", {"q": "risk"}).status_code == 200
    response = client.get("/roster/lg-biosafety/", {"q": "assessment"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Too many searches" in response.content.decode()
    response = client.get("/api/v1/groups/lg-biosafety/experts", {"q": "risk"})
    assert response.status_code == 429 and "Retry-After" in response
    # Browsing without a query is not a search.
    assert client.get("/roster/lg-biosafety/").status_code == 200

"""Paging of every API list: ``limit`` (default 100, at most 1000) and ``offset`` query parameters;
the total number of items in the ``X-Total-Count`` response header (documented in the OpenAPI), so
a list stays a plain JSON array and its size stays bounded however large the data grows."""

from ninja import Query

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
TOTAL_HEADER = "X-Total-Count"

Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"How many items to return (at most {MAX_LIMIT}).")
Offset = Query(0, ge=0, le=10_000_000, description="How many items to skip (with `limit`, pages through the list).")

OPENAPI = {
    "responses": {
        200: {
            "headers": {
                TOTAL_HEADER: {
                    "description": "How many items the list has in all, whatever `limit` and `offset`.",
                    "schema": {"type": "integer"},
                }
            }
        }
    }
}


def window(response, items, limit: int, offset: int):
    """The page of ``items`` (a queryset or a list) and the total in the response header."""
    total = len(items) if isinstance(items, list) else items.count()
    response[TOTAL_HEADER] = str(total)
    return items[offset:offset + limit]

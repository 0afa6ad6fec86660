"""Rate limits on the API and on searches, counted in Django's cache.

Each caller (a bearer token, else a signed-in user, else the client address read through the
trusted proxies of ``LIAISON_TRUSTED_PROXIES``) gets ``limit`` requests per window of
``window`` seconds in each bucket; past that the answer is 429 with ``Retry-After``. The counters
live in the ``default`` cache: per process with the default local-memory cache, shared by every
process when ``LIAISON_CACHE_BACKEND`` names a shared one (database, Redis, Memcached)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.translation import ngettext

from .throttle import client_address

API, SEARCH = "api", "search"


def hit(bucket: str, ident: str, limit: int, window: int = 60) -> int:
    """Count one request; the seconds to wait when over the limit, else 0."""
    if limit <= 0:
        return 0
    now = time.time()
    slot = int(now // window)
    key = f"ratelimit:{bucket}:{ident}:{slot}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count > limit:
        return max(1, int((slot + 1) * window - now) + 1)
    return 0


def caller(request) -> str:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return "token:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:32]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"client:{client_address(request) or 'unknown'}"


def _is_search(request) -> bool:
    return request.method == "GET" and bool(request.GET.get("q", "").strip())


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_api = request.path_info.startswith("/api/")
        window = settings.RATE_LIMIT_WINDOW_SECONDS
        ident = None
        if is_api:
            ident = caller(request)
            wait = hit(API, ident, settings.API_RATE_LIMIT, window)
            if wait:
                return self.refuse(is_api, wait, "api")
        if _is_search(request):
            ident = ident or caller(request)
            wait = hit(SEARCH, ident, settings.SEARCH_RATE_LIMIT, window)
            if wait:
                return self.refuse(is_api, wait, "search")
        return self.get_response(request)

    @staticmethod
    def refuse(is_api, wait, what):
        if what == "api":
            message = ngettext("Too many API requests: try again in %(wait)d second.",
                               "Too many API requests: try again in %(wait)d seconds.", wait) % {"wait": wait}
        else:
            message = ngettext("Too many searches: try again in %(wait)d second.",
                               "Too many searches: try again in %(wait)d seconds.", wait) % {"wait": wait}
        if is_api:
            response = JsonResponse({"detail": message}, status=429)
        else:
            response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(wait)
        return response

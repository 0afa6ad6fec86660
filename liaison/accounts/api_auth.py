"""The API's bearer tokens checked on every request (the authentication classes the API endpoints use
are in core/api_auth.py, which every app may import)."""

from django.http import JsonResponse
from django.utils.translation import gettext

from .models import APIToken


class APITokenMiddleware:
    """Every API request that sends a bearer token has it checked, reads included: an unknown,
    revoked or expired token is 401 (never silently treated as anonymous), a valid one speaks for
    its user and has its last use recorded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path_info.startswith("/api/") and header.lower().startswith("bearer "):
            token = APIToken.find(header[7:].strip())
            if token is None:
                return JsonResponse({"detail": gettext("The bearer token is not valid (unknown, revoked or expired).")}, status=401)
            request.api_token = token
            request.user = token.user
        return self.get_response(request)

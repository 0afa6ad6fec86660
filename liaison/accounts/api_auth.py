"""API authentication: bearer tokens (for programs) or the browser session (for people)."""

from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from ninja.errors import HttpError
from ninja.security import HttpBearer

from .models import APIToken


class TokenAuth(HttpBearer):
    """Write endpoints: a valid token with the write scope (a read-only token gets 403)."""

    def authenticate(self, request, token):
        found = getattr(request, "api_token", None) or APIToken.find(token)
        if found is None:
            return None
        if not found.can_write:
            raise HttpError(403, "This token may only read; writing needs a token with the write scope.")
        request.user = found.user
        return found.user


def api_user(request):
    """The user a read request speaks for: its bearer token's, else its session's, else anonymous."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        token = getattr(request, "api_token", None) or APIToken.find(header[7:].strip())
        if token is None:
            raise HttpError(401, "The bearer token is not valid (unknown, revoked or expired).")
        return token.user
    return getattr(request, "user", None) or AnonymousUser()


def require_secretariat(request):
    user = request.auth
    if not user.is_secretariat:
        raise HttpError(403, "Only the secretariat may change records.")
    return user


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
                return JsonResponse({"detail": "The bearer token is not valid (unknown, revoked or expired)."}, status=401)
            request.api_token = token
            request.user = token.user
        return self.get_response(request)

"""API authentication: bearer tokens (for programs) or the browser session (for people)."""

from django.contrib.auth.models import AnonymousUser
from ninja.errors import HttpError
from ninja.security import HttpBearer

from .models import APIToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = APIToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


def api_user(request):
    """The user a read request speaks for: its bearer token's, else its session's, else anonymous."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = APIToken.authenticate(header[7:].strip())
        if user is None:
            raise HttpError(401, "The bearer token is not valid.")
        return user
    return getattr(request, "user", None) or AnonymousUser()


def require_secretariat(request):
    user = request.auth
    if not user.is_secretariat:
        raise HttpError(403, "Only the secretariat may change records.")
    return user

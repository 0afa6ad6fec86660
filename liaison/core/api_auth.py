"""API authentication: bearer tokens (for programs) or the browser session (for people).

The tokens are the accounts app's (``APIToken``, with its scope and expiry; its middleware checks every
bearer token sent to the API), but every app's API needs this module, core's registry included; so core
names the token model by a setting, as Django names the user model by AUTH_USER_MODEL, and imports no
app above it."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer


def find_token(key: str):
    """The valid token (``API_TOKEN_MODEL.find``: known, not revoked, not expired) for ``key``, or None."""
    return apps.get_model(settings.API_TOKEN_MODEL).find(key)


class TokenAuth(HttpBearer):
    """Write endpoints: a valid token with the write scope (a read-only token gets 403)."""

    def authenticate(self, request, token):
        found = getattr(request, "api_token", None) or find_token(token)
        if found is None:
            return None
        if not found.can_write:
            raise HttpError(403, _("This token may only read; writing needs a token with the write scope."))
        request.user = found.user
        return found.user


def api_user(request):
    """The user a read request speaks for: its bearer token's, else its session's, else anonymous."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        token = getattr(request, "api_token", None) or find_token(header[7:].strip())
        if token is None:
            raise HttpError(401, _("The bearer token is not valid (unknown, revoked or expired)."))
        return token.user
    return getattr(request, "user", None) or AnonymousUser()


def require_secretariat(request):
    user = request.auth
    if not user.is_secretariat:
        raise HttpError(403, _("Only the secretariat may change records."))
    return user

"""Login throttling kept in the database, so it holds across processes and restarts."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import LoginFailure

# One client address may try several accounts, but not endlessly.
CLIENT_FACTOR = 4


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _since():
    return timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def retry_after(email: str, client: str | None) -> int:
    """Seconds until a login for ``email`` from ``client`` may be tried again; 0 if it may now."""
    since = _since()
    limit = settings.LOGIN_FAILURE_LIMIT
    recent = LoginFailure.objects.filter(at__gte=since)
    by_email = list(recent.filter(email=email.lower()).order_by("-at").values_list("at", flat=True)[:limit])
    by_client = (
        list(recent.filter(client=client).order_by("-at").values_list("at", flat=True)[: limit * CLIENT_FACTOR])
        if client
        else []
    )
    waits = []
    if len(by_email) >= limit:
        waits.append(by_email[-1])
    if len(by_client) >= limit * CLIENT_FACTOR:
        waits.append(by_client[-1])
    if not waits:
        return 0
    unblock = max(waits) + timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    return max(1, int((unblock - timezone.now()).total_seconds()))


def record_failure(email: str, client: str | None) -> None:
    LoginFailure.objects.create(email=email.lower(), client=client)


def clear(email: str) -> None:
    LoginFailure.objects.filter(email=email.lower()).delete()

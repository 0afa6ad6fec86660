"""Login throttling kept in the database, so it holds across processes and restarts.

Failures are counted per account *and* client address: someone guessing a password from one place
slows down only their own attempts, never the account's owner signing in from elsewhere, and never
the other users behind the same proxy. Each failure beyond ``LOGIN_FAILURE_LIMIT`` doubles the
pause before the next attempt (``LOGIN_FAILURE_BASE_DELAY_SECONDS``: 1 s, 2 s, 4 s …) up to ``LOGIN_FAILURE_MAX_DELAY_SECONDS``; there is
no hard lock. One client trying many accounts is slowed the same way after ``CLIENT_FACTOR`` times
as many failures. Every path that checks a password (the site's login, the admin's login, anything
calling ``django.contrib.auth.authenticate``) goes through :class:`liaison.accounts.backends.ThrottledModelBackend`;
password-reset requests are counted separately (``kind="reset"``) so that a throttled login can
still reset its password.
"""

import ipaddress
import math
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone

from .models import LoginFailure

# One client address may try several accounts, but not endlessly.
CLIENT_FACTOR = 4
LOGIN, RESET = "login", "reset"


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]):
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _ip(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_address(request) -> str | None:
    """The client's address: ``REMOTE_ADDR``, unless that is one of ``LIAISON_TRUSTED_PROXIES``;
    then the right-most address of ``X-Forwarded-For`` that is not itself a trusted proxy.
    A header sent by anyone else is ignored, so it cannot be forged to dodge or aim the throttle."""
    if request is None:
        return None
    remote = _ip(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks or not _trusted(remote, networks):
        return str(remote)
    forwarded = [_ip(part) for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if address is None:
            break  # a malformed entry: trust nothing to its left
        if not _trusted(address, networks):
            return str(address)
    return str(remote)


def delay_after(failures: int, free: int) -> int:
    """The pause (seconds) after ``failures`` recent failures when ``free`` are allowed without one."""
    if failures < free:
        return 0
    return min(settings.LOGIN_FAILURE_MAX_DELAY_SECONDS, settings.LOGIN_FAILURE_BASE_DELAY_SECONDS * 2 ** min(failures - free, 30))


def _wait(rows, free: int, now) -> float:
    count = rows.count()
    delay = delay_after(count, free)
    if not delay:
        return 0
    last = rows.order_by("-at").values_list("at", flat=True).first()
    return (last + timedelta(seconds=delay) - now).total_seconds()


def retry_after(email: str, client: str | None, kind: str = LOGIN) -> int:
    """Seconds until ``email`` may be tried again from ``client``; 0 if it may be now."""
    now = timezone.now()
    recent = LoginFailure.objects.filter(kind=kind, at__gte=now - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS))
    limit = settings.LOGIN_FAILURE_LIMIT
    waits = [_wait(recent.filter(email=(email or "").lower(), client=client), limit, now)]
    if client:
        waits.append(_wait(recent.filter(client=client), limit * CLIENT_FACTOR, now))
    wait = max(waits)
    return math.ceil(wait) if wait > 0 else 0


def record_failure(email: str, client: str | None, kind: str = LOGIN) -> None:
    LoginFailure.objects.create(email=(email or "").lower()[:254], client=client, kind=kind)


def clear(email: str, client: str | None) -> None:
    """A success forgets the failures of this account from this client only: an attacker's
    failures from elsewhere keep slowing the attacker."""
    LoginFailure.objects.filter(kind=LOGIN, email=(email or "").lower(), client=client).delete()


def describe(seconds: int) -> str:
    """'40 seconds', '3 minutes': how long to wait, for a message."""
    from django.utils.translation import ngettext

    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    n = (seconds + 59) // 60
    return ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}

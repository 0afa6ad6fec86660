"""Sessions end after ``SESSION_IDLE_SECONDS`` without a request.

Each request of a signed-in user pushes the session's end forward, but the session is written at
most once a minute (or a tenth of the idle time, if shorter): saving it on every request
(``SESSION_SAVE_EVERY_REQUEST``) made every page view a database write, and a page whose parts load
in parallel raced its own session saves."""

import time

from django.conf import settings


class IdleSessionMiddleware:
    KEY = "_last_active"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            every = max(1, min(60, settings.SESSION_COOKIE_AGE // 10))
            if now - int(request.session.get(self.KEY, 0)) >= every:
                request.session[self.KEY] = now  # modified: saved with a new expiry date
        return self.get_response(request)


def _signed_in(sender, request, user, **kwargs):
    """Signing in writes the session anyway: it counts as the first activity, so the next requests
    within the minute write nothing."""
    if request is not None and hasattr(request, "session"):
        request.session[IdleSessionMiddleware.KEY] = int(time.time())


def connect():
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(_signed_in, dispatch_uid="liaison.accounts.idle")

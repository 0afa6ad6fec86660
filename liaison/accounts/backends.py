"""The one door every password check goes through: the site's login form, the Django admin's
login, and any other caller of ``django.contrib.auth.authenticate``."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from . import throttle

THROTTLED = "_liaison_login_retry_after"


def _email(credentials) -> str:
    return str(credentials.get("username") or credentials.get("email") or "")


class ThrottledModelBackend(ModelBackend):
    """Django's model backend behind the login throttle: while an account is paused for a client,
    its password is not even checked (``authenticate`` answers no user)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username if username is not None else kwargs.get("email", "")
        wait = throttle.retry_after(str(email or ""), throttle.client_address(request))
        if wait:
            if request is not None:
                setattr(request, THROTTLED, wait)
            raise PermissionDenied("Too many failed attempts.")  # stops every backend
        return super().authenticate(request, username=username, password=password, **kwargs)


def retry_after_of(request) -> int:
    """Seconds the last refused ``authenticate`` of this request must wait; 0 if not throttled."""
    return getattr(request, THROTTLED, 0) if request is not None else 0


@receiver(user_login_failed, dispatch_uid="liaison-login-failed")
def _record_failure(sender, credentials, request=None, **kwargs):
    if retry_after_of(request):
        return  # refused by the throttle without a password check: the pause does not grow
    throttle.record_failure(_email(credentials), throttle.client_address(request))


@receiver(user_logged_in, dispatch_uid="liaison-logged-in")
def _clear_failures(sender, request=None, user=None, **kwargs):
    if user is not None:
        throttle.clear(user.email, throttle.client_address(request))

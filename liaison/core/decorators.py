from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def secretariat_required(view):
    """Anonymous users go to the login page; logged-in users who are not secretariat get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_secretariat:
            raise PermissionDenied(_("Only the secretariat may do this."))
        return view(request, *args, **kwargs)

    return wrapper

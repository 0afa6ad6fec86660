"""Security headers that Django's SecurityMiddleware and django-csp do not set.

- ``Permissions-Policy`` turns off browser features the site never uses (camera, microphone,
  geolocation, payment, USB, …).
- ``Cache-Control: private, no-store`` on every answer that may hold more than the public record:
  anything served to a signed-in user (members-only pages, downloads, exports), every API answer
  (a bearer token may have read contact details), and the pages reached through secret links
  (invitations, unsubscribe) or about accounts. Public pages for anonymous visitors stay cacheable.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

PRIVATE_PREFIXES = ("/api/", "/accounts/", "/manage/", "/admin/", "/invitations/", "/unsubscribe/")


def _is_private(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if request.headers.get("Authorization"):
        return True
    return request.path_info.startswith(PRIVATE_PREFIXES) or "/workspace/" in request.path_info


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if _is_private(request):
            response.headers.pop("Cache-Control", None)
            response.headers.pop("Expires", None)
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        return response

"""Input that no page or API endpoint can use is refused at the door with a clear 4xx, before it can
reach a database (PostgreSQL refuses NUL characters in text; a 500 would follow).

- a NUL character (``%00``) in the path, a query parameter or a submitted form field: 400;
- under ``/api/``, a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` or with too many fields gets
  the API's JSON error (413 or 400) instead of Django's HTML page.

NUL characters inside JSON bodies are refused by the API's parser (``liaison/api.py``).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext

NUL = "\x00"
NUL_MESSAGE = "The request contains a NUL character (%00), which no field accepts."  # in English


def nul_message() -> str:
    """NUL_MESSAGE in the request's language."""
    return gettext("The request contains a NUL character (%(code)s), which no field accepts.") % {"code": "%00"}


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _refuse(request, status: int, message: str):
    if _is_api(request):
        return JsonResponse({"detail": str(message)}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _has_nul(querydict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self.check(request)
        return refused if refused is not None else self.get_response(request)

    def check(self, request):
        if NUL in request.path_info or "%00" in request.META.get("QUERY_STRING", "") or _has_nul(request.GET):
            return _refuse(request, 400, nul_message())
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        content_type = request.content_type or ""
        try:
            if _is_api(request):
                request.body  # noqa: B018  (reads it once, within the limit, so the API can answer in JSON)
            if content_type in FORM_TYPES and _has_nul(request.POST):
                return _refuse(request, 400, nul_message())
        except RequestDataTooBig:
            if _is_api(request):
                limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576
                return _refuse(request, 413, gettext("The request body is larger than the limit of %(limit)s MB.") % {"limit": f"{limit:g}"})
            raise
        except TooManyFieldsSent:
            if _is_api(request):
                return _refuse(request, 400, gettext("The request has too many fields."))
            raise
        return None

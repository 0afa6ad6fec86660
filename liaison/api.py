"""API v1: django-ninja, OpenAPI at /api/v1/openapi.json. Errors answer 4xx with a message, in the
language of the request's Accept-Language (LocaleMiddleware; the API ignores an account's saved
language, see accounts/language.py): every message given to HttpError goes through gettext, and the
answers ninja and pydantic would write in English (404, 401, 403 and the 422 of a refused
parameter or body, core/validation_messages.py) are written here."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.parser import Parser

from liaison.assistance.api import router as assistance_router
from liaison.actionplan.api import router as actionplan_router
from liaison.core.api import router as registry_router
from liaison.core.concurrency import VersionConflict
from liaison.core.openapi import LiaisonAPI
from liaison.core.validation_messages import translated
from liaison.groups.api import router as groups_router
from liaison.meetings.api import router as meetings_router
from liaison.reports.api import router as reports_router
from liaison.roster.api import router as roster_router
from liaison.workspace.api import router as workspace_router

class NulInJSON(ValueError):
    pass


def _check_nul(value, path="body"):
    if isinstance(value, str):
        if "\x00" in value:
            raise NulInJSON(_("%(path)s contains a NUL character (\\u0000), which no field accepts.") % {"path": path})
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_nul(key, path)
            _check_nul(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_nul(item, f"{path}[{index}]")


class StrictJSONParser(Parser):
    """JSON bodies with a NUL character in any string (or key) are refused with 400: PostgreSQL
    cannot store one and SQLite would keep a string no page can show."""

    def parse_body(self, request):
        data = super().parse_body(request)
        _check_nul(data)
        return data


api = LiaisonAPI(
    parser=StrictJSONParser(),
    title="Liaison API",
    version="1",
    description="Groups, meetings, participants and the registry of countries and organizations. "
    "Reads are public (contact details only for the secretariat); writes need a secretariat bearer token. "
    "Error answers carry a `detail` message written in the language the request asks for in its "
    "`Accept-Language` header (one of ar, zh-hans, en, fr, ru, es; English otherwise); "
    "field names, codes and `errors` keys stay as documented.",
    urls_namespace="api-v1",
)
api.add_router("", registry_router)
api.add_router("", groups_router)
api.add_router("", meetings_router)
api.add_router("", roster_router)
api.add_router("", reports_router)
api.add_router("", workspace_router)
api.add_router("", assistance_router)
api.add_router("", actionplan_router)


@api.exception_handler(VersionConflict)
def version_conflict(request, exc):
    detail = _("%(record)s was changed by someone else (version %(current)s, you edited version %(expected)s).") % {
        "record": exc.instance._meta.verbose_name, "current": exc.current_version, "expected": exc.expected_version}
    return api.create_response(request, {"detail": detail, "current_version": exc.current_version}, status=409)


@api.exception_handler(DjangoValidationError)
def invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": _("The record is not valid."), "errors": errors}, status=422)


@api.exception_handler(IntegrityError)
def integrity(request, exc):
    return api.create_response(
        request, {"detail": _("This would duplicate or contradict an existing record.")}, status=409
    )


# Ninja's own messages for these (in English); the API's, in the request's language.
DEFAULT_DETAIL = {
    AuthenticationError: gettext_lazy("A valid bearer token is needed."),
    AuthorizationError: gettext_lazy("You may not do this."),
}


@api.exception_handler(HttpError)
def http_error(request, exc):
    """Ninja's answer for HttpError, with the reason when the body's parser refused it."""
    cause = exc.__cause__
    detail = str(cause) if isinstance(cause, NulInJSON) else str(exc)
    if type(exc) in DEFAULT_DETAIL and detail in ("Unauthorized", "Forbidden"):
        detail = str(DEFAULT_DETAIL[type(exc)])
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    """A record that does not exist or that the caller may not see (never says which)."""
    return api.create_response(request, {"detail": _("No such record, or not one you may see.")}, status=404)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """What the request's parameters or body got wrong: ninja's list of errors (type, loc, ctx kept as
    documented), each ``msg`` in the request's language instead of pydantic's English."""
    return api.create_response(request, {"detail": translated(exc.errors)}, status=422)

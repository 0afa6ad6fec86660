"""The API's validation messages in the request's language.

django-ninja answers a request its schemas refuse with 422 and pydantic's own messages, in English
("Field required", "Input should be a valid integer"). The answer keeps its documented shape (a list
of ``{type, loc, msg, ctx}``) and only ``msg`` is rewritten here, from the error's ``type`` and the
numbers pydantic gives in ``ctx``. A ``value_error`` carries a message raised by the project's own
validators, already translated when it was raised; an error type missing from the table gets a
general message, never pydantic's English."""

from django.utils.translation import gettext_lazy as _

GENERAL = _("This value is not valid.")

MESSAGES = {
    "missing": _("This field is required."),
    "extra_forbidden": _("This field is not expected here."),
    "string_type": _("Enter a text."),
    "string_too_short": _("Enter at least %(min_length)s characters."),
    "string_too_long": _("Enter at most %(max_length)s characters."),
    "string_pattern_mismatch": _("This text does not have the expected form."),
    "int_type": _("Enter a whole number."),
    "int_parsing": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "float_type": _("Enter a number."),
    "float_parsing": _("Enter a number."),
    "decimal_type": _("Enter a number."),
    "decimal_parsing": _("Enter a number."),
    "bool_type": _("Enter true or false."),
    "bool_parsing": _("Enter true or false."),
    "date_type": _("Enter a date as YYYY-MM-DD."),
    "date_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": _("Enter a date as YYYY-MM-DD."),
    "datetime_type": _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_parsing": _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_from_date_parsing": _("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "time_type": _("Enter a time as HH:MM."),
    "time_parsing": _("Enter a time as HH:MM."),
    "greater_than": _("Enter a value greater than %(gt)s."),
    "greater_than_equal": _("Enter a value of at least %(ge)s."),
    "less_than": _("Enter a value less than %(lt)s."),
    "less_than_equal": _("Enter a value of at most %(le)s."),
    "too_short": _("Give at least %(min_length)s items."),
    "too_long": _("Give at most %(max_length)s items."),
    "list_type": _("Give a list."),
    "dict_type": _("Give an object."),
    "model_type": _("Give an object."),
    "model_attributes_type": _("Give an object."),
    "enum": _("Choose one of: %(expected)s."),
    "literal_error": _("Choose one of: %(expected)s."),
    "json_invalid": _("The body is not valid JSON."),
    "json_type": _("The body is not valid JSON."),
    "uuid_type": _("Enter a UUID."),
    "uuid_parsing": _("Enter a UUID."),
    "url_type": _("Enter a URL."),
    "url_parsing": _("Enter a URL."),
}


def message(error):
    """The message for one of pydantic's errors (a dict with ``type`` and perhaps ``ctx``), in the
    active language."""
    kind, ctx = error.get("type"), error.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and ctx.get("error"):
        return str(ctx["error"])
    template = MESSAGES.get(kind)
    if template is None:
        return str(GENERAL)
    try:
        return str(template) % dict(ctx)
    except (KeyError, TypeError, ValueError):
        return str(GENERAL)


def translated(errors):
    """pydantic's errors, as ninja lists them, with each ``msg`` in the active language."""
    return [{**error, "msg": message(error)} for error in errors]

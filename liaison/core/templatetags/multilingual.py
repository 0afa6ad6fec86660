"""Marking a record's words shown in English on a page in another language (core/multilingual.py),
built into every template (settings.TEMPLATES "builtins"):
``<h1{{ group|fallback_lang:"name" }}>{{ group.local_name }}</h1>`` writes ``lang="en" dir="ltr"`` on
the element when the reader's language has no text of its own and the English stands in (a screen
reader then pronounces it as English, and an Arabic page keeps it left to right); nothing otherwise."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def fallback_lang(record, field):
    falls_back = getattr(record, "falls_back", None)
    if falls_back is None or not falls_back(field):
        return ""
    return mark_safe(' lang="en" dir="ltr"')

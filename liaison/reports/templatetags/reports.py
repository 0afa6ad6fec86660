from django import template
from django.utils.safestring import mark_safe

from liaison.reports import markup

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def report_markdown(value):
    """A report paragraph's Markdown as HTML: raw HTML is never passed through and nh3 cleans the rest."""
    return mark_safe(markup.render(value))  # noqa: S308 - sanitised (markup.py)

from django import template
from django.utils.safestring import mark_safe

from liaison.workspace.text import render

register = template.Library()


@register.filter
def markdown(value):
    """Markdown to sanitised HTML (nh3 keeps only harmless tags and http(s)/mailto links)."""
    return mark_safe(render(value))  # noqa: S308 - sanitised by nh3

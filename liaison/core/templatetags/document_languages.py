"""{% document_languages docx=url pdf=url xlsx=url %}: beside a document's download links, the same
downloads in each of the six languages (``?language=xx``), each language named in itself."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("core/document_languages.html")
def document_languages(docx="", pdf="", xlsx=""):
    formats = [(name, url) for name, url in (("DOCX", docx), ("PDF", pdf), ("XLSX", xlsx)) if url]
    return {"formats": formats, "languages": list(settings.LANGUAGES)}

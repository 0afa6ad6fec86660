"""The one way the site hands over a file to save: ``FileResponse(..., as_attachment=True, filename=…)``.

Django writes the Content-Disposition header itself, escaping quotes and encoding non-ASCII names
(RFC 6266 ``filename*``), so a title such as « Réunion "Biosafety" » survives; the name is also
stripped of path separators and control characters. Content sniffing is turned off."""

import io
import re

from django.http import FileResponse

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\]+')


def safe_filename(name: str, default: str = "download") -> str:
    """``name`` without path separators or control characters (each run becomes "-")."""
    cleaned = _UNSAFE.sub("-", str(name)).strip(" .-")
    return cleaned or default


def download(content, filename: str, content_type: str | None = None) -> FileResponse:
    """``content`` (bytes, str or an open binary file) as an attachment named ``filename``."""
    if isinstance(content, str):
        content = content.encode("utf-8")
    if isinstance(content, (bytes, bytearray)):
        content = io.BytesIO(content)
    response = FileResponse(content, as_attachment=True, filename=safe_filename(filename), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response

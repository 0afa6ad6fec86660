"""The one way the site hands over a file to save, with a Content-Disposition header that Django writes
(``django.utils.http.content_disposition_header``, as ``FileResponse(..., as_attachment=True, filename=…)``
does): quotes are escaped and non-ASCII names are encoded (RFC 6266 ``filename*``), so a title such as
« Réunion "Biosafety" » survives. The name is also stripped of path separators and control characters,
and content sniffing is turned off. Stored files are streamed (FileResponse); content made in memory
(an export, a calendar, a PDF) is answered whole."""

import mimetypes
import re

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


def safe_filename(name: str, default: str = "download") -> str:
    """``name`` without path separators or control characters (each run becomes "-")."""
    cleaned = _UNSAFE.sub("-", str(name)).strip(" .-")
    return cleaned or default


def download(content, filename: str, content_type: str | None = None):
    """``content`` (bytes, str, or an open binary file) as an attachment named ``filename``."""
    filename = safe_filename(filename)
    if isinstance(content, (bytes, bytearray, str)):
        response = HttpResponse(content, content_type=content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream")
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(content, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response

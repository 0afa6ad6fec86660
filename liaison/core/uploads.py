"""What an uploaded file really is, read from its first bytes. Pure Python.

The extension says what a file claims to be; the content says what it is. A file is accepted only
when both agree and it is within the size limit.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from .messages import TranslatableError, gettext_noop

KINDS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
ZIP_MARKERS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}


class UploadRefused(TranslatableError):
    """Why the file is refused; shown as ``refused.translated(gettext)`` (core/messages.py)."""


@dataclass(frozen=True)
class Accepted:
    extension: str
    content_type: str


def check(name: str, head: bytes, size: int, max_bytes: int, whole=None) -> Accepted:
    """``head``: the first bytes (4 KiB is plenty); ``whole``: a callable returning all bytes, used
    for ZIP-based formats whose proof lies in their member list."""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in KINDS:
        if not extension:
            raise UploadRefused(gettext_noop("Files without an extension are not accepted; use one of %(kinds)s."), kinds=", ".join(sorted(KINDS)))
        raise UploadRefused(gettext_noop("Files of type “%(extension)s” are not accepted; use one of %(kinds)s."),
                            extension=extension, kinds=", ".join(sorted(KINDS)))
    if size > max_bytes:
        raise UploadRefused(gettext_noop("The file is %(size)s MB; the limit is %(limit)s MB."),
                            size=f"{size / 1_048_576:.1f}", limit=f"{max_bytes / 1_048_576:.0f}")
    if size == 0:
        raise UploadRefused(gettext_noop("The file is empty."))
    if extension == ".pdf" and not head.startswith(b"%PDF-"):
        raise UploadRefused(gettext_noop("The file is named .pdf but is not a PDF document."))
    if extension in ZIP_MARKERS or extension == ".odt":
        if not head.startswith(b"PK\x03\x04"):
            raise UploadRefused(gettext_noop("The file is named %(extension)s but is not a %(kind)s document."), extension=extension, kind=extension[1:].upper())
        try:
            names = set(zipfile.ZipFile(io.BytesIO(whole())).namelist()) if whole else set()
        except zipfile.BadZipFile:
            raise UploadRefused(gettext_noop("The %(kind)s document is damaged."), kind=extension[1:].upper()) from None
        marker = ZIP_MARKERS.get(extension, "content.xml")
        if whole and marker not in names:
            raise UploadRefused(gettext_noop("The file is named %(extension)s but its content is not a %(kind)s document."),
                                extension=extension, kind=extension[1:].upper())
    if extension in (".txt", ".csv"):
        if b"\x00" in head:
            raise UploadRefused(gettext_noop("The file is named as text but contains binary data."))
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not just a character cut at the end of the head
                raise UploadRefused(gettext_noop("Text files must be in UTF-8.")) from None
    return Accepted(extension, KINDS[extension])

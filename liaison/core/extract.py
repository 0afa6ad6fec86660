"""The text of an uploaded document (a report, a document for peer review): plain text, DOCX (python-docx)
or PDF (pypdf). Pure: no Django."""

import io
import zipfile
from pathlib import PurePath

from .messages import TranslatableError, gettext_noop


MAX_BYTES = 20 * 1024 * 1024


class ExtractError(TranslatableError):
    """The file's text cannot be read. ``str(error)`` is the English sentence (for the command line);
    a page or a job shows ``error.translated(gettext)``, the same sentence in the reader's language."""


def text_from_bytes(name: str, data: bytes, *, layout: bool = False) -> str:
    """The text of a TXT, DOCX or PDF file. ``layout``: a PDF's text keeps its layout's spacing (a
    blank line between paragraphs), for splitting it into paragraphs."""
    if len(data) > MAX_BYTES:
        raise ExtractError(gettext_noop("The file is larger than %(size)d MB."), size=MAX_BYTES // 1_048_576)
    suffix = PurePath(name).suffix.lower()
    if suffix in (".txt", ".text", ""):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ExtractError(gettext_noop("The text file is not UTF-8 text.")) from None
    if suffix == ".docx":
        return _docx(data)
    if suffix == ".pdf":
        return _pdf(data, layout)
    raise ExtractError(gettext_noop("Reports are read from .txt, .docx or .pdf files, not %(suffix)s."), suffix=suffix)


def _docx(data: bytes) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise ExtractError(gettext_noop("The DOCX file cannot be read: it is damaged or not a Word document (%(error)s)."),
                           error=error.__class__.__name__) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf(data: bytes, layout: bool = False) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.startswith(b"%PDF-"):
        raise ExtractError(gettext_noop("The file is named .pdf but is not a PDF document."))
    try:
        reader = PdfReader(io.BytesIO(data))
        mode = {"extraction_mode": "layout"} if layout else {}
        text = "\n\n".join(page.extract_text(**mode) or "" for page in reader.pages) if layout else (
            "\n".join(page.extract_text() or "" for page in reader.pages)
        )
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ExtractError(gettext_noop("The PDF file cannot be read: it is damaged (%(error)s)."), error=error.__class__.__name__) from None
    if not text.strip():
        raise ExtractError(gettext_noop("The PDF has no text layer (a scanned image?); it cannot be read."))
    return text

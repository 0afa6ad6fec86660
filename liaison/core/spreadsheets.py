"""The one way Liaison writes CSV and XLSX files: every text cell is neutralised against formula
injection (OWASP "CSV injection"). A text that starts with ``= + - @``, a tab or a carriage return
would be read by a spreadsheet program as a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``-2+3``); it is
written with a leading apostrophe instead, which the program shows as text. Numbers, dates and
empty cells are written as they are.

Column headers, sheet names and fixed words may be given as lazy translations (``gettext_lazy``):
they are written in the active language, which is the request's (or, for a file made by the worker,
the language of the request that started the job: core/jobs.py ``start_export``).

``tests/test_spreadsheets.py`` fails if any module writes CSV or XLSX without these helpers.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` made safe for a spreadsheet cell (text only; other types unchanged)."""
    if isinstance(value, Promise):  # a lazy translation, in the active language
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    return [neutralise(value) for value in row]


def csv_text(header: Sequence[str], rows: Iterable[Iterable]) -> str:
    """CSV text (with a UTF-8 byte order mark, so spreadsheet programs read Tromsø and San José)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue()


def xlsx_bytes(sheets: dict[str, tuple[Sequence[str], Iterable[Iterable]]]) -> bytes:
    """An XLSX workbook: ``{sheet title: (header, rows)}``. Text cells are always stored as text."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, (header, rows) in sheets.items():
        sheet = book.create_sheet(title=sheet_title(title))
        for row in [header, *rows]:
            sheet.append(safe_row(row))
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_title(title) -> str:
    """A sheet's name as a spreadsheet program takes it: at most 31 characters, none of ``\\ / * ? : [ ]``
    (a translated name may have them)."""
    return "".join(" " if c in "\\/*?:[]" else c for c in str(title))[:31].strip() or "Sheet"


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(filename: str, header, rows):
    from .downloads import download

    return download(csv_text(header, rows), filename, "text/csv; charset=utf-8")


def xlsx_response(filename: str, sheets):
    from .downloads import download

    return download(xlsx_bytes(sheets), filename, XLSX_TYPE)

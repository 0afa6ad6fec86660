"""The consolidated list as PDF (WeasyPrint) and XLSX, and tables as CSV/XLSX. Every cell that a
spreadsheet program would read as a formula is neutralised."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutral(value):
    """A text cell starting like a formula gets a leading apostrophe; numbers and dates stay."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def consolidated_rows(requests) -> list[list]:
    rows = [["Reference", "Requesting state", "Title", "Areas", "Types", "Languages", "Wanted from", "Wanted until",
             "Status", "Approved for sharing on", "Description"]]
    for r in requests:
        rows.append([f"R-{r.pk}", r.country.name, r.title, "; ".join(a.name for a in r.areas.all()), "; ".join(r.type_labels()),
                     "; ".join(r.language_labels()), r.start, r.end, r.get_status_display(), r.approved_on, r.description])
    return rows


def xlsx_response(rows, filename, title="Sheet") -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append([neutral(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def csv_response(rows, filename) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in rows:
        writer.writerow(["" if v is None else neutral(v) for v in row])
    return response


def consolidated_pdf(group, requests, generated_on) -> bytes:
    from weasyprint import HTML

    html = render_to_string("assistance/consolidated_print.html", {"group": group, "requests": requests, "generated_on": generated_on, "for_print": True})
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()

"""The consolidated list as PDF (WeasyPrint) and XLSX, and tables as CSV/XLSX through
core/spreadsheets.py, which neutralises every cell a spreadsheet program would read as a formula."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from liaison.core import spreadsheets


def neutral(value):
    return spreadsheets.neutralise(value)


def consolidated_rows(requests) -> list[list]:
    rows = [["Reference", "Requesting state", "Title", "Areas", "Types", "Languages", "Wanted from", "Wanted until",
             "Status", "Approved for sharing on", "Description"]]
    for r in requests:
        rows.append([f"R-{r.pk}", r.country.name, r.title, "; ".join(a.name for a in r.areas.all()), "; ".join(r.type_labels()),
                     "; ".join(r.language_labels()), r.start, r.end, r.get_status_display(), r.approved_on, r.description])
    return rows


def xlsx_response(rows, filename, title="Sheet") -> HttpResponse:
    return spreadsheets.xlsx_response(f"{filename}.xlsx", {title: (rows[0], rows[1:])})


def csv_response(rows, filename) -> HttpResponse:
    return spreadsheets.csv_response(f"{filename}.csv", rows[0], rows[1:])


def consolidated_pdf(group, requests, generated_on) -> bytes:
    from weasyprint import HTML

    html = render_to_string("assistance/consolidated_print.html", {"group": group, "requests": requests, "generated_on": generated_on, "for_print": True})
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()

"""The consolidated list as PDF (WeasyPrint) and XLSX, and tables as CSV/XLSX through
core/spreadsheets.py, which neutralises every cell a spreadsheet program would read as a formula."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from liaison.core import spreadsheets


def neutral(value):
    return spreadsheets.neutralise(value)


def consolidated_rows(requests) -> list[list]:
    rows = [[_("Reference"), _("Requesting state"), _("Title"), _("Areas"), _("Types"), _("Languages"), _("Wanted from"),
             _("Wanted until"), _("Status"), _("Approved for sharing on"), _("Description")]]
    for r in requests:
        rows.append([f"R-{r.pk}", r.country.local_name, r.title, "; ".join(a.name for a in r.areas.all()), "; ".join(r.type_labels()),
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


def consolidated_file(group: int, fmt: str) -> bytes:
    """The consolidated list of the audience ``group`` (a key) as PDF or XLSX bytes: the worker's
    builder for long lists (core/jobs.py ``start_export``)."""
    from django.utils import timezone

    from liaison.groups.models import Group

    from . import services

    audience = Group.objects.get(pk=group)
    requests = list(services.consolidated(audience))
    if fmt == "pdf":
        return consolidated_pdf(audience, requests, timezone.localdate())
    rows = consolidated_rows(requests)
    return spreadsheets.xlsx_bytes({_("Requests"): (rows[0], rows[1:])})


def can_see_consolidated(job, user) -> bool:
    """The consolidated list's rule, for the job that makes a long one."""
    from liaison.groups.models import Group

    from . import access

    audience = Group.objects.filter(pk=job.params["args"]["group"]).first()
    return audience is not None and access.can_see_audience(user, audience)

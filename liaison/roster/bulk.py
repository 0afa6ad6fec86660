"""Bulk nominations from a CSV or XLSX sheet: every row is checked like the nomination form; one bad
row and nothing is saved, and the report names each row, field and problem."""

import csv
import io
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from liaison.core.services import find_country

from . import services
from .forms import ExpertForm
from .models import Degree, ExpertiseArea

COLUMNS = ["honorific", "first_name", "last_name", "gender", "email", "phone", "nationality", "nominating_country",
           "stakeholder", "languages", "areas", "keywords", "profile", "highest_degree", "years_experience", "publications", "references"]
COLUMN_LABELS = {  # the header of the sheet, in its reader's language; read back in any of the site's languages
    "honorific": pgettext_lazy("column of the nomination sheet", "honorific"),
    "first_name": pgettext_lazy("column of the nomination sheet", "first_name"),
    "last_name": pgettext_lazy("column of the nomination sheet", "last_name"),
    "gender": pgettext_lazy("column of the nomination sheet", "gender"),
    "email": pgettext_lazy("column of the nomination sheet", "email"),
    "phone": pgettext_lazy("column of the nomination sheet", "phone"),
    "nationality": pgettext_lazy("column of the nomination sheet", "nationality"),
    "nominating_country": pgettext_lazy("column of the nomination sheet", "nominating_country"),
    "stakeholder": pgettext_lazy("column of the nomination sheet", "stakeholder"),
    "languages": pgettext_lazy("column of the nomination sheet", "languages"),
    "areas": pgettext_lazy("column of the nomination sheet", "areas"),
    "keywords": pgettext_lazy("column of the nomination sheet", "keywords"),
    "profile": pgettext_lazy("column of the nomination sheet", "profile"),
    "highest_degree": pgettext_lazy("column of the nomination sheet", "highest_degree"),
    "years_experience": pgettext_lazy("column of the nomination sheet", "years_experience"),
    "publications": pgettext_lazy("column of the nomination sheet", "publications"),
    "references": pgettext_lazy("column of the nomination sheet", "references"),
}
DEGREES = {label.lower(): value for value, label in Degree.choices} | {"none": 0, "bachelor": 1, "master": 2, "doctorate": 3, "phd": 3}


GUIDE = {  # what each column takes, for the template's guide sheet (the codes in it are what the sheet takes in every language)
    "honorific": gettext_lazy("Optional: Mr., Ms., Dr., Prof. …"),
    "first_name": gettext_lazy("Required."),
    "last_name": gettext_lazy("Required."),
    "gender": gettext_lazy("female, male, other or undisclosed."),
    "email": gettext_lazy("The expert's e-mail address (once per sheet)."),
    "phone": gettext_lazy("Optional."),
    "nationality": gettext_lazy("Country name or ISO code (Senegal, SEN)."),
    "nominating_country": gettext_lazy("Country name or ISO code; a focal point of one country may leave it empty."),
    "stakeholder": gettext_lazy("government, igo, ngo, industry, academia, iplc or other."),
    "languages": gettext_lazy("e.g. English, French."),
    "areas": gettext_lazy("Codes from the sheet '%(sheet)s', separated by ;"),
    "keywords": gettext_lazy("Optional, separated by commas."),
    "profile": gettext_lazy("A short profile."),
    "highest_degree": gettext_lazy("none, bachelor, master or doctorate."),
    "years_experience": gettext_lazy("A whole number."),
    "publications": gettext_lazy("Optional."),
    "references": gettext_lazy("Referees separated by ; (name, e-mail)."),
}


def template_sheets(group) -> dict:
    """The sheets of the nomination template, in the active language: the columns to fill (first, so
    an upload reads them), the valid area codes of this roster, and what each column takes."""
    areas = [(a.code, a.name) for a in ExpertiseArea.objects.filter(group=group).order_by("code")]
    areas_sheet = _("Areas of expertise")
    guide = {**GUIDE, "areas": GUIDE["areas"] % {"sheet": areas_sheet}}
    return {
        _("Nominations"): ([str(COLUMN_LABELS[c]) for c in COLUMNS], []),
        areas_sheet: ([pgettext("code of an area of expertise", "code"), pgettext("name of an area of expertise", "name")], areas),
        _("Columns"): ([_("column"), _("what it takes")], [(str(COLUMN_LABELS[c]), str(guide[c])) for c in COLUMNS]),
    }


def column_codes() -> dict[str, str]:
    """{a column's name as the sheet writes it in any of the site's languages, lower case: its code}."""
    found = {code: code for code in COLUMNS}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.update({str(label).strip().lower(): code for code, label in COLUMN_LABELS.items()})
    return found


class SheetError(ValueError):
    pass


def limits() -> tuple[int, int]:
    """(largest sheet in bytes, most nomination rows) one upload may hold."""
    return settings.ROSTER_SHEET_MAX_MB * 1_048_576, settings.ROSTER_SHEET_MAX_ROWS


def check_size(size: int) -> None:
    max_bytes, _rows = limits()
    if size > max_bytes:
        raise SheetError(_("The sheet is larger than %(size)d MB; split it into several sheets.") % {"size": settings.ROSTER_SHEET_MAX_MB})


def _bounded(rows, max_rows: int) -> list:
    """At most the header and ``max_rows`` non-empty rows; reading stops at the first row beyond."""
    kept = list(islice((row for row in rows if any(str(cell).strip() for cell in row)), max_rows + 2))
    if len(kept) > max_rows + 1:
        raise SheetError(_("The sheet has more than %(rows)d nominations; send at most %(rows)d rows per sheet.") % {"rows": max_rows})
    return kept


def read_rows(name: str, data: bytes) -> list[dict[str, str]]:
    check_size(len(data))
    _bytes, max_rows = limits()
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            rows = _bounded((["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)), max_rows)
        except SheetError:
            raise
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise SheetError(_("The XLSX file cannot be read (%(error)s).") % {"error": error.__class__.__name__}) from None
    elif name.lower().endswith(".csv"):
        try:
            rows = _bounded(csv.reader(io.StringIO(data.decode("utf-8-sig"))), max_rows)
        except UnicodeDecodeError:
            raise SheetError(_("The CSV file must be UTF-8.")) from None
        except csv.Error as error:  # e.g. a field longer than the csv module accepts
            raise SheetError(_("The CSV file cannot be read: %(error)s.") % {"error": error}) from None
    else:
        raise SheetError(_("Upload a .csv or .xlsx file."))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise SheetError(_("The sheet is empty."))
    codes = column_codes()
    header = [h.strip().lower() for h in rows[0]]
    header = [codes.get(h, h) for h in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown or "last_name" not in header:
        raise SheetError(_("Unknown or missing columns. Use: %(columns)s (unknown: %(unknown)s).") % {
            "columns": ", ".join(COLUMNS), "unknown": ", ".join(unknown) or pgettext("no unknown columns", "none")})
    return [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in rows[1:]]


def _form_data(row, group):
    data = {key: row.get(key, "").strip() for key in COLUMNS}
    problems = []
    for field in ("nationality", "nominating_country"):
        if data[field]:
            country = find_country(data[field])
            if country is None:
                problems.append((field, _("“%(value)s” is not a country.") % {"value": data[field]}))
            data[field] = country.pk if country else ""
    codes = [c.strip() for c in data["areas"].replace(",", ";").split(";") if c.strip()]
    areas = {a.code: a.pk for a in ExpertiseArea.objects.filter(group=group, code__in=codes)}
    for code in codes:
        if code not in areas:
            problems.append(("areas", _("“%(code)s” is not an area of expertise of this roster.") % {"code": code}))
    data["areas"] = list(areas.values())
    degree = data["highest_degree"].lower()
    data["highest_degree"] = DEGREES.get(degree, degree or 0)
    data["references"] = "\n".join(r.strip() for r in data["references"].split(";") if r.strip())
    data["years_experience"] = data["years_experience"] or 0
    return data, problems


def nominate(rows, group, by, nominating_countries=None, progress=None):
    """Returns (experts created, problems as (row number, field, message)); creates nothing on any problem.
    ``progress(done, total)``, when given, is told how far the check and the saving are."""
    forms, problems = [], []
    total = 2 * len(rows)
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        if progress and number % 25 == 0:
            progress(number - 2, total, _("Checking the rows"))
        data, found = _form_data(row, group)
        if nominating_countries is not None and not data["nominating_country"] and len(nominating_countries) == 1:
            data["nominating_country"] = next(iter(nominating_countries))
        problems.extend((number, field, message) for field, message in found)
        form = ExpertForm(data, group=group, nominating_countries=nominating_countries)
        if not form.is_valid():
            for field, errors in form.errors.items():
                problems.extend((number, field if field != "__all__" else "", e) for e in errors)
        forms.append(form)
    emails = [f.cleaned_data.get("email") for f in forms if f.is_valid() and f.cleaned_data.get("email")]
    for number, email in enumerate(emails):
        if emails.count(email) > 1 and email not in emails[:number]:
            problems.append(("—", "email", _("%(email)s appears more than once in the sheet.") % {"email": email}))
    if problems:
        return [], problems
    with transaction.atomic():
        experts = []
        for number, form in enumerate(forms):
            experts.append(services.nominate(form, by))
            if progress and number % 25 == 0:
                progress(len(rows) + number, total, _("Saving the nominations"))
    return experts, []


# Sheets longer than this are checked and saved by the worker, with a progress bar.
INLINE_ROWS = 100


def start_job(name: str, data: bytes, group, by, nominating_countries):
    """Keep the sheet in storage (shared by every node) and let the worker nominate from it."""
    import uuid

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from liaison.core import jobs

    suffix = ".xlsx" if name.lower().endswith(".xlsx") else ".csv"
    path = default_storage.save(f"jobs/sheets/{uuid.uuid4().hex}{suffix}", ContentFile(data))
    countries = None if nominating_countries is None else sorted(c.pk if hasattr(c, "pk") else c for c in nominating_countries)
    return jobs.start(
        "liaison.roster.bulk.run_job", owner=by, title=_("Nominations from %(file)s (%(group)s)") % {"file": name[:200], "group": group.acronym or group.local_name},
        params={"path": path, "name": name, "group": group.pk, "countries": countries},
    )


def run_job(job, progress):
    """The worker's side of :func:`start_job`."""
    from django.core.files.storage import default_storage
    from django.urls import reverse

    from liaison.groups.models import Group

    params = job.params
    group = Group.objects.get(pk=params["group"])
    try:
        with default_storage.open(params["path"], "rb") as handle:
            data = handle.read()
        try:
            rows = read_rows(params["name"], data)
        except SheetError as error:
            return {"message": str(error), "errors": [str(error)]}
        progress(0, 2 * len(rows), _("Checking the rows"))
        countries = params["countries"]
        created, problems = nominate(rows, group, job.owner, None if countries is None else set(countries), progress=progress)
    finally:
        default_storage.delete(params["path"])
    url = reverse("roster_upload", args=[group.slug])
    if problems:
        return {
            "message": ngettext("Nothing was saved: the sheet has %(n)d problem. Correct it and upload the sheet again.",
                                "Nothing was saved: the sheet has %(n)d problems. Correct them and upload the sheet again.", len(problems))
            % {"n": len(problems)},
            "errors": [_problem(row, field, message) for row, field, message in problems[:500]],
            "url": url, "link_text": _("Upload a corrected sheet"),
        }
    return {
        "message": _("%(n)d nominations saved as drafts. Submit each for review once complete.") % {"n": len(created)},
        "url": reverse("roster", args=[group.slug]), "link_text": _("The roster"),
    }


def _problem(row, field, message) -> str:
    """One problem of the sheet as the job's page lists it, in the starter's language."""
    if field:
        return _("Row %(row)s, %(column)s: %(problem)s") % {"row": row, "column": COLUMN_LABELS.get(field, field), "problem": message}
    return _("Row %(row)s: %(problem)s") % {"row": row, "problem": message}

"""Bulk nominations from a CSV or XLSX sheet: every row is checked like the nomination form; one bad
row and nothing is saved, and the report names each row, field and problem."""

import csv
import io

from django.db import transaction

from liaison.core.services import find_country

from .forms import ExpertForm
from .models import Degree, ExpertiseArea

COLUMNS = ["honorific", "first_name", "last_name", "gender", "email", "phone", "nationality", "nominating_country",
           "stakeholder", "languages", "areas", "keywords", "profile", "highest_degree", "years_experience", "publications", "references"]
DEGREES = {label.lower(): value for value, label in Degree.choices} | {"none": 0, "bachelor": 1, "master": 2, "doctorate": 3, "phd": 3}


class SheetError(ValueError):
    pass


def read_rows(name: str, data: bytes) -> list[dict[str, str]]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise SheetError(f"The XLSX file cannot be read ({error.__class__.__name__}).") from None
        rows = [["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)]
    elif name.lower().endswith(".csv"):
        try:
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        except UnicodeDecodeError:
            raise SheetError("The CSV file must be UTF-8.") from None
    else:
        raise SheetError("Upload a .csv or .xlsx file.")
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise SheetError("The sheet is empty.")
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown or "last_name" not in header:
        raise SheetError(f"Unknown or missing columns. Use: {', '.join(COLUMNS)} (unknown: {', '.join(unknown) or 'none'}).")
    return [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in rows[1:]]


def _form_data(row, group):
    data = {key: row.get(key, "").strip() for key in COLUMNS}
    problems = []
    for field in ("nationality", "nominating_country"):
        if data[field]:
            country = find_country(data[field])
            if country is None:
                problems.append((field, f"“{data[field]}” is not a country."))
            data[field] = country.pk if country else ""
    codes = [c.strip() for c in data["areas"].replace(",", ";").split(";") if c.strip()]
    areas = {a.code: a.pk for a in ExpertiseArea.objects.filter(group=group, code__in=codes)}
    for code in codes:
        if code not in areas:
            problems.append(("areas", f"“{code}” is not an area of expertise of this roster."))
    data["areas"] = list(areas.values())
    degree = data["highest_degree"].lower()
    data["highest_degree"] = DEGREES.get(degree, degree or 0)
    data["references"] = "\n".join(r.strip() for r in data["references"].split(";") if r.strip())
    data["years_experience"] = data["years_experience"] or 0
    return data, problems


def nominate(rows, group, by, nominating_countries=None):
    """Returns (experts created, problems as (row number, field, message)); creates nothing on any problem."""
    forms, problems = [], []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
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
            problems.append(("—", "email", f"{email} appears more than once in the sheet."))
    if problems:
        return [], problems
    with transaction.atomic():
        experts = [form.save(by=by) for form in forms]
    return experts, []

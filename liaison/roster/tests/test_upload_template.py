"""The template for bulk nominations: XLSX with the columns, the roster's area codes and a guide;
CSV with the columns (and the area codes as a second CSV). Filled in, it uploads as it is."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from liaison.roster import bulk
from liaison.roster.models import Expert, ExpertiseArea

from .test_bulk_upload import focal_point  # noqa: F401 (fixture)


def test_the_upload_page_links_the_templates_and_lists_the_codes(client_as, focal_point):  # noqa: F811
    html = client_as(focal_point).get("/roster/lg-biosafety/upload/").content.decode()
    assert 'href="/roster/lg-biosafety/upload/template.xlsx"' in html
    assert 'href="/roster/lg-biosafety/upload/template.csv"' in html
    assert 'href="/roster/lg-biosafety/upload/areas.csv"' in html
    assert "<code>risk-assessment</code>" in html


def test_xlsx_template_lists_the_valid_area_codes(client_as, focal_point, demo):  # noqa: F811
    response = client_as(focal_point).get("/roster/lg-biosafety/upload/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Nominations", "Areas of expertise", "Columns"]
    assert [c.value for c in book["Nominations"][1]] == bulk.COLUMNS
    codes = [row[0] for row in book["Areas of expertise"].iter_rows(min_row=2, values_only=True)]
    assert codes == sorted(ExpertiseArea.objects.filter(group=demo["lg-biosafety"]).values_list("code", flat=True))
    assert "risk-assessment" in codes
    guide = {row[0]: row[1] for row in book["Columns"].iter_rows(min_row=2, values_only=True)}
    assert set(guide) == set(bulk.COLUMNS) and "Areas of expertise" in guide["areas"]


def test_the_filled_xlsx_template_uploads(client_as, focal_point):  # noqa: F811
    client = client_as(focal_point)
    book = load_workbook(io.BytesIO(client.get("/roster/lg-biosafety/upload/template.xlsx").content))
    values = {"first_name": "Amina", "last_name": "Diallo", "gender": "female", "email": "amina@example.sn", "nationality": "Senegal",
              "stakeholder": "academia", "areas": "risk-assessment", "profile": "Plant scientist.", "highest_degree": "doctorate",
              "years_experience": "12", "references": "Prof. A;Dr. B"}
    book["Nominations"].append([values.get(column, "") for column in bulk.COLUMNS])
    out = io.BytesIO()
    book.save(out)
    response = client.post("/roster/lg-biosafety/upload/", {"file": SimpleUploadedFile("filled.xlsx", out.getvalue())})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert list(Expert.objects.values_list("person__last_name", flat=True)) == ["Diallo"]


def test_csv_template_and_areas(client_as, focal_point, demo):  # noqa: F811
    client = client_as(focal_point)
    template = client.get("/roster/lg-biosafety/upload/template.csv")
    assert template.status_code == 200 and template["Content-Type"].startswith("text/csv")
    assert next(csv.reader(io.StringIO(template.content.decode("utf-8-sig")))) == bulk.COLUMNS
    areas = list(csv.reader(io.StringIO(client.get("/roster/lg-biosafety/upload/areas.csv").content.decode("utf-8-sig"))))
    assert areas[0] == ["code", "name"]
    assert ["risk-assessment", ExpertiseArea.objects.get(group=demo["lg-biosafety"], code="risk-assessment").name] in areas


def test_only_those_who_nominate_get_the_template(client_as, roles):
    assert client_as(roles["member"]).get("/roster/lg-biosafety/upload/template.xlsx").status_code == 403
    assert client_as(roles["secretariat"]).get("/roster/lg-biosafety/upload/template.xlsx").status_code == 200
    assert client_as(roles["secretariat"]).get("/roster/lg-biosafety/upload/areas.xlsx").status_code == 404
    assert client_as(roles["secretariat"]).get("/roster/no-such-group/upload/template.csv").status_code == 404

"""Bulk nominations from CSV and XLSX: row-level errors, nothing saved on any error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from liaison.core.models import Country
from liaison.groups.models import Role
from liaison.roster.models import Expert

HEADER = "first_name,last_name,gender,email,nationality,stakeholder,areas,profile,highest_degree,years_experience,references"
GOOD = [
    "Amina,Diallo,female,amina@example.sn,Senegal,academia,risk-assessment,Plant scientist.,doctorate,12,Prof. A;Dr. B",
    "Moussa,Ba,male,moussa@example.sn,SEN,government,risk-assessment;coordination,Regulator.,master,7,A;B",
]


@pytest.fixture
def focal_point(make_user, demo):
    user = make_user("focal@senegal.example", group=demo["lg-biosafety"], role=Role.FOCAL_POINT)
    user.person.country = Country.objects.get(iso3="SEN")
    user.person.save()
    return user


def upload(client, name, data):
    return client.post("/roster/lg-biosafety/upload/", {"file": SimpleUploadedFile(name, data)})


def test_csv_nominations_are_saved_as_drafts(client_as, focal_point):
    response = upload(client_as(focal_point), "n.csv", "\n".join([HEADER, *GOOD]).encode())
    assert response.status_code == 200
    assert sorted(Expert.objects.values_list("person__last_name", flat=True)) == ["Ba", "Diallo"]
    assert set(Expert.objects.values_list("nominating_country__iso3", flat=True)) == {"SEN"}  # the focal point's country
    assert all(e.status == "draft" for e in Expert.objects.all())
    assert "2 nominations saved" in response.content.decode()


def test_one_bad_row_and_nothing_is_saved(client_as, focal_point):
    bad = "Ana,Lima,female,not-an-email,Atlantis,wizard,flying,,doctorate,x,A;B"
    response = upload(client_as(focal_point), "n.csv", "\n".join([HEADER, GOOD[0], bad]).encode())
    assert response.status_code == 400
    problems = response.context["problems"]
    fields = {(row, field) for row, field, _ in problems}
    assert {(3, "email"), (3, "nationality"), (3, "stakeholder"), (3, "areas"), (3, "years_experience")} <= fields
    assert not Expert.objects.exists()


def test_xlsx_is_read_too(client_as, focal_point):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for line in GOOD:
        values = line.split(",")
        values[9] = int(values[9])
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    upload(client_as(focal_point), "n.xlsx", buffer.getvalue())
    assert Expert.objects.count() == 2


@pytest.mark.parametrize("name, data, message", [
    ("n.xlsx", b"PK\x03\x04 broken", "cannot be read"),
    ("n.txt", b"x", "Upload a .csv or .xlsx"),
    ("n.csv", b"name,colour\nx,y\n", "Unknown or missing columns"),
])
def test_unreadable_sheets(client_as, focal_point, name, data, message):
    response = upload(client_as(focal_point), name, data)
    assert message in response.content.decode()
    assert not Expert.objects.exists()


def test_duplicate_emails_in_one_sheet(client_as, focal_point):
    response = upload(client_as(focal_point), "n.csv", "\n".join([HEADER, GOOD[0], GOOD[0].replace("Amina,Diallo", "Aminata,Diallo")]).encode())
    assert "appears more than once" in response.content.decode()
    assert not Expert.objects.exists()


def test_only_focal_points_and_secretariat_upload(client_as, roles):
    assert client_as(roles["member"]).get("/roster/lg-biosafety/upload/").status_code == 403

"""Roster records: stale edits refused with the input kept (finding 6), limits on profiles and on bulk
sheets with clear 4xx messages, and an edited approved record goes back to review (finding 7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.core.models import Country, Person
from liaison.groups.models import Role
from liaison.roster.forms import TEXT_LIMITS
from liaison.roster.models import Expert, ExpertiseArea, Status

HEADER = "first_name,last_name,gender,email,nationality,stakeholder,areas,profile,highest_degree,years_experience,references"


@pytest.fixture
def focal_point(make_user, demo):
    user = make_user("focal@senegal.example", group=demo["lg-biosafety"], role=Role.FOCAL_POINT)
    user.person.country = Country.objects.get(iso3="SEN")
    user.person.save()
    return user


@pytest.fixture
def expert(demo):
    senegal = Country.objects.get(iso3="SEN")
    person = Person.objects.create(honorific="Dr.", first_name="Amina", last_name="Diallo", gender="female", email="amina@example.sn", country=senegal)
    record = Expert.objects.create(group=demo["lg-biosafety"], person=person, nationality=senegal, nominating_country=senegal,
                                   stakeholder="academia", profile="Plant scientist.", highest_degree=3, years_experience=12,
                                   references="A\nB", status=Status.APPROVED)
    record.areas.add(ExpertiseArea.objects.get(group=demo["lg-biosafety"], code="risk-assessment"))
    return record


def form_data(client, expert, **changes):
    """What the edit page's form holds when it is opened now, with ``changes`` typed in."""
    form = client.get(f"/roster/lg-biosafety/{expert.pk}/edit/").context["form"]
    data = {name: field.value() for name, field in ((n, form[n]) for n in form.fields)}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(changes)
    return data


def test_a_stale_expert_edit_is_refused_and_keeps_its_input(client_as, roles, expert):
    staff = client_as(roles["secretariat"])
    first, second = form_data(staff, expert, profile="First editor."), form_data(staff, expert, profile="Second editor's text.")
    assert staff.post(f"/roster/lg-biosafety/{expert.pk}/edit/", first).status_code == 302
    response = staff.post(f"/roster/lg-biosafety/{expert.pk}/edit/", second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this record" in html and "Second editor&#x27;s text." in html
    assert Expert.objects.get(pk=expert.pk).profile == "First editor."


def test_an_expert_edit_does_not_overwrite_a_newer_person_record(client_as, roles, expert):
    staff = client_as(roles["secretariat"])
    stale = form_data(staff, expert, phone="+221 111")
    person_form = staff.get(f"/manage/people/{expert.person.pk}/").context["form"]
    data = {n: ("" if person_form[n].value() is None else person_form[n].value()) for n in person_form.fields}
    assert staff.post(f"/manage/people/{expert.person.pk}/", {**data, "last_name": "Diallo-Sow"}).status_code == 302
    assert staff.post(f"/roster/lg-biosafety/{expert.pk}/edit/", stale).status_code == 409
    person = Person.objects.get(pk=expert.person.pk)
    assert (person.last_name, person.phone) == ("Diallo-Sow", "")


@pytest.mark.parametrize("url, model, data", [
    ("/manage/people/{pk}/", Person, {"last_name": "Warrier"}),
    ("/manage/organizations/{pk}/", "Organization", {"name": "Secretariat of the Convention", "type": "un_igo"}),
])
def test_person_and_organization_forms_refuse_stale_saves(client_as, roles, demo, url, model, data):
    from liaison.core.models import Organization

    model = Organization if model == "Organization" else model
    record = model.objects.filter(**({"last_name": "Warrier"} if model is Person else {})).first()
    staff = client_as(roles["secretariat"])
    address = url.format(pk=record.pk)
    form = staff.get(address).context["form"]
    opened = {n: ("" if form[n].value() is None else form[n].value()) for n in form.fields}
    assert staff.post(address, {**opened, **data, "acronym": "first", "job_title": "first"}).status_code == 302
    response = staff.post(address, {**opened, **data, "acronym": "second", "job_title": "second"})
    assert response.status_code == 409 and "Someone else saved this record" in response.content.decode()
    record.refresh_from_db()
    assert getattr(record, "acronym", None) == "first" or getattr(record, "job_title", None) == "first"


def test_terms_of_reference_form_refuses_stale_saves(client_as, roles, demo):
    staff = client_as(roles["secretariat"])
    form = staff.get("/manage/groups/lg-biosafety/terms/").context["form"]
    opened = {n: ("" if form[n].value() is None else form[n].value()) for n in form.fields}
    assert staff.post("/manage/groups/lg-biosafety/terms/", {**opened, "introduction": "First."}).status_code == 302
    response = staff.post("/manage/groups/lg-biosafety/terms/", {**opened, "introduction": "Second."})
    assert response.status_code == 409 and "Second." in response.content.decode()
    assert demo["lg-biosafety"].terms_of_reference.first().introduction == "First."


def test_an_approved_record_changed_by_its_focal_point_goes_back_to_review(client_as, focal_point, expert):
    client = client_as(focal_point)
    response = client.post(f"/roster/lg-biosafety/{expert.pk}/edit/", form_data(client, expert, profile="Rewritten."), follow=True)
    assert "goes back to the secretariat for review" in response.content.decode()
    expert.refresh_from_db()
    assert expert.status == Status.SUBMITTED and expert.profile == "Rewritten."
    assert expert.events.last().action == "resubmitted"
    assert client_as(None).get(f"/roster/lg-biosafety/{expert.pk}/").status_code == 404  # off the public roster until reviewed


def test_the_secretariat_corrects_an_approved_record_without_a_new_review(client_as, roles, expert):
    staff = client_as(roles["secretariat"])
    assert staff.post(f"/roster/lg-biosafety/{expert.pk}/edit/", form_data(staff, expert, profile="Typo fixed.")).status_code == 302
    assert Expert.objects.get(pk=expert.pk).status == Status.APPROVED


def test_profiles_have_a_size_limit(client_as, focal_point, expert):
    client = client_as(focal_point)
    huge = "x" * (TEXT_LIMITS["profile"] + 1)
    response = client.post(f"/roster/lg-biosafety/{expert.pk}/edit/", form_data(client, expert, profile=huge))
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert Expert.objects.get(pk=expert.pk).profile == "Plant scientist."


def test_bulk_sheets_have_a_row_limit(client_as, focal_point, settings):
    settings.ROSTER_SHEET_MAX_ROWS = 3
    rows = [f"E{n},Nominee{n},female,e{n}@example.sn,SEN,academia,risk-assessment,Scientist.,doctorate,9,A;B" for n in range(4)]
    response = client_as(focal_point).post("/roster/lg-biosafety/upload/", {"file": SimpleUploadedFile("n.csv", "\n".join([HEADER, *rows]).encode())})
    assert response.status_code == 400
    assert "more than 3 nominations" in response.content.decode()
    assert not Expert.objects.filter(person__last_name__startswith="Nominee").exists()
    ok = client_as(focal_point).post("/roster/lg-biosafety/upload/", {"file": SimpleUploadedFile("n.csv", "\n".join([HEADER, *rows[:3]]).encode())})
    assert ok.status_code == 200 and Expert.objects.filter(person__last_name__startswith="Nominee").count() == 3


def test_bulk_sheets_have_a_size_limit(client_as, focal_point, settings):
    settings.ROSTER_SHEET_MAX_MB = 1
    data = (HEADER + "\n" + "x" * 1_100_000).encode()
    response = client_as(focal_point).post("/roster/lg-biosafety/upload/", {"file": SimpleUploadedFile("n.csv", data)})
    assert response.status_code == 400 and "larger than 1 MB" in response.content.decode()


def test_a_csv_field_too_long_for_the_csv_module_is_a_message(client_as, focal_point):
    data = (HEADER + "\n" + "A,B,female,a@example.sn,SEN,academia,risk-assessment,\"" + "y" * 200_000 + "\",doctorate,9,A;B").encode()
    response = client_as(focal_point).post("/roster/lg-biosafety/upload/", {"file": SimpleUploadedFile("n.csv", data)})
    assert response.status_code == 400 and "cannot be read" in response.content.decode()

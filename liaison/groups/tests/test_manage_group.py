"""The secretariat edits groups and memberships through forms; nobody else can."""

import pytest

from liaison.core.models import Person
from liaison.groups.models import Group, Membership

PAGES = [
    "/manage/", "/manage/groups/new/", "/manage/groups/lg-biosafety/edit/", "/manage/groups/lg-biosafety/terms/",
    "/manage/groups/lg-biosafety/parts/members/", "/manage/groups/lg-biosafety/parts/decisions/",
    "/manage/people/", "/manage/people/new/", "/manage/organizations/", "/manage/organizations/new/",
]


def part(name, **fields):
    return {f"{name}-{key}": value for key, value in fields.items()}


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_users_are_sent_to_login(client, demo, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", ["other_member", "observer", "member", "chair"])
def test_only_the_secretariat_manages(client_as, roles, url, role):
    assert client_as(roles[role]).get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_secretariat_opens_every_management_page(client_as, roles, url):
    assert client_as(roles["secretariat"]).get(url).status_code == 200


def edit_data(group, **changes):
    data = {
        "name": group.name, "slug": group.slug, "acronym": group.acronym, "kind": group.kind,
        "former_name": group.former_name, "convened_by": group.convened_by, "mandate": group.mandate,
        "core_members": [o.pk for o in group.core_members.all()], "version": group.version,
    }
    data.update(changes)
    return data


def test_secretariat_edits_a_group(client_as, roles, demo):
    group = demo["ias"]
    response = client_as(roles["secretariat"]).post("/manage/groups/ias/edit/", edit_data(group, mandate="A new mandate."))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.mandate == "A new mandate." and group.version == 2
    assert group.core_members.count() == 11


def test_concurrent_edit_is_refused_and_input_kept(client_as, roles, demo):
    group = demo["ias"]
    stale = edit_data(group, mandate="Second editor's text")
    client = client_as(roles["secretariat"])
    assert client.post("/manage/groups/ias/edit/", edit_data(group, mandate="First editor's text")).status_code == 302
    response = client.post("/manage/groups/ias/edit/", stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this record" in html
    assert "Second editor&#x27;s text" in html  # the input is still in the form
    assert Group.objects.get(slug="ias").mandate == "First editor's text"


def test_invalid_group_form_names_the_field(client_as, roles, demo):
    response = client_as(roles["secretariat"]).post("/manage/groups/new/", {"name": "", "slug": "bad slug!", "kind": "liaison"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "name" in errors and "slug" in errors
    assert Group.objects.count() == 3


def test_create_group(client_as, roles, demo):
    response = client_as(roles["secretariat"]).post(
        "/manage/groups/new/", {"name": "Working Group on Assistance", "slug": "wga", "kind": "working", "convened_by": "the Chair"}
    )
    assert response.status_code == 302
    assert Group.objects.get(slug="wga").version == 1


def test_add_and_remove_a_member(client_as, roles, demo):
    client = client_as(roles["secretariat"])
    person = Person.objects.get(last_name="Warrier")
    url = "/manage/groups/lg-biosafety/parts/members/"
    response = client.post(url, part("members", person=person.pk, role="chair"), HTTP_HX_REQUEST="true")
    assert "Ms. Ranjini Warrier — Chair" in response.content.decode()
    membership = Membership.objects.get(group__slug="lg-biosafety", person=person)
    again = client.post(url, part("members", person=person.pk, role="chair"), HTTP_HX_REQUEST="true")
    assert "already has that role" in again.content.decode()
    assert Membership.objects.filter(group__slug="lg-biosafety", person=person).count() == 1
    client.post(f"{url}{membership.pk}/delete/", HTTP_HX_REQUEST="true")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_removing_needs_post(client_as, roles, demo):
    membership = Membership.objects.create(group=demo["lg-biosafety"], person=Person.objects.get(last_name="Warrier"))
    response = client_as(roles["secretariat"]).get(f"/manage/groups/lg-biosafety/parts/members/{membership.pk}/delete/")
    assert response.status_code == 405
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_row_of_another_group_cannot_be_removed_through_this_one(client_as, roles, demo):
    ias_decision = demo["ias"].decisions.create(symbol="XIII/5", effect="request")
    response = client_as(roles["secretariat"]).post(f"/manage/groups/lg-biosafety/parts/decisions/{ias_decision.pk}/delete/")
    assert response.status_code == 404
    assert demo["ias"].decisions.filter(pk=ias_decision.pk).exists()


def test_record_a_decision(client_as, roles, demo):
    client = client_as(roles["secretariat"])
    url = "/manage/groups/lg-biosafety/parts/decisions/"
    response = client.post(url, part("decisions", symbol="CP-10/5", effect="mandate", year=2022, summary="Extended the mandate.", position=4))
    assert response.status_code == 302  # without htmx: back to the group's page
    assert demo["lg-biosafety"].decisions.get(symbol="CP-10/5").year == 2022
    duplicate = client.post(url, part("decisions", symbol="CP-10/5", effect="other", position=5))
    assert duplicate.status_code == 400
    assert "recorded already" in duplicate.content.decode()


def test_terms_of_reference_and_their_tasks(client_as, roles, demo):
    client = client_as(roles["secretariat"])
    group = demo["gpwg"]
    assert not group.terms_of_reference.exists()
    page = client.get("/manage/groups/gpwg/terms/").content.decode()
    assert "Save the terms of reference first" in page
    client.post("/manage/groups/gpwg/terms/", {"title": "Terms of reference of the GPWG", "status": "draft"})
    terms = group.terms_of_reference.get()
    url = f"/manage/terms/{terms.pk}/tasks/"
    client.post(url, part("tasks", label="(a)", text="Match assistance requests with offers.", position=1), HTTP_HX_REQUEST="true")
    bad = client.post(url, part("tasks", label="a", text="Again", position=2), HTTP_HX_REQUEST="true")
    assert "exists already" in bad.content.decode()
    html = client.get("/groups/gpwg/").content.decode()
    assert "<strong>(a)</strong> Match assistance requests with offers." in html


def test_people_list_searches_and_shows_contacts_to_the_secretariat(client_as, roles, demo):
    Person.objects.filter(last_name="Warrier").update(email="ranjini@example.in")
    html = client_as(roles["secretariat"]).get("/manage/people/?q=warr").content.decode()
    assert "Ms. Ranjini Warrier" in html and "ranjini@example.in" in html
    assert "Heissenberger" not in html


def test_edit_a_person(client_as, roles, demo):
    person = Person.objects.get(last_name="Warrier")
    response = client_as(roles["secretariat"]).post(
        f"/manage/people/{person.pk}/", {"honorific": "Dr.", "first_name": "Ranjini", "last_name": "Warrier", "gender": "female"}
    )
    assert response.status_code == 302 and response["Location"] == "/manage/people/"
    person.refresh_from_db()
    assert person.formal_name == "Dr. Ranjini Warrier"


def test_next_cannot_redirect_off_site(client_as, roles, demo):
    response = client_as(roles["secretariat"]).post("/manage/people/new/?next=https://evil.example/", {"last_name": "Lima"})
    assert response["Location"] == "/manage/people/"


def test_create_person_and_organization(client_as, roles, demo):
    client = client_as(roles["secretariat"])
    assert client.post("/manage/people/new/", {"first_name": "Ana", "last_name": "Lima", "email": "ana@example.org"}).status_code == 302
    assert Person.objects.filter(last_name="Lima").exists()
    bad = client.post("/manage/organizations/new/", {"name": "", "type": "nonsense"})
    assert set(bad.context["form"].errors) == {"name", "type"}

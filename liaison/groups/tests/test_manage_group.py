"""The secretariat edits groups and memberships through forms; nobody else can."""

import pytest

from liaison.core.models import Person
from liaison.groups.models import Group, Membership

PAGES = ["/manage/", "/manage/groups/new/", "/manage/groups/lg-biosafety/edit/", "/manage/groups/lg-biosafety/members/",
         "/manage/people/new/", "/manage/organizations/new/"]


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
    response = client.post("/manage/groups/lg-biosafety/members/", {"person": person.pk, "role": "chair"})
    assert response.status_code == 302
    membership = Membership.objects.get(group__slug="lg-biosafety", person=person)
    again = client.post("/manage/groups/lg-biosafety/members/", {"person": person.pk, "role": "chair"})
    assert "already has that role" in again.content.decode()
    client.post(f"/manage/groups/lg-biosafety/members/{membership.pk}/delete/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_create_person_and_organization(client_as, roles, demo):
    client = client_as(roles["secretariat"])
    assert client.post("/manage/people/new/", {"first_name": "Ana", "last_name": "Lima", "email": "ana@example.org"}).status_code == 302
    assert Person.objects.filter(last_name="Lima").exists()
    bad = client.post("/manage/organizations/new/", {"name": "", "type": "nonsense"})
    assert set(bad.context["form"].errors) == {"name", "type"}

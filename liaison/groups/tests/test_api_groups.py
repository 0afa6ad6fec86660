"""API v1 for groups and the registry: members only for members, writes only for the secretariat."""

import json

import pytest

from liaison.groups.models import Group


@pytest.mark.parametrize(
    "role, sees_members",
    [("anonymous", False), ("other_member", False), ("observer", False), ("member", True), ("chair", True), ("secretariat", True)],
)
def test_group_members_by_role(client_as, roles, role, sees_members):
    data = client_as(roles[role]).get("/api/v1/groups/lg-biosafety").json()
    assert data["mandate"].startswith("The Liaison Group on Capacity-building for Biosafety was established")
    assert [t["label"] for t in data["terms_of_reference"]["tasks"]] == list("abcdefghi")
    if sees_members:
        assert {m["role"] for m in data["members"]} >= {"member", "chair"}
    else:
        assert data["members"] is None


def test_list_groups_and_core_members(client, demo):
    assert {g["slug"] for g in client.get("/api/v1/groups").json()} == {"lg-biosafety", "ias", "gpwg"}
    ias = client.get("/api/v1/groups/ias").json()
    assert len(ias["core_members"]) == 11


def test_countries_with_regional_groups(client, db):
    czechia = client.get("/api/v1/countries/cze").json()
    assert (czechia["name"], czechia["regional_group"], czechia["m49_subregion"]) == ("Czechia", "eastern_european", "Eastern Europe")
    african = client.get("/api/v1/countries?regional_group=african").json()
    assert len(african) == 54


def test_organizations_filter_by_type(client, demo):
    industry = client.get("/api/v1/organizations?type=industry").json()
    assert [o["name"] for o in industry] == ["Global Industry Coalition"]


def post(client, url, body, token):
    return client.post(url, data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_create_and_patch_group(client, secretariat_token, demo):
    created = post(client, "/api/v1/groups", {"slug": "wga", "name": "Working Group on Assistance", "kind": "working"}, secretariat_token)
    assert created.status_code == 201
    patch = client.patch("/api/v1/groups/wga", data=json.dumps({"version": 1, "mandate": "Match requests and offers."}),
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secretariat_token}")
    assert patch.status_code == 200 and patch.json()["version"] == 2
    assert Group.objects.get(slug="wga").mandate == "Match requests and offers."


@pytest.mark.parametrize(
    "body",
    [
        {"slug": "bad slug", "name": "X"},
        {"slug": "lg-biosafety", "name": "Duplicate slug"},
        {"slug": "x", "name": "", "kind": "liaison"},
        {"slug": "y", "name": "Y", "kind": "committee"},
    ],
)
def test_bad_group_input_is_4xx(client, secretariat_token, demo, body):
    response = post(client, "/api/v1/groups", body, secretariat_token)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    assert Group.objects.count() == 3


def test_duplicate_organization_is_409(client, secretariat_token, demo):
    response = post(client, "/api/v1/organizations", {"name": "ECOROPA", "type": "ngo"}, secretariat_token)
    assert response.status_code == 409


def test_anonymous_cannot_write(client, demo):
    response = client.post("/api/v1/organizations", data=json.dumps({"name": "X", "type": "ngo"}), content_type="application/json")
    assert response.status_code == 401

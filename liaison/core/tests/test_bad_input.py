"""Bad input answers 4xx with a message, never 500 (issue 11, finding 5): NUL characters anywhere,
an unknown group in any address, a roster search with no vocabulary, oversized API bodies."""

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from liaison.core.middleware import NUL_MESSAGE


def _routes(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(("admin/", "api/")):
                continue
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" in route:
            yield route


def sample(route: str) -> str:
    """An address of ``route`` naming a group that does not exist (and ids that do not either)."""
    path = re.sub(r"<int:\w+>", "999999", route)
    path = re.sub(r"<(?:str|slug|path):\w+>", "no-such-group", path)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.fixture
def anonymous_and_staff(demo, make_user):
    staff = Client(raise_request_exception=False)
    staff.force_login(make_user("staff@secretariat.example", staff=True))
    member = Client(raise_request_exception=False)
    member.force_login(make_user("member@lg.example", group=demo["lg-biosafety"]))
    return {"anonymous": Client(raise_request_exception=False), "member": member, "staff": staff}


def test_unknown_group_slug_is_404_on_every_page(anonymous_and_staff):
    routes = sorted(set(_routes()))
    assert len(routes) > 20
    failures = []
    for route in routes:
        url = sample(route)
        for who, client in anonymous_and_staff.items():
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if status >= 500:
                    failures.append((who, method, url, status))
    assert failures == []


@pytest.mark.parametrize("url", [
    "/api/v1/groups/no-such-group", "/api/v1/groups/no-such-group/meetings", "/api/v1/groups/no-such-group/experts",
    "/api/v1/groups/no-such-group/discussions", "/api/v1/meetings?group=no-such-group",
])
def test_unknown_group_slug_in_the_api(anonymous_and_staff, url):
    for client in anonymous_and_staff.values():
        assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("url", [
    "/roster/lg-biosafety/?q=risk%00", "/roster/lg-biosafety/?country=%00", "/groups/lg-biosafety/?x%00=1",
    "/manage/people/?q=warr%00ier", "/api/v1/groups/lg-biosafety/experts?q=a%00", "/api/v1/meetings?group=lg%00",
])
def test_nul_in_a_query_parameter_is_400(anonymous_and_staff, url):
    for client in anonymous_and_staff.values():
        response = client.get(url)
        assert response.status_code == 400
        assert NUL_MESSAGE in response.content.decode()
    assert anonymous_and_staff["anonymous"].get("/api/v1/meetings?group=lg%00").json() == {"detail": NUL_MESSAGE}


def test_nul_in_a_form_field_is_400_and_changes_nothing(anonymous_and_staff):
    from liaison.core.models import Person

    response = anonymous_and_staff["staff"].post("/manage/people/new/", {"last_name": "Lima\x00", "first_name": "Ana"})
    assert response.status_code == 400 and not Person.objects.filter(first_name="Ana").exists()
    assert anonymous_and_staff["anonymous"].post("/accounts/login/", {"username": "a\x00@example.org", "password": "x"}).status_code == 400


def test_nul_in_a_json_string_is_400_with_the_reason(demo, secretariat_token):
    from liaison.meetings.models import Meeting

    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    client = Client(raise_request_exception=False)
    body = json.dumps({"version": meeting.version, "title": "Ninth\u0000meeting"})
    response = client.patch(f"/api/v1/meetings/{meeting.pk}", body, content_type="application/json",
                            HTTP_AUTHORIZATION=f"Bearer {secretariat_token}")
    assert response.status_code == 400
    assert "NUL character" in response.json()["detail"] and "title" in response.json()["detail"]
    nested = client.post("/api/v1/people", json.dumps({"last_name": "Lima", "honorific": "\u0000"}), content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {secretariat_token}")
    assert nested.status_code == 400
    meeting.refresh_from_db()
    assert "\x00" not in meeting.title
    # an escaped backslash is not a NUL: "\\u0000" is six ordinary characters and is accepted
    fine = client.patch(f"/api/v1/meetings/{meeting.pk}", json.dumps({"version": meeting.version, "summary": "\\u0000"}),
                        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secretariat_token}")
    assert fine.status_code == 200


def test_roster_search_with_no_vocabulary_finds_nothing(client, demo):
    """Profiles with only stop words (or none): scikit-learn's 'empty vocabulary' is no result, not a 500."""
    from liaison.core.models import Country, Person
    from liaison.roster.models import Expert, Status

    senegal = Country.objects.get(iso3="SEN")
    for n, profile in enumerate(["", "the and of", "it is"]):
        person = Person.objects.create(first_name=f"E{n}", last_name="Stopword", country=senegal)
        Expert.objects.create(group=demo["lg-biosafety"], person=person, nationality=senegal, nominating_country=senegal,
                              stakeholder="academia", profile=profile, status=Status.APPROVED)
    response = client.get("/roster/lg-biosafety/?q=risk+assessment")
    assert response.status_code == 200 and list(response.context["page"].object_list) == []
    assert client.get("/roster/lg-biosafety/?q=the").status_code == 200
    assert client.get("/api/v1/groups/lg-biosafety/experts?q=risk").json() == []


def test_api_body_over_the_limit_gets_a_json_error(secretariat_token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client(raise_request_exception=False)
    response = client.post("/api/v1/people", json.dumps({"last_name": "x" * 5000}), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {secretariat_token}")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json") and "larger than the limit" in response.json()["detail"]

"""The API's error messages follow Accept-Language: under the pseudo-locale (Russian carrier, every
gettext message wrapped ⟦…⟧) each error path answers with a wrapped ``detail``; in English the text
is unchanged. The OpenAPI document says so."""

import json

import pytest

from liaison.core.tests.pseudo import pseudo_locale
from liaison.meetings.models import Meeting

BAD_TOKEN = "Bearer not-a-token"

# (name, method, path, body, authorization, status, English detail); {meeting} is a demo meeting's id
CASES = [
    ("unknown country", "post", "/api/v1/organizations", {"name": "Nowhere Institute", "type": "ngo", "country": "XXX"},
     "token", 422, "Unknown country code 'XXX': use ISO 3166 alpha-3, e.g. 'CZE'."),
    ("organization exists", "post", "/api/v1/organizations", {"name": "{organization}", "type": "ngo"},
     "token", 409, "An organization named '{organization}' exists already."),
    ("no organization", "post", "/api/v1/people", {"last_name": "Nobody", "organization_id": 999999},
     "token", 422, "No organization has id 999999."),
    ("delegation without a party", "post", "/api/v1/meetings/{meeting}/delegations", {},
     "token", 422, "Give either country or organization_id."),
    ("no person", "post", "/api/v1/meetings/{meeting}/participants", {"person_id": 999999},
     "token", 422, "No person has id 999999."),
    ("stale version", "patch", "/api/v1/meetings/{meeting}", {"version": 0, "city": "Montreal"},
     "token", 409, None),
    ("no election", "get", "/api/v1/meetings/{meeting}/elections/999999/results", None,
     None, 404, "No such election at this meeting."),
    ("no record", "get", "/api/v1/action-plans/999999", None, None, 404, "No such record, or not one you may see."),
    ("no report", "get", "/api/v1/meetings/999999/report", None, None, 404, "No such record, or not one you may see."),
    ("unknown mechanism", "post", "/api/v1/points-of-contact", {"mechanism": "nope", "person": 1, "body": "Ministry"},
     "token", 422, "Unknown mechanism 'nope'."),
    ("token not valid", "post", "/api/v1/organizations", {"name": "X", "type": "ngo"},
     "bad", 401, "The bearer token is not valid (unknown, revoked or expired)."),
    ("no token", "post", "/api/v1/organizations", {"name": "X", "type": "ngo"}, None, 401, "A valid bearer token is needed."),
    ("NUL character", "get", "/api/v1/meetings?group=lg%00", None, None, 400,
     "The request contains a NUL character (%00), which no field accepts."),
    ("NUL in JSON", "post", "/api/v1/organizations", {"name": "A\x00B", "type": "ngo"},
     "token", 400, "body.name contains a NUL character (\\u0000), which no field accepts."),
]


def _call(client, method, path, body, authorization, secretariat_token, **headers):
    meeting = Meeting.objects.filter(group__slug="lg-biosafety", number=9).values_list("pk", flat=True).get()
    from liaison.core.models import Organization

    organization = Organization.objects.order_by("pk").first().name
    path = path.replace("{meeting}", str(meeting))
    if body is not None:
        body = json.loads(json.dumps(body).replace("{organization}", organization.replace('"', '\\"')))
    if authorization == "token":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secretariat_token}"
    elif authorization == "bad":
        headers["HTTP_AUTHORIZATION"] = BAD_TOKEN
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(path, **kwargs, **headers), organization


@pytest.mark.parametrize("name,method,path,body,authorization,status,english", CASES, ids=[c[0] for c in CASES])
def test_each_api_error_follows_accept_language(client, demo, secretariat_token, name, method, path, body, authorization,
                                                status, english):
    response, organization = _call(client, method, path, body, authorization, secretariat_token)
    assert response.status_code == status, response.content
    if english is not None:
        assert response.json()["detail"] == english.replace("'{organization}'", repr(organization))
    with pseudo_locale():
        response, _organization = _call(client, method, path, body, authorization, secretariat_token,
                                        HTTP_ACCEPT_LANGUAGE="ru")
    detail = response.json()["detail"]
    assert response.status_code == status
    assert isinstance(detail, str) and detail.startswith("⟦") and detail.endswith("⟧"), detail


def test_the_openapi_description_says_errors_follow_accept_language(client):
    description = client.get("/api/v1/openapi.json").json()["info"]["description"]
    assert "`detail`" in description and "Accept-Language" in description


# (name, method, path, body, the error's type, its English message); {meeting} as above
REFUSED_INPUT = [
    ("not a whole number", "get", "/api/v1/meetings?year=abc", None, "int_parsing", "Enter a whole number."),
    ("a field missing", "post", "/api/v1/groups/lg-biosafety/meetings", {"title": "No dates"}, "missing",
     "This field is required."),
    ("not a date", "post", "/api/v1/groups/lg-biosafety/meetings",
     {"title": "A meeting", "start_date": "not a date", "end_date": "2027-03-02"}, "date_from_datetime_parsing",
     "Enter a date as YYYY-MM-DD."),
    ("below the minimum", "post", "/api/v1/groups/lg-biosafety/meetings",
     {"title": "A meeting", "start_date": "2027-03-01", "end_date": "2027-03-02", "reported_participants": -3},
     "greater_than_equal", "Enter a value of at least 0."),
    ("too long", "patch", "/api/v1/meetings/{meeting}", {"version": 1, "title": "x" * 301}, "string_too_long",
     "Enter at most 300 characters."),
    ("the project's own validator", "post", "/api/v1/groups/lg-biosafety/meetings",
     {"title": "A meeting", "start_date": "2027-03-02", "end_date": "2027-03-01"}, "value_error",
     "end_date cannot be before start_date"),
]


@pytest.mark.parametrize("name,method,path,body,kind,english", REFUSED_INPUT, ids=[c[0] for c in REFUSED_INPUT])
def test_refused_input_is_explained_in_the_request_language(client, demo, secretariat_token, name, method, path, body,
                                                             kind, english):
    """pydantic's English ("Field required", "Input should be a valid integer") never reaches the
    caller: each error keeps its documented type and location, and its message is the project's, in
    the language of Accept-Language."""
    response, _organization = _call(client, method, path, body, "token", secretariat_token)
    assert response.status_code == 422, response.content
    error = next(e for e in response.json()["detail"] if e["type"] == kind)
    assert error["msg"] == english
    assert error["loc"][0] in ("query", "body")
    with pseudo_locale():
        response, _organization = _call(client, method, path, body, "token", secretariat_token, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    for error in response.json()["detail"]:
        assert error["msg"].startswith("⟦") and error["msg"].endswith("⟧"), error


def test_every_message_of_the_table_formats_with_what_pydantic_gives():
    """Each template takes only the ctx keys pydantic gives for its type (a wrong key would fall back
    to the general message and hide the number)."""
    from liaison.core.validation_messages import GENERAL, MESSAGES, message

    ctx = {"string_too_short": {"min_length": 2}, "string_too_long": {"max_length": 300}, "greater_than": {"gt": 0},
           "greater_than_equal": {"ge": 0}, "less_than": {"lt": 10}, "less_than_equal": {"le": 10},
           "too_short": {"min_length": 1, "actual_length": 0, "field_type": "List"},
           "too_long": {"max_length": 5, "actual_length": 6, "field_type": "List"},
           "enum": {"expected": "'a' or 'b'"}, "literal_error": {"expected": "'a' or 'b'"},
           "json_invalid": {"error": "Expecting value"}}
    for kind in MESSAGES:
        text = message({"type": kind, "ctx": ctx.get(kind, {})})
        assert text != str(GENERAL) and "%(" not in text, kind
    assert message({"type": "something_new"}) == str(GENERAL)
    assert message({"type": "value_error", "ctx": {"error": "Our own reason."}}) == "Our own reason."

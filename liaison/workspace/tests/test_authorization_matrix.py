"""Every workspace page and API endpoint, as every role: exactly who sees what.

anonymous: sent to log in (pages) or 404 (API); members of another group and observers: 404,
which does not even disclose that the page exists; members: everything but moderation and the
secretariat's exports; the Chair: moderation too; the secretariat: everything."""

import pytest

ROLES = ["anonymous", "other_member", "observer", "member", "chair", "secretariat"]


def urls(w):
    base = "/groups/lg-biosafety/workspace"
    d, p, doc = w["discussion"].pk, w["poll"].pk, w["document"].pk
    return {
        "home": f"{base}/",
        "discussion": f"{base}/discussions/{d}/",
        "new discussion": f"{base}/discussions/new/",
        "attachment": f"{base}/attachments/{w['attachment'].pk}/",
        "poll": f"{base}/consultations/{p}/",
        "new poll": f"{base}/consultations/new/",
        "review": f"{base}/documents/{doc}/",
        "export docx": f"{base}/documents/{doc}/comments.docx",
        "export xlsx": f"{base}/documents/{doc}/comments.xlsx",
        "actions": f"{base}/actions/",
        "teleconferences": f"{base}/teleconferences/",
        "ics": f"{base}/teleconferences/{w['call'].pk}.ics",
        "preferences": f"{base}/preferences/",
        "api": "/api/v1/groups/lg-biosafety/discussions",
    }


MODERATION = {"new discussion", "new poll"}
SECRETARIAT_ONLY = {"export docx", "export xlsx"}


def expected(role, name):
    if role == "anonymous":
        return 404 if name == "api" else 302
    if role in ("other_member", "observer"):
        return 404
    if name in SECRETARIAT_ONLY and role != "secretariat":
        return 403
    if name in MODERATION and role == "member":
        return 403
    return 200


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_what(client_as, roles, workspace, role):
    client = client_as(roles[role])
    found = {name: client.get(url).status_code for name, url in urls(workspace).items()}
    assert found == {name: expected(role, name) for name in found}


@pytest.mark.parametrize("role", ["other_member", "observer", "anonymous"])
def test_posting_and_moderating_is_refused_to_outsiders(client_as, roles, workspace, role):
    client = client_as(roles[role])
    base = f"/groups/lg-biosafety/workspace/discussions/{workspace['discussion'].pk}/"
    assert client.post(base, {"body": "Intrusion"}).status_code in (302, 404)
    assert client.post(base + "hide/", {"post": workspace["post"].pk, "reason": "x"}).status_code in (302, 404)
    assert workspace["discussion"].posts.count() == 1
    assert not type(workspace["post"]).objects.get(pk=workspace["post"].pk).hidden


@pytest.mark.parametrize("role, visible", [("anonymous", False), ("other_member", False), ("observer", False), ("member", True), ("chair", True), ("secretariat", True)])
def test_group_and_meeting_pages_show_workspace_content_to_members_only(client_as, roles, workspace, role, visible):
    client = client_as(roles[role])
    assert ('href="/groups/lg-biosafety/workspace/"' in client.get("/groups/lg-biosafety/").content.decode()) is visible
    assert ("Circulate the revised draft" in client.get("/groups/lg-biosafety/meetings/9/").content.decode()) is visible


def writes(w):
    """POST-only endpoints and representative form posts, each with its data."""
    base = "/groups/lg-biosafety/workspace"
    d = w["discussion"].pk
    return {
        "reply": (f"{base}/discussions/{d}/", {"body": "A reply"}),
        "pin": (f"{base}/discussions/{d}/pin/", {"post": w["post"].pk}),
        "edit own post": (f"{base}/discussions/{d}/posts/{w['post'].pk}/edit/", {"body": "Edited"}),
        "vote": (f"{base}/consultations/{w['poll'].pk}/", {"choice": "Yes"}),
        "comment": (f"{base}/documents/{w['document'].pk}/", {"paragraph": 1, "text": "A comment"}),
        "action status": (f"{base}/actions/", {"action_id": w["action"].pk, "status": "open"}),
        "preferences": (f"{base}/preferences/", {"mode": "digest"}),
    }


def expected_write(role, name):
    if role == "anonymous":
        return 302  # to the login page
    if role in ("other_member", "observer"):
        return 404
    if name == "pin" and role == "member":
        return 403
    if name == "edit own post" and role != "member":  # the member wrote the post
        return 403
    if name == "action status" and role == "member":
        return 302  # the member owns the action
    return 302


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_what(client_as, roles, workspace, role):
    client = client_as(roles[role])
    found = {name: client.post(url, data).status_code for name, (url, data) in writes(workspace).items()}
    assert found == {name: expected_write(role, name) for name in found}

"""One rule decides "is a member now" (issue 11, finding 3): a membership whose ``until`` is past (or
whose ``since`` is still ahead) opens nothing — pages, API, downloads, reports under review,
workspace e-mails, contact details, drafts and nominations. Each role is checked on each output."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from liaison.core.models import Country, Person
from liaison.groups import access
from liaison.groups.models import Membership, Role
from liaison.meetings.models import Meeting, MeetingDocument
from liaison.reports.models import Report
from liaison.roster.models import Expert, Status
from liaison.workspace import access as workspace_access
from liaison.workspace import notify
from liaison.workspace.models import Mode

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def group(demo):
    return demo["lg-biosafety"]


@pytest.fixture
def people(make_user, group):
    """A current member, and a member, chair and focal point of Senegal whose memberships ended
    yesterday, and someone whose membership starts tomorrow."""
    users = {
        "current": make_user("current@lg.example", group=group),
        "ended_member": make_user("ended@lg.example", group=group),
        "ended_chair": make_user("ended.chair@lg.example", group=group, role=Role.CHAIR),
        "ended_focal_point": make_user("ended.focal@lg.example", group=group, role=Role.FOCAL_POINT),
        "future_member": make_user("future@lg.example", group=group),
    }
    users["ended_focal_point"].person.country = Country.objects.get(iso3="SEN")
    users["ended_focal_point"].person.save()
    for key in ("ended_member", "ended_chair", "ended_focal_point"):
        Membership.objects.filter(person__user=users[key]).update(since=TODAY() - timedelta(days=400), until=TODAY() - timedelta(days=1))
    Membership.objects.filter(person__user=users["future_member"]).update(since=TODAY() + timedelta(days=1))
    Membership.objects.filter(person__user=users["current"]).update(until=TODAY())  # ends today: still a member
    return users


FORMER = ["ended_member", "ended_chair", "ended_focal_point", "future_member"]


@pytest.fixture
def records(group):
    ninth = Meeting.objects.get(group=group, number=9)
    document = MeetingDocument.objects.create(meeting=ninth, symbol="LG/9/INF/1", title="Members' note", distribution="members",
                                              file=ContentFile(b"members only", name="note.txt"))
    Report.objects.update_or_create(meeting=ninth, defaults={"status": "review"})
    senegal = Country.objects.get(iso3="SEN")
    person = Person.objects.create(first_name="Draft", last_name="Nominee", email="draft@example.sn", phone="+221 1", country=senegal)
    draft = Expert.objects.create(group=group, person=person, nationality=senegal, nominating_country=senegal, stakeholder="academia")
    approved_person = Person.objects.create(first_name="Listed", last_name="Expert", email="listed@example.sn", phone="+221 2", country=senegal)
    approved = Expert.objects.create(group=group, person=approved_person, nationality=senegal, nominating_country=senegal,
                                     stakeholder="academia", status=Status.APPROVED)
    return {"ninth": ninth, "document": document, "draft": draft, "approved": approved}


def test_the_rule(people, group):
    assert access.member_group_ids(people["current"]) == {group.pk}
    for key in FORMER:
        assert access.member_group_ids(people[key]) == frozenset(), key
        assert not access.can_see_members_only(people[key], group)


@pytest.mark.parametrize("who", ["current", *FORMER])
def test_pages_api_and_downloads(client_as, people, records, group, who):
    client = client_as(people[who])
    allowed = who == "current"
    ninth = records["ninth"]
    assert client.get("/groups/lg-biosafety/workspace/").status_code == (200 if allowed else 404)
    assert client.get("/api/v1/groups/lg-biosafety/discussions").status_code == (200 if allowed else 404)
    assert (client.get("/groups/lg-biosafety/").context["memberships"] != []) is allowed
    assert (client.get("/api/v1/groups/lg-biosafety").json()["members"] is not None) is allowed
    assert client.get(f"/documents/{records['document'].pk}/").status_code == (200 if allowed else 404)
    assert ("LG/9/INF/1" in client.get(ninth.get_absolute_url()).content.decode()) is allowed
    # a report under review is for the meeting's participants (none of these people) and the secretariat
    # only: membership, current or not, opens no draft (issue 10, defect 4)
    assert client.get(f"{ninth.get_absolute_url()}report/").status_code == 404


def test_workspace_emails_go_to_current_members_only(people, group):
    recipients = {sub.user.email for mode in (Mode.IMMEDIATE, Mode.DIGEST) for sub in notify.subscribers(group, mode)}
    assert "current@lg.example" in recipients
    assert not recipients & {people[key].email for key in FORMER}


def test_former_chair_no_longer_moderates(people, group):
    assert not workspace_access.is_moderator(people["ended_chair"], group)


def test_action_owners_are_current_members(client_as, people, roles, group):
    form = client_as(roles["secretariat"]).get("/groups/lg-biosafety/workspace/actions/").context["form"]
    owners = set(form.fields["owner"].queryset)
    assert people["current"].person in owners
    assert not owners & {people[key].person for key in FORMER}


def test_former_focal_point_loses_contact_details_drafts_and_nominations(client_as, people, records):
    client = client_as(people["ended_focal_point"])
    approved, draft = records["approved"], records["draft"]
    assert "listed@example.sn" not in client.get(f"/roster/lg-biosafety/{approved.pk}/").content.decode()
    assert client.get(f"/api/v1/experts/{approved.pk}").json()["email"] is None
    assert client.get(f"/roster/lg-biosafety/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/experts/{draft.pk}").status_code == 404
    assert client.get(f"/roster/lg-biosafety/{draft.pk}/edit/").status_code == 403
    assert client.get("/roster/lg-biosafety/nominate/").status_code == 403
    assert client.get("/roster/lg-biosafety/upload/").status_code == 403


def test_current_focal_point_keeps_them(client_as, make_user, group, records):
    user = make_user("focal@lg.example", group=group, role=Role.FOCAL_POINT)
    user.person.country = Country.objects.get(iso3="SEN")
    user.person.save()
    client = client_as(user)
    assert "listed@example.sn" in client.get(f"/roster/lg-biosafety/{records['approved'].pk}/").content.decode()
    assert client.get(f"/roster/lg-biosafety/{records['draft'].pk}/").status_code == 200
    assert client.get("/roster/lg-biosafety/nominate/").status_code == 200


def test_no_module_reads_memberships_without_the_rule():
    """Memberships are read through Membership.objects.current()/members() (or groups/access.py);
    the listed exceptions show history on purpose: the profile lists a person's own memberships,
    the secretariat's member editor lists every row, the demo loader writes them."""
    import re
    from pathlib import Path

    import liaison

    root = Path(liaison.__file__).parent
    allowed = {"groups/access.py", "groups/models.py", "accounts/views.py", "portal/views.py", "demo/services.py", "groups/manage_views.py"}
    raw = re.compile(r"Membership\.objects\.(?!current\(|members\()|memberships__(?!in=Membership\.objects\.(?:current|members)\()")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py") if "tests" not in path.parts and "migrations" not in path.parts
        and str(path.relative_to(root)) not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if raw.search(line)
    ]
    assert offenders == []

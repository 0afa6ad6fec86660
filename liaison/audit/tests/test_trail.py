"""The audit trail: who changed what and when, with old and new values, for the tracked records and
for every deletion; the secretariat's page filters it and exports it as CSV; nobody else sees it."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liaison.accounts.models import APIToken
from liaison.audit import trail
from liaison.audit.models import Deletion
from liaison.core.models import Person
from liaison.groups.models import Membership
from liaison.meetings.models import Delegation, Meeting

pytestmark = pytest.mark.django_db


def test_an_api_edit_is_recorded_with_who_and_old_and_new_values(client, roles, demo):
    user = roles["secretariat"]
    _, key = APIToken.issue(user, "sync")
    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    old_venue = ninth.venue
    response = client.patch(f"/api/v1/meetings/{ninth.pk}", {"version": ninth.version, "venue": "Hotel Diplomat"},
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200, response.content
    version = ninth.history.first()
    assert version.history_type == "~" and version.history_user == user
    entry = next(e for e in trail.entries(model="meetings.meeting") if e.object_pk == str(ninth.pk))
    assert entry.user == user.email and entry.action == "changed"
    assert ("venue", old_venue, "Hotel Diplomat") in entry.changes


def test_memberships_people_and_deletions_are_recorded(client_as, roles, demo):
    staff = roles["secretariat"]
    person = Person.objects.create(first_name="Ada", last_name="Trail", email="ada@example.org")
    membership = Membership.objects.create(group=demo["lg-biosafety"], person=person, role="member")
    membership.delete()
    actions = [(e.model, e.action) for e in trail.entries()]
    assert ("groups.membership", "created") in actions and ("groups.membership", "deleted") in actions
    assert ("core.person", "created") in actions
    deleted = next(e for e in trail.entries(model="groups.membership") if e.action == "deleted")
    assert ("role", "member", "") in deleted.changes

    # A record that is not tracked still leaves a trace of its deletion, with who deleted it.
    meeting = Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth", start_date="2027-03-10", end_date="2027-03-11")
    from liaison.core.models import Country

    delegation = Delegation.objects.create(meeting=meeting, country=Country.objects.get(iso3="NOR"), headcount=2)
    response = client_as(staff).post(f"/manage/meetings/{meeting.pk}/delegations/{delegation.pk}/delete/")
    assert response.status_code in (200, 302)
    assert not Delegation.objects.filter(pk=delegation.pk).exists()
    record = Deletion.objects.get(model="meetings.delegation", object_pk=str(delegation.pk))
    assert record.user == staff and record.values["headcount"] == 2


def test_the_secretariat_filters_and_exports_the_trail(client_as, roles, demo):
    staff = roles["secretariat"]
    Person.objects.create(first_name="Formula", last_name="=HYPERLINK(\"x\")", email="f@example.org")
    client = client_as(staff)
    page = client.get("/manage/audit/")
    assert page.status_code == 200
    assert "core.person" in page.content.decode()
    only_meetings = client.get("/manage/audit/", {"model": "meetings.meeting"}).content.decode()
    assert "core.person #" not in only_meetings
    nobody = client.get("/manage/audit/", {"user": staff.pk}).context["entries"]
    assert all(e.user == staff.email for e in nobody)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert client.get("/manage/audit/", {"since": tomorrow}).context["entries"] == []

    export = client.get("/manage/audit.csv", {"model": "core.person"})
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["when (UTC)", "who", "record", "id", "action"]
    assert any("'=HYPERLINK" in row[5] or "=HYPERLINK" not in row[5] for row in rows[1:])
    assert all(not cell.startswith("=") for row in rows for cell in row)


def test_only_the_secretariat_sees_the_trail(client_as, roles):
    assert client_as(None).get("/manage/audit/").status_code == 302
    for role in ("member", "chair", "observer"):
        assert client_as(roles[role]).get("/manage/audit/").status_code == 403
        assert client_as(roles[role]).get("/manage/audit.csv").status_code == 403


def test_the_page_takes_a_fixed_number_of_queries(client_as, roles, demo):
    client = client_as(roles["secretariat"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/manage/audit/").status_code == 200
        return len(queries)

    before = count()
    for n in range(15):
        person = Person.objects.create(first_name=f"P{n}", last_name="Audit", email=f"p{n}@example.org")
        person.last_name = "Changed"
        person.save()
        Membership.objects.create(group=demo["lg-biosafety"], person=person, role="observer").delete()
    assert count() == before

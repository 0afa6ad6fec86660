"""Nomination by focal points, quality control by the secretariat, expiry; contact details by role."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from liaison.core.models import Country
from liaison.groups.models import Role
from liaison.roster import services
from liaison.roster.models import Expert, ExpertiseArea, ReviewEvent, Status


@pytest.fixture
def group(demo):
    return demo["lg-biosafety"]


@pytest.fixture
def focal_point(make_user, group):
    """Focal point of Senegal."""
    user = make_user("focal@senegal.example", group=group, role=Role.FOCAL_POINT)
    user.person.country = Country.objects.get(iso3="SEN")
    user.person.save()
    return user


@pytest.fixture
def other_focal_point(make_user, group):
    user = make_user("focal@peru.example", group=group, role=Role.FOCAL_POINT)
    user.person.country = Country.objects.get(iso3="PER")
    user.person.save()
    return user


def nomination(group, **changes):
    area = ExpertiseArea.objects.get(group=group, code="risk-assessment")
    data = {
        "honorific": "Dr.", "first_name": "Amina", "last_name": "Diallo", "gender": "female", "email": "amina@example.sn",
        "phone": "+221 000", "nationality": Country.objects.get(iso3="SEN").pk, "nominating_country": Country.objects.get(iso3="SEN").pk,
        "stakeholder": "academia", "languages": "French, English", "areas": [area.pk], "keywords": "risk assessment, maize",
        "profile": "Plant scientist working on the risk assessment of LMOs.", "highest_degree": 3, "years_experience": 12,
        "references": "Prof. A, a@example.org\nDr. B, b@example.org",
    }
    data.update(changes)
    return data


def test_focal_point_sees_what_is_missing_and_cannot_submit(client_as, focal_point, group):
    client = client_as(focal_point)
    response = client.post("/roster/lg-biosafety/nominate/", nomination(group, years_experience=3, references="Prof. A"), follow=True)
    html = response.content.decode()
    assert "does not yet meet the roster" in html
    assert "At least 5 years of experience are required; the nomination gives 3." in html
    assert "2 references are required; the nomination gives 1." in html
    expert = Expert.objects.get(person__last_name="Diallo")
    refused = client.post(f"/roster/lg-biosafety/{expert.pk}/submit/", follow=True)
    assert "Not submitted" in refused.content.decode()
    assert Expert.objects.get(pk=expert.pk).status == Status.DRAFT


def test_focal_point_nominates_only_for_their_country(client_as, focal_point, group):
    response = client_as(focal_point).post("/roster/lg-biosafety/nominate/", nomination(group, nominating_country=Country.objects.get(iso3="PER").pk))
    assert "nominating_country" in response.context["form"].errors


def test_members_and_observers_cannot_nominate(client_as, roles):
    assert client_as(roles["member"]).get("/roster/lg-biosafety/nominate/").status_code == 403
    assert client_as(None).get("/roster/lg-biosafety/nominate/").status_code == 302


def test_complete_nomination_through_review_to_the_roster(client_as, roles, focal_point, group):
    client = client_as(focal_point)
    client.post("/roster/lg-biosafety/nominate/", nomination(group))
    expert = Expert.objects.get(person__last_name="Diallo")
    client.post(f"/roster/lg-biosafety/{expert.pk}/submit/")
    assert Expert.objects.get(pk=expert.pk).status == Status.SUBMITTED
    staff = client_as(roles["secretariat"])
    assert "Dr. Amina Diallo" in staff.get("/manage/roster/lg-biosafety/review/").content.decode()
    no_reason = staff.post("/manage/roster/lg-biosafety/review/", {"expert": expert.pk, "decision": "reject", "reason": ""}, follow=True)
    assert "Give the reason" in no_reason.content.decode()
    staff.post("/manage/roster/lg-biosafety/review/", {"expert": expert.pk, "decision": "approve"})
    expert.refresh_from_db()
    assert expert.status == Status.APPROVED and expert.expires_on == expert.approved_on.replace(year=expert.approved_on.year + 4)
    assert "Dr. Amina Diallo" in client_as(None).get("/roster/lg-biosafety/").content.decode()
    assert [e.action for e in ReviewEvent.objects.filter(expert=expert)] == ["nominated", "submitted", "approve"]


def test_request_changes_keeps_the_reason_for_the_focal_point(client_as, roles, focal_point, group):
    client_as(focal_point).post("/roster/lg-biosafety/nominate/", nomination(group))
    expert = Expert.objects.get(person__last_name="Diallo")
    services.submit(expert, focal_point)
    client_as(roles["secretariat"]).post("/manage/roster/lg-biosafety/review/", {"expert": expert.pk, "decision": "changes", "reason": "Add your publications."})
    page = client_as(focal_point).get(f"/roster/lg-biosafety/{expert.pk}/edit/").content.decode()
    assert "The secretariat asked for changes: Add your publications." in page


def test_records_expire_and_the_expert_is_asked_to_reconfirm(group, focal_point, smtp_server, capsys):
    expert = approved_expert(group)
    Expert.objects.filter(pk=expert.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    call_command("roster-expire")
    assert "1 record(s) expired" in capsys.readouterr().out
    assert Expert.objects.get(pk=expert.pk).status == Status.EXPIRED
    mail = smtp_server.wait_for(1)[0]
    assert mail["to"] == ["amina@example.sn"] and "re-confirm" in mail["message"]["Subject"]


def approved_expert(group, **person):
    from liaison.core.models import Person

    p = Person.objects.create(honorific="Dr.", first_name=person.get("first_name", "Amina"), last_name=person.get("last_name", "Diallo"),
                              gender="female", email=person.get("email", "amina@example.sn"), phone="+221 000", country=Country.objects.get(iso3="SEN"))
    expert = Expert.objects.create(group=group, person=p, nationality=Country.objects.get(iso3="SEN"),
                                   nominating_country=Country.objects.get(iso3="SEN"), stakeholder="academia", profile="Risk assessment.",
                                   highest_degree=3, years_experience=10, references="A\nB", status=Status.APPROVED,
                                   approved_on=timezone.localdate(), expires_on=timezone.localdate() + timedelta(days=1000))
    expert.areas.add(ExpertiseArea.objects.get(group=group, code="risk-assessment"))
    return expert


@pytest.fixture
def expert_user(make_user, group):
    """An expert on the roster who has an account."""
    user = make_user("amina@account.example")
    expert = approved_expert(group)
    user.person.delete()
    expert.person.user = user
    expert.person.save()
    return user


@pytest.fixture
def another_expert(make_user, group):
    user = make_user("other.expert@example.org")
    user.person.delete()
    other = approved_expert(group, first_name="Bo", last_name="Berg", email="bo@example.org")
    other.person.user = user
    other.person.save()
    return user


@pytest.mark.parametrize("who, visible", [
    ("anonymous", False), ("member", False), ("chair", False), ("another_expert", False),
    ("other_focal_point", False), ("focal_point", True), ("expert_user", True), ("secretariat", True),
])
def test_contact_details_by_role_on_pages_and_api(client_as, roles, request, group, focal_point, other_focal_point, expert_user, another_expert, who, visible):
    user = {"focal_point": focal_point, "other_focal_point": other_focal_point, "expert_user": expert_user,
            "another_expert": another_expert}.get(who, roles.get(who))
    expert = Expert.objects.get(person__last_name="Diallo")
    client = client_as(user)
    page = client.get(f"/roster/lg-biosafety/{expert.pk}/").content.decode()
    assert ("amina@example.sn" in page) is visible and ("+221 000" in page) is visible
    listing = client.get("/roster/lg-biosafety/").content.decode()
    assert "amina@example.sn" not in listing and "Dr. Amina Diallo" in listing
    api = json.loads(client.get(f"/api/v1/experts/{expert.pk}").content)
    assert (api["email"] == "amina@example.sn") is visible and (api["phone"] is not None) is visible
    roster_api = json.loads(client.get("/api/v1/groups/lg-biosafety/experts").content)
    entry = next(e for e in roster_api if e["id"] == expert.pk)
    assert (entry["email"] == "amina@example.sn") is visible


def test_drafts_are_not_public(client_as, roles, focal_point, group):
    client_as(focal_point).post("/roster/lg-biosafety/nominate/", nomination(group))
    expert = Expert.objects.get(person__last_name="Diallo")
    assert client_as(None).get(f"/roster/lg-biosafety/{expert.pk}/").status_code == 404
    assert client_as(roles["member"]).get(f"/api/v1/experts/{expert.pk}").status_code == 404
    assert "Diallo" not in client_as(None).get("/roster/lg-biosafety/").content.decode()


def test_expert_corrects_their_own_record(client_as, expert_user, group):
    expert = Expert.objects.get(person__last_name="Diallo")
    data = nomination(group, languages="French, English, Wolof")
    response = client_as(expert_user).post(f"/roster/lg-biosafety/{expert.pk}/edit/", data)
    assert response.status_code == 302
    assert Expert.objects.get(pk=expert.pk).languages == "French, English, Wolof"


def test_search_and_filters(client, group):
    approved_expert(group)
    bo = approved_expert(group, first_name="Bo", last_name="Berg", email="bo@example.org")
    bo.profile = "Customs and detection of LMOs at borders."
    bo.stakeholder = "government"
    bo.save()
    html = client.get("/roster/lg-biosafety/?q=detection+borders").content.decode()
    assert "Bo Berg" in html and "Amina Diallo" not in html
    html = client.get("/roster/lg-biosafety/?stakeholder=academia").content.decode()
    assert "Amina Diallo" in html and "Bo Berg" not in html
    assert "1 expert" in client.get("/roster/lg-biosafety/?region=african&stakeholder=government").content.decode()


def test_usage_report(client_as, roles, group):
    expert = approved_expert(group)
    from liaison.meetings.models import Meeting, Participant

    ninth = Meeting.objects.get(group=group, number=9)
    Participant.objects.create(meeting=ninth, person=expert.person)
    response = client_as(roles["secretariat"]).get("/manage/roster/lg-biosafety/usage/")
    rows = response.context["rows"]
    assert [(r["approved"], r["invited"], r["attended"]) for r in rows] == [(1, 0, 1)]
    assert dict(response.context["regions"])["African Group"]["attended"] == 1
    csv_text = client_as(roles["secretariat"]).get("/manage/roster/lg-biosafety/usage/?format=csv").content.decode()
    assert "Amina Diallo,SEN,African Group,On the roster,1,1,0,1" in csv_text  # labels, not codes


def test_roster_page_queries_do_not_grow_with_the_roster(client, group):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    approved_expert(group)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = (count("/roster/lg-biosafety/"), count("/roster/lg-biosafety/?q=risk"))
    for n in range(30):
        approved_expert(group, first_name=f"Expert{n}", last_name=f"Number{n}", email=f"e{n}@example.org")
    assert (count("/roster/lg-biosafety/"), count("/roster/lg-biosafety/?q=risk")) == before


def test_usage_csv_neutralises_formulas(client_as, roles, group):
    expert = approved_expert(group, first_name="=HYPERLINK(\"http://evil.example\")", last_name="-Diallo")
    csv_text = client_as(roles["secretariat"]).get("/manage/roster/lg-biosafety/usage/?format=csv").content.decode()
    assert "'=HYPERLINK" in csv_text and expert.person.full_name not in csv_text.replace("'=HYPERLINK", "")


@pytest.mark.parametrize("decision", ["reject", "changes"])
def test_a_refused_decision_keeps_what_the_reviewer_chose(client_as, roles, focal_point, group, decision):
    """Issue 10, item 1: the error once reset the Decision menu to Approve; the next click approved."""
    client_as(focal_point).post("/roster/lg-biosafety/nominate/", nomination(group))
    expert = Expert.objects.get(person__last_name="Diallo")
    services.submit(expert, focal_point)
    staff = client_as(roles["secretariat"])
    response = staff.post("/manage/roster/lg-biosafety/review/", {"expert": expert.pk, "decision": decision, "reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<option value="{decision}" selected>' in html
    assert '<option value="approve" selected>' not in html
    assert "Give the reason" in html and 'aria-invalid="true"' in html
    assert Expert.objects.get(pk=expert.pk).status == Status.SUBMITTED

""""My Liaison": each signed-in person's invitations, nominations, reports due, actions,
consultations and documents to review, with the access rules of the pages they link to, in a
number of queries that does not grow with the data."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from liaison.actionplan import reporting
from liaison.actionplan.models import ActionPlan
from liaison.core.dates import date_range, day_month_year
from liaison.core.models import Country, Person
from liaison.groups.models import Membership
from liaison.meetings.models import Invitation, Meeting, MeetingDocument, Participant
from liaison.roster.models import Expert, ExpertiseArea, ReviewEvent, Status
from liaison.workspace.models import Action, Poll, Vote


@pytest.fixture
def world(demo, make_user, roles):
    group = demo["lg-biosafety"]
    senegal, peru = Country.objects.get(iso3="SEN"), Country.objects.get(iso3="PER")
    fp = make_user("fp@senegal.example", group=group, role="focal_point", country=senegal, first_name="Awa", last_name="Ndiaye")
    peru_fp = make_user("fp@peru.example", group=group, role="focal_point", country=peru)
    start = timezone.localdate() + timedelta(days=40)
    coming = Meeting.objects.create(group=group, number=13, title="Thirteenth meeting", start_date=start, end_date=start + timedelta(days=1), city="Montreal")
    plan = ActionPlan.objects.get(group=group)
    indicator = plan.objectives.get(number=1).indicators.order_by("position").first()
    cycle = reporting.move_cycle(reporting.create_cycle(
        plan, title="Report on 2025", year=2025, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
        deadline=timezone.localdate() + timedelta(days=10), indicators=[indicator]), "open")
    return {"group": group, "fp": fp, "peru_fp": peru_fp, "coming": coming, "cycle": cycle, "indicator": indicator,
            "senegal": senegal, "peru": peru, **roles}


def invitation(meeting, person, **fields):
    fields.setdefault("expires_at", timezone.now() + timedelta(days=20))
    return Invitation.objects.create(meeting=meeting, person=person, email=person.email or "x@example.org", nonce=f"n{Invitation.objects.count()}", **fields)


def nominee(group, country, status, last_name, by=None, reason=""):
    person = Person.objects.create(first_name="Nominee", last_name=last_name, honorific="Dr.", country=country, email=f"{last_name.lower()}@example.org")
    expert = Expert.objects.create(group=group, person=person, nationality=country, nominating_country=country, stakeholder="academia",
                                   status=status, nominated_by=by, expires_on=date(2030, 3, 1) if status == Status.APPROVED else None)
    expert.areas.add(ExpertiseArea.objects.filter(group=group).first())
    if reason:
        ReviewEvent.objects.create(expert=expert, action="changes" if status == Status.CHANGES else "reject", reason=reason)
    return expert


def open_assessment(plan, title):
    from liaison.actionplan import needs
    from liaison.actionplan.models import NeedsAssessment

    assessment = needs.create_assessment(plan, title=title, year=2026, deadline=timezone.localdate() + timedelta(days=20))
    NeedsAssessment.objects.filter(pk=assessment.pk).update(status="open")
    return assessment


def report_under_review(meeting, person, deadline_days=5):
    from liaison.reports import services

    Participant.objects.create(meeting=meeting, person=person, attended=True)
    report = services.report_for(meeting)
    services.add_paragraph(report, "A paragraph.", None)
    report.refresh_from_db()
    services.send_for_review(report, report.version, deadline=timezone.localdate() + timedelta(days=deadline_days))
    return report


def add_items(world, n):
    """n more of every kind of item for the Senegal focal point, and things that are not theirs."""
    group, fp, coming = world["group"], world["fp"], world["coming"]
    first = Meeting.objects.count()
    for i in range(first, first + n):
        start = coming.start_date + timedelta(days=30 * (i + 1))
        meeting = Meeting.objects.create(group=group, title=f"Extra meeting {i}", start_date=start, end_date=start)
        invitation(meeting, fp.person)
        MeetingDocument.objects.create(meeting=meeting, title=f"Draft {i}", distribution="members", file=f"documents/d{i}.pdf")
        past = Meeting.objects.create(group=group, title=f"Past meeting {i}", start_date=date(2001, 1, 1) + timedelta(days=i), end_date=date(2001, 1, 1) + timedelta(days=i))
        report_under_review(past, fp.person)
        open_assessment(world["cycle"].plan, f"Needs {i}")
        nominee(group, world["senegal"], Status.CHANGES, f"Extra{i}", reason=f"Reason {i}")
        Action.objects.create(group=group, title=f"Action {i}", owner=fp.person, due=timezone.localdate() + timedelta(days=i))
        poll = Poll.objects.create(group=group, question=f"Question {i}?", options=["Yes", "No"], deadline=timezone.now() + timedelta(days=3))
        Vote.objects.create(poll=poll, user=fp, choice="Yes")
        plan = world["cycle"].plan
        reporting.move_cycle(reporting.create_cycle(
            plan, title=f"Extra cycle {i}", year=2000 + i, period_start=date(2000 + i, 1, 1), period_end=date(2000 + i, 12, 31),
            deadline=timezone.localdate() + timedelta(days=30), indicators=[world["indicator"]]), "open")


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/my/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_header_links_to_it(client_as, world):
    html = client_as(world["fp"]).get("/").content.decode()
    assert '<a href="/my/">My Liaison</a>' in html
    assert "/my/" not in client_as(None).get("/").content.decode()


def test_invitation_links_on_the_page_are_relative_and_e_mails_keep_them_absolute(client_as, world, settings):
    """The page works at whatever address the site is reached: its links do not depend on SITE_URL;
    an e-mail, read outside the site, keeps the absolute link."""
    from liaison.meetings import invitations

    import re

    settings.SITE_URL = "https://liaison.example.org"
    mine = invitation(world["coming"], world["fp"].person)

    def invitation_of(link):  # a token is signed with the time it was made: compare what it opens, not its text
        return invitations.from_token(re.fullmatch(r"(?:https://liaison\.example\.org)?/invitations/([^/]+)/", link)[1])

    response = client_as(world["fp"]).get("/my/", HTTP_HOST="localhost")
    html = response.content.decode()
    [(shown, path)] = response.context["todo"].invitations
    assert shown == mine and invitation_of(path) == mine and path.startswith("/invitations/")
    assert f'<a href="{path}">Thirteenth meeting</a>' in html and "liaison.example.org" not in html
    assert client_as(world["fp"]).get(path).status_code == 200  # the relative link leads to the answer form
    link = invitations.link(mine)
    assert link.startswith("https://liaison.example.org/invitations/") and invitation_of(link) == mine


def test_a_focal_point_sees_what_is_theirs(client_as, world):
    group, fp, coming, cycle = world["group"], world["fp"], world["coming"], world["cycle"]
    mine = invitation(coming, fp.person)
    past = Meeting.objects.create(group=group, title="Old meeting", start_date=date(2020, 1, 1), end_date=date(2020, 1, 2))
    invitation(past, fp.person, expires_at=timezone.now() - timedelta(days=1))  # expired
    answered = Meeting.objects.create(group=group, title="Answered meeting", start_date=coming.start_date, end_date=coming.start_date)
    invitation(answered, fp.person, status="accepted")
    invitation(coming, world["peru_fp"].person)  # someone else's
    returned = nominee(group, world["senegal"], Status.CHANGES, "Returned", reason="Add the publications.")
    on_roster = nominee(group, world["senegal"], Status.APPROVED, "Approved", by=fp)
    nominee(group, world["peru"], Status.SUBMITTED, "Peruvian", by=world["peru_fp"])  # Peru's, not Senegal's
    Action.objects.create(group=group, title="Circulate the draft", owner=fp.person, due=timezone.localdate() - timedelta(days=2))
    Action.objects.create(group=group, title="Done already", owner=fp.person, due=timezone.localdate(), status="done")
    Action.objects.create(group=group, title="Someone else's", owner=world["member"].person, due=timezone.localdate())
    Poll.objects.create(group=group, question="Meet in June?", options=["Yes", "No"], deadline=timezone.now() + timedelta(days=3))
    Poll.objects.create(group=group, question="Closed question?", options=["Yes", "No"], deadline=timezone.now() - timedelta(days=1))
    Poll.objects.create(group=world["other_member"].person.memberships.get().group, question="Another group's?", deadline=timezone.now() + timedelta(days=3))
    doc = MeetingDocument.objects.create(meeting=coming, symbol="UNEP/CBD/BS/LG-CB/13/1", title="Provisional agenda", distribution="members", file="documents/a.pdf")
    MeetingDocument.objects.create(meeting=coming, title="Secretariat note", distribution="secretariat", file="documents/s.pdf")
    MeetingDocument.objects.create(meeting=past, title="Old report", distribution="public", file="documents/o.pdf")

    response = client_as(fp).get("/my/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What is yours to do, Awa Ndiaye." in html
    # invitations: the open one, with its answer link and the meeting's dates in the UN style
    assert "Thirteenth meeting" in html and f"/invitations/" in html
    assert date_range(coming.start_date, coming.end_date) in html
    assert "Old meeting" not in html and "Answered meeting" not in html
    assert response.context["todo"].invitations[0][0] == mine and len(response.context["todo"].invitations) == 1
    # nominations of Senegal, with the state and the reason given
    assert "Dr. Nominee Returned" in html and "Changes requested</strong>: Add the publications." in html
    assert "Dr. Nominee Approved" in html and f"until {day_month_year(date(2030, 3, 1))}" in html
    assert "Peruvian" not in html
    assert f"/roster/lg-biosafety/{returned.pk}/edit/" in html and on_roster.pk
    # the report due from Senegal
    assert f'/plans/cycles/{cycle.pk}/reports/SEN/' in html and "Report on 2025" in html and "Not started" in html
    # the action owned (overdue), not the done one nor someone else's
    assert "Circulate the draft" in html and "overdue" in html
    assert "Done already" not in html and "Someone else&#x27;s" not in html
    # the open consultation of their group, unanswered
    assert "Meet in June?" in html and "not answered yet" in html
    assert "Closed question?" not in html and "Another group" not in html
    # the document to review of the coming meeting, not the secretariat's, not the past meeting's
    assert f"/groups/lg-biosafety/workspace/documents/{doc.pk}/" in html and "UNEP/CBD/BS/LG-CB/13/1" in html
    assert "Secretariat note" not in html and "Old report" not in html


def test_needs_assessments_to_answer(client_as, world):
    from liaison.actionplan.models import NeedsResponse

    plan = world["cycle"].plan
    waiting = open_assessment(plan, "Needs assessment 2026")
    answered = open_assessment(plan, "Answered assessment")
    NeedsResponse.objects.create(assessment=answered, country=world["senegal"], status="submitted")
    open_assessment(plan, "Closed assessment").__class__.objects.filter(title="Closed assessment").update(status="closed")
    html = client_as(world["fp"]).get("/my/").content.decode()
    assert f"/plans/needs/{waiting.pk}/responses/SEN/" in html and "Needs assessment 2026" in html
    assert "Answered assessment" not in html and "Closed assessment" not in html
    assert "Needs assessment 2026" not in client_as(world["member"]).get("/my/").content.decode()  # not a focal point


def test_draft_reports_under_review_for_their_participants(client_as, world):
    group, fp = world["group"], world["fp"]
    attended = Meeting.objects.create(group=group, title="Twelfth meeting", start_date=date(2024, 5, 1), end_date=date(2024, 5, 2))
    report_under_review(attended, fp.person)
    closed = Meeting.objects.create(group=group, title="Closed review meeting", start_date=date(2024, 6, 1), end_date=date(2024, 6, 2))
    report_under_review(closed, fp.person, deadline_days=0)
    from liaison.reports.models import Report

    Report.objects.filter(meeting=closed).update(review_deadline=timezone.localdate() - timedelta(days=1))
    not_there = Meeting.objects.create(group=group, title="Meeting she missed", start_date=date(2024, 7, 1), end_date=date(2024, 7, 1))
    report_under_review(not_there, world["member"].person)
    html = client_as(fp).get("/my/").content.decode()
    assert "Draft report of the Twelfth meeting" in html and f"/groups/lg-biosafety/meetings/{attended.slug}/report/review/" in html
    assert "Closed review meeting" not in html and "Meeting she missed" not in html
    assert "Draft report of the Meeting she missed" in client_as(world["member"]).get("/my/").content.decode()


def test_a_submitted_report_is_no_longer_due_and_a_returned_one_is(client_as, world):
    fp, cycle = world["fp"], world["cycle"]
    submission = reporting.submission_for(cycle, country=world["senegal"])
    submission = reporting.submit(reporting.save_values(submission, {world["indicator"].pk: {"value": "yes"}}, user=fp), user=fp)
    assert "Report on 2025" not in client_as(fp).get("/my/").content.decode()
    reporting.return_report(submission, user=world["secretariat"], reason="Give the evidence link.")
    html = client_as(fp).get("/my/").content.decode()
    assert "Report on 2025" in html and "Returned: Give the evidence link." in html


def test_an_observer_sees_no_consultation_nor_document(client_as, world):
    group = world["group"]
    Poll.objects.create(group=group, question="Meet in June?", options=["Yes", "No"], deadline=timezone.now() + timedelta(days=3))
    MeetingDocument.objects.create(meeting=world["coming"], title="Members' draft", distribution="members", file="documents/m.pdf")
    html = client_as(world["observer"]).get("/my/").content.decode()
    assert "Meet in June?" not in html and "Members&#x27; draft" not in html
    assert "No consultation is open in your groups." in html


def test_a_focal_point_whose_term_ended_has_no_report_due_nor_nominations(client_as, world):
    nominee(world["group"], world["senegal"], Status.SUBMITTED, "Drafted", by=world["fp"])
    assert "Dr. Nominee Drafted" in client_as(world["fp"]).get("/my/").content.decode()
    Membership.objects.filter(person=world["fp"].person).update(until=timezone.localdate() - timedelta(days=1))
    html = client_as(world["fp"]).get("/my/").content.decode()
    assert "Report on 2025" not in html and "No report is due from you." in html
    assert "Dr. Nominee Drafted" not in html  # a record not public is for current focal points only


def test_an_account_without_a_person_record(client_as, django_user_model, db):
    user = django_user_model.objects.create_user("bare@example.org", "x-password-123")
    html = client_as(user).get("/my/").content.decode()
    assert "not linked to a person record" in html


def test_queries_do_not_grow_with_the_data(client_as, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(world["fp"])
    add_items(world, 1)
    client.get("/my/")  # the session's first activity is written once
    with CaptureQueriesContext(connection) as few:
        assert client.get("/my/").status_code == 200
    add_items(world, 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/my/")
    todo = response.context["todo"]
    assert len(todo.invitations) == 7 and len(todo.actions) == 7 and len(todo.consultations) == 7 and len(todo.documents) == 7
    assert len(todo.nominations) == 7 and len(todo.reports) == 8 and len(todo.reports_to_review) == 7 and len(todo.questionnaires) == 7
    assert len(many.captured_queries) == len(few.captured_queries), [q["sql"][:120] for q in many.captured_queries]

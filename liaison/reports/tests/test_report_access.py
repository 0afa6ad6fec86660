"""Who sees a report: drafts only the secretariat; under review also the meeting's participants (and
not the group's members who did not take part); adopted, everyone."""

import pytest

from liaison.meetings.models import Meeting, Participant
from liaison.reports import services
from liaison.reports.models import Report

PAGES = ["/groups/lg-biosafety/meetings/9/report/", "/groups/lg-biosafety/meetings/9/report.docx", "/groups/lg-biosafety/meetings/9/report.pdf"]


@pytest.fixture
def report(demo):
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Report.objects.filter(meeting=meeting).delete()  # the demo's adopted report: these tests write their own
    report = services.report_for(meeting)
    services.add_paragraph(report, "A sentence only the drafters know.", None)
    return report


@pytest.fixture
def participant_user(report, make_user):
    user = make_user("warrier@example.in")
    Participant.objects.filter(meeting=report.meeting, person__last_name="Warrier").update(person=user.person)
    return user


ROLES = ["anonymous", "other_member", "observer", "member", "chair", "secretariat"]


@pytest.mark.parametrize("role", ROLES)
def test_draft_only_for_the_secretariat(client_as, roles, report, role):
    for url in PAGES:
        assert client_as(roles[role]).get(url).status_code == (200 if role == "secretariat" else 404)
    html = client_as(roles[role]).get("/groups/lg-biosafety/meetings/9/").content.decode()
    assert ("/report/" in html) is (role == "secretariat")


@pytest.mark.parametrize("role", ROLES)
def test_under_review_only_for_participants_and_the_secretariat(client_as, roles, report, role):
    services.send_for_review(report, report.version)
    expected = 200 if role == "secretariat" else 404  # none of these roles took part in the meeting
    for url in PAGES:
        assert client_as(roles[role]).get(url).status_code == expected


def test_under_review_for_a_participant_of_the_meeting(client_as, report, participant_user):
    services.send_for_review(report, report.version)
    assert client_as(participant_user).get(PAGES[0]).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_adopted_for_everyone(client_as, roles, report, role):
    services.adopt(report, report.version)
    response = client_as(roles[role]).get(PAGES[0])
    assert response.status_code == 200
    assert "A sentence only the drafters know." in response.content.decode()


def test_adopted_page_shows_the_frozen_version_not_live_rows(client, report):
    services.adopt(report, report.version)
    report.paragraphs.update(text="Tampered in the database")
    assert "A sentence only the drafters know." in client.get(PAGES[0]).content.decode()

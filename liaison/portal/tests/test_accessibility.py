"""Accessibility audit with axe-core (bundled by axe-playwright-python) in Debian's Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def violations(page, url):
    page.goto(url)
    results = Axe().run(page, options=WCAG)
    return [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize(
    "url",
    ["/", "/groups/lg-biosafety/", "/groups/ias/", "/groups/lg-biosafety/meetings/9/",
     "/groups/gpwg/meetings/2012-08-stockholm/", "/groups/lg-biosafety/meetings/9/agenda/",
     "/invitations/forged-token/", "/roster/lg-biosafety/", "/accounts/login/", "/accounts/password-reset/"],
)
def test_public_pages_have_no_violations(page, demo, url):
    assert violations(page, url) == []


def test_secretariat_pages_have_no_violations(page, demo, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_user("staff@secretariat.example", staff=True)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("staff@secretariat.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")
    ninth = demo["lg-biosafety"].meetings.get(number=9)
    from liaison.reports.services import add_paragraph, report_for, start_revision

    report = report_for(ninth)
    if report.locked:  # the demo's ninth report is adopted: the editor is audited on a revision
        start_revision(report, report.version)
    add_paragraph(report, "A paragraph.", None)
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from liaison.meetings.models import MeetingDocument
    from liaison.workspace.models import Discussion, Poll, Post, Teleconference

    discussion = Discussion.objects.create(group=demo["lg-biosafety"], title="Topic", opening="Text")
    Post.objects.create(discussion=discussion, body="A post")
    poll = Poll.objects.create(group=demo["lg-biosafety"], question="Q?", options=["A", "B"], deadline=timezone.now() + timedelta(days=1))
    document = MeetingDocument.objects.create(meeting=ninth, title="Draft", distribution="members", file=ContentFile(b"One.\nTwo.", name="d.txt"))
    Teleconference.objects.create(group=demo["lg-biosafety"], title="Call", starts_at=timezone.now() + timedelta(days=1), join_link="https://meet.example.org/x")
    workspace = "/groups/lg-biosafety/workspace"
    for url in ["/manage/", f"/manage/meetings/{ninth.pk}/", "/manage/groups/lg-biosafety/edit/", "/manage/people/",
                f"/manage/meetings/{ninth.pk}/invitations/", f"/manage/meetings/{ninth.pk}/check-in/",
                f"/manage/meetings/{ninth.pk}/report/", "/groups/lg-biosafety/meetings/9/report/", "/manage/import/",
                "/manage/groups/lg-biosafety/terms/", "/roster/lg-biosafety/nominate/", "/manage/roster/lg-biosafety/review/",
                "/manage/roster/lg-biosafety/usage/", f"/manage/meetings/{ninth.pk}/panel/", f"/manage/meetings/{ninth.pk}/lottery/",
                f"{workspace}/", f"{workspace}/discussions/{discussion.pk}/", f"{workspace}/consultations/{poll.pk}/",
                f"{workspace}/documents/{document.pk}/", f"{workspace}/actions/", f"{workspace}/teleconferences/", f"{workspace}/preferences/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")  # the parts arrive by htmx
        results = Axe().run(page, options=WCAG)
        found = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
        assert found == [], url


def test_the_audit_does_find_problems(page, demo):
    """Guard against an audit that silently checks nothing."""
    page.goto("/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png><input type=text>')")
    found = {v["id"] for v in Axe().run(page, options=WCAG).response["violations"]}
    assert {"image-alt", "label"} <= found

"""The review of a draft report in Debian's Chromium (issue 10, defect 4): the secretariat sends the
draft for review (and confirms), a participant opens the link of the e-mail without an account and
comments on a paragraph, the secretariat answers beside the paragraph in the editor, and the
participant reads the answer. The pages pass an axe audit and fit a 390 px phone."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD
from liaison.meetings.models import Meeting
from liaison.reports import services
from liaison.reports.models import Report, ReportComment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def audit(page):
    results = Axe().run(page, options=WCAG)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def test_participant_comments_and_secretariat_answers(page, browser, live_server, demo, make_user, smtp_server):
    make_user("staff@secretariat.example", staff=True)
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Report.objects.filter(meeting=meeting).delete()
    report = services.report_for(meeting)
    services.add_paragraph(report, "The meeting was held in Bonn.", None)
    services.add_paragraph(report, "The Group agreed on a work plan for 2013.", None)
    warrier = meeting.participants.get(person__last_name="Warrier").person
    warrier.email = "warrier@example.in"
    warrier.save()
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("staff@secretariat.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")
    editor = f"/manage/meetings/{meeting.pk}/report/"
    page.goto(editor)
    page.get_by_role("button", name="Send for review by participants").click()
    expect(page.get_by_text("e-mailed to 1 participant for")).to_be_visible()
    assert any("e-mailed a link" in q for q in questions)  # asked before sending
    expect(page.locator("#report-status")).to_have_text("Under review by participants")

    mail = smtp_server.wait_for(1)[0]
    assert mail["to"] == ["warrier@example.in"]
    path = re.search(r"https?://[^/\s]+(/report-review/\S+/)", smtp_server.body(mail)).group(1)

    # The participant, on a phone, without an account.
    phone = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    participant = phone.new_page()
    participant.goto(path)
    expect(participant.get_by_role("heading", level=1)).to_have_text("Draft report for your comments")
    assert participant.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert audit(participant) == []
    participant.get_by_text("Comment on paragraph 2", exact=True).click()
    box = participant.get_by_label("Your comment on paragraph 2")
    box.fill("Say which work plan: the one annexed?")
    box.locator("xpath=ancestor::form").get_by_role("button", name="Send the comment").click()
    expect(participant.get_by_text("Your comment is recorded")).to_be_visible()
    comment = ReportComment.objects.get()
    assert comment.author == warrier and comment.paragraph.text.startswith("The Group agreed")

    # The secretariat sees it beside paragraph 2 and answers.
    page.goto(editor)
    beside = page.locator(f"#paragraph-{comment.paragraph_id} aside.comments")
    expect(beside).to_contain_text("Say which work plan")
    expect(beside).to_contain_text("Warrier")
    assert audit(page) == []
    beside.get_by_label("Decision").select_option(label="Taken into account")
    beside.get_by_label(re.compile("Answer to")).fill("Yes: Annex I, now named in the paragraph.")
    beside.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("Answer saved.")).to_be_visible()

    # The participant reads the answer.
    participant.goto(path)
    answer = participant.locator(f"#comment-{comment.pk}")
    expect(answer).to_contain_text("Taken into account")
    expect(answer).to_contain_text("Yes: Annex I, now named in the paragraph.")
    phone.close()

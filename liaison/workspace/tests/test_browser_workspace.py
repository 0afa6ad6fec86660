"""In Debian's Chromium: the Chair opens a discussion, two members reply, the Chair hides a post and
closes with a summary; a member comments on two paragraphs of a document and the secretariat exports
the compilation; a silence procedure passes and another fails on an objection."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD
from liaison.meetings.models import Meeting, MeetingDocument
from liaison.workspace.models import Poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return context, page


def test_workspace_cycle(browser, live_server, demo, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    group = demo["lg-biosafety"]
    make_user("chair@lg.example", group=group, role="chair", first_name="Carla", last_name="Chair")
    make_user("ana@lg.example", group=group, first_name="Ana", last_name="Member")
    make_user("bo@lg.example", group=group, first_name="Bo", last_name="Member")
    make_user("staff@secretariat.example", staff=True)
    ninth = Meeting.objects.get(group=group, number=9)
    document = MeetingDocument.objects.create(meeting=ninth, symbol="UNEP/CBD/BS/LG-CB/9/2", title="Draft framework", distribution="members",
                                              file=ContentFile(b"The framework guides Parties.\nThe action plan has targets.\nIndicators are few.", name="draft.txt"))
    contexts = []
    try:
        chair_context, chair = person(browser, live_server, "chair@lg.example")
        ana_context, ana = person(browser, live_server, "ana@lg.example")
        bo_context, bo = person(browser, live_server, "bo@lg.example")
        staff_context, staff = person(browser, live_server, "staff@secretariat.example")
        contexts = [chair_context, ana_context, bo_context, staff_context]

        # The Chair opens a discussion.
        chair.goto("/groups/lg-biosafety/")
        chair.get_by_role("link", name="Members' workspace").click()
        chair.get_by_role("link", name="Open a discussion").click()
        chair.get_by_label("Topic").fill("One document or two?")
        chair.get_by_label("Opening text").fill("Should the **framework** and the action plan be one document?")
        chair.get_by_role("button", name="Save").click()
        expect(chair.get_by_role("heading", level=1)).to_contain_text("One document or two?")
        discussion_url = chair.url

        # Two members reply.
        for page, text in ((ana, "One document with two components."), (bo, "Two documents, clearly separated. Off-topic remark about travel costs.")):
            page.goto(discussion_url)
            page.get_by_label("Your message (Markdown)").fill(text)
            page.get_by_role("button", name="Post", exact=True).click()
            expect(page.locator("#posts")).to_contain_text(text.split(".")[0])

        # The Chair hides a post, with a reason, and closes with a summary.
        chair.reload()
        bo_post = chair.locator("#posts > li", has_text="Off-topic remark")
        bo_post.get_by_label("Reason for hiding").fill("Off-topic: travel is handled by the secretariat")
        bo_post.get_by_role("button", name=re.compile("^Hide")).click()
        expect(chair.locator("#posts")).to_contain_text("Hidden by the moderator: Off-topic: travel is handled by the secretariat")
        chair.get_by_label("Summary (closes the discussion)").fill("The Group prefers one document with two components.")
        chair.get_by_role("button", name="Close with this summary").click()
        expect(chair.locator("#discussion-status")).to_have_text("closed")
        ana.reload()
        expect(ana.locator("#summary")).to_contain_text("one document with two components")
        expect(ana.locator("#posts")).not_to_contain_text("Off-topic remark about travel")

        # A member comments on two paragraphs; the secretariat exports the compilation.
        ana.goto(f"/groups/lg-biosafety/workspace/documents/{document.pk}/")
        for number, text in ((1, "Name the Strategic Plan."), (3, "Add an indicator on training.")):
            section = ana.locator(f"#paragraph-{number}")
            section.get_by_text(f"Comment on paragraph {number}", exact=True).click()
            section.get_by_label(f"Your comment on paragraph {number}").fill(text)
            section.get_by_role("button", name="Send the comment").click()
            expect(ana.locator(f"#paragraph-{number}")).to_contain_text(text)
        staff.goto(f"/groups/lg-biosafety/workspace/documents/{document.pk}/")
        with staff.expect_download() as download:
            staff.get_by_role("link", name="Compilation of comments (DOCX)").click()
        table = Document(download.value.path()).tables[0]
        cells = [[c.text for c in row.cells] for row in table.rows]
        assert [(row[0], row[3]) for row in cells[1:]] == [("1", "Name the Strategic Plan."), ("3", "Add an indicator on training.")]
        with staff.expect_download() as download:
            staff.get_by_role("link", name="Compilation of comments (XLSX)").click()
        assert download.value.suggested_filename.endswith(".xlsx")

        # Two silence procedures: one passes, one fails on an objection.
        deadline = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        for question in ("Adopt the summary of the e-discussion", "Adopt the revised indicators"):
            chair.goto("/groups/lg-biosafety/workspace/consultations/new/")
            chair.get_by_label("Kind").select_option(label="No-objection (silence) procedure")
            chair.get_by_label("Question or proposal").fill(question)
            chair.get_by_label("Deadline").fill(deadline)
            chair.get_by_role("button", name="Save").click()
            expect(chair.get_by_role("heading", level=1)).to_have_text(question)
        objected = Poll.objects.get(question="Adopt the revised indicators")
        bo.goto(f"/groups/lg-biosafety/workspace/consultations/{objected.pk}/")
        bo.get_by_label("Comment").fill("The indicators need a baseline.")
        bo.get_by_role("button", name="Object").click()
        expect(bo.locator(".messages")).to_contain_text("Your answer is recorded.")
        Poll.objects.update(deadline=timezone.now() - timedelta(minutes=1))  # the deadline passes
        passed = Poll.objects.get(question="Adopt the summary of the e-discussion")
        chair.goto(f"/groups/lg-biosafety/workspace/consultations/{passed.pk}/")
        expect(chair.locator("#outcome")).to_contain_text("Passed: no objection was raised by the deadline.")
        chair.goto(f"/groups/lg-biosafety/workspace/consultations/{objected.pk}/")
        expect(chair.locator("#outcome")).to_contain_text("Not passed: 1 objection.")
        expect(chair.locator("#outcome")).to_contain_text("The indicators need a baseline.")
    finally:
        for context in contexts:
            context.close()

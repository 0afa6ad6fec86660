"""In Debian's Chromium: the key pages load under the Content-Security-Policy with no violation
reported (no inline script, handler or style left), and htmx, the print buttons and the API docs
still work under it."""

import pytest
from playwright.sync_api import expect

from conftest import log_in
from liaison.meetings.models import Meeting
from liaison.workspace.models import Discussion, Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script: records every violation the browser reports to the page.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


def watched(context):
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(15_000)
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    return page, console


def assert_clean(page, console, url):
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__violations")
    assert violations == [], (url, violations)
    assert [line for line in console if "Content Security Policy" in line or "Refused" in line] == [], (url, console)


def test_public_pages_and_api_docs_load_without_a_violation(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url)
    page, console = watched(context)
    try:
        for url in ["/", "/groups/lg-biosafety/", "/groups/lg-biosafety/meetings/9/", "/roster/lg-biosafety/",
                    "/accounts/login/", "/admin/login/"]:
            response = page.goto(url)
            assert response.status == 200, url
            assert "unsafe-inline" not in response.headers["content-security-policy"]
            assert_clean(page, console, url)
        # The regional balance chart is drawn without style attributes.
        page.goto("/groups/lg-biosafety/meetings/9/")
        bars = page.locator("#balance rect.fill")
        expect(bars).to_have_count(5)
        assert page.locator("#balance svg.track").first.bounding_box()["width"] > 50

        # Swagger UI, served from django-ninja's own static files, renders under the policy.
        page.goto("/api/v1/docs")
        expect(page.get_by_text("Liaison API").first).to_be_visible()
        assert_clean(page, console, "/api/v1/docs")

        # The agenda's print button is wired by the static script.
        page.goto("/groups/lg-biosafety/meetings/9/agenda/")
        page.evaluate("window.print = function () { window.__printed = true; }")
        page.get_by_role("button", name="Print").click()
        assert page.evaluate("window.__printed") is True
        assert_clean(page, console, "agenda")
    finally:
        context.close()


def test_htmx_and_members_pages_work_under_the_policy(browser, live_server, demo, make_user):
    group = demo["lg-biosafety"]
    staff = make_user("staff@secretariat.example", staff=True)
    member = make_user("member@lg.example", group=group)
    meeting = Meeting.objects.create(group=group, number=13, title="Thirteenth meeting", start_date="2027-03-10", end_date="2027-03-11")
    discussion = Discussion.objects.create(group=group, title="Draft framework", opening="Comments.", opened_by=staff)
    first = Post.objects.create(discussion=discussion, author=member, body="A first view.")
    Post.objects.create(discussion=discussion, author=staff, body="A reply.", parent=first)

    context = browser.new_context(base_url=live_server.url)
    page, console = watched(context)
    try:
        log_in(page, "staff@secretariat.example")
        for url in ["/manage/", f"/manage/meetings/{meeting.pk}/", "/groups/lg-biosafety/workspace/",
                    f"/groups/lg-biosafety/workspace/discussions/{discussion.pk}/", "/admin/", "/accounts/profile/"]:
            response = page.goto(url)
            assert response.status == 200, url
            assert_clean(page, console, url)

        # The reply is indented by a class, not a style attribute.
        page.goto(f"/groups/lg-biosafety/workspace/discussions/{discussion.pk}/")
        expect(page.locator("#posts li.depth-1")).to_have_count(1)

        # htmx in-place editing works: its request carries the CSRF header and swaps the part.
        page.goto(f"/manage/meetings/{meeting.pk}/")
        section = page.locator("#part-delegations")
        section.get_by_label("Country").select_option(label="Norway")
        section.get_by_label("Headcount").fill("2")
        section.get_by_role("button", name="Add", exact=True).click()
        expect(page.locator("#part-delegations li").first).to_contain_text("Norway — 2")
        assert_clean(page, console, "htmx swap")

        # The check-in list's print button.
        page.goto(f"/manage/meetings/{meeting.pk}/check-in/")
        page.evaluate("window.print = function () { window.__printed = true; }")
        page.get_by_role("button", name="Print the check-in list").click()
        assert page.evaluate("window.__printed") is True
        assert_clean(page, console, "check-in")
    finally:
        context.close()

"""Pages fit their screen (issue 10, item 15 and its "done when"): no page scrolls sideways, on a
390 px phone for every public page and at 1280 px for the secretariat's meeting pages; wide tables
scroll inside their own box instead."""

import pytest

from conftest import DEMO_PASSWORD
from liaison.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = """() => {
  const root = document.scrollingElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && !e.closest('.table-scroll, pre'))
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def assert_fits(page, url):
    page.goto(url)
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= result["client"], f"{url} scrolls sideways: {result}"


PUBLIC = [
    "/", "/groups/", "/groups/lg-biosafety/", "/groups/gpwg/", "/groups/ias/", "/groups/lg-biosafety/meetings/9/",
    "/groups/lg-biosafety/meetings/9/agenda/", "/roster/lg-biosafety/", "/accounts/login/", "/accounts/password-reset/",
]


def test_public_pages_fit_a_phone(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        for url in PUBLIC:
            assert_fits(page, url)
    finally:
        context.close()


def test_secretariat_meeting_pages_fit_1280(page, make_user, demo):
    make_user("staff@secretariat.example", staff=True)
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("staff@secretariat.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    for url in (f"/manage/meetings/{meeting.pk}/", f"/manage/meetings/{meeting.pk}/sessions/", f"/manage/meetings/{meeting.pk}/documents/"):
        assert_fits(page, url)
    page.goto(f"/manage/meetings/{meeting.pk}/")
    title = page.locator("#id_title")
    width = title.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert width, "the title field cuts the meeting's title short"

"""The language switcher in a real browser: an Arabic reader's page is right to left and fits a
390 px phone (nothing out of the screen on either side), and the switcher works from the keyboard."""

import pytest

from liaison.core import dates
from liaison.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTSIDE = """() => {
  const root = document.scrollingElement;
  const out = [...document.querySelectorAll('body *')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && (box.right > root.clientWidth + 1 || box.left < -1) && !e.closest('.table-scroll, .scroll-box, main table, pre, .skip-link');  // tables scroll in their own box
  }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, out};
}"""


def test_an_arabic_page_is_right_to_left_and_fits_a_phone(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, locale="ar-EG")
    page = context.new_page()
    try:
        for url in ("/", "/accounts/login/", "/groups/lg-biosafety/meetings/9/"):
            page.goto(url)
            assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
            result = page.evaluate(OUTSIDE)
            assert result["scroll"] <= result["client"] and result["out"] == [], f"{url}: {result}"
        meeting = Meeting.objects.get(group__slug="lg-biosafety", number=9)
        arabic = dates.date_range(meeting.start_date, meeting.end_date, language="ar")
        assert "\u0662\u0660" in arabic and arabic in page.content()  # the last page, the meeting's: its dates in Arabic
    finally:
        context.close()


def test_the_switcher_is_used_from_the_keyboard(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto("/groups/lg-biosafety/meetings/9/")
        assert page.evaluate("document.documentElement.lang") == "en"
        page.focus("#language-choice")
        page.keyboard.press("End")  # the last language offered: Español
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Change"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/groups/lg-biosafety/meetings/9/")  # back to the same page
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["es", "ltr"]
        assert page.locator("#language-choice").input_value() == "es"
        meeting = Meeting.objects.get(group__slug="lg-biosafety", number=9)
        spanish = dates.date_range(meeting.start_date, meeting.end_date, language="es")
        assert " de " in spanish and spanish in page.content()  # the meeting's dates in Spanish
    finally:
        context.close()

"""The group's name in another language, entered with the keyboard alone on a 390 px phone: the
language's fold opens from its summary, the Arabic input runs right to left, the page never scrolls
sideways, and the saved name is what an Arabic reader's page shows."""

import pytest
from playwright.sync_api import expect

from conftest import log_in
from liaison.groups.models import Group

from liaison.portal.tests.test_browser_layout import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC = "فريق الاتصال المشترك بين الوكالات"  # typed for the test, not demo data


def test_the_secretariat_gives_the_arabic_name_with_the_keyboard_on_a_phone(browser, live_server, demo, make_user):
    make_user("staff@secretariat.example", staff=True)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        log_in(page, "staff@secretariat.example")
        page.goto("/manage/groups/ias/edit/")
        field = page.get_by_label("Name in Arabic")
        expect(field).to_be_hidden()  # folded until asked for
        page.locator("#translations-ar > summary").focus()
        page.keyboard.press("Enter")
        expect(field).to_be_visible()
        assert field.evaluate("e => getComputedStyle(e).direction") == "rtl"
        result = page.evaluate(OVERFLOW)
        assert result["scroll"] <= result["client"], result
        field.focus()
        page.keyboard.type(ARABIC)
        page.get_by_role("button", name="Save the group").click()
        expect(page.locator("h1")).to_have_text("Inter-agency Liaison Group on Invasive Alien Species")
        assert Group.objects.get(slug="ias").translations == {"ar": {"name": ARABIC}}
    finally:
        context.close()
    arabic = browser.new_context(base_url=live_server.url, locale="ar", extra_http_headers={"Accept-Language": "ar"})
    try:
        reader = arabic.new_page()
        reader.goto("/groups/ias/")
        expect(reader.locator("h1")).to_have_text(ARABIC)
    finally:
        arabic.close()

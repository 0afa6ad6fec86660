"""The agenda editor in Debian's Chromium: the secretariat reorders items with the keyboard alone
(the focus stays on the button, a live region says where the item went), drags an item with its
sub-items, and edits one in place; numbers follow the order."""

from datetime import timedelta

import pytest
from django.utils import timezone
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import log_in
from liaison.meetings import services
from liaison.meetings.models import AgendaItem, Meeting
from liaison.portal.tests.test_browser_layout import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def numbered(page):
    return [text.split("\n")[0].strip() for text in page.locator("#agenda-items .agenda-text").all_inner_texts()]


def settled(page):
    """htmx has swapped and settled (the new buttons answer) and the focus is back where it was."""
    page.wait_for_function("() => !document.querySelector('[data-focus-id], .htmx-settling, .htmx-request, .htmx-swapping')")


def test_reorder_the_agenda_with_the_keyboard_and_by_dragging(page, demo, make_user):
    make_user("staff@secretariat.example", staff=True)
    today = timezone.localdate()
    meeting = Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting",
                                     start_date=today, end_date=today + timedelta(days=1))
    for title, sub in [("Opening", False), ("Organizational matters", False), ("Election of officers", True),
                       ("Action plan", False), ("Closure", False)]:
        services.add_agenda_item(meeting, title, sub_item=sub)
    closure = AgendaItem.objects.get(meeting=meeting, title="Closure")

    log_in(page, "staff@secretariat.example")
    page.goto(f"/manage/meetings/{meeting.pk}/")
    expect(page.locator("#agenda-items li")).to_have_count(5)

    # Keyboard only: focus "Move up" of Closure and press Enter twice; the focus stays on it.
    page.get_by_role("button", name="Move up 4 Closure").focus()
    page.keyboard.press("Enter")
    settled(page)
    expect(page.locator("#agenda-live")).to_have_text("“Closure” is now item 3, 4 of 5.")
    assert page.evaluate("document.activeElement.id") == f"agenda-{closure.pk}-up"
    page.keyboard.press("Enter")  # past item 2 and its sub-item
    settled(page)
    expect(page.locator("#agenda-live")).to_have_text("“Closure” is now item 2, 2 of 5.")
    assert numbered(page) == ["1. Opening", "2. Closure", "3. Organizational matters", "3.1. Election of officers", "4. Action plan"]
    assert page.evaluate("document.activeElement.id") == f"agenda-{closure.pk}-up"
    page.keyboard.press("Tab")  # to Move down, then back down with the keyboard
    page.keyboard.press("Enter")
    settled(page)
    expect(page.locator("#agenda-live")).to_have_text("“Closure” is now item 3, 4 of 5.")
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("number", "title")) == [
        ("1", "Opening"), ("2", "Organizational matters"), ("2.1", "Election of officers"), ("3", "Closure"), ("4", "Action plan")]

    # Drag and drop: item 2 with its sub-item goes to the end.
    organizational = AgendaItem.objects.get(meeting=meeting, title="Organizational matters")
    last = page.locator("#agenda-items li").last
    page.locator(f"#agenda-{organizational.pk} .drag-handle").drag_to(last, target_position={"x": 20, "y": last.bounding_box()["height"] - 3})
    expect(page.locator("#agenda-live")).to_have_text("“Organizational matters” is now item 4, 4 of 5.")
    assert numbered(page) == ["1. Opening", "2. Closure", "3. Action plan", "4. Organizational matters", "4.1. Election of officers"]

    # Edit in place: the item becomes a sub-item and is renumbered.
    action_plan = AgendaItem.objects.get(meeting=meeting, title="Action plan")
    page.get_by_role("link", name="Edit 3 Action plan").click()
    row = page.locator(f"#agenda-{action_plan.pk}")
    expect(row.get_by_label("Title", exact=True)).to_be_focused()
    row.get_by_label("Sub-item of the item before it").check()
    row.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#agenda-items")).to_contain_text("2.1. Action plan")
    assert numbered(page) == ["1. Opening", "2. Closure", "2.1. Action plan", "3. Organizational matters", "3.1. Election of officers"]

    # The editor, and an item being edited, pass the accessibility audit.
    audit = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
    assert Axe().run(page, options=audit).response["violations"] == []
    page.get_by_role("link", name="Edit 1 Opening").click()
    expect(page.locator("#agenda-items li.editing")).to_have_count(1)
    assert Axe().run(page, options=audit).response["violations"] == []

    # The editor fits a 390 px phone without scrolling sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/manage/meetings/{meeting.pk}/")
    expect(page.locator("#agenda-items li")).to_have_count(5)
    fit = page.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["client"], fit

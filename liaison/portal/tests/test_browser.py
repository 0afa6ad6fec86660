"""In a real headless Chromium (Debian's), driven by Playwright against the live server."""

import re

import pytest
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD
from liaison.core.models import Country
from liaison.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_group_page_then_the_ninth_meeting(page, demo):
    page.goto("/")
    page.get_by_role("link", name="Liaison Group on the Cartagena Protocol on Biosafety").click()
    expect(page).to_have_url(re.compile(r"/groups/lg-biosafety/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Liaison Group on the Cartagena Protocol on Biosafety")
    expect(page.get_by_role("heading", name="Terms of reference")).to_be_visible()
    history = page.locator(".history > li")
    expect(history).to_have_count(12)
    expect(history.first).to_contain_text("Twelfth meeting")
    expect(history.last).to_contain_text("First meeting")

    page.get_by_role("link", name="Ninth meeting of the Liaison Group on Capacity-Building for Biosafety").click()
    expect(page).to_have_url(re.compile(r"/groups/lg-biosafety/meetings/9/$"))
    expect(page.locator(".attendance")).to_contain_text(
        "It was attended by 21 participants from 13 governments and 7 organizations."
    )
    expect(page.locator("#countries li")).to_have_count(13)
    expect(page.locator("#organizations li")).to_have_count(7)
    expect(page.locator("#officers")).to_contain_text("Mr. Andreas Heissenberger (nominated by Austria)")
    expect(page.locator("#officers")).to_contain_text("Ms. Ranjini Warrier (nominated by India)")
    expect(page.locator("#agenda li")).to_have_count(11)


def test_keyboard_user_skips_to_the_content(page, demo):
    page.goto("/groups/lg-biosafety/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_meeting_page_prints_without_navigation(page, demo):
    page.goto("/groups/lg-biosafety/meetings/9/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".attendance")).to_be_visible()


def test_secretariat_logs_in_and_adds_a_delegation_in_place(page, make_user, demo):
    make_user("staff@secretariat.example", staff=True)
    # Records of a meeting already held (a meeting still to come has no attendance to show).
    meeting = Meeting.objects.create(
        group=demo["lg-biosafety"], number=13, title="Thirteenth meeting", start_date="2026-03-10", end_date="2026-03-11"
    )
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("staff@secretariat.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Manage")).to_be_visible()

    page.goto(f"/manage/meetings/{meeting.pk}/")
    section = page.locator("#part-delegations")
    expect(section.get_by_role("heading")).to_contain_text("0")
    norway = Country.objects.get(iso3="NOR")
    section.get_by_label("Country").select_option(str(norway.pk))
    section.get_by_label("Headcount").fill("2")
    section.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#part-delegations li").first).to_contain_text("Norway — 2")
    expect(page.locator("#part-delegations").get_by_role("heading")).to_contain_text("1")

    # An error comes back in place, with the form still filled in.
    page.locator("#part-delegations").get_by_label("Country").select_option(str(norway.pk))
    page.locator("#part-delegations").get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#part-delegations")).to_contain_text("Already represented: Norway.")

    page.goto(meeting.get_absolute_url())
    expect(page.locator(".attendance")).to_contain_text("It was attended by 2 participants from 1 government.")

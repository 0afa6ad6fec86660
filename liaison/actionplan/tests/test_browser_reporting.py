"""In Debian's Chromium: a focal point fills in and submits Senegal's report; the secretariat
accepts it and publishes the cycle; the public dashboard shows the new value in its chart and its
table."""

import pytest
from playwright.sync_api import expect

from conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_submitted_published_and_shown(page, browser, live_server, people, plan, cycle, indicators):
    parties, number, ratio = indicators["parties"].pk, indicators["number"].pk, indicators["ratio"].pk

    # The focal point of Senegal fills in the report, saves a draft, then submits.
    log_in(page, "fp@senegal.example")
    page.goto(f"/plans/cycles/{cycle.pk}/")
    page.get_by_role("link", name="Senegal", exact=True).click()
    page.locator(f"#i{parties}-value").select_option("yes")
    page.locator(f"#i{number}-value").fill("321")
    page.locator(f"#i{number}-narrative").fill("Customs officers trained in Dakar and Ziguinchor.")
    page.locator(f"#i{number}-evidence").fill("https://bch.cbd.int/example")
    page.locator(f"#i{ratio}-value").fill("3")
    page.locator(f"#i{ratio}-denominator").fill("4")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#report-status")).to_have_text("Draft")
    expect(page.locator(f"#i{number}-value")).to_have_value("321")
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator("#report-status")).to_have_text("Submitted")

    # Nothing is public yet.
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto(f"/plans/{plan.pk}/dashboard/")
    expect(public.get_by_text("No reporting cycle has been published yet.")).to_be_visible()

    # The secretariat accepts the report and publishes the cycle (after confirming).
    staff = browser.new_context(base_url=live_server.url).new_page()
    log_in(staff, "staff@secretariat.example")
    staff.goto(f"/plans/cycles/{cycle.pk}/")
    staff.locator("#submissions").get_by_role("link", name="Senegal", exact=True).click()
    staff.get_by_role("button", name="Accept").click()
    expect(staff.locator("#report-status")).to_have_text("Accepted")
    staff.goto(f"/plans/cycles/{cycle.pk}/")
    staff.get_by_role("link", name="Publish").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Publish the cycle?")
    staff.get_by_role("button", name="Yes, do it").click()
    expect(staff.locator("#cycle-status")).to_have_text("Published")

    # The public dashboard shows the value in the chart and in the table beside it.
    public.goto(f"/plans/{plan.pk}/dashboard/")
    indicator = public.locator(f"#indicator-{number}")
    expect(indicator.locator("svg text.value").first).to_have_text("321")
    expect(indicator.locator("table.data").first.locator("tbody tr").first).to_contain_text("2025")
    expect(indicator.locator("table.data").first.locator("tbody tr").first).to_contain_text("321")
    expect(public.locator(f"#indicator-{parties} table.data").last).to_contain_text("African Group")
    expect(public.get_by_text("Parties that reported: 1;", exact=False)).to_be_visible()

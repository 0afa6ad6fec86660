"""In Debian's Chromium: a State submits a request, the secretariat approves it for sharing with the
GPWG, a partner sees it on the consolidated list and in the briefing e-mail (real SMTP on loopback),
makes an offer, the engine proposes it, the partner accepts, and the request completes with feedback."""

import pytest
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD
from liaison.assistance.models import AssistanceRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return context, page


def test_match_making_cycle(browser, live_server, people, smtp_server):
    contexts = []
    try:
        state_context, state = person(browser, live_server, "poc@kgz.example")
        staff_context, staff = person(browser, live_server, "staff@1540.example")
        partner_context, partner = person(browser, live_server, "poc@swe.example")
        contexts = [state_context, staff_context, partner_context]

        # The State's point of contact submits a request.
        state.goto("/assistance/requests/")
        state.get_by_role("link", name="Submit a request to the 1540 Committee").click()
        state.get_by_label("Requesting state").select_option(label="Kyrgyzstan")
        state.get_by_label("Title").fill("Drafting a law on biological agents")
        state.get_by_label("Description").fill("Help drafting a law on biological agents and toxins, in Russian.")
        state.get_by_label("National legislation").check()
        state.get_by_label("Legislative drafting").check()
        state.get_by_label("Russian").check()
        state.get_by_role("button", name="Save").click()
        expect(state.locator("#request-status")).to_have_text("Received")
        request_url = state.url

        # The partner cannot see it yet.
        assert partner.goto(request_url).status == 404

        # The secretariat approves it for sharing with the GPWG; the members are briefed by e-mail.
        staff.goto(request_url)
        staff.get_by_label("Global Partnership Working Group").check()
        staff.get_by_role("button", name="Approve for sharing").click()
        expect(staff.locator("#request-status")).to_have_text("Approved for sharing")
        expect(staff.get_by_text("Briefing on 1 new request e-mailed to the current members (2)")).to_be_visible()
        mails = {m["to"][0]: m for m in smtp_server.wait_for(2)}
        assert sorted(mails) == ["member@gpwg.example", "poc@swe.example"]  # not the former member
        assert "Drafting a law on biological agents" in smtp_server.body(mails["poc@swe.example"])

        # The partner sees it on the consolidated list and makes an offer.
        partner.goto("/assistance/shared/gpwg/")
        expect(partner.get_by_role("link", name="Drafting a law on biological agents")).to_be_visible()
        partner.goto("/assistance/offers/")
        partner.get_by_role("link", name="Make an offer for requests to the 1540 Committee").click()
        partner.get_by_label("Partner (state or organization)").select_option(label="Sweden")
        partner.get_by_label("Title").fill("Legislative drafting workshops")
        partner.get_by_label("Description").fill("Workshops on drafting laws on biological agents and toxins, in Russian or English.")
        partner.get_by_label("National legislation").check()
        partner.get_by_label("Legislative drafting").check()
        partner.get_by_label("Russian").check()
        partner.get_by_label("English").check()
        partner.get_by_label("Capacity (requests it can take on)").fill("2")
        partner.get_by_role("button", name="Save the offer").click()
        expect(partner.get_by_text("Offer saved.")).to_be_visible()

        # The secretariat runs the engine for the GPWG meeting: it proposes the partner's offer.
        staff.goto("/assistance/1540/matching/")
        staff.get_by_label("Audience").select_option(label="Global Partnership Working Group")
        staff.get_by_role("button", name="Run the engine and send the proposals").click()
        expect(staff.get_by_text("1 proposal made to partners.")).to_be_visible()  # on the run's progress page
        expect(staff.locator("#job-bar")).to_have_attribute("value", "100")
        staff.get_by_role("link", name="The match-making session").click()
        expect(staff.locator("#session")).to_contain_text("Legislative drafting workshops")

        # The partner accepts.
        partner.goto("/assistance/proposals/")
        partner.get_by_role("link", name="Drafting a law on biological agents").click()
        expect(partner.locator("#reasons")).to_be_visible()
        partner.get_by_label("Accept").check()
        partner.get_by_role("button", name="Send the answer").click()
        expect(partner.locator("#proposal-status")).to_have_text("Accepted")

        # The State follows it through to completion, with feedback.
        state.goto(request_url)
        expect(state.locator("#request-status")).to_have_text("Matched")
        state.get_by_role("button", name="Mark in progress").click()
        expect(state.locator("#request-status")).to_have_text("In progress")
        state.locator("#move-completed").get_by_label("Feedback").fill("The draft law went to parliament.")
        state.locator("#move-completed").get_by_label("Lessons learned").fill("Start from a gap analysis.")
        state.locator("#move-completed").get_by_label("I confirm").check()
        state.get_by_role("button", name="Complete with feedback").click()
        expect(state.locator("#request-status")).to_have_text("Completed")
        expect(state.locator("#feedback")).to_contain_text("The draft law went to parliament.")
        request = AssistanceRequest.objects.get(title="Drafting a law on biological agents")
        assert list(request.events.values_list("to_status", flat=True)) == ["received", "approved", "matched", "in_progress", "completed"]
    finally:
        for context in contexts:
            context.close()

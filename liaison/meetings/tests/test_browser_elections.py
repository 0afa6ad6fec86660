"""An election in Debian's Chromium: the secretariat opens the election of the Chair by secret
ballot, nominates two participants present, opens the vote; each participant votes once from their
own browser; the secretariat closes the ballot (after confirming), the winner becomes the Chair and
the published results show to the public. Both pages pass the accessibility audit."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from conftest import log_in
from liaison.core.models import Person
from liaison.meetings.models import Meeting, Participant
from liaison.portal.tests.test_browser_layout import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUDIT = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def test_secret_ballot_from_nomination_to_published_result(page, browser, live_server, demo, make_user):
    make_user("staff@secretariat.example", staff=True)
    today = timezone.localdate()
    meeting = Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting",
                                     start_date=today, end_date=today + timedelta(days=1))
    for first, email in [("Amina", "amina@example.org"), ("Pedro", "pedro@example.org"), ("Chen", "chen@example.org")]:
        person = Person.objects.get(user=make_user(email, first_name=first, last_name="Expert"))
        Participant.objects.create(meeting=meeting, person=person, attended=True)
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))

    log_in(page, "staff@secretariat.example")
    page.goto(f"/manage/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Elections").click()
    page.get_by_label("Office").select_option(label="Chair")
    page.get_by_label("Ballot").select_option(value="secret")
    page.get_by_role("button", name="Open the nominations").click()
    expect(page.get_by_text("Nominations are open.")).to_be_visible()
    for name in ("Amina Expert", "Pedro Expert"):
        page.get_by_label("Nominate").select_option(label=name)
        page.get_by_role("button", name="Add the candidate").click()
        expect(page.get_by_text(f"New candidate: {name}.")).to_be_visible()
    assert Axe().run(page, options=AUDIT).response["violations"] == []
    page.get_by_role("button", name="Open the vote").click()
    expect(page.locator(".election .badge").first).to_have_text("Voting")

    # Each participant votes once, from their own browser.
    for email, choice in [("amina@example.org", "Pedro Expert"), ("pedro@example.org", "Pedro Expert"), ("chen@example.org", "Abstain")]:
        context = browser.new_context(base_url=live_server.url)
        voter = context.new_page()
        voter.on("dialog", lambda dialog: dialog.accept())
        log_in(voter, email)
        voter.goto("/groups/lg-biosafety/meetings/13/elections/")
        voter.get_by_label(choice).check()
        if email == "amina@example.org":
            assert Axe().run(voter, options=AUDIT).response["violations"] == []
        voter.get_by_role("button", name="Cast my vote").click()
        expect(voter.get_by_text("You have voted in this ballot.")).to_be_visible()
        expect(voter.get_by_role("button", name="Cast my vote")).to_have_count(0)
        context.close()

    page.reload()
    expect(page.get_by_text("3 of 3 participants present have voted.")).to_be_visible()
    page.get_by_role("button", name="Close the ballot and record the result").click()
    expect(page.get_by_text("Elected Chair: Pedro Expert, with 2 of 2 votes cast.").first).to_be_visible()
    expect(page.locator(".election-results tfoot")).to_contain_text("1")
    page.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_text("The results are published.")).to_be_visible()
    assert [q.split("?")[0] for q in questions] == ["Close the nominations and open the vote", "Close the ballot", "Publish the results"]
    assert Participant.objects.get(meeting=meeting, office="chair").person.first_name == "Pedro"

    # Both pages fit a 390 px phone without scrolling sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/manage/meetings/{meeting.pk}/elections/")
    fit = page.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["client"], fit

    # The public sees the published result.
    anonymous = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    anonymous.goto("/groups/lg-biosafety/meetings/13/elections/")
    expect(anonymous.get_by_text("Elected Chair: Pedro Expert, with 2 of 2 votes cast.")).to_be_visible()
    expect(anonymous.locator(".election-results tbody tr")).to_have_count(2)
    fit = anonymous.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["client"], fit
    anonymous.context.close()

"""The invitation journey in Debian's Chromium (issue 10): the secretariat finds invitees by
searching and ticks them with the keyboard, previews the e-mail, edits its message and sends (after
confirming); the expert, in Tokyo, reads the meeting's time in the venue's zone and in her own,
declines with a reason, changes her mind and accepts; after the reply deadline the answer stands.
The new pages pass the axe audit."""

import re
from datetime import time, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD
from liaison.core.models import Country, Person
from liaison.meetings.models import Invitation, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def no_violations(page):
    found = Axe().run(page, options=WCAG).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def test_invite_preview_edit_send_then_decline_and_change_the_answer(page, browser, live_server, demo, make_user, smtp_server):
    make_user("staff@secretariat.example", staff=True)
    start = timezone.localdate() + timedelta(days=60)
    meeting = Meeting.objects.create(
        group=demo["lg-biosafety"], number=13, title="Thirteenth meeting of the Liaison Group", start_date=start,
        end_date=start + timedelta(days=1), start_time=time(10), end_time=time(17), time_zone="America/Toronto",
        city="Montreal", country=Country.objects.get(iso3="CAN"),
    )
    Person.objects.create(honorific="Dr.", first_name="Amina", last_name="Diallo", email="amina@example.org",
                          country=Country.objects.get(iso3="SEN"))
    Person.objects.create(honorific="Mr.", first_name="Pedro", last_name="Alves", email="pedro@example.org",
                          country=Country.objects.get(iso3="BRA"))
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("staff@secretariat.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")
    page.goto(f"/manage/meetings/{meeting.pk}/invitations/")
    assert no_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    # Search, then tick with the keyboard; the ticked person stays ticked through the next search.
    search = page.get_by_label("Search people")
    search.fill("diallo")
    expect(page.locator("#candidates-count")).to_contain_text("1 person matches “diallo”")
    search.press("Tab")  # to the Search button
    page.keyboard.press("Tab")  # to the first box of the list
    page.keyboard.press("Space")
    expect(page.get_by_label("Dr. Amina Diallo")).to_be_checked()
    search.fill("Alves")
    expect(page.locator("#candidates-count")).to_contain_text("“Alves”")
    expect(page.get_by_label("Dr. Amina Diallo")).to_be_checked()
    page.get_by_label("Mr. Pedro Alves").check()

    # Preview: the e-mail of one invitee, then of the other, with an edited message.
    page.get_by_role("button", name="Preview the invitation").click()
    expect(page.locator("#email-body")).to_contain_text("Dear Dr. Amina Diallo,")
    expect(page.locator("#email-body")).to_contain_text("(America/Toronto;")
    assert no_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 800})  # the preview fits a phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Message").fill("We are pleased to invite you.\n\nInterpretation into French will be provided.")
    page.get_by_label("Preview the e-mail of").select_option(label="Mr. Pedro Alves")
    page.get_by_role("button", name="Update the preview").click()
    expect(page.locator("#email-body")).to_contain_text("Dear Mr. Pedro Alves,")
    expect(page.locator("#email-body")).to_contain_text("Interpretation into French will be provided.")
    assert smtp_server.messages == []
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("2 invitations queued for sending.")).to_be_visible()
    assert questions == ["Send the invitations now? Each invitee receives an e-mail."]
    mails = smtp_server.wait_for(2)
    assert all("Interpretation into French will be provided." in smtp_server.body(m) for m in mails)
    links = {m["to"][0]: re.search(r"https?://[^/\s]+(/invitations/\S+/)", smtp_server.body(m)).group(1) for m in mails}

    # The expert, in Tokyo, declines with a reason, then changes her answer.
    context = browser.new_context(base_url=live_server.url, timezone_id="Asia/Tokyo", viewport={"width": 390, "height": 800})
    expert = context.new_page()
    expert.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    expert.goto(links["amina@example.org"])
    when = expert.locator("#meeting-time")
    expect(when).to_contain_text("10:00 – ")
    expect(when).to_contain_text("venue's time, America/Toronto")
    expect(when.locator(".viewer-time")).to_contain_text("(your time, Asia/Tokyo)")
    assert no_violations(expert) == []
    assert expert.evaluate("document.documentElement.scrollWidth") <= 390
    expert.get_by_label("Reason for declining (optional, shown to the secretariat)").fill("I teach that week.")
    expert.get_by_role("button", name="Decline").click()
    expect(expert.locator("#invitation-status")).to_contain_text("You declined this invitation")
    expect(expert.locator("#invitation-status")).to_contain_text("I teach that week.")
    assert questions[-1] == "Decline this invitation?"
    page.reload()
    expect(page.locator("#invitations")).to_contain_text("Reason: I teach that week.")

    expert.get_by_role("button", name="Accept the invitation").click()
    expect(expert.locator("#invitation-status")).to_contain_text("You accepted this invitation")
    page.reload()
    expect(page.locator("#invitations tr", has_text="Amina Diallo")).to_contain_text("Accepted")

    # After the reply deadline the answer stands.
    Invitation.objects.filter(email="amina@example.org").update(expires_at=timezone.now() - timedelta(minutes=1))
    expert.reload()
    expect(expert.locator("#invitation-closed")).to_contain_text("can no longer be changed")
    expect(expert.get_by_role("button", name="Decline")).to_have_count(0)
    context.close()
    assert Invitation.objects.get(email="amina@example.org").status == "accepted"

"""In Debian's Chromium: a focal point nominates an expert who lacks a requirement and sees why; the
secretariat approves a complete nomination, plans a panel for a meeting, swaps one person, invites."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from conftest import fill_nomination, log_in
from liaison.core.models import Country, Person
from liaison.groups.models import Role
from liaison.meetings.models import Meeting
from liaison.roster.models import Expert, ExpertiseArea, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nominate_review_plan_swap_invite(page, browser, live_server, demo, make_user, smtp_server):
    group = demo["lg-biosafety"]
    focal = make_user("focal@senegal.example", group=group, role=Role.FOCAL_POINT)
    focal.person.country = Country.objects.get(iso3="SEN")
    focal.person.save()
    make_user("staff@secretariat.example", staff=True)
    areas = {a.code: a for a in ExpertiseArea.objects.filter(group=group)}
    for first, last, gender, iso3, area, status in [
        ("Kofi", "Mensah", "male", "GHA", "liability-redress", Status.SUBMITTED),
        ("Mei", "Lin", "female", "CHN", "information-sharing", Status.APPROVED),
        ("Eva", "Novak", "female", "CZE", "education-training", Status.APPROVED),
        ("Ana", "Lima", "female", "BRA", "public-awareness", Status.APPROVED),
        ("Kari", "Nordmann", "female", "NOR", "national-frameworks", Status.APPROVED),
        ("Hans", "Muller", "male", "DEU", "risk-assessment", Status.APPROVED),
    ]:
        person = Person.objects.create(first_name=first, last_name=last, gender=gender, email=f"{first.lower()}@example.org", country=Country.objects.get(iso3=iso3))
        expert = Expert.objects.create(group=group, person=person, nationality=person.country, nominating_country=person.country, stakeholder="government",
                                       profile=f"Works on {area.replace('-', ' ')}.", highest_degree=2, years_experience=9, references="a\nb", status=status)
        expert.areas.add(areas[area])
    start = timezone.localdate() + timedelta(days=60)
    meeting = Meeting.objects.create(group=group, number=13, title="Thirteenth meeting", start_date=start, end_date=start)

    # The focal point nominates an expert with too little experience and one reference.
    log_in(page, "focal@senegal.example")
    page.goto("/roster/lg-biosafety/nominate/")
    fill_nomination(page, "Plant scientist.", "3", "Prof. A, a@example.org")
    page.get_by_role("button", name="Save").click()
    missing = page.locator("#missing")
    expect(missing).to_contain_text("At least 5 years of experience are required; the nomination gives 3.")
    expect(missing).to_contain_text("2 references are required; the nomination gives 1.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Not submitted")
    expect(page.locator("#nomination-status")).to_have_text("Draft")

    # The secretariat approves a complete nomination.
    staff_context = browser.new_context(base_url=live_server.url)
    staff = staff_context.new_page()
    log_in(staff, "staff@secretariat.example")
    staff.goto("/manage/roster/lg-biosafety/review/")
    card = staff.locator("section.card", has_text="Kofi Mensah")
    expect(card).to_contain_text("Meets the minimum requirements.")
    card.get_by_label("Decision").select_option(label="Approve")
    card.get_by_role("button", name=re.compile("Record the decision")).click()
    expect(staff.locator(".messages")).to_contain_text("Kofi Mensah: On the roster.")

    # Plan five seats, one per region, then swap one person and see the effect.
    staff.goto(f"/manage/meetings/{meeting.pk}/panel/")
    staff.get_by_label("Seats").fill("5")
    quotas = staff.locator("#quotas tbody tr")
    expect(quotas).to_have_count(9)  # the five UN regional groups, two genders, two blank rows
    for n in range(5):  # one seat per regional group, typed in the table
        expect(quotas.nth(n).get_by_label("Category")).to_have_value("region")
        quotas.nth(n).get_by_label("At least").fill("1")
        quotas.nth(n).get_by_label("At most").fill("1")
    for n in (5, 6):
        quotas.nth(n).get_by_label("Remove this row").check()
    staff.get_by_role("button", name="Add a row").click()  # with the keyboard: the new row's first field has the focus
    expect(quotas).to_have_count(10)
    expect(quotas.nth(9).get_by_label("Category")).to_be_focused()
    staff.keyboard.press("Tab")  # Value
    new_row = quotas.nth(9)
    new_row.get_by_label("Value").select_option(label="Female")  # the category follows the value
    expect(new_row.get_by_label("Category")).to_have_value("gender")
    assert new_row.locator("optgroup[label='UN regional group']").evaluate("g => g.disabled")  # only genders offered now
    new_row.get_by_label("Category").select_option(label="Gender")
    new_row.get_by_label("At least").fill("0")
    new_row.get_by_label("At most").fill("5")
    assert staff.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    staff.set_viewport_size({"width": 390, "height": 800})
    assert staff.evaluate("document.documentElement.scrollWidth <= 390")  # the table scrolls in its own box
    staff.set_viewport_size({"width": 1280, "height": 800})
    audit = Axe().run(staff, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    assert [v["id"] for v in audit.response["violations"]] == []  # the quota table with its added row
    staff.get_by_role("button", name="Propose a panel").click()
    expect(staff.locator("#balance")).to_contain_text("Asia-Pacific Group")
    expect(staff.locator("#balance")).to_contain_text("Gender: Female")
    expect(staff.locator("#balance")).not_to_contain_text("region=")
    expect(staff.locator("#panel tbody tr")).to_have_count(5)
    expect(staff.locator("#panel")).to_contain_text("Kofi Mensah")
    out = "Kari Nordmann" if staff.locator("#panel", has_text="Kari Nordmann").count() else "Hans Muller"
    other = "Hans Muller" if out == "Kari Nordmann" else "Kari Nordmann"
    staff.get_by_label("Panel member to replace").select_option(label=out)
    staff.get_by_label("Replacement").select_option(label=other)
    staff.get_by_role("button", name="Swap and show the effect").click()
    expect(staff.locator("#panel")).to_contain_text(other)
    expect(staff.locator("#balance")).not_to_contain_text("no")

    staff.get_by_role("button", name="Invite this panel").click()
    # the invitation is previewed (and its message may be edited) before anything is sent
    expect(staff.get_by_role("heading", level=1)).to_have_text("Preview the invitation")
    assert smtp_server.messages == []
    staff.on("dialog", lambda dialog: dialog.accept())
    staff.get_by_role("button", name="Send the invitations").click()
    expect(staff.locator(".messages")).to_contain_text("5 invitations queued for sending.")
    expect(staff.locator("#invitations tbody tr")).to_have_count(5)
    assert len(smtp_server.wait_for(5)) == 5
    staff_context.close()

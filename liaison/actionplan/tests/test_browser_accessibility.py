"""In Debian's Chromium: an axe-core audit (bundled by axe-playwright-python, never downloaded) of every
page of the action plan, public and secretariat, with no violation; the editor used with the keyboard
alone through htmx; and the editor's pages fitting a 390 px phone."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import log_in
from liaison.actionplan import needs, reporting, services
from liaison.actionplan.models import QuestionKind, Submission, SubmissionStatus, Value
from liaison.core.models import Country

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def audit(page, urls):
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        found = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in Axe().run(page, options=WCAG).response["violations"]]
        assert found == [], url


@pytest.fixture
def published(plan, indicators, cycle):
    """Kenya's accepted report in the 2025 cycle, published; a 2026 cycle open for Senegal's report."""
    submission = Submission.objects.create(cycle=cycle, country=Country.objects.get(iso3="KEN"), status=SubmissionStatus.ACCEPTED)
    Value.objects.bulk_create([
        Value(submission=submission, indicator=indicators["parties"], value=Decimal(1)),
        Value(submission=submission, indicator=indicators["number"], value=Decimal(12), narrative="Trained."),
        Value(submission=submission, indicator=indicators["ratio"], value=Decimal(1), denominator=Decimal(4)),
    ])
    reporting.move_cycle(cycle, "close")
    reporting.move_cycle(cycle, "publish")
    later = reporting.create_cycle(
        plan, title="Report on 2026", year=2026, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
        deadline=date.today() + timedelta(days=30), indicators=indicators.values(),
    )
    return reporting.move_cycle(later, "open")


@pytest.fixture
def assessment(plan, people):
    assessment = needs.create_assessment(plan, title="Capacity-building needs 2025", year=2025)
    first = assessment.sections.get(objective__number=1)
    needs.add_question(first, kind=QuestionKind.PRIORITY, text="Priority of a best practice guide",
                       activities=[first.objective.activities.first()])
    needs.add_question(first, kind=QuestionKind.YES_NO, text="Is a biosafety law in force?")
    needs.add_question(first, kind=QuestionKind.CHOICE, text="Main obstacle", choices=["Funding", "Staff"])
    needs.add_question(first, kind=QuestionKind.NUMBER, text="Laboratories in operation")
    needs.add_question(first, kind=QuestionKind.TEXT, text="Anything else?")
    needs.move(assessment, "open")
    return assessment


def test_public_and_reporters_pages_have_no_violations(page, plan, people, published, assessment):
    audit(page, [f"/plans/{plan.pk}/", f"/plans/{plan.pk}/dashboard/", f"/plans/{plan.pk}/cycles/"])
    log_in(page, "fp@senegal.example")
    audit(page, [f"/plans/cycles/{published.pk}/", f"/plans/cycles/{published.pk}/reports/SEN/",
                 f"/plans/{plan.pk}/needs/", f"/plans/needs/{assessment.pk}/responses/SEN/"])


def test_secretariat_pages_have_no_violations(page, plan, people, cycle, published, assessment):
    services.revise(plan, reason="Revised by decision BS-VI/3")
    objective = plan.objectives.get(number=1)
    indicator = objective.indicators.order_by("position").first()
    services.edit(indicator, {"unit": "Parties"}, expected_version=indicator.version, targets={2020: Decimal(100)})
    log_in(page, "staff@secretariat.example")
    audit(page, [
        f"/plans/{plan.pk}/", f"/plans/{plan.pk}/edit/", f"/plans/{plan.pk}/edit/indicator/{indicator.pk}/",
        f"/plans/{plan.pk}/edit/objectives/{objective.pk}/add/", f"/plans/{plan.pk}/edit/objectives/add/",
        f"/plans/{plan.pk}/revise/", f"/plans/{plan.pk}/history/", f"/plans/{plan.pk}/versions/1/",
        f"/plans/{plan.pk}/cycles/", f"/plans/cycles/{published.pk}/", f"/plans/cycles/{published.pk}/close/",
        f"/plans/cycles/{cycle.pk}/reports/KEN/", f"/plans/{plan.pk}/dashboard/",
        f"/plans/{plan.pk}/needs/", f"/plans/needs/{assessment.pk}/", f"/plans/needs/{assessment.pk}/results/",
    ])


def test_the_audit_finds_problems_on_these_pages(page, plan):
    """Guard against an audit that silently checks nothing."""
    page.goto(f"/plans/{plan.pk}/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png><input type=text>')")
    assert {"image-alt", "label"} <= {v["id"] for v in Axe().run(page, options=WCAG).response["violations"]}


def test_the_secretariat_edits_an_indicator_with_the_keyboard_on_a_phone(browser, live_server, plan, people):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "staff@secretariat.example")
    indicator = plan.objectives.get(number=1).indicators.order_by("position").first()
    page.goto(f"/plans/{plan.pk}/edit/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Keyboard only: focus the row's Edit link, Enter opens the form in place (htmx).
    page.locator(f"#indicator-{indicator.pk} a", has_text="Edit").focus()
    page.keyboard.press("Enter")
    targets = page.locator(f"#indicator{indicator.pk}-targets")
    expect(targets).to_be_visible()
    row = page.locator(f"#indicator-{indicator.pk}")

    def type_targets_and_save(text):
        targets.focus()
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        page.keyboard.press("Tab")
        while page.evaluate("document.activeElement.tagName") != "BUTTON":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")

    # A wrong target is said in place, the input kept; then corrected.
    type_targets_and_save("2016 sixty")
    expect(row.get_by_role("alert").first).to_contain_text("year: value")
    expect(targets).to_have_value("2016 sixty")
    type_targets_and_save("2016: 60\n2020: 100")
    expect(row).to_contain_text("2016 60, 2020 100")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Adding and removing (after the confirmation) work on the phone too.
    page.locator("details summary").first.click()
    form = page.locator("details[open] form")
    form.get_by_label("Add").select_option("outcome")
    form.get_by_label("Text").fill("Regional networks are sustained")
    form.get_by_role("button", name="Add", exact=True).click()
    added = page.locator("tr[id^=outcome-]", has_text="Regional networks are sustained")
    expect(added).to_be_visible()
    added.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Removed; the history keeps its text.")).to_be_visible()
    expect(page.locator("tr[id^=outcome-]", has_text="Regional networks are sustained")).to_have_count(0)
    page.goto(f"/plans/{plan.pk}/history/")
    expect(page.locator("tbody tr", has_text="(removed)")).to_contain_text("staff@secretariat.example")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()

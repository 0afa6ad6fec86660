"""An Arabic reader's pages are mirrored (issue 14, item 4 and its "done when"): in Debian's Chromium,
at 1280 px and on a 390 px phone, the public group page, a meeting page, the roster and the action
plan's dashboard are right to left — the header starts at the right, a table's first column is at
the right, the charts' first bar and the participation bars grow from the right — and no element
sticks out of the screen on either side. The layout is mirrored by logical CSS (liaison.css), not by
a stylesheet of its own."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from liaison.actionplan import reporting
from liaison.actionplan.models import ActionPlan, Submission, SubmissionStatus, Value
from liaison.core.models import Country

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOX = "e => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, width: b.width}; }"

# Every element with a box lies inside the screen, except the visually hidden ones (and the skip link
# until it is focused) and what scrolls inside a box of its own (a wide table on a phone).
OUTSIDE = """() => {
  const width = window.innerWidth;
  const scrolled = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
  const out = [...document.querySelectorAll('body *')].filter(e => {
    if (e.closest('.visually-hidden, .skip-link')) return false;
    const b = e.getBoundingClientRect();
    return b.width > 0 && b.height > 0 && (b.right > width + 1 || b.left < -1) && !scrolled(e);
  }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ')[0] : ''));
  return {scroll: document.documentElement.scrollWidth, width, out};
}"""


def box(locator):
    return locator.evaluate(BOX)


@pytest.fixture
def dashboard(demo):
    """The demo plan's dashboard with two published cycles: Kenya's and Brazil's numbers of trained
    customs officers in 2024 and 2025 (a chart of two years, and one of regional groups)."""
    plan = ActionPlan.objects.get(group=demo["lg-biosafety"])
    indicator = plan.objectives.get(number=3).indicators.get(text__startswith="Number of customs officers")
    for year, figures in ((2024, {"KEN": 12, "BRA": 4}), (2025, {"KEN": 20, "BRA": 9})):
        cycle = reporting.create_cycle(plan, title=f"Report on {year}", year=year, period_start=date(year, 1, 1),
                                       period_end=date(year, 12, 31), deadline=date.today() + timedelta(days=10), indicators=[indicator])
        reporting.move_cycle(cycle, "open")
        for iso3, figure in figures.items():
            submission = Submission.objects.create(cycle=cycle, country=Country.objects.get(iso3=iso3), status=SubmissionStatus.ACCEPTED)
            Value.objects.create(submission=submission, indicator=indicator, value=Decimal(figure))
        reporting.move_cycle(cycle, "close")
        reporting.move_cycle(cycle, "publish")
    return f"/plans/{plan.pk}/dashboard/", indicator


def assert_mirrored(page, url, width, table=True):
    """The page is right to left, starts at the right, and fits the screen."""
    response = page.goto(url)
    assert response.status == 200, url
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The header: the site's name at the right, the navigation's first item at its right end.
    header, brand = box(page.locator(".site-header")), box(page.locator(".site-header .brand"))
    assert brand["left"] + brand["width"] / 2 > header["left"] + header["width"] / 2, (url, width, brand)
    menu, items = box(page.locator(".site-header nav ul")), page.locator(".site-header nav li")
    first, last = box(items.first), box(items.last)
    assert abs(first["right"] - menu["right"]) <= 1, (url, width, first, menu)
    assert first["left"] > last["left"] or last["top"] > first["top"], (url, width, first, last)  # a phone wraps the menu
    if table:  # a table: its first column at the right
        table = page.locator("main table").first
        cells = table.locator("tr").first.locator("th, td")
        first_cell, last_cell = box(cells.first), box(cells.last)
        assert first_cell["left"] > last_cell["left"], (url, width, first_cell, last_cell)
        assert abs(first_cell["right"] - box(table)["right"]) <= 2, (url, width)
    # Nothing outside the screen, on either side.
    result = page.evaluate(OUTSIDE)
    assert result["scroll"] <= result["width"] and result["out"] == [], (url, width, result)


def assert_chart_reads_from_the_right(chart, url, width):
    bars = chart.locator("rect.bar")
    assert bars.count() >= 2, url
    first, second = box(bars.first), box(bars.nth(1))
    assert first["left"] > second["left"], (url, width, first, second)
    assert first["right"] > box(chart)["left"] + box(chart)["width"] / 2, (url, width)  # the first bar in the right half


@pytest.mark.parametrize("width", [1280, 390])
def test_arabic_pages_are_mirrored_and_fit_the_screen(browser, live_server, demo, dashboard, width):
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900},
                                  is_mobile=width < 500, locale="ar-EG")
    page = context.new_page()
    page.set_default_timeout(15_000)
    dashboard_url, indicator = dashboard
    try:
        # The group page: its meeting history and the chart of participants per meeting.
        assert_mirrored(page, "/groups/lg-biosafety/", width, table=False)
        # The meeting history's rule (border-inline-start) stands at the right of each meeting.
        sides = page.locator(".history li").first.evaluate("e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]")
        assert sides == ["3px", "0px"], sides
        assert_chart_reads_from_the_right(page.locator("figure.chart svg").first, "/groups/lg-biosafety/", width)

        # A meeting page: the participation bars by UN regional group grow from the right.
        assert_mirrored(page, "/groups/lg-biosafety/meetings/9/", width)
        tracks = page.locator("#balance svg.track")
        partial = 0
        for i in range(tracks.count()):
            track, fill = box(tracks.nth(i)), box(tracks.nth(i).locator("rect.fill"))
            if fill["width"] > 0:
                assert abs(fill["right"] - track["right"]) <= 2, (width, i, track, fill)
                partial += fill["left"] > track["left"] + 2
        assert partial >= 1, "no bar shorter than its track: the test would not see which side it grows from"

        # The roster of experts.
        assert_mirrored(page, "/roster/lg-biosafety/", width)

        # The action plan's dashboard: its charts by year and by regional group read from the right.
        assert_mirrored(page, dashboard_url, width)
        for chart in (f"#chart-y{indicator.pk}-title", f"#chart-r{indicator.pk}-title"):
            assert_chart_reads_from_the_right(page.locator(f"svg:has({chart})"), dashboard_url, width)
    finally:
        context.close()


def test_an_english_page_stays_left_to_right(page, demo):
    """The same checks the other way round: English is laid out from the left as before."""
    page.goto("/groups/lg-biosafety/meetings/9/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
    header, brand = box(page.locator(".site-header")), box(page.locator(".site-header .brand"))
    assert brand["left"] + brand["width"] / 2 < header["left"] + header["width"] / 2
    cells = page.locator("main table").first.locator("tr").first.locator("th, td")
    assert box(cells.first)["left"] < box(cells.last)["left"]
    tracks = page.locator("#balance svg.track")
    for i in range(tracks.count()):
        track, fill = box(tracks.nth(i)), box(tracks.nth(i).locator("rect.fill"))
        if fill["width"] > 0:
            assert abs(fill["left"] - track["left"]) <= 2

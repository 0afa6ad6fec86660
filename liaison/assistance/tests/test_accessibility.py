"""Accessibility audit of every assistance page with axe-core in Debian's Chromium (as the
secretariat, as a partner and as the public), and a 390 px phone without sideways scrolling."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import log_in
from liaison.assistance import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def audit(page, url):
    assert page.goto(url).status == 200, url
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options=WCAG)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def pages(f):
    r, i = f["received"].pk, f["initiative"].pk
    public = ["/assistance/", "/assistance/1540/contacts/", "/assistance/initiatives/", f"/assistance/initiatives/{i}/",
              "/assistance/stocktaking/", "/assistance/trends/"]
    partner = ["/assistance/requests/", f"/assistance/requests/{f['shared'].pk}/", "/assistance/shared/gpwg/", "/assistance/offers/",
               "/assistance/1540/offers/new/", f"/assistance/offers/{f['offer'].pk}/", "/assistance/proposals/",
               f"/assistance/proposals/{f['proposal'].pk}/", f"/assistance/sessions/{f['session'].pk}/"]
    secretariat = [f"/assistance/requests/{r}/", "/assistance/1540/requests/new/", "/assistance/1540/contacts/new/",
                   "/assistance/1540/contacts/missing/", "/assistance/1540/matching/", "/assistance/duplicates/",
                   "/assistance/1540/initiatives/new/", f"/assistance/initiatives/{i}/edit/"]
    return public, partner, secretariat


@pytest.fixture
def flagged(full, people):
    """The full world with the duplication check run and one flag decided (its history shows)."""
    services.scan_duplicates(by=people["secretariat"])
    services.decide_flag(full["flag"], "dismissed", by=people["secretariat"], reason="Two phases of one programme.")
    return full


def test_assistance_pages_have_no_violations(page, flagged):
    public, partner, secretariat = pages(flagged)
    found = {url: audit(page, url) for url in public}
    log_in(page, "poc@swe.example")
    found |= {url: audit(page, url) for url in partner}
    page.get_by_role("button", name="Log out").click()
    log_in(page, "staff@1540.example")
    found |= {url: audit(page, url) for url in public + partner + secretariat}
    assert {url: v for url, v in found.items() if v} == {}


def test_assistance_pages_fit_a_390_px_phone(page, flagged):
    public, partner, secretariat = pages(flagged)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "staff@1540.example")
    wide = {}
    for url in public + partner + secretariat:
        assert page.goto(url).status == 200, url
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[url] = width
    assert wide == {}


def test_the_audit_does_find_problems(page, flagged):
    """Guard against an audit that silently checks nothing."""
    page.goto("/assistance/trends/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png><input type=text>')")
    found = {v["id"] for v in Axe().run(page, options=WCAG).response["violations"]}
    assert {"image-alt", "label"} <= found

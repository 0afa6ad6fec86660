"""My Liaison and the error pages in Debian's Chromium: reached from the header, no axe violation,
no sideways scroll on a 390 px phone."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from conftest import log_in

from .test_accessibility import WCAG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_finds_her_things_to_do_from_the_header(browser, live_server, demo, make_user):
    from liaison.workspace.models import Action, Poll

    group = demo["lg-biosafety"]
    user = make_user("member@lg.example", group=group)
    Action.objects.create(group=group, title="Circulate the revised draft", owner=user.person, due=timezone.localdate() + timedelta(days=5))
    Poll.objects.create(group=group, question="Meet in June?", options=["Yes", "No"], deadline=timezone.now() + timedelta(days=3))
    for width in (1280, 390):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 844})
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, "member@lg.example")
        page.get_by_role("link", name="My Liaison").click()
        page.wait_for_url("**/my/")
        assert page.get_by_role("heading", name="Actions you own").is_visible()
        assert page.get_by_role("link", name="Circulate the revised draft").is_visible()
        assert page.get_by_role("link", name="Meet in June?").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        results = Axe().run(page, options=WCAG)
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]] == []
        page.get_by_role("link", name="Meet in June?").click()
        page.wait_for_url("**/workspace/consultations/**")
        context.close()


def test_the_404_page_passes_the_audit(page, demo):
    page.goto("/no/such/page/")
    assert page.get_by_role("heading", name="Page not found").is_visible()
    results = Axe().run(page, options=WCAG)
    assert [v["id"] for v in results.response["violations"]] == []
    icon = page.evaluate("document.querySelector('link[rel=icon]').href")
    assert icon.startswith(page.url.split("/no/")[0]) and icon.endswith("/static/core/favicon.svg")
    assert page.request.get(icon).status == 200


def test_a_focal_point_follows_a_returned_nomination_from_my_liaison(page, demo, make_user, smtp_server):
    """Focal point journey: nominate, the secretariat returns it with a reason (e-mailed through the
    outbox), the focal point finds it on My Liaison with the reason and opens it to correct it."""
    from liaison.core.models import Country
    from liaison.roster import services
    from liaison.roster.models import Expert, ExpertiseArea

    group = demo["lg-biosafety"]
    senegal = Country.objects.get(iso3="SEN")
    focal = make_user("focal@senegal.example", group=group, role="focal_point", country=senegal)
    staff = make_user("staff@secretariat.example", staff=True)
    from liaison.core.models import Person

    person = Person.objects.create(honorific="Dr.", first_name="Amina", last_name="Diallo", email="amina@example.sn", country=senegal)
    expert = Expert.objects.create(group=group, person=person, nationality=senegal, nominating_country=senegal, nominated_by=focal,
                                   stakeholder="academia", profile="Risk assessment.", highest_degree=3, years_experience=10,
                                   references="A\nB", status="submitted")
    expert.areas.add(ExpertiseArea.objects.get(group=group, code="risk-assessment"))
    services.review(expert, "changes", staff, "Add your publications.")
    mail = smtp_server.wait_for(1)[0]
    assert mail["to"] == ["focal@senegal.example"] and "Add your publications." in smtp_server.body(mail)

    log_in(page, "focal@senegal.example")
    page.get_by_role("link", name="My Liaison").click()
    nominations = page.locator("#nominations")
    assert "Changes requested: Add your publications." in " ".join(nominations.inner_text().split())
    nominations.get_by_role("link", name="Dr. Amina Diallo").click()
    page.wait_for_url(f"**/roster/lg-biosafety/{expert.pk}/edit/")
    assert "Add your publications." in page.content()

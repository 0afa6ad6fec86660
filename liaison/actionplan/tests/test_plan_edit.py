"""The secretariat revises the plan in place: records' fields, indicators' targets, items added and
removed, objectives added, a revision kept as a version, and the history with who and when. Only the
secretariat may; a stale save is refused and keeps its input."""

from decimal import Decimal

import pytest

from liaison.actionplan import services
from liaison.actionplan.edit_forms import parse_targets
from liaison.actionplan.models import (
    ActionPlan, Activity, Change, Indicator, Objective, Outcome, PlanStatus, PlanVersion, Result, Target,
)
from liaison.core.models import Country


@pytest.fixture
def plan(demo):
    return ActionPlan.objects.get(group=demo["lg-biosafety"])


@pytest.fixture
def users(roles, make_user, demo):
    return {**roles, "focal_point": make_user("fp@senegal.example", group=demo["lg-biosafety"], role="focal_point",
                                              country=Country.objects.get(iso3="SEN"))}


def first_indicator(plan):
    return plan.objectives.get(number=1).indicators.order_by("position").first()


def edit_urls(plan):
    objective = plan.objectives.get(number=1)
    return [f"/plans/{plan.pk}/edit/", f"/plans/{plan.pk}/history/", f"/plans/{plan.pk}/revise/",
            f"/plans/{plan.pk}/edit/objectives/add/", f"/plans/{plan.pk}/edit/objectives/{objective.pk}/add/",
            f"/plans/{plan.pk}/edit/indicator/{first_indicator(plan).pk}/"]


@pytest.mark.parametrize("role,status", [("anonymous", 302), ("member", 403), ("focal_point", 403), ("observer", 403),
                                         ("chair", 403), ("secretariat", 200)])
def test_only_the_secretariat_opens_the_editor_pages(client_as, users, plan, role, status):
    client = client_as(users[role])
    for url in edit_urls(plan):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 302:
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["anonymous", "member", "focal_point", "chair"])
def test_no_one_else_writes_to_the_plan(client_as, users, plan, role):
    client = client_as(users[role])
    objective = plan.objectives.get(number=1)
    outcome = objective.outcomes.first()
    indicator = first_indicator(plan)
    posts = [
        (f"/plans/{plan.pk}/edit/objectives/{objective.pk}/add/", {"item": "outcome", "text": "Sneaked in"}),
        (f"/plans/{plan.pk}/edit/objectives/add/", {"short_title": "Sneaked in"}),
        (f"/plans/{plan.pk}/edit/outcome/{outcome.pk}/remove/", {"version": outcome.version}),
        (f"/plans/{plan.pk}/edit/indicator/{indicator.pk}/", {"version": indicator.version, "text": "Sneaked in", "targets": "2020: 1"}),
        (f"/plans/{plan.pk}/revise/", {"version": plan.version, "reason": "Sneaked in"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (302, 403), url
    assert not Change.objects.exists() and not PlanVersion.objects.exists()
    assert Outcome.objects.filter(pk=outcome.pk).exists() and not Target.objects.filter(indicator=indicator).exists()
    assert not Outcome.objects.filter(text="Sneaked in").exists() and plan.objectives.count() == 8


def test_an_indicator_is_edited_with_its_targets_and_the_history_says_who(client_as, users, plan):
    client = client_as(users["secretariat"])
    indicator = first_indicator(plan)
    url = f"/plans/{plan.pk}/edit/indicator/{indicator.pk}/"
    form = client.get(url).content.decode()
    assert 'name="targets"' in form and 'name="baseline"' in form and 'name="aggregation"' in form
    data = {"version": indicator.version, "text": indicator.text, "kind": "parties", "unit": "Parties",
            "aggregation": "count_yes", "higher_is_better": "on", "baseline": "40", "baseline_year": "2012",
            "targets": "2016: 60\n2020: 100"}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith(f"#indicator-{indicator.pk}")
    indicator.refresh_from_db()
    assert indicator.baseline == Decimal("40") and indicator.baseline_year == 2012 and indicator.version == 2
    assert dict(indicator.targets.values_list("year", "value")) == {2016: Decimal("60"), 2020: Decimal("100")}
    changes = {c.field: c for c in Change.objects.filter(record_id=indicator.pk, record="indicator")}
    assert changes["targets"].new == "2016: 60, 2020: 100" and changes["baseline"].new == "40"
    assert changes["targets"].changed_by == users["secretariat"]
    # The form shows the targets as written; the same targets again are no change.
    assert "2016: 60\n2020: 100" in client.get(url).content.decode()
    client.post(url, {**data, "version": indicator.version})
    assert Change.objects.filter(field="targets").count() == 1
    history = client.get(f"/plans/{plan.pk}/history/").content.decode()
    assert "staff@secretariat.example" in history and "2016: 60, 2020: 100" in history and "baseline" in history


def test_a_stale_or_bad_indicator_save_is_refused_and_keeps_the_input(client_as, users, plan):
    client = client_as(users["secretariat"])
    indicator = first_indicator(plan)
    url = f"/plans/{plan.pk}/edit/indicator/{indicator.pk}/"
    data = {"version": indicator.version, "text": indicator.text, "kind": "parties", "aggregation": "count_yes",
            "higher_is_better": "on", "targets": "2020: 100"}
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "targets": "2020: 77"})  # still the old version
    assert stale.status_code == 409 and "2020: 77" in stale.content.decode() and "Someone else saved" in stale.content.decode()
    bad = client.post(url, {**data, "version": indicator.version + 1, "targets": "in 2020 about 77"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 400 and "year: value" in bad.content.decode() and "in 2020 about 77" in bad.content.decode()
    assert list(Target.objects.filter(indicator=indicator).values_list("year", "value")) == [(2020, Decimal("100"))]


def test_parse_targets_reads_years_and_refuses_nonsense():
    assert parse_targets("2016: 50\n\n2020: 1,000.5; 2024:12") == {2016: Decimal("50.00"), 2020: Decimal("1000.50"), 2024: Decimal("12.00")}
    assert parse_targets("") == {}
    for bad in ("2016 50", "1800: 3", "2016: NaN", "2016: lots", "2016: 1\n2016: 2", "\x00: 1", "2016: 1e20"):
        with pytest.raises(Exception) as refused:
            parse_targets(bad)
        assert refused.type.__name__ == "ValidationError", bad


@pytest.mark.parametrize("item,extra,model", [
    ("outcome", {}, Outcome), ("indicator", {}, Indicator),
    ("result", {"number": "1.6"}, Result), ("activity", {"heading": "Related to the checkpoints"}, Activity),
])
def test_items_are_added_at_the_end_of_their_objective(client_as, users, plan, item, extra, model):
    client = client_as(users["secretariat"])
    objective = plan.objectives.get(number=1)
    response = client.post(f"/plans/{plan.pk}/edit/objectives/{objective.pk}/add/", {"item": item, "text": "A new one", **extra})
    added = model.objects.get(objective=objective, text="A new one")
    assert response.status_code == 302 and response["Location"].endswith(f"#{item}-{added.pk}")
    assert added.position == max(model.objects.filter(objective=objective).values_list("position", flat=True))
    for name, value in extra.items():
        assert getattr(added, name) == value
    change = Change.objects.get()
    assert (change.record, change.record_id, change.field, change.new, change.changed_by) == (
        item, added.pk, "(added)", "A new one", users["secretariat"])
    assert "A new one" in client.get(f"/plans/{plan.pk}/").content.decode()


def test_an_item_without_text_is_refused_with_the_input_kept(client_as, users, plan):
    objective = plan.objectives.get(number=2)
    response = client_as(users["secretariat"]).post(f"/plans/{plan.pk}/edit/objectives/{objective.pk}/add/",
                                                    {"item": "result", "text": "", "number": "2.9"})
    assert response.status_code == 400 and 'value="2.9"' in response.content.decode()
    assert not Change.objects.exists()


def test_an_objective_is_added_with_the_next_number(client_as, users, plan):
    client = client_as(users["secretariat"])
    response = client.post(f"/plans/{plan.pk}/edit/objectives/add/", {"short_title": "Public awareness", "statement": "To raise …"})
    objective = Objective.objects.get(plan=plan, number=9)
    assert response.status_code == 302 and objective.short_title == "Public awareness"
    assert Change.objects.get().new == "9. Public awareness"
    assert client.post(f"/plans/{plan.pk}/edit/objectives/add/", {"short_title": ""}).status_code == 400


def test_removing_checks_the_version_and_keeps_the_text(client_as, users, plan):
    client = client_as(users["secretariat"])
    result = plan.objectives.get(number=1).results.get(number="1.2")
    url = f"/plans/{plan.pk}/edit/result/{result.pk}/remove/"
    assert client.get(url).status_code == 405
    services.edit(result, {"text": "Changed meanwhile"}, expected_version=result.version)
    stale = client.post(url, {"version": 1}, follow=True)
    assert Result.objects.filter(pk=result.pk).exists() and "it was not removed" in stale.content.decode()
    assert client.post(url, {"version": 2}).status_code == 302
    assert not Result.objects.filter(pk=result.pk).exists()
    change = Change.objects.get(field="(removed)")
    assert change.old == "Changed meanwhile" and change.changed_by == users["secretariat"]


def test_the_edit_page_offers_removal_with_a_confirmation(client_as, users, plan):
    html = client_as(users["secretariat"]).get(f"/plans/{plan.pk}/edit/").content.decode()
    outcome = plan.objectives.get(number=1).outcomes.first()
    assert f'action="/plans/{plan.pk}/edit/outcome/{outcome.pk}/remove/"' in html and "data-confirm=" in html
    assert f'/plans/{plan.pk}/edit/objective/' in html and "/remove/" not in html.split(f'id="objective-{plan.objectives.first().pk}"')[1].split("</tr>")[0]
    assert html.count('id="o') >= 8 * 4  # one add form per objective, with ids of its own


def test_revising_keeps_a_version_and_opens_the_next_revision(client_as, users, plan):
    client = client_as(users["secretariat"])
    decision = plan.group.decisions.first()
    url = f"/plans/{plan.pk}/revise/"
    assert "data-confirm" in client.get(url).content.decode()
    stale = client.post(url, {"version": plan.version - 1 or 99, "reason": "Revised by COP-MOP"})
    assert stale.status_code == 409 and "Revised by COP-MOP" in stale.content.decode()
    response = client.post(url, {"version": plan.version, "reason": "Revised by COP-MOP", "decision": decision.pk})
    assert response.status_code == 302
    plan.refresh_from_db()
    kept = PlanVersion.objects.get(plan=plan)
    assert (kept.revision, kept.decision, kept.created_by, plan.revision, plan.status) == (
        1, decision, users["secretariat"], 2, PlanStatus.REVISING)
    assert len(kept.content["objectives"]) == 8
    history = client.get(f"/plans/{plan.pk}/history/").content.decode()
    assert "Revised by COP-MOP" in history and f"/plans/{plan.pk}/versions/1/" in history
    version = client.get(f"/plans/{plan.pk}/versions/1/").content.decode()
    assert "Operational objective 8" in version and "revision 1" in version
    assert " · Adopted</p>" in version and '<span class="meta">(Count of Parties' in version
    assert " · adopted</p>" not in version and "(parties" not in version and "(number," not in version  # labels, not codes
    assert client.get(f"/plans/{plan.pk}/versions/7/").status_code == 404
    # Under revision, the plan stays public: the public reads that it may change, and the text as adopted.
    public = client_as(None).get(f"/plans/{plan.pk}/")
    assert public.status_code == 200
    note = public.content.decode().split('id="revision-note">')[1].split("</p>")[0]
    assert "preparing revision 2" in note and f'href="/plans/{plan.pk}/versions/1/"' in note
    as_adopted = client_as(None).get(f"/plans/{plan.pk}/versions/1/").content.decode()
    assert "Operational objective 8" in as_adopted and "Kept on " in as_adopted
    assert users["secretariat"].email not in as_adopted and "/history/" not in as_adopted  # who kept it is the secretariat's


def test_a_version_kept_from_a_draft_is_for_the_secretariat(client_as, users, plan):
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    plan.refresh_from_db()
    services.revise(plan, reason="R")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT  # a draft revised stays a draft
    for role in ("anonymous", "member", "focal_point"):
        assert client_as(users[role]).get(f"/plans/{plan.pk}/versions/1/").status_code == 404
        assert client_as(users[role]).get(f"/plans/{plan.pk}/").status_code == 404
    assert client_as(users["secretariat"]).get(f"/plans/{plan.pk}/versions/1/").status_code == 200


def test_reporting_goes_on_while_the_plan_is_revised(client_as, users, plan, cycle, indicators):
    """Revising an adopted plan hid it (a draft again) and with it the reporting cycle a focal point
    was filling in, the needs assessments and the dashboard. Under revision, all go on."""
    assert cycle.status == "open"
    services.revise(plan, reason="Revised by COP-MOP")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.REVISING
    focal_point = client_as(users["focal_point"])
    assert focal_point.get(f"/plans/cycles/{cycle.pk}/").status_code == 200
    assert focal_point.get(f"/plans/cycles/{cycle.pk}/reports/SEN/").status_code == 200
    anonymous = client_as(None)
    for url in (f"/plans/{plan.pk}/dashboard/", f"/plans/{plan.pk}/cycles/", f"/plans/{plan.pk}/needs/", f"/api/v1/action-plans/{plan.pk}"):
        assert anonymous.get(url).status_code == 200, url
    assert anonymous.get(f"/api/v1/action-plans/{plan.pk}").json()["status"] == "revising"
    assert plan.pk in [p["id"] for p in anonymous.get(f"/api/v1/groups/{plan.group.slug}/action-plans").json()]


def test_the_history_is_paged(client_as, users, plan):
    Change.objects.bulk_create(Change(plan=plan, record="outcome", record_id=n, field="text", new=f"v{n}") for n in range(150))
    client = client_as(users["secretariat"])
    first = client.get(f"/plans/{plan.pk}/history/").content.decode()
    assert "Page 1 of 2" in first and "?page=2" in first
    assert client.get(f"/plans/{plan.pk}/history/?page=2").status_code == 200
    assert client.get(f"/plans/{plan.pk}/history/?page=%00").status_code == 400  # NUL: a clear 4xx
    assert client.get(f"/plans/{plan.pk}/history/?page=nonsense").status_code == 200


def test_the_editor_reads_the_plan_in_a_fixed_number_of_queries(client_as, users, plan, django_assert_max_num_queries):
    client = client_as(users["secretariat"])
    client.get(f"/plans/{plan.pk}/edit/")
    with django_assert_max_num_queries(25):
        client.get(f"/plans/{plan.pk}/edit/")


def test_a_plan_hidden_by_an_earlier_revision_is_public_again_under_revision(plan):
    """Migration 0004: a plan that revising had made a draft although its text had been adopted is
    under revision (public); a plan that never was public stays a draft."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("liaison.actionplan.migrations.0004_plan_under_revision")
    services.revise(plan, reason="R")
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)  # as revising left it before
    never = ActionPlan.objects.create(group=plan.group, title="A draft never adopted")
    services.revise(never, reason="R")
    migration.drafts_once_adopted_are_under_revision(apps, None)
    assert ActionPlan.objects.get(pk=plan.pk).status == PlanStatus.REVISING
    assert ActionPlan.objects.get(pk=never.pk).status == PlanStatus.DRAFT

"""GET /api/v1/groups/{slug}/action-plans and /action-plans/{id} with the plan of seed 001; in-place
edits by the secretariat with versions and history."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.actionplan.models import ActionPlan, Change, Objective, PlanStatus

BASE = "/api/v1"


def test_the_group_lists_the_plan_of_the_ninth_meeting(client, demo):
    plans = client.get(f"{BASE}/groups/lg-biosafety/action-plans").json()
    assert len(plans) == 1
    plan = plans[0]
    assert plan["title"] == "Results-Oriented Capacity-Building Action Plan"
    assert (plan["period_start"], plan["period_end"], plan["status"]) == (2011, 2020, "adopted")
    assert plan["adopted_at"] == "Ninth meeting of the Liaison Group on Capacity-Building for Biosafety"


def test_detail_nests_objectives_indicators_results_and_activities(client, demo):
    plan_id = ActionPlan.objects.get().pk
    detail = client.get(f"{BASE}/action-plans/{plan_id}").json()
    objectives = detail["objectives"]
    assert [o["number"] for o in objectives] == list(range(1, 9))
    first = objectives[0]
    assert first["short_title"] == "National Biosafety Frameworks"
    assert first["statement"].startswith("To further support the development and implementation")
    assert first["indicators"][0]["text"] == "Number of Parties with operational regulatory frameworks"
    assert first["indicators"][0]["kind"] == "parties" and first["indicators"][0]["aggregation"] == "count_yes"
    assert [r["number"] for r in first["results"]] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert len(first["activities"]) == 12 and first["outcomes"][1]["text"] == "Functional national biosafety systems"
    assert {a["heading"] for a in objectives[2]["activities"]} >= {"Related to the checkpoints"}


def test_detail_costs_the_same_queries_whatever_the_plan_holds(client, demo):
    plan = ActionPlan.objects.get()
    with CaptureQueriesContext(connection) as before:
        client.get(f"{BASE}/action-plans/{plan.pk}")
    objective = Objective.objects.create(plan=plan, number=9, short_title="More", statement="…")
    for n in range(5):
        objective.indicators.create(text=f"Indicator {n}", position=n)
        objective.results.create(text=f"Result {n}", number=f"9.{n}", position=n)
    with CaptureQueriesContext(connection) as after:
        client.get(f"{BASE}/action-plans/{plan.pk}")
    assert len(after) == len(before)


def test_a_draft_plan_is_for_the_secretariat_only(client, demo, secretariat_token):
    plan = ActionPlan.objects.get()
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    assert client.get(f"{BASE}/groups/lg-biosafety/action-plans").json() == []
    assert client.get(f"{BASE}/action-plans/{plan.pk}").status_code == 404
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secretariat_token}"}
    assert client.get(f"{BASE}/action-plans/{plan.pk}", **auth).status_code == 200


def _patch(client, url, body, token):
    return client.patch(url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_secretariat_edits_in_place_with_version_and_history(client, demo, secretariat_token):
    plan = ActionPlan.objects.get()
    objective = plan.objectives.get(number=1)
    url = f"{BASE}/action-plans/{plan.pk}/objective/{objective.pk}"
    ok = _patch(client, url, {"version": objective.version, "changes": {"short_title": "National biosafety frameworks"}}, secretariat_token)
    assert ok.status_code == 200 and ok.json()["version"] == objective.version + 1
    stale = _patch(client, url, {"version": objective.version, "changes": {"short_title": "Lost"}}, secretariat_token)
    assert stale.status_code == 409 and stale.json()["current_version"] == objective.version + 1
    bad = _patch(client, url, {"version": objective.version + 1, "changes": {"plan": 3}}, secretariat_token)
    assert bad.status_code == 422
    change = Change.objects.get()
    assert (change.field, change.old, change.new) == ("short_title", "National Biosafety Frameworks", "National biosafety frameworks")
    history = client.get(f"{BASE}/action-plans/{plan.pk}/changes", HTTP_AUTHORIZATION=f"Bearer {secretariat_token}").json()
    assert history[0]["new"] == "National biosafety frameworks" and history[0]["changed_by"] == "api@secretariat.example"


def test_edits_need_a_secretariat_token(client, demo, roles):
    from liaison.accounts.models import APIToken

    plan = ActionPlan.objects.get()
    objective = plan.objectives.get(number=1)
    url = f"{BASE}/action-plans/{plan.pk}/objective/{objective.pk}"
    assert client.patch(url, "{}", content_type="application/json").status_code == 401
    member_token = APIToken.issue(roles["member"], "t")[1]
    body = {"version": objective.version, "changes": {"short_title": "X"}}
    assert _patch(client, url, body, member_token).status_code == 403
    assert client.get(f"{BASE}/action-plans/{plan.pk}/changes", HTTP_AUTHORIZATION=f"Bearer {member_token}").status_code == 403


def test_a_record_of_another_plan_is_not_found(client, demo, secretariat_token):
    plan = ActionPlan.objects.get()
    objective = plan.objectives.get(number=1)
    other = ActionPlan.objects.create(group=plan.group, title="Other")
    url = f"{BASE}/action-plans/{other.pk}/objective/{objective.pk}"
    assert _patch(client, url, {"version": 1, "changes": {"short_title": "X"}}, secretariat_token).status_code == 404


def test_targets_are_set_through_the_api_with_the_version(client, demo, secretariat_token):
    from decimal import Decimal

    from liaison.actionplan.models import Target

    plan = ActionPlan.objects.get()
    indicator = plan.objectives.get(number=1).indicators.order_by("position").first()
    url = f"/api/v1/action-plans/{plan.pk}/indicator/{indicator.pk}"
    ok = _patch(client, url, {"version": indicator.version, "changes": {"unit": "Parties"}, "targets": {"2016": 50, "2020": "100.5"}},
                secretariat_token)
    assert ok.status_code == 200 and ok.json()["version"] == indicator.version + 1
    assert dict(Target.objects.filter(indicator=indicator).values_list("year", "value")) == {2016: Decimal(50), 2020: Decimal("100.5")}
    assert Change.objects.get(field="targets").new == "2016: 50, 2020: 100.5"
    stale = _patch(client, url, {"version": indicator.version, "targets": {"2020": 1}}, secretariat_token)
    assert stale.status_code == 409
    for bad in ({"1066": 1}, {"2020": "1e20"}, {"2020": "0.001"}, {"2020": "NaN"}):
        response = _patch(client, url, {"version": indicator.version + 1, "targets": bad}, secretariat_token)
        assert 400 <= response.status_code < 500, bad
    assert Target.objects.filter(indicator=indicator).count() == 2
    objective = plan.objectives.get(number=1)
    wrong = _patch(client, f"/api/v1/action-plans/{plan.pk}/objective/{objective.pk}", {"version": objective.version, "targets": {"2020": 1}},
                   secretariat_token)
    assert wrong.status_code == 422

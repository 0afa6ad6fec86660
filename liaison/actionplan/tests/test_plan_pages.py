"""The plan's page (public once adopted) and the secretariat's in-place editor (htmx, versioned)."""

import pytest

from liaison.actionplan.models import ActionPlan, Change, PlanStatus


def test_plan_page_shows_objectives_results_activities_and_the_mechanism(client, demo):
    plan = ActionPlan.objects.get()
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Operational objective 8" in html and "1.5</strong> Trained permanent staff" in html
    assert "<h4>Related to the checkpoints</h4>" in html
    assert "Information sharing and networking" in html and "merged into" in html


@pytest.mark.parametrize("role,status", [("anonymous", 404), ("observer", 404), ("member", 404), ("secretariat", 200)])
def test_a_draft_plan_page_is_for_the_secretariat(client_as, roles, role, status):
    plan = ActionPlan.objects.get()
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    client = client_as(roles[role])
    for suffix in ("", "dashboard/", "dashboard.csv", "cycles/"):
        assert client.get(f"/plans/{plan.pk}/{suffix}").status_code == status


@pytest.mark.parametrize("role,status", [("anonymous", 302), ("member", 403), ("chair", 403), ("secretariat", 200)])
def test_the_editor_is_for_the_secretariat(client_as, roles, role, status):
    plan = ActionPlan.objects.get()
    assert client_as(roles[role]).get(f"/plans/{plan.pk}/edit/").status_code == status


def test_htmx_edit_saves_from_its_version_and_keeps_history(client_as, roles):
    plan = ActionPlan.objects.get()
    result = plan.objectives.get(number=1).results.get(number="1.1")
    client = client_as(roles["secretariat"])
    url = f"/plans/{plan.pk}/edit/result/{result.pk}/"
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and 'name="version"' in form.content.decode() and "<tr" in form.content.decode()
    saved = client.post(url, {"version": result.version, "number": "1.1", "text": "Biosafety laws in place"}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and "Biosafety laws in place" in saved.content.decode()
    stale = client.post(url, {"version": result.version, "number": "1.1", "text": "Lost edit"}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409 and "Lost edit" in stale.content.decode()
    result.refresh_from_db()
    assert result.text == "Biosafety laws in place"
    change = Change.objects.get()
    assert (change.old, change.new, change.changed_by) == (
        "Biosafety laws and implementing regulations in place", "Biosafety laws in place", roles["secretariat"])
    assert "Biosafety laws in place" in client.get(f"/plans/{plan.pk}/edit/").content.decode()


def test_editing_a_record_of_another_plan_is_not_found(client_as, roles):
    plan = ActionPlan.objects.get()
    other = ActionPlan.objects.create(group=plan.group, title="Other")
    result = plan.objectives.get(number=1).results.first()
    assert client_as(roles["secretariat"]).get(f"/plans/{other.pk}/edit/result/{result.pk}/").status_code == 404
    assert client_as(roles["secretariat"]).get(f"/plans/{plan.pk}/edit/nonsense/{result.pk}/").status_code == 404

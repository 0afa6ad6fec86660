"""On a large roster the planner's proposal is made by the worker: the page leads to the job's
progress page, then back to the planner with the same panel the page would have proposed, from
where swaps and invitations go on; the secretariat alone sees it."""

import pytest

from liaison.core.models import Job
from liaison.roster.tests.test_panel_page import rules


@pytest.fixture
def large(settings):
    settings.INLINE_PLANNER_EXPERTS = 0  # every roster counts as large


def test_a_large_roster_is_planned_by_the_worker_with_the_same_outcome(client_as, roles, roster, meeting, settings, large):
    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{meeting.pk}/panel/"
    response = staff.post(url, rules())
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/" and job.status == "done"
    page = staff.get(f"/jobs/{job.pk}/").content.decode()
    assert 'value="100"' in page and "A panel of 5 proposed." in page and f"{url}?job={job.pk}" in page
    shown = staff.get(f"{url}?job={job.pk}")
    result = shown.context["result"]
    html = shown.content.decode()
    assert shown.status_code == 200 and len(result.panel) == 5 and "proven optimal" in html and 'id="balance"' in html
    settings.INLINE_PLANNER_EXPERTS = 10_000
    inline = staff.post(url, rules()).context["result"]
    assert inline.panel == result.panel and [(r.rule, r.achieved) for r in inline.balance] == [(r.rule, r.achieved) for r in result.balance]
    # from the stored proposal, a swap goes on as on the page
    others = [e.pk for e in shown.context["others"]]
    swapped = staff.post(url, {**rules(), "action": "swap", "panel": result.panel, "out": result.panel[0], "in": others[0]})
    assert swapped.status_code == 200 and str(others[0]) in swapped.context["result"].panel
    for role, expected in [("member", (403, 404)), ("chair", (403, 404))]:
        client = client_as(roles[role])
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
        assert client.get(f"{url}?job={job.pk}").status_code in expected
    staff = client_as(roles["secretariat"])
    assert staff.get(f"{url}?job=00000000-0000-0000-0000-000000000000").status_code == 404
    assert staff.get(f"{url}?job=not-a-job").status_code == 404


def test_a_swap_on_a_large_roster_is_made_by_the_worker_with_the_same_outcome(client_as, roles, roster, meeting, settings, large):
    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{meeting.pk}/panel/"
    planned = staff.get(f"{url}?job={job_of(staff.post(url, rules())).pk}")
    panel, others = planned.context["result"].panel, [str(e.pk) for e in planned.context["others"]]
    swap = {**rules(), "action": "swap", "panel": panel, "out": panel[0], "in": others[0]}
    job = job_of(staff.post(url, swap))
    assert job.status == "done" and job.title.startswith("Swap on the panel") and job.params["post"]["out"] == [panel[0]]
    assert "with the swap made" in staff.get(f"/jobs/{job.pk}/").content.decode()
    shown = staff.get(f"{url}?job={job.pk}")
    swapped = shown.context["result"]
    assert shown.status_code == 200 and others[0] in swapped.panel and panel[0] not in swapped.panel
    settings.INLINE_PLANNER_EXPERTS = 10_000  # the same swap inside the request gives the same panel and balance
    inline = staff.post(url, swap)
    assert inline.status_code == 200 and Job.objects.count() == 2  # the plan's job and the swap's: no third
    assert inline.context["result"].panel == swapped.panel
    assert [(r.rule, r.achieved) for r in inline.context["result"].balance] == [(r.rule, r.achieved) for r in swapped.balance]
    for role in ("member", "chair"):
        assert client_as(roles[role]).get(f"/jobs/{job.pk}/").status_code == 404, role


def test_a_refused_swap_on_a_large_roster_keeps_the_panel_and_says_why(client_as, roles, roster, meeting, large):
    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{meeting.pk}/panel/"
    panel = staff.get(f"{url}?job={job_of(staff.post(url, rules())).pk}").context["result"].panel
    job = job_of(staff.post(url, {**rules(), "action": "swap", "panel": panel, "out": panel[0], "in": panel[1]}))
    assert job.result["error"] == f"{panel[1]} is already on the panel."
    shown = staff.get(f"{url}?job={job.pk}", follow=True)
    assert shown.context["result"].panel == panel and "is already on the panel" in shown.content.decode()


def job_of(response) -> Job:
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response
    return Job.objects.get(pk=response["Location"].split("/")[2])


def test_inviting_the_panel_of_a_large_roster_scores_nothing_and_starts_no_job(client_as, roles, roster, meeting, large, monkeypatch):
    from liaison.roster import services

    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{meeting.pk}/panel/"
    panel = staff.get(f"{url}?job={job_of(staff.post(url, rules())).pk}").context["result"].panel
    monkeypatch.setattr(services, "candidates", lambda *a, **k: pytest.fail("the roster was scored"))
    preview = staff.post(url, {**rules(), "action": "invite", "panel": [panel[1], panel[0], panel[1], "x", *panel[2:]]})
    html = preview.content.decode()
    assert preview.status_code == 200 and "Preview the invitation" in html and Job.objects.count() == 1
    assert [p.pk for p in preview.context["people"]] == [roster_person(i) for i in [panel[1], panel[0], *panel[2:]]]


def roster_person(pk):
    from liaison.roster.models import Expert

    return Expert.objects.get(pk=pk).person_id

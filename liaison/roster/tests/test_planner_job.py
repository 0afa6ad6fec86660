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

"""On a large pool the lottery's chances are computed by the worker: the page leads to the job's
progress page, then back to the lottery page, which draws with the seed from the distribution the
job kept (same hash, same panel as the page would give) and invites from it without computing it
again; the secretariat alone sees it."""

import pytest

from liaison.core.models import Job
from liaison.meetings.models import Invitation
from liaison.roster import lottery
from liaison.roster.tests.test_lottery_page import QUOTAS


@pytest.fixture
def large(settings):
    settings.INLINE_LOTTERY_PEOPLE = 0  # every pool counts as large


def test_a_large_pool_is_computed_by_the_worker_then_drawn_and_invited(client_as, roles, roster, meeting, settings, large, monkeypatch, smtp_server):
    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{meeting.pk}/lottery/"
    data = {"size": 5, **QUOTAS, "seed": "lottery 2026-11-23"}
    response = staff.post(url, data)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/" and job.status == "done"
    page = staff.get(f"/jobs/{job.pk}/").content.decode()
    assert 'value="100"' in page and "lowest chance 0.500" in page and f"{url}?job={job.pk}" in page
    shown = staff.get(f"{url}?job={job.pk}")
    assert shown.status_code == 200 and f'name="job" value="{job.pk}"' in shown.content.decode()
    assert shown.context["result"].minimum == pytest.approx(0.5) and sum(p for _, p in shown.context["rows"]) == pytest.approx(5)
    settings.INLINE_LOTTERY_PEOPLE = 10_000
    inline = staff.post(url, data)
    assert inline.context["result"].digest == shown.context["result"].digest  # the same published distribution
    assert [e.pk for e in inline.context["drawn"]] == [e.pk for e in shown.context["drawn"]]
    # inviting from the job's distribution does not compute the chances again
    monkeypatch.setattr(lottery, "solve", lambda *a, **k: pytest.fail("computed again"))
    preview = staff.post(url, {**data, "action": "invite", "job": str(job.pk)})
    assert preview.status_code == 200 and not Invitation.objects.filter(meeting=meeting).exists()  # the invitation's preview
    assert sorted(p.pk for p in preview.context["people"]) == sorted(e.person_id for e in shown.context["drawn"])
    for role in ("member", "chair"):
        client = client_as(roles[role])
        assert client.get(f"/jobs/{job.pk}/").status_code == 404 and client.get(f"{url}?job={job.pk}").status_code == 403
    staff = client_as(roles["secretariat"])
    assert staff.get(f"{url}?job=not-a-job").status_code == 404


def test_the_lottery_job_speaks_the_language_of_the_request_that_started_it(client_as, roles, roster, meeting, settings, large):
    """Its title, progress and outcome are written in the starter's language even when the worker's is
    English (under the pseudo-locale every message comes back ⟦wrapped⟧; the meeting's title is data)."""
    from django.utils import translation

    from liaison.core import jobs
    from liaison.core.tests.pseudo import OPEN, english_left, pseudo_locale

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, run below
    staff = client_as(roles["secretariat"])
    with pseudo_locale():
        staff.post(f"/manage/meetings/{meeting.pk}/lottery/", {"size": 5, **QUOTAS, "seed": "s"}, HTTP_ACCEPT_LANGUAGE="ru")
        job = Job.objects.get()
        with translation.override("en"):
            assert jobs.run(str(job.pk)) == "done"
    job.refresh_from_db()
    data = [meeting.title, meeting.group.acronym, meeting.group.name]
    for text in (job.title, job.result["message"], job.result["link_text"]):
        assert text.startswith(OPEN) and english_left(f"<p>{text}</p>", data) == [], text

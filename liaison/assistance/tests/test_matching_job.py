"""A match-making run is long work for the worker: the page that starts it leads to the run's
progress page, which the secretariat alone sees, and from there to the session it made."""

import pytest
from django.core.management import call_command

from liaison.assistance.models import MatchSession, Proposal
from liaison.core.models import Job


def run(client, world):
    return client.post(f"/assistance/{world['mechanism'].slug}/matching/", {"audience": world["gpwg"].pk, "top_k": 5})


def test_a_run_goes_to_the_worker_and_its_page_leads_to_the_session(client_as, world, people):
    client = client_as(people["secretariat"])
    response = run(client, world)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    session = MatchSession.objects.get()  # the tests' worker runs tasks at once
    assert [(p.request, p.offer) for p in Proposal.objects.filter(session=session)] == [(world["shared"], world["offer"])]
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'value="100"' in page and "1 proposal made to partners." in page and session.get_absolute_url() in page
    for role, expected in [("partner", 404), ("requester", 404), ("anonymous", 302)]:
        assert client_as(people[role]).get(f"/jobs/{job.pk}/").status_code == expected, role


@pytest.mark.django_db(transaction=True)
def test_the_run_page_polls_until_the_worker_has_run_it(client_as, world, people, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_as(people["secretariat"])
    run(client, world)
    job = Job.objects.get()
    page = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in page and not MatchSession.objects.exists()  # nothing ran in the request
    call_command("worker", batch=True, no_schedule=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and MatchSession.objects.count() == 1 and job.result["url"] == MatchSession.objects.get().get_absolute_url()


def test_a_run_recorded_under_the_engines_old_paths_still_runs_and_keeps_its_access(client_as, world, people):
    """Runs queued before the run moved to services.py name engine.run_job and engine.can_see_run."""
    from liaison.core import jobs

    job = jobs.start("liaison.assistance.engine.run_job", owner=people["secretariat"], title="Old run",
                     access="liaison.assistance.engine.can_see_run",
                     params={"mechanism": world["mechanism"].pk, "audience": world["gpwg"].pk, "meeting": None, "title": "", "top_k": 5})
    session = MatchSession.objects.get()
    assert [(p.request, p.offer) for p in Proposal.objects.filter(session=session)] == [(world["shared"], world["offer"])]
    assert "1 proposal made to partners." in client_as(people["secretariat"]).get(f"/jobs/{job.pk}/").content.decode()
    assert client_as(people["partner"]).get(f"/jobs/{job.pk}/").status_code == 404

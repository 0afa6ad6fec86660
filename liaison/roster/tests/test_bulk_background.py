"""Long nomination sheets are checked and saved by the worker, with a progress page that can be left
and come back to; nothing is saved when any row has a problem."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from liaison.core.models import Job
from liaison.roster.bulk import INLINE_ROWS
from liaison.roster.models import Expert
from liaison.roster.tests.test_bulk_upload import HEADER, focal_point, upload  # noqa: F401 - fixture

ROW = "Expert{n},Name{n},female,expert{n}@example.sn,Senegal,academia,risk-assessment,Plant scientist number {n}.,doctorate,12,Prof. A;Dr. B"


def sheet(count, bad_row=None):
    rows = [ROW.format(n=n) for n in range(count)]
    if bad_row is not None:
        rows[bad_row] = rows[bad_row].replace(f"expert{bad_row}@example.sn", "not-an-email")
    return "\n".join([HEADER, *rows]).encode()


def test_a_long_sheet_goes_to_the_worker_and_its_page_shows_the_outcome(client_as, focal_point, roles):  # noqa: F811
    client = client_as(focal_point)
    response = upload(client, "long.csv", sheet(INLINE_ROWS + 20))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert Expert.objects.filter(status="draft").count() == INLINE_ROWS + 20  # tests run tasks at once
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'value="100"' in page and f"{INLINE_ROWS + 20} nominations saved as drafts" in page
    assert "hx-trigger" not in page  # finished: the bar stops polling
    assert not default_storage.listdir("jobs/sheets")[1]  # the stored sheet is removed afterwards
    assert str(job.pk) in client.get("/jobs/").content.decode()
    # nobody else sees someone's job
    assert client_as(roles["member"]).get(f"/jobs/{job.pk}/").status_code == 404
    assert client_as(roles["anonymous"]).get(f"/jobs/{job.pk}/").status_code == 302


def test_a_long_sheet_with_one_bad_row_saves_nothing_and_names_the_row(client_as, focal_point):  # noqa: F811
    client = client_as(focal_point)
    upload(client, "long.csv", sheet(INLINE_ROWS + 5, bad_row=50))
    job = Job.objects.get()
    assert job.status == "done" and not Expert.objects.exists()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Nothing was saved" in page and "Row 52, email" in page


@pytest.mark.django_db(transaction=True)
def test_the_page_polls_while_the_worker_has_not_run_it_yet(client_as, focal_point, settings, countries):  # noqa: F811
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_as(focal_point)
    upload(client, "long.csv", sheet(INLINE_ROWS + 1))
    job = Job.objects.get()
    page = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="0"' in page and not Expert.objects.exists()
    call_command("worker", batch=True, no_schedule=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and job.percent == 100 and Expert.objects.count() == INLINE_ROWS + 1

"""A large report's PDF or DOCX is made by the worker, never inside the request: the download link
leads to a progress page, and the file is given under the same access rule as the inline download.
Small reports stay inline."""

import pytest

from liaison.core.models import Job
from liaison.reports import services
from liaison.reports.tests.test_report_access import PAGES, ROLES, participant_user, report  # noqa: F401 - fixtures

PDF_URL, DOCX_URL = PAGES[2], PAGES[1]


@pytest.fixture
def large(settings):
    settings.INLINE_DOCUMENT_CHARS = 200  # the test report counts as large


def job_of(response) -> Job:
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response
    return Job.objects.get(pk=response["Location"].split("/")[2])


def test_a_small_report_is_still_downloaded_at_once(client_as, roles, report):  # noqa: F811
    services.adopt(report, report.version)
    response = client_as(roles["anonymous"]).get(PDF_URL)
    assert response.status_code == 200 and response.content.startswith(b"%PDF") and not Job.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_a_large_adopted_report_is_made_once_by_the_worker_for_every_reader(client_as, roles, report, large, role):  # noqa: F811
    services.adopt(report, report.version)
    first = job_of(client_as(roles["anonymous"]).get(PDF_URL))
    assert first.owner is None and first.status == "done"  # the tests' worker runs tasks at once
    client = client_as(roles[role])
    assert job_of(client.get(PDF_URL)) == first  # made once per version and format, for everyone
    page = client.get(f"/jobs/{first.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and '<progress id="job-bar" max="100" value="100">' in text
    assert "The PDF is ready" in text and f"/jobs/{first.pk}/file/" in text and "hx-trigger" not in text
    file = client.get(f"/jobs/{first.pk}/file/")
    assert file.status_code == 200 and b"".join(file.streaming_content).startswith(b"%PDF")
    assert "lg-biosafety-9-report.pdf" in file["Content-Disposition"]
    docx = job_of(client.get(DOCX_URL))
    assert docx != first and b"".join(client.get(f"/jobs/{docx.pk}/file/").streaming_content)[:2] == b"PK"
    assert Job.objects.count() == 2


@pytest.mark.parametrize("role", ROLES)
def test_a_large_draft_is_made_for_its_reader_and_seen_by_nobody_else(client_as, roles, report, large, role, participant_user):  # noqa: F811
    secretariat = client_as(roles["secretariat"])
    job = job_of(secretariat.get(DOCX_URL))
    assert job.owner == roles["secretariat"] and job.status == "done" and job.file
    assert job_of(secretariat.get(DOCX_URL)) != job  # a draft changes: each request gets it as it is now
    services.send_for_review(report, report.version)
    participant = client_as(participant_user)  # may read the report under review, but did not start the job
    assert participant.get(f"/jobs/{job.pk}/").status_code == 404 and participant.get(f"/jobs/{job.pk}/file/").status_code == 404
    client = client_as(roles[role])
    expected = 200 if role == "secretariat" else 302 if role == "anonymous" else 404
    assert client.get(f"/jobs/{job.pk}/").status_code == expected
    assert client.get(f"/jobs/{job.pk}/file/").status_code == expected
    if role == "anonymous":
        assert client.get(f"/jobs/{job.pk}/")["Location"].startswith("/accounts/login/")


def test_a_shared_document_follows_the_report_when_it_is_no_longer_public(client_as, roles, report, large):  # noqa: F811
    services.adopt(report, report.version)
    job = job_of(client_as(roles["anonymous"]).get(PDF_URL))
    assert client_as(roles["observer"]).get(f"/jobs/{job.pk}/file/").status_code == 200
    report.refresh_from_db()
    services.start_revision(report, report.version)  # reopened as a draft: the secretariat's only
    assert client_as(roles["observer"]).get(PDF_URL).status_code == 404
    assert client_as(roles["observer"]).get(f"/jobs/{job.pk}/file/").status_code == 404
    assert client_as(roles["observer"]).get(f"/jobs/{job.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_progress_page_polls_until_the_worker_has_made_it(client_as, roles, report, large, settings):  # noqa: F811
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    services.adopt(report, report.version)
    client = client_as(roles["member"])
    job = job_of(client.get(PDF_URL))
    page = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="0"' in page and "/file/" not in page
    assert client.get(f"/jobs/{job.pk}/file/").status_code == 404  # nothing to download yet
    call_command("worker", batch=True, no_schedule=True, verbosity=0)
    page = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in page and 'value="100"' in page and f"/jobs/{job.pk}/file/" in page


def test_each_report_finds_its_own_shared_document_among_many(client_as, roles, report, large):  # noqa: F811
    import uuid

    services.adopt(report, report.version)
    first = job_of(client_as(roles["anonymous"]).get(PDF_URL))
    for n in range(25):  # shared documents of other reports, made later
        Job.objects.create(id=uuid.uuid4(), kind=first.kind, owner=None, title=f"other {n}", status="done", file="jobs/x.pdf",
                           params={**first.params, "meeting": first.params["meeting"] + 1000 + n})
    assert job_of(client_as(roles["member"]).get(PDF_URL)) == first


def test_the_document_job_speaks_the_language_it_was_asked_in(client_as, roles, report, large, settings):  # noqa: F811
    """Its title, progress and outcome come through gettext (⟦wrapped⟧ under the pseudo-locale), even
    when the worker's own language is English; the meeting and group names are data."""
    from django.utils import translation

    from liaison.core import jobs
    from liaison.core.tests.pseudo import OPEN, english_left, pseudo_locale

    services.adopt(report, report.version)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, run below
    seen = []
    with pseudo_locale():
        job = job_of(client_as(roles["anonymous"]).get(PDF_URL, HTTP_ACCEPT_LANGUAGE="ru"))
        original = job.kind
        with translation.override("en"):
            from liaison.reports import documents

            real = documents.run

            def recording(job, progress):
                return real(job, lambda done, total=None, message=None: (seen.append(message), progress(done, total, message)))

            documents.run = recording
            try:
                assert jobs.run(str(job.pk)) == "done"
            finally:
                documents.run = real
    job.refresh_from_db()
    meeting = report.meeting
    data = [meeting.title, meeting.group.acronym, meeting.group.name, "Русский"]
    assert original == "liaison.reports.documents.run" and len(seen) == 3
    for text in (job.title, job.message, *seen):
        assert text.startswith(OPEN) and english_left(f"<p>{text}</p>", data) == [], text

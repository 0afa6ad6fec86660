"""A large uploaded report is read by the worker: the upload leads to the job's progress page, then
to the same "Check the proposed meeting" page; nothing is written before the secretariat confirms."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.core.models import Job
from liaison.meetings.models import Meeting
from liaison.reports.tests.test_import import SAMPLE, remove_demo_ninth_meeting


@pytest.fixture(autouse=True)
def large(settings, tmp_path):
    settings.INLINE_IMPORT_KB = 0  # every file counts as large
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_large_report_is_read_by_the_worker_then_confirmed(client_as, roles, demo):
    remove_demo_ninth_meeting(demo)
    staff = client_as(roles["secretariat"])
    response = staff.post("/manage/import/", {"group": demo["lg-biosafety"].pk, "file": SimpleUploadedFile("r.txt", SAMPLE.read_bytes())})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == "done" and not default_storage.listdir("jobs/imports")[1]  # the stored upload is gone
    page = staff.get(f"/jobs/{job.pk}/").content.decode()
    assert 'value="100"' in page and f"/manage/import/{job.pk}/" in page
    preview = staff.get(f"/manage/import/{job.pk}/")
    assert "Check the proposed meeting" in preview.content.decode() and "Andreas Heissenberger" in preview.content.decode()
    assert not Meeting.objects.filter(group=demo["lg-biosafety"], number=9).exists()  # nothing before confirming
    assert staff.post("/manage/import/", {"proposal": preview.context["proposal"]}).status_code == 302
    assert Meeting.objects.get(group=demo["lg-biosafety"], number=9).delegations.count() == 20
    for role, page_status, preview_status in [("member", 404, 403), ("anonymous", 302, 302)]:
        client = client_as(roles[role])
        assert client.get(f"/jobs/{job.pk}/").status_code == page_status
        assert client.get(f"/manage/import/{job.pk}/").status_code == preview_status


def test_a_large_unreadable_file_says_so_on_the_job_page(client_as, roles, demo):
    staff = client_as(roles["secretariat"])
    staff.post("/manage/import/", {"group": demo["lg-biosafety"].pk, "file": SimpleUploadedFile("r.pdf", b"%PDF-1.4 junk")})
    job = Job.objects.get()
    page = staff.get(f"/jobs/{job.pk}/").content.decode()
    assert "PDF" in page and "/manage/import/" in page and staff.get(f"/manage/import/{job.pk}/").status_code == 404

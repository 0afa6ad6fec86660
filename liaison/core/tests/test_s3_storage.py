"""Uploaded files through Django's storage API on S3 (``LIAISON_STORAGE=s3://…``, django-storages):
a real S3-compatible server (moto's, started by the test on loopback) receives the upload, the
application serves the file from it (access rules applied) and deletes it with its record."""

import socket
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.core.models import Job
from liaison.meetings.models import Meeting, MeetingDocument
from liaison.settings import s3_storage

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n% on S3\n"
BUCKET = "liaison-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3(settings, monkeypatch, tmp_path):
    """moto's S3 server on a free loopback port, a bucket, and the storage set as LIAISON_STORAGE
    would set it; local media points at an empty folder to show nothing lands there."""
    import boto3
    from moto.server import ThreadedMotoServer

    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
                        "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(f"s3://{BUCKET}/media?endpoint_url={endpoint}&region_name=us-east-1")}
    try:
        yield client
    finally:
        server.stop()


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_the_storage_url_names_django_storages_s3():
    config = s3_storage("s3://bucket/some/prefix?endpoint_url=https://s3.example.org&region_name=eu-west-1")
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["OPTIONS"] | {} == {"bucket_name": "bucket", "location": "some/prefix", "default_acl": None, "querystring_auth": True,
                                      "file_overwrite": False, "endpoint_url": "https://s3.example.org", "region_name": "eu-west-1"}
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        s3_storage("https://bucket/prefix")


def test_a_document_is_uploaded_to_served_from_and_deleted_from_s3(s3, client_as, roles, demo, django_capture_on_commit_callbacks):
    from django.core.files.storage import storages
    from storages.backends.s3 import S3Storage

    assert isinstance(storages["default"], S3Storage) and default_storage.bucket_name == BUCKET
    meeting = Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting", start_date="2027-03-10", end_date="2027-03-11")
    secretariat = client_as(roles["secretariat"])
    form = {"documents-title": "Draft report", "documents-language": "en", "documents-distribution": "members",
            "documents-file": SimpleUploadedFile("report.pdf", PDF)}
    response = secretariat.post(f"/manage/meetings/{meeting.pk}/documents/", form, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    document = MeetingDocument.objects.get(meeting=meeting)
    stored = f"media/{document.file.name}"
    assert keys(s3) == [stored]  # in the bucket, under the prefix
    assert s3.get_object(Bucket=BUCKET, Key=stored)["Body"].read() == PDF
    from django.conf import settings

    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*"))  # nothing on local disk

    # Served by the application from S3, with the document's distribution applied.
    served = client_as(roles["member"]).get(f"/documents/{document.pk}/")
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
    assert client_as(roles["anonymous"]).get(f"/documents/{document.pk}/").status_code in (302, 403, 404)

    # Deleted from S3 with its record, once the deletion is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/documents/{document.pk}/delete/")
    assert response.status_code == 302 and not MeetingDocument.objects.filter(pk=document.pk).exists()
    assert keys(s3) == []


def test_a_job_result_on_s3_is_downloaded_by_its_owner_and_pruned(s3, client_as, roles, settings):
    job = Job.objects.create(id=uuid.uuid4(), kind="x", owner=roles["member"], title="Report (PDF)", status="done")
    job.file.save("report.pdf", ContentFile(PDF), save=True)
    assert keys(s3) == [f"media/{job.file.name}"]
    response = client_as(roles["member"]).get(f"/jobs/{job.pk}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client_as(roles["observer"]).get(f"/jobs/{job.pk}/file/").status_code == 404
    settings.PRUNE_DAYS = 0
    call_command("prune", verbosity=0)
    assert not Job.objects.filter(pk=job.pk).exists() and keys(s3) == []

"""Uploading pre-session documents: validated, stored under random names, served by distribution."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.meetings.models import AgendaItem, Meeting, MeetingDocument

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def meeting(demo):
    meeting = Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting", start_date="2027-03-10", end_date="2027-03-11")
    AgendaItem.objects.create(meeting=meeting, number="3", title="Roster of experts")
    return meeting


def upload(client, meeting, name, data, **fields):
    form = {"documents-title": "Draft report", "documents-language": "en", "documents-distribution": "members", **fields}
    form["documents-file"] = SimpleUploadedFile(name, data)
    return client.post(f"/manage/meetings/{meeting.pk}/documents/", form, HTTP_HX_REQUEST="true")


def test_upload_a_document_under_an_agenda_item(client_as, roles, meeting, media):
    item = meeting.agenda_items.get()
    response = upload(client_as(roles["secretariat"]), meeting, "../../etc/passwd.pdf", PDF,
                      **{"documents-symbol": "UNEP/CBD/BS/LG-CB/13/2", "documents-version": "Rev.1", "documents-agenda_item": item.pk})
    assert "UNEP/CBD/BS/LG-CB/13/2 Draft report" in response.content.decode()
    document = MeetingDocument.objects.get(meeting=meeting)
    assert document.original_name == "passwd.pdf" or document.original_name.endswith("passwd.pdf")
    assert ".." not in document.file.name and "passwd" not in document.file.name  # random stored name
    assert document.file.name.startswith(f"documents/{meeting.pk}/") and document.size == len(PDF)
    assert document.agenda_item == item and document.version == "Rev.1"


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("report.pdf", b"<script>alert(1)</script>", "not a PDF"),
        ("malware.exe", b"MZ\x90", "not accepted"),
        ("report.docx", b"PK\x03\x04garbage", "damaged"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(client_as, roles, meeting, media, name, data, message):
    response = upload(client_as(roles["secretariat"]), meeting, name, data)
    assert message in response.content.decode()
    assert not MeetingDocument.objects.filter(meeting=meeting).exists()
    assert not (media / "documents").exists() or not any((media / "documents").rglob("*"))


def test_oversized_file_is_refused(client_as, roles, meeting, settings):
    settings.MAX_UPLOAD_MB = 1
    response = upload(client_as(roles["secretariat"]), meeting, "big.pdf", PDF + b"0" * 1_100_000)
    assert "limit is 1 MB" in response.content.decode()
    assert not MeetingDocument.objects.filter(meeting=meeting).exists()


def test_symbol_must_look_like_a_symbol(client_as, roles, meeting):
    response = upload(client_as(roles["secretariat"]), meeting, "a.pdf", PDF, **{"documents-symbol": "not a symbol"})
    assert "A symbol looks like" in response.content.decode()


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 404), ("other_member", 404), ("observer", 404), ("member", 200), ("chair", 200), ("secretariat", 200)],
)
def test_download_follows_the_distribution(client_as, roles, meeting, role, status):
    upload(client_as(roles["secretariat"]), meeting, "draft.pdf", PDF)
    document = MeetingDocument.objects.get(meeting=meeting)
    response = client_as(roles[role]).get(f"/documents/{document.pk}/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"

"""`liaison backup` then `liaison restore` into an empty installation gives back every row of every
table and every uploaded file, byte for byte (the suite runs this on SQLite and on PostgreSQL)."""

import hashlib
import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from liaison.accounts.models import APIToken
from liaison.core.backups import FORMAT, read_manifest, storage_files
from liaison.meetings.models import Meeting, MeetingDocument
from liaison.workspace.models import Attachment, Discussion, Post

pytestmark = pytest.mark.django_db(transaction=True)


def tables():
    """Every row of every table, in an order that does not depend on the database."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            snapshot[table] = sorted(cursor.fetchall(), key=repr)
    return snapshot


def files():
    result = {}
    for name in storage_files():
        with default_storage.open(name, "rb") as handle:
            result[name] = hashlib.sha256(handle.read()).hexdigest()
    return result


@pytest.fixture
def installation(roles, settings, tmp_path, countries):
    settings.MEDIA_ROOT = tmp_path / "media"
    group = roles["member"].person.memberships.first().group
    ninth = Meeting.objects.get(group=group, number=9)
    MeetingDocument.objects.create(meeting=ninth, symbol="UNEP/CBD/BS/LG-CB/9/2", title="Draft", distribution="members",
                                   file=ContentFile(b"First paragraph.\nSecond.", name="draft.txt"))
    MeetingDocument.objects.create(meeting=ninth, title="Binary", file=ContentFile(bytes(range(256)) * 40, name="blob.pdf"))
    discussion = Discussion.objects.create(group=group, title="Framework", opening="Comments?", opened_by=roles["chair"])
    post = Post.objects.create(discussion=discussion, author=roles["member"], body="A view — with ünïcödé.")
    Attachment.objects.create(post=post, file=ContentFile(b"notes", name="notes.txt"), original_name="notes.txt", size=5)
    APIToken.issue(roles["secretariat"], "sync", scope="read")
    return tmp_path


def empty_installation():
    """What a new installation is: migrated (so the countries are there), no records, no files."""
    for name in storage_files():
        default_storage.delete(name)
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)  # post-migrate fills content types and permissions again
    from liaison.core.services import load_countries

    load_countries()


def test_backup_then_restore_gives_back_every_row_and_file(installation):
    before_tables, before_files = tables(), files()
    assert len(before_files) == 3
    archive = installation / "liaison.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    manifest = read_manifest(archive)
    assert manifest["format"] == FORMAT
    assert manifest["engine"] == connection.vendor
    assert manifest["rows"]["accounts.User"] == 5
    assert set(manifest["files"]) == set(before_files)
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "data.json"} <= set(tar.getnames())

    empty_installation()
    assert tables() != before_tables and files() == {}

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Restored" in out.getvalue()
    after = tables()
    assert set(after) == set(before_tables)
    for table in before_tables:
        assert after[table] == before_tables[table], table
    assert files() == before_files

    # The restored installation works: new rows get fresh primary keys, the token still reads.
    Meeting.objects.create(group=Meeting.objects.first().group, number=99, title="After restore", start_date="2030-01-01", end_date="2030-01-01")


def test_restore_refuses_a_non_empty_installation_and_a_damaged_archive(installation):
    archive = installation / "liaison.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    before = tables()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    assert tables() == before  # nothing touched

    damaged = installation / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "data.json":
                data = data.replace(b"Framework", b"Frameworx")
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    empty_installation()
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged))
    (installation / "not-a-backup.tar.gz").write_bytes(b"hello")
    with pytest.raises(CommandError, match="not a Liaison backup"):
        call_command("restore", str(installation / "not-a-backup.tar.gz"))

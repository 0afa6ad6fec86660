"""Issue 11, finding 10: files of deleted documents and attachments leave storage (after commit);
mail clients' one-click unsubscribe (RFC 8058) works."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from liaison.meetings.models import Meeting, MeetingDocument
from liaison.workspace import notify
from liaison.workspace.models import Attachment, Discussion, Post, Subscription


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ninth(demo):
    return Meeting.objects.get(group=demo["lg-biosafety"], number=9)


def test_deleting_a_document_removes_its_file(client_as, roles, ninth, django_capture_on_commit_callbacks):
    doc = MeetingDocument.objects.create(meeting=ninth, symbol="LG/9/1", title="Note", file=ContentFile(b"text", name="note.txt"))
    name = doc.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(roles["secretariat"]).post(f"/manage/meetings/{ninth.pk}/documents/{doc.pk}/delete/")
    assert response.status_code == 302 and not MeetingDocument.objects.filter(pk=doc.pk).exists()
    assert not default_storage.exists(name)


def test_replacing_a_file_removes_the_old_one_and_a_rollback_keeps_it(ninth, django_capture_on_commit_callbacks):
    doc = MeetingDocument.objects.create(meeting=ninth, symbol="LG/9/2", title="Note", file=ContentFile(b"v1", name="v1.txt"))
    old = doc.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # the transaction is not committed
        doc.delete()
    assert len(callbacks) == 1 and default_storage.exists(old)
    doc = MeetingDocument.objects.create(meeting=ninth, symbol="LG/9/3", title="Note", file=ContentFile(b"v1", name="v1.txt"))
    old = doc.file.name
    with django_capture_on_commit_callbacks(execute=True):
        doc.file = ContentFile(b"v2", name="v2.txt")
        doc.save()
    assert not default_storage.exists(old) and default_storage.exists(doc.file.name)


def test_deleting_a_discussion_removes_its_attachments(roles, demo, django_capture_on_commit_callbacks):
    discussion = Discussion.objects.create(group=demo["lg-biosafety"], title="T", opening="O", opened_by=roles["chair"])
    post = Post.objects.create(discussion=discussion, author=roles["member"], body="B")
    attachment = Attachment.objects.create(post=post, file=ContentFile(b"notes", name="notes.txt"), original_name="notes.txt", size=5)
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        discussion.delete()  # cascades to the post and its attachment
    assert not default_storage.exists(name)


def test_one_click_unsubscribe_from_the_mail_client(client, roles, demo, smtp_server):
    from django.test import Client

    group = demo["lg-biosafety"]
    sub = notify.subscription(roles["chair"], group)
    Subscription.objects.filter(pk=sub.pk).update(mode="immediate")
    discussion = Discussion.objects.create(group=group, title="T", opening="O", opened_by=roles["member"])
    notify.on_post(Post.objects.create(discussion=discussion, author=roles["member"], body="Hello"))
    message = smtp_server.wait_for(1)[0]["message"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(.+)>", "".join(str(message["List-Unsubscribe"]).split())).group(1)  # unfolded
    path = re.sub(r"^https?://[^/]+", "", url)
    mail_client = Client(enforce_csrf_checks=True)  # a mail client has no CSRF cookie or token
    response = mail_client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert Subscription.objects.get(pk=sub.pk).mode == "none"
    again = mail_client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert again.status_code == 400  # single use, as the link

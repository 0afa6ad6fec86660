from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from liaison.meetings.models import Meeting, MeetingDocument
from liaison.workspace.models import Action, Attachment, Discussion, Poll, Post, Teleconference


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def workspace(roles, demo):
    """A discussion with a post and an attachment, a poll, a document for review, an action, a call."""
    group = demo["lg-biosafety"]
    ninth = Meeting.objects.get(group=group, number=9)
    discussion = Discussion.objects.create(group=group, title="Draft framework", opening="Comments on the **framework**.", opened_by=roles["chair"])
    post = Post.objects.create(discussion=discussion, author=roles["member"], body="A first view.")
    attachment = Attachment.objects.create(post=post, file=ContentFile(b"notes", name="notes.txt"), original_name="notes.txt", size=5)
    poll = Poll.objects.create(group=group, question="Meet in June?", options=["Yes", "No"], deadline=timezone.now() + timedelta(days=3))
    document = MeetingDocument.objects.create(meeting=ninth, symbol="UNEP/CBD/BS/LG-CB/9/2", title="Draft", distribution="members",
                                              file=ContentFile(b"First paragraph of the draft.\nSecond paragraph.\nThird.", name="draft.txt"))
    action = Action.objects.create(group=group, meeting=ninth, title="Circulate the revised draft", owner=roles["member"].person, due=timezone.localdate() + timedelta(days=5))
    call = Teleconference.objects.create(group=group, title="Preparatory call", starts_at=timezone.now() + timedelta(days=2), join_link="https://meet.example.org/lg")
    return {"group": group, "discussion": discussion, "post": post, "attachment": attachment, "poll": poll,
            "document": document, "action": action, "call": call, "ninth": ninth}

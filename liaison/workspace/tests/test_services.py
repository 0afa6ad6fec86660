"""The workspace services: each change the pages make is made (or refused) here."""

from datetime import datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from liaison.workspace import services
from liaison.workspace.models import Action, Discussion, Poll, PollKind, Subscription, Teleconference


def test_posts_replies_and_edits_keep_revisions(roles, workspace):
    discussion = workspace["discussion"]
    post, notified = services.add_post(discussion, roles["member"], "My view.", upload=ContentFile(b"x", name="n.txt"))
    assert notified and post.attachments.get().original_name == "n.txt"
    reply, _ = services.add_post(discussion, roles["chair"], "Agreed.", parent=post)
    assert reply.parent == post
    assert services.may_edit_post(post, roles["member"]) and not services.may_edit_post(post, roles["chair"])
    services.edit_post(post, "My revised view.")
    post.refresh_from_db()
    assert post.body == "My revised view." and post.edited_at is not None
    assert list(post.revisions.values_list("body", flat=True)) == ["My view."]
    other = Discussion.objects.create(group=discussion.group, title="Other", opening="", opened_by=roles["chair"])
    with pytest.raises(services.Refused):
        services.add_post(other, roles["member"], "Wrong thread.", parent=post)


def test_moderation_and_closing(roles, workspace):
    post, discussion = workspace["post"], workspace["discussion"]
    with pytest.raises(services.Refused, match="reason"):
        services.moderate_post(post, "hide", roles["chair"], "  ")
    services.moderate_post(post, "hide", roles["chair"], "Off topic")
    post.refresh_from_db()
    assert post.hidden and post.hidden_reason == "Off topic" and post.hidden_by == roles["chair"]
    assert not services.may_edit_post(post, roles["member"])
    services.moderate_post(post, "show", roles["chair"])
    services.moderate_post(post, "pin", roles["chair"])
    post.refresh_from_db()
    assert not post.hidden and post.pinned
    with pytest.raises(services.Refused, match="summary"):
        services.close_discussion(discussion, "")
    services.close_discussion(discussion, "Agreed to revise.")
    discussion.refresh_from_db()
    assert not discussion.is_open and discussion.summary == "Agreed to revise."
    with pytest.raises(services.Refused, match="closed"):
        services.add_post(discussion, roles["member"], "Too late.")
    with pytest.raises(services.Refused):
        services.edit_post(post, "Too late.")


def test_votes_once_per_member_with_the_rules_of_each_kind(roles, workspace):
    poll = workspace["poll"]
    with pytest.raises(services.Refused, match="options"):
        services.vote(poll, roles["member"], choice="Maybe")
    services.vote(poll, roles["member"], choice="Yes", comment="Fine")
    with pytest.raises(services.Refused, match="already answered"):
        services.vote(poll, roles["member"], choice="No")
    silence = Poll.objects.create(group=poll.group, kind=PollKind.SILENCE, question="Adopt?", deadline=timezone.now() + timedelta(days=1))
    with pytest.raises(services.Refused, match="silence"):
        services.vote(silence, roles["member"])
    services.vote(silence, roles["member"], objection=True)
    assert services.poll_outcome(silence) == {"passed": False, "objections": 1}
    assert services.poll_outcome(poll) == {"counts": {"Yes": 1, "No": 0}, "answers": 1}
    Poll.objects.filter(pk=poll.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    poll.refresh_from_db()
    with pytest.raises(services.Refused, match="deadline"):
        services.vote(poll, roles["chair"], choice="No")


def test_comments_and_answers(roles, workspace):
    document = workspace["document"]
    paragraphs = services.document_paragraphs(document)
    assert paragraphs == ["First paragraph of the draft.", "Second paragraph.", "Third."]
    for bad in (0, 4, "2"):
        with pytest.raises(services.Refused):
            services.comment(document, roles["member"], bad, "Text", len(paragraphs))
    with pytest.raises(services.Refused):
        services.comment(document, roles["member"], 2, "   ", len(paragraphs))
    comment = services.comment(document, roles["member"], 2, "Shorter, please.", len(paragraphs))
    services.answer_comment(comment, "taken", "Done.")
    services.answer_comment(comment, "no-such-status", "Still done.")
    comment.refresh_from_db()
    assert (comment.status, comment.reply) == ("taken", "Still done.")


def test_actions_calls_and_notification_choices(roles, workspace):
    group, action = workspace["group"], workspace["action"]
    with pytest.raises(services.Refused):
        services.set_action_status(action, "forgotten")
    services.set_action_status(action, "done")
    assert Action.objects.get(pk=action.pk).status == "done"
    created = services.create_action(Action(title="Draft the summary", owner=roles["member"].person, due=timezone.localdate()), group)
    assert created.group == group
    call = services.schedule_call(Teleconference(title="Call", starts_at=datetime(2027, 1, 5, 14, 0), join_link="https://meet.example.org/x"), group)
    assert call.starts_at.utcoffset() == timedelta(0) and call.group == group
    subscription, _ = Subscription.objects.get_or_create(user=roles["member"], group=group)
    with pytest.raises(services.Refused):
        services.set_notification_mode(subscription, "pigeon")
    services.set_notification_mode(subscription, "immediate")
    with pytest.raises(services.Refused, match="not a time zone"):
        services.set_time_zone(roles["member"], "Mars/Olympus")
    services.set_time_zone(roles["member"], "Africa/Nairobi")
    roles["member"].refresh_from_db()
    assert roles["member"].time_zone == "Africa/Nairobi"

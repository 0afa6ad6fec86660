"""Notifications through the SMTP server on loopback: immediate, daily digest with exactly the new
posts, none; unsubscribe links that work once, without login; forged links do nothing."""

import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from liaison.workspace import notify
from liaison.workspace.models import Post, Subscription


def post(w, author, body, minutes_ago=0):
    return Post.objects.create(discussion=w["discussion"], author=author, body=body, created=timezone.now() - timedelta(minutes=minutes_ago))


def set_mode(user, group, mode, since=None):
    sub = notify.subscription(user, group)
    sub.mode = mode
    if since:
        sub.last_digest_at = since
    sub.save()
    return sub


def test_immediate_mail_to_members_who_chose_it_never_to_observers(client_as, roles, workspace, smtp_server):
    group = workspace["group"]
    set_mode(roles["chair"], group, "immediate")
    set_mode(roles["member"], group, "immediate")
    set_mode(roles["observer"], group, "immediate")  # an observer's choice gives them nothing
    client_as(roles["member"]).post(f"/groups/lg-biosafety/workspace/discussions/{workspace['discussion'].pk}/", {"body": "New **idea**"})
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["chair@lg.example"]  # not the author, not the observer
    body = smtp_server.body(mail)
    assert "New **idea**" in body and "/unsubscribe/" in body
    assert str(mail["message"]["List-Unsubscribe"]).strip().startswith("<http")


def test_digest_contains_exactly_the_new_posts(roles, workspace, smtp_server):
    group = workspace["group"]
    start = timezone.now() - timedelta(hours=1)
    set_mode(roles["chair"], group, "digest", since=start)
    post(workspace, roles["member"], "Before the digest window", minutes_ago=120)
    post(workspace, roles["member"], "Post one", minutes_ago=30)
    post(workspace, roles["secretariat"], "Post two", minutes_ago=20)
    hidden = post(workspace, roles["member"], "Hidden post", minutes_ago=10)
    hidden.hidden = True
    hidden.save()
    post(workspace, roles["chair"], "The chair's own post", minutes_ago=5)
    Post.objects.filter(body="A first view.").update(created=start - timedelta(minutes=5))
    assert notify.send_digests() == 1
    [mail] = smtp_server.wait_for(1)
    body = smtp_server.body(mail)
    assert "2 new posts in the members' workspace (" in body
    assert "Post one" in body and "Post two" in body
    assert "Before the digest window" not in body and "Hidden post" not in body and "own post" not in body
    post(workspace, roles["member"], "Post three")
    call_command("send-digests")
    second = smtp_server.wait_for(2)[1]
    assert "Post three" in smtp_server.body(second) and "Post one" not in smtp_server.body(second)


def test_no_mail_for_none(roles, workspace, smtp_server):
    set_mode(roles["chair"], workspace["group"], "none")
    post(workspace, roles["member"], "Quiet")
    notify.on_post(Post.objects.get(body="Quiet"))
    assert notify.send_digests() == 0 or smtp_server.messages == []


def test_unsubscribe_link_works_once_without_login(client, roles, workspace, smtp_server):
    sub = set_mode(roles["chair"], workspace["group"], "immediate")
    notify.on_post(post(workspace, roles["member"], "Hello"))
    path = re.search(r"https?://[^/\s]+(/unsubscribe/\S+/)", smtp_server.body(smtp_server.wait_for(1)[0])).group(1)
    assert "Stop e-mails" in client.get(path).content.decode()
    assert "no more e-mails" in client.post(path).content.decode()
    assert Subscription.objects.get(pk=sub.pk).mode == "none"
    # the member subscribes again; the old link must not unsubscribe them a second time
    set_mode(roles["chair"], workspace["group"], "immediate")
    reused = client.post(path)
    assert reused.status_code == 400 and "already used" in reused.content.decode()
    assert Subscription.objects.get(pk=sub.pk).mode == "immediate"


def test_forged_unsubscribe_link_does_nothing(client, roles, workspace):
    sub = set_mode(roles["chair"], workspace["group"], "immediate")
    token = notify.unsubscribe_link(sub).rstrip("/").split("/")[-1]
    for forged in (token[:-3] + "abc", "forged-token"):
        response = client.post(f"/unsubscribe/{forged}/")
        assert response.status_code == 400 and "not valid" in response.content.decode()
    assert Subscription.objects.get(pk=sub.pk).mode == "immediate"


def test_preferences_page(client_as, roles, workspace):
    client = client_as(roles["member"])
    client.post("/groups/lg-biosafety/workspace/preferences/", {"mode": "immediate", "time_zone": "Africa/Nairobi"})
    assert notify.subscription(roles["member"], workspace["group"]).mode == "immediate"
    roles["member"].refresh_from_db()
    assert roles["member"].time_zone == "Africa/Nairobi"
    bad = client.post("/groups/lg-biosafety/workspace/preferences/", {"time_zone": "Mars/Olympus"}, follow=True)
    assert "is not a time zone" in bad.content.decode()


def test_digest_names_a_former_member(roles, workspace, smtp_server):
    set_mode(roles["chair"], workspace["group"], "digest", since=timezone.now() - timedelta(hours=1))
    Post.objects.create(discussion=workspace["discussion"], author=None, body="Left behind", created=timezone.now() - timedelta(minutes=1))
    Post.objects.filter(body="A first view.").update(created=timezone.now() - timedelta(hours=2))
    notify.send_digests()
    assert "(former member)" in smtp_server.body(smtp_server.wait_for(1)[0])

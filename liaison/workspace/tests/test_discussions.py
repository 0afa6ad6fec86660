"""E-discussions: replies to replies, moderation with reasons kept, summaries, edit history, safe
markdown, validated attachments."""

from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.workspace.models import Attachment, Discussion, Post


def url(w, suffix=""):
    return f"/groups/lg-biosafety/workspace/discussions/{w['discussion'].pk}/{suffix}"


def test_chair_opens_a_discussion(client_as, roles, workspace):
    response = client_as(roles["chair"]).post("/groups/lg-biosafety/workspace/discussions/new/", {"title": "Roster criteria", "opening": "Views?", "closes_on": "2030-01-01"})
    discussion = Discussion.objects.get(title="Roster criteria")
    assert response.status_code == 302 and discussion.opened_by == roles["chair"] and discussion.is_open


def test_replies_to_replies(client_as, roles, workspace):
    client = client_as(roles["secretariat"])
    client.post(url(workspace), {"body": "Agreed.", "parent": workspace["post"].pk})
    reply = Post.objects.get(body="Agreed.")
    client_as(roles["member"]).post(url(workspace), {"body": "Thanks.", "parent": reply.pk})
    tree = client_as(roles["chair"]).get(url(workspace)).context["tree"]
    assert [(p.body, depth) for p, depth in tree] == [("A first view.", 0), ("Agreed.", 1), ("Thanks.", 2)]


def test_hide_needs_a_reason_and_keeps_it(client_as, roles, workspace):
    chair = client_as(roles["chair"])
    chair.post(url(workspace, "hide/"), {"post": workspace["post"].pk, "reason": ""})
    assert not Post.objects.get(pk=workspace["post"].pk).hidden
    chair.post(url(workspace, "hide/"), {"post": workspace["post"].pk, "reason": "Personal remarks"})
    post = Post.objects.get(pk=workspace["post"].pk)
    assert post.hidden and post.hidden_reason == "Personal remarks" and post.hidden_by == roles["chair"]
    member_view = client_as(roles["member"]).get(url(workspace)).content.decode()
    assert "Hidden by the moderator: Personal remarks" in member_view and "A first view." not in member_view
    assert client_as(roles["member"]).get(f"/groups/lg-biosafety/workspace/attachments/{workspace['attachment'].pk}/").status_code == 404


def test_members_cannot_moderate(client_as, roles, workspace):
    assert client_as(roles["member"]).post(url(workspace, "pin/"), {"post": workspace["post"].pk}).status_code == 403


def test_close_with_a_summary_then_no_more_posts(client_as, roles, workspace):
    chair = client_as(roles["chair"])
    chair.post(url(workspace, "close/"), {"reason": "Consensus on a single framework."})
    discussion = Discussion.objects.get(pk=workspace["discussion"].pk)
    assert not discussion.is_open and discussion.summary == "Consensus on a single framework."
    client_as(roles["member"]).post(url(workspace), {"body": "Late view"})
    assert not Post.objects.filter(body="Late view").exists()
    assert "Summary by the Chair" in client_as(roles["member"]).get(url(workspace)).content.decode()


def test_edits_keep_a_history(client_as, roles, workspace):
    member = client_as(roles["member"])
    member.post(url(workspace, f"posts/{workspace['post'].pk}/edit/"), {"body": "A revised view."})
    post = Post.objects.get(pk=workspace["post"].pk)
    assert post.body == "A revised view." and [r.body for r in post.revisions.all()] == ["A first view."]
    assert client_as(roles["chair"]).post(url(workspace, f"posts/{workspace['post'].pk}/edit/"), {"body": "Not mine"}).status_code == 403


def test_a_script_is_refused_and_nothing_stored(client_as, roles, workspace):
    response = client_as(roles["member"]).post(url(workspace), {"body": "Hello <script>alert(1)</script>"})
    assert response.status_code == 400 and "Scripts are not allowed" in response.content.decode()
    assert workspace["discussion"].posts.count() == 1


def test_markdown_is_sanitised_on_the_page(client_as, roles, workspace):
    Post.objects.create(discussion=workspace["discussion"], author=roles["member"], body="**bold** <img src=x onerror=alert(1)> [link](javascript:alert(2))")
    html = client_as(roles["chair"]).get(url(workspace)).content.decode()
    assert "<strong>bold</strong>" in html
    assert "onerror" not in html and "javascript:" not in html and "<img" not in html


def test_attachments_are_validated(client_as, roles, workspace, settings):
    member = client_as(roles["member"])
    fake = member.post(url(workspace), {"body": "See attached", "attachment": SimpleUploadedFile("report.pdf", b"MZ not a pdf")})
    assert fake.status_code == 400 and "not a PDF" in fake.content.decode()
    settings.MAX_UPLOAD_MB = 1
    big = member.post(url(workspace), {"body": "Big one", "attachment": SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 1_200_000)})
    assert "limit is 1 MB" in big.content.decode()
    assert not Post.objects.filter(body__in=["See attached", "Big one"]).exists()
    assert Attachment.objects.count() == 1
    ok = member.post(url(workspace), {"body": "Minutes", "attachment": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n")})
    assert ok.status_code == 302 and Attachment.objects.count() == 2


def test_posts_of_deleted_accounts_still_show(client_as, roles, workspace):
    Post.objects.create(discussion=workspace["discussion"], author=None, body="From someone who left")
    html = client_as(roles["chair"]).get(url(workspace)).content.decode()
    assert "former member" in html and "From someone who left" in html

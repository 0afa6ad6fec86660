"""Edits in the workspace never overwrite each other silently (issue 11, finding 6): a post edited
from two tabs, a comment answered by two members of the secretariat at once."""

from liaison.workspace.models import Post, ReviewComment


def test_a_stale_post_edit_is_refused_and_keeps_the_text(client_as, roles, workspace):
    post = workspace["post"]
    member = client_as(roles["member"])
    page = member.get(f"/groups/lg-biosafety/workspace/discussions/{workspace['discussion'].pk}/").content.decode()
    assert f'name="version" value="{post.version}"' in page
    url = f"/groups/lg-biosafety/workspace/discussions/{workspace['discussion'].pk}/posts/{post.pk}/edit/"
    assert member.post(url, {"body": "First tab.", "version": post.version}).status_code == 302
    response = member.post(url, {"body": "Second tab's text.", "version": post.version})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this meanwhile" in html and "Second tab&#x27;s text." in html
    assert Post.objects.get(pk=post.pk).body == "First tab."
    assert post.revisions.count() == 1  # the refused edit kept no revision either


def test_a_stale_answer_to_a_comment_is_refused(client_as, roles, workspace):
    comment = ReviewComment.objects.create(document=workspace["document"], paragraph=1, author=roles["member"], text="Say more.")
    url = f"/groups/lg-biosafety/workspace/documents/{workspace['document'].pk}/"
    staff = client_as(roles["secretariat"])
    assert f'name="version" value="{comment.version}"' in staff.get(url).content.decode()
    staff.post(url, {"comment_id": comment.pk, "status": "taken", "reply": "Done.", "version": comment.version})
    response = staff.post(url, {"comment_id": comment.pk, "status": "not_taken", "reply": "Out of scope.", "version": comment.version}, follow=True)
    assert "Someone else saved this meanwhile" in response.content.decode() and "Out of scope." in response.content.decode()
    comment.refresh_from_db()
    assert (comment.status, comment.reply) == ("taken", "Done.")

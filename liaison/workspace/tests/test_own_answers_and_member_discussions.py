"""Consultations (issue 10): a member sees her own answer and may change or withdraw it until the
deadline, never after, and never over a change made meanwhile; members open discussions where the
group allows it (a group setting, off by default)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.groups.models import Group
from liaison.workspace import services
from liaison.workspace.models import Discussion, Poll, Vote


def poll_url(poll):
    return f"/groups/lg-biosafety/workspace/consultations/{poll.pk}/"


def test_a_member_sees_and_changes_her_answer_until_the_deadline(client_as, roles, workspace):
    poll = workspace["poll"]
    member = client_as(roles["member"])
    member.post(poll_url(poll), {"choice": "Yes", "comment": "June suits us."})
    page = member.get(poll_url(poll))
    html = page.content.decode()
    assert "Your answer" in html and "<strong>Yes</strong>" in html and "June suits us." in html
    answer = Vote.objects.get(poll=poll, user=roles["member"])
    assert f'name="version" value="{answer.version}"' in html
    assert 'value="Yes" checked' in html  # the form starts from her answer
    response = member.post(poll_url(poll), {"choice": "No", "comment": "July is better.", "version": answer.version})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.choice, answer.comment) == ("No", "July is better.") and answer.changed is not None
    assert Vote.objects.filter(poll=poll).count() == 1
    Poll.objects.filter(pk=poll.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    response = member.post(poll_url(poll), {"choice": "Yes", "version": answer.version})
    assert response.status_code == 400 and "deadline has passed" in response.content.decode()
    answer.refresh_from_db()
    assert answer.choice == "No"
    html = member.get(poll_url(poll)).content.decode()
    assert 'id="my-answer"' in html and "<strong>No</strong>" in html  # still shown beside the results


def test_a_stale_change_is_refused_and_keeps_what_was_typed(client_as, roles, workspace):
    poll = workspace["poll"]
    answer = services.vote(poll, roles["member"], choice="Yes")
    stale = answer.version
    services.change_vote(answer, choice="No", expected_version=stale)  # another tab
    response = client_as(roles["member"]).post(poll_url(poll), {"choice": "Yes", "comment": "Typed in the old tab.", "version": stale})
    assert response.status_code == 409
    assert "Typed in the old tab." in response.content.decode()
    answer.refresh_from_db()
    assert answer.choice == "No"


def test_an_objection_can_be_withdrawn_before_the_deadline(client_as, roles, workspace):
    silence = Poll.objects.create(group=workspace["group"], kind="silence", question="Adopt the terms of reference",
                                  deadline=timezone.now() + timedelta(days=1))
    member = client_as(roles["member"])
    member.post(poll_url(silence), {"objection": "1", "comment": "Paragraph 8."})
    objection = Vote.objects.get(poll=silence)
    html = member.get(poll_url(silence)).content.decode()
    assert "Withdraw your objection" in html and "data-confirm" in html
    member.post(poll_url(silence), {"withdraw": "1", "version": objection.version})
    assert not Vote.objects.filter(poll=silence).exists()
    assert services.poll_outcome(silence) == {"passed": True, "objections": 0}


def test_bad_answers_are_a_clear_400(client_as, roles, workspace):
    poll = workspace["poll"]
    member = client_as(roles["member"])
    assert member.post(poll_url(poll), {"choice": "Maybe"}).status_code == 400
    assert member.post(poll_url(poll), {"choice": "Yes", "comment": "nul\x00"}).status_code == 400
    assert not Vote.objects.filter(poll=poll).exists()


def test_another_member_s_answer_is_not_shown_before_the_deadline(client_as, roles, workspace):
    poll = workspace["poll"]
    services.vote(poll, roles["chair"], choice="No", comment="The chair's reason.")
    html = client_as(roles["member"]).get(poll_url(poll)).content.decode()
    assert "The chair's reason." not in html and 'id="my-answer"' not in html


NEW = "/groups/lg-biosafety/workspace/discussions/new/"


@pytest.mark.parametrize("allowed", [False, True])
@pytest.mark.parametrize("role", ["anonymous", "observer", "member", "chair", "secretariat"])
def test_members_open_discussions_where_the_group_allows_it(client_as, roles, workspace, role, allowed):
    Group.objects.filter(slug="lg-biosafety").update(members_open_discussions=allowed)
    client = client_as(roles[role])
    response = client.post(NEW, {"title": f"Opened by {role}", "opening": "Let us talk."})
    if role in ("chair", "secretariat") or (role == "member" and allowed):
        assert response.status_code == 302
        assert Discussion.objects.filter(title=f"Opened by {role}").exists()
        home = client.get("/groups/lg-biosafety/workspace/").content.decode()
        assert NEW in home
    else:
        assert response.status_code in ((302,) if role == "anonymous" else (403, 404))
        assert not Discussion.objects.filter(title=f"Opened by {role}").exists()
        if role == "member":
            assert NEW not in client.get("/groups/lg-biosafety/workspace/").content.decode()


def test_the_setting_is_off_by_default_and_edited_with_the_group(client_as, roles, demo):
    group = demo["lg-biosafety"]
    assert group.members_open_discussions is False
    staff = client_as(roles["secretariat"])
    form = staff.get("/manage/groups/lg-biosafety/edit/").content.decode()
    assert 'name="members_open_discussions"' in form

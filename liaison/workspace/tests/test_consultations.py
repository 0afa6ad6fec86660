"""Consultations: one answer per member, results after the deadline; silence procedures."""

from datetime import timedelta

from django.utils import timezone

from liaison.workspace.models import Poll, Vote


def poll_url(poll):
    return f"/groups/lg-biosafety/workspace/consultations/{poll.pk}/"


def close(poll):
    Poll.objects.filter(pk=poll.pk).update(deadline=timezone.now() - timedelta(minutes=1))


def test_one_answer_per_member_and_results_after_closing(client_as, roles, workspace):
    poll = workspace["poll"]
    member = client_as(roles["member"])
    member.post(poll_url(poll), {"choice": "Yes"})
    member.post(poll_url(poll), {"choice": "No"})
    client_as(roles["chair"]).post(poll_url(poll), {"choice": "No"})
    assert Vote.objects.filter(poll=poll).count() == 2
    assert "Results are shown after the deadline" in member.get(poll_url(poll)).content.decode()
    assert member.get(poll_url(poll)).context["outcome"] is None
    close(poll)
    assert member.get(poll_url(poll)).context["outcome"]["counts"] == {"Yes": 1, "No": 1}
    client_as(roles["secretariat"]).post(poll_url(poll), {"choice": "Yes"})
    assert Vote.objects.filter(poll=poll).count() == 2  # too late


def test_chair_opens_a_silence_procedure_that_passes(client_as, roles, workspace):
    chair = client_as(roles["chair"])
    deadline = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    chair.post("/groups/lg-biosafety/workspace/consultations/new/", {"kind": "silence", "question": "Adopt the report of the e-discussion", "deadline": deadline})
    poll = Poll.objects.get(kind="silence")
    close(poll)
    outcome = chair.get(poll_url(poll)).context["outcome"]
    assert outcome == {"passed": True, "objections": 0}


def test_a_silence_procedure_fails_on_one_objection(client_as, roles, workspace):
    poll = Poll.objects.create(group=workspace["group"], kind="silence", question="Adopt the terms of reference", deadline=timezone.now() + timedelta(days=1))
    client_as(roles["member"]).post(poll_url(poll), {"objection": "1", "comment": "Paragraph 8 needs work."})
    close(poll)
    html = client_as(roles["chair"]).get(poll_url(poll)).content.decode()
    assert "Not passed: 1 objection." in html and "Paragraph 8 needs work." in html


def test_poll_form_checks_its_input(client_as, roles, workspace):
    response = client_as(roles["chair"]).post("/groups/lg-biosafety/workspace/consultations/new/", {"kind": "choice", "question": "Q", "options_text": "Only one", "deadline": "2000-01-01T10:00"})
    errors = response.context["form"].errors
    assert "options_text" in errors and "deadline" in errors


def test_two_simultaneous_answers_record_one_and_say_so(client_as, roles, workspace, monkeypatch):
    """The other answer commits between this request's check and its insert (issue 11, finding 5):
    the unique constraint decides, and the loser gets 409 with a message instead of a 500."""
    from liaison.workspace import services

    poll = workspace["poll"]
    insert = services.record_vote

    def other_tab_first(*args, **kwargs):  # after this request's checks, before its insert
        Vote.objects.create(poll=poll, user=roles["member"], choice="No")
        return insert(*args, **kwargs)

    monkeypatch.setattr(services, "record_vote", other_tab_first)
    response = client_as(roles["member"]).post(poll_url(poll), {"choice": "Yes"})
    assert response.status_code == 409
    assert "already answered" in response.content.decode()
    assert list(Vote.objects.filter(poll=poll).values_list("choice", flat=True)) == ["No"]

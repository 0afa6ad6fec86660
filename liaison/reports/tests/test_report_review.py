"""Review of a draft report by the meeting's participants (issue 10, defect 4): sending it e-mails
every current participant a signed link; they comment paragraph by paragraph until the deadline; the
secretariat sees the comments beside each paragraph in the editor and answers them; only the
participants and the secretariat see the draft and the comments, on pages, API and exports."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.groups.models import Membership
from liaison.meetings.models import Meeting, Participant
from liaison.reports import review, services
from liaison.reports.models import CommentStatus, Report, ReportComment

BASE = "/groups/lg-biosafety/meetings/9"
SECRET = "A sentence only the drafters know."


@pytest.fixture
def report(demo):
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Report.objects.filter(meeting=meeting).delete()  # the demo's adopted report: these tests write their own
    report = services.report_for(meeting)
    services.add_paragraph(report, SECRET, None)
    services.add_paragraph(report, "The Group adopted its work plan.", None)
    return report


@pytest.fixture
def participant_user(report, make_user):
    """A participant of the ninth meeting with an account (and no group membership)."""
    user = make_user("warrier@example.in")
    Participant.objects.filter(meeting=report.meeting, person__last_name="Warrier").update(person=user.person)
    return user


@pytest.fixture
def former_member(demo, make_user):
    """A member of the group whose membership ended (and who did not take part)."""
    user = make_user("former@lg.example", group=demo["lg-biosafety"])
    Membership.objects.filter(person=user.person).update(since=timezone.localdate() - timedelta(days=900),
                                                        until=timezone.localdate() - timedelta(days=1))
    return user


def under_review(report, days=14):
    review.send(report, report.version, timezone.localdate() + timedelta(days=days))
    report.refresh_from_db()
    return report


def first_paragraph(report):
    return report.paragraphs.get(text=SECRET)


# --- the e-mails ---------------------------------------------------------------------------------
def test_sending_for_review_emails_every_participant_a_link_that_opens_the_draft(client_as, roles, report, smtp_server, client):
    """The regression test: before the fix, "Send for review by participants" changed the status and
    told nobody (no e-mail, no page to comment on)."""
    participants = list(report.meeting.participants.filter(attended=True).select_related("person"))
    assert len(participants) == 2  # the demo names two participants of the ninth meeting
    for n, p in enumerate(participants):
        p.person.email = f"participant{n}@example.org"
        p.person.save()
    staff = client_as(roles["secretariat"])
    deadline = timezone.localdate() + timedelta(days=10)
    response = staff.post(f"/manage/meetings/{report.meeting.pk}/report/review/",
                          {"version": report.version, "deadline": deadline.isoformat()}, follow=True)
    assert "e-mailed to 2 participants" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "review" and report.review_deadline == deadline
    messages = smtp_server.wait_for(2)
    assert sorted(m["to"][0] for m in messages) == [f"participant{n}@example.org" for n in range(2)]
    body = smtp_server.body(messages[0])
    assert f"{deadline.day} {deadline:%B %Y}" in body
    link = re.search(r"http://\S+/report-review/(\S+)/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    page = client.get("/" + path)
    assert page.status_code == 200
    assert SECRET in page.content.decode()
    assert "Comment on paragraph 1" in page.content.decode()


def test_participants_without_an_address_are_named_to_the_secretariat(client_as, roles, report, smtp_server):
    staff = client_as(roles["secretariat"])
    response = staff.post(f"/manage/meetings/{report.meeting.pk}/report/review/",
                          {"version": report.version, "deadline": (timezone.localdate() + timedelta(days=3)).isoformat()}, follow=True)
    assert "No e-mail address for:" in response.content.decode()


def test_a_deadline_in_the_past_or_not_a_date_is_refused(client_as, roles, report):
    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{report.meeting.pk}/report/review/"
    for value in ("2001-01-01", "next week"):
        html = staff.post(url, {"version": report.version, "deadline": value}, follow=True).content.decode()
        assert "deadline" in html or "is not a date" in html
        report.refresh_from_db()
        assert report.status == "draft"


def test_registered_but_absent_people_are_not_reviewers(report, make_user):
    user = make_user("absent@example.org")
    participant = Participant.objects.create(meeting=report.meeting, person=user.person, attended=False)
    sent = review.send(report, report.version, timezone.localdate() + timedelta(days=5))
    assert user.person not in sent["sent"] + sent["without_email"]
    assert review.from_token(review.token(report, participant)) is None


# --- commenting and answering --------------------------------------------------------------------
def test_participant_comments_secretariat_answers_participant_reads_the_answer(client_as, roles, report, participant_user):
    under_review(report)
    paragraph = first_paragraph(report)
    participant = client_as(participant_user)
    url = f"{BASE}/report/review/"
    assert participant.post(url, {"paragraph": paragraph.pk, "text": "Say which plan."}).status_code == 302
    comment = ReportComment.objects.get()
    assert comment.author == participant_user.person and comment.paragraph == paragraph and comment.quoted == SECRET

    staff = client_as(roles["secretariat"])
    editor = staff.get(f"/manage/meetings/{report.meeting.pk}/report/").content.decode()
    block = editor.split(f'id="paragraph-{paragraph.pk}"', 1)[1].split('class="paragraph"', 1)[0]
    assert "Say which plan." in block and "Warrier" in block  # beside its paragraph
    staff.post(f"/manage/meetings/{report.meeting.pk}/report/comments/{comment.pk}/",
               {"status": CommentStatus.TAKEN, "reply": "Named: the 2012-2016 plan.", "version": comment.version})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.TAKEN and comment.replied_at

    html = client_as(participant_user).get(url).content.decode()
    assert "Named: the 2012-2016 plan." in html and "Taken into account" in html


def test_the_answer_is_emailed_to_the_commenter_alone_with_their_link(client_as, roles, report, participant_user, smtp_server, client):
    from liaison.core.models import OutboxMessage

    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    other = Participant.objects.filter(meeting=report.meeting, attended=True).exclude(pk=participant.pk).select_related("person").first()
    other.person.email = "other.participant@example.org"
    other.person.save()
    comment = review.comment(report, participant, first_paragraph(report), "Say which plan.")
    review.comment(report, other, first_paragraph(report), "Another participant's remark.")
    OutboxMessage.objects.all().delete()  # the review e-mails of under_review
    smtp_server.messages.clear()
    staff = client_as(roles["secretariat"])
    staff.post(f"/manage/meetings/{report.meeting.pk}/report/comments/{comment.pk}/",
               {"status": CommentStatus.TAKEN, "reply": "Named: the 2012-2016 plan.", "version": comment.version})
    messages = smtp_server.wait_for(1)
    assert [m["to"] for m in messages] == [["warrier@example.in"]]
    message = messages[0]["message"]
    assert "has been answered" in message["subject"] and report.meeting.title in message["subject"]
    body = smtp_server.body(messages[0])
    assert "paragraph 1 " in body and "Say which plan." in body
    assert "Named: the 2012-2016 plan." in body and "Taken into account" in body
    assert "Another participant's remark." not in body
    path = re.search(r"http://[^/\s]+(/report-review/(\S+)/)", body)
    assert review.from_token(path.group(2))[1] == participant  # the commenter's own link
    path = path.group(1)
    client.logout()
    page = client.get(path).content.decode()
    assert "Named: the 2012-2016 plan." in page
    assert OutboxMessage.objects.count() == 1

    # saving the same answer again writes to nobody; a changed answer is e-mailed again
    comment.refresh_from_db()
    review.answer(comment, CommentStatus.TAKEN, "Named: the 2012-2016 plan.", comment.version)
    assert OutboxMessage.objects.count() == 1
    review.answer(comment, CommentStatus.NOT_TAKEN, "On second thoughts, no.", comment.version)
    assert OutboxMessage.objects.count() == 2
    assert "On second thoughts, no." in smtp_server.body(smtp_server.wait_for(2)[1])


def test_no_email_when_the_commenter_is_no_longer_a_participant(report, participant_user, smtp_server):
    from liaison.core.models import OutboxMessage

    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    comment = review.comment(report, participant, first_paragraph(report), "Fix the date.")
    Participant.objects.filter(pk=participant.pk).update(attended=False)
    OutboxMessage.objects.all().delete()
    review.answer(comment, CommentStatus.TAKEN, "Fixed.", comment.version)
    comment.refresh_from_db()
    assert comment.reply == "Fixed."  # the answer is recorded all the same
    assert not OutboxMessage.objects.exists()


def test_a_participant_sees_only_their_own_comments(client_as, report, participant_user, make_user):
    under_review(report)
    other = Participant.objects.filter(meeting=report.meeting, attended=True).exclude(person=participant_user.person).first()
    review.comment(report, other, first_paragraph(report), "Somebody else's remark.")
    html = client_as(participant_user).get(f"{BASE}/report/review/").content.decode()
    assert "Somebody else's remark." not in html


def test_comments_close_at_the_deadline(client_as, report, participant_user):
    under_review(report, days=0)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    review.comment(report, participant, first_paragraph(report), "Made on the last day.")
    report.review_deadline = timezone.localdate() - timedelta(days=1)
    report.save()
    with pytest.raises(review.Refused):
        review.comment(report, participant, first_paragraph(report), "Too late.")
    response = client_as(participant_user).post(f"{BASE}/report/review/", {"paragraph": first_paragraph(report).pk, "text": "Too late."})
    assert response.status_code == 400
    assert ReportComment.objects.count() == 1
    html = client_as(participant_user).get(f"{BASE}/report/review/").content.decode()
    assert "Comments closed on" in html and "Made on the last day." in html


def test_changing_a_comment_is_versioned_and_a_stale_change_keeps_the_text(client_as, report, participant_user):
    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    comment = review.comment(report, participant, first_paragraph(report), "First thought.")
    stale = comment.version
    review.edit_comment(comment, participant, "Second thought (other tab).", stale)
    response = client_as(participant_user).post(f"{BASE}/report/review/", {
        "comment": comment.pk, "version": stale, "paragraph": first_paragraph(report).pk, "text": "Third thought.",
    })
    assert response.status_code == 409
    assert "Third thought." in response.content.decode()  # kept in the form
    comment.refresh_from_db()
    assert comment.text == "Second thought (other tab)."


def test_an_answered_comment_can_no_longer_be_changed(report, participant_user):
    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    comment = review.comment(report, participant, first_paragraph(report), "Fix the date.")
    review.answer(comment, CommentStatus.TAKEN, "Fixed.", comment.version)
    with pytest.raises(review.Refused):
        review.edit_comment(comment, participant, "Changed after the answer", comment.version)


def test_a_stale_answer_is_refused_and_the_typed_answer_shown(client_as, roles, report, participant_user):
    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    comment = review.comment(report, participant, first_paragraph(report), "Fix the date.")
    stale = comment.version
    review.answer(comment, CommentStatus.TAKEN, "First answer.", stale)
    response = client_as(roles["secretariat"]).post(
        f"/manage/meetings/{report.meeting.pk}/report/comments/{comment.pk}/",
        {"status": CommentStatus.NOT_TAKEN, "reply": "Second answer.", "version": stale}, follow=True)
    assert "Second answer." in response.content.decode()
    comment.refresh_from_db()
    assert comment.reply == "First answer."


def test_bad_input_is_a_clear_400(client_as, report, participant_user):
    under_review(report)
    participant = client_as(participant_user)
    url = f"{BASE}/report/review/"
    assert participant.post(url, {"paragraph": first_paragraph(report).pk, "text": "nul\x00byte"}).status_code == 400
    assert participant.post(url, {"paragraph": first_paragraph(report).pk, "text": "   "}).status_code == 400
    assert participant.post(url, {"paragraph": 999999, "text": "On no paragraph."}).status_code == 400
    assert participant.post(url, {"paragraph": "x", "text": "Bad number."}).status_code == 400
    assert not ReportComment.objects.exists()


# --- who sees the draft and the comments ---------------------------------------------------------
ROLES = ["anonymous", "other_member", "observer", "member", "chair", "former_member", "participant", "secretariat"]


@pytest.mark.parametrize("role", ROLES)
def test_draft_and_comments_only_for_participants_and_the_secretariat(client_as, roles, report, participant_user, former_member, role):
    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    review.comment(report, participant, first_paragraph(report), "A participant's remark.")
    user = {"participant": participant_user, "former_member": former_member}.get(role) or roles[role]
    client = client_as(user)
    allowed = role in ("participant", "secretariat")
    for url in (f"{BASE}/report/", f"{BASE}/report.docx", f"{BASE}/report.pdf",
                f"/api/v1/meetings/{report.meeting.pk}/report", f"/api/v1/meetings/{report.meeting.pk}/report/comments"):
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404), url
        if url.endswith("comments") and allowed:
            assert [c["text"] for c in response.json()] == ["A participant's remark."]
    review_page = client.get(f"{BASE}/report/review/")
    assert review_page.status_code == (200 if role == "participant" else 404)
    meeting_page = client.get(f"{BASE}/").content.decode()
    assert ("/report/" in meeting_page) is allowed


def test_the_link_stops_working_when_the_person_is_no_longer_a_participant_or_the_report_is_adopted(client, report, participant_user):
    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    url = f"/report-review/{review.token(report, participant)}/"
    assert client.get(url).status_code == 200
    Participant.objects.filter(pk=participant.pk).update(attended=False)
    assert client.get(url).status_code == 404
    Participant.objects.filter(pk=participant.pk).update(attended=True)
    services.adopt(report, report.version)
    assert client.get(url).status_code == 404
    assert client.get("/report-review/forged-token/").status_code == 404


def test_a_link_comments_in_its_participant_s_name(client, report, participant_user):
    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    url = f"/report-review/{review.token(report, participant)}/"
    assert client.post(url, {"paragraph": first_paragraph(report).pk, "text": "Sent from the e-mail link."}).status_code == 302
    assert ReportComment.objects.get().author == participant_user.person


@pytest.mark.parametrize("role", ["member", "chair", "participant"])
def test_the_compilation_of_comments_is_the_secretariat_s(client_as, roles, report, participant_user, role):
    import io

    from openpyxl import load_workbook

    under_review(report)
    participant = Participant.objects.get(meeting=report.meeting, person=participant_user.person)
    second = report.paragraphs.get(text="The Group adopted its work plan.")
    review.comment(report, participant, second, "Which plan?")
    review.comment(report, participant, first_paragraph(report), "Add the venue.")
    url = f"/manage/meetings/{report.meeting.pk}/report/comments.xlsx"
    user = participant_user if role == "participant" else roles[role]
    assert client_as(user).get(url).status_code == 403
    response = client_as(roles["secretariat"]).get(url)
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Paragraph", "Paragraph as commented", "Comment by", "Comment")
    assert [(r[0], r[3]) for r in rows[1:]] == [(1, "Add the venue."), (2, "Which plan?")]

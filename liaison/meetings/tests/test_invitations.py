"""Invitations by e-mail through a real SMTP server on loopback; links that need no login and work
once; expired, reused and forged links; reminders; letters of invitation as PDF."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from liaison.core.models import Person
from liaison.meetings import invitations
from liaison.meetings.models import Invitation, Meeting, Mode, Participant


@pytest.fixture
def meeting(demo):
    start = timezone.localdate() + timedelta(days=30)
    return Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting of the Liaison Group",
                                  start_date=start, end_date=start + timedelta(days=1), city="Montreal")


@pytest.fixture
def expert(db):
    return Person.objects.create(honorific="Dr.", first_name="Amina", last_name="Diallo", email="amina@example.org")


def send_to(client, meeting, *people, **extra):
    """The secretariat's last step: send (after the preview) with the meeting's version."""
    meeting.refresh_from_db()
    data = {"people": [p.pk for p in people], "action": "send", "version": meeting.version, **extra}
    return client.post(f"/manage/meetings/{meeting.pk}/invitations/", data)


def link_path(mailbox, index=-1):
    body = mailbox.body(mailbox.messages[index])
    return re.search(r"https?://[^/\s]+(/invitations/\S+/)", body).group(1)


def test_invitation_arrives_and_its_link_accepts_without_login(client_as, roles, meeting, expert, smtp_server):
    staff = client_as(roles["secretariat"])
    response = send_to(staff, meeting, expert)
    assert response.status_code == 302
    mail = smtp_server.wait_for(1)[0]
    assert mail["to"] == ["amina@example.org"]
    assert "Thirteenth meeting" in mail["message"]["Subject"]
    path = link_path(smtp_server)

    staff.logout()
    page = staff.get(path)
    assert page.status_code == 200 and "Accept the invitation" in page.content.decode()
    answered = staff.post(path, {"answer": "accept"})
    assert "You accepted this invitation" in answered.content.decode()
    invitation = Invitation.objects.get(person=expert)
    assert invitation.status == "accepted"
    participant = Participant.objects.get(meeting=meeting, person=expert)
    assert participant.attended is False  # registered; attends once checked in


def test_declining_takes_an_optional_reason_shown_to_the_secretariat(client_as, roles, client, meeting, expert, smtp_server):
    invitations.invite(meeting, expert)
    path = link_path(smtp_server)
    page = client.get(path).content.decode()
    assert "Reason for declining" in page and 'data-confirm="Decline this invitation?"' in page
    answered = client.post(path, {"answer": "decline", "reason": "  Teaching that week.  "})
    assert "You declined this invitation" in answered.content.decode()
    assert "Teaching that week." in answered.content.decode()
    invitation = Invitation.objects.get(person=expert)
    assert (invitation.status, invitation.decline_reason) == ("declined", "Teaching that week.")
    staff_page = client_as(roles["secretariat"]).get(f"/manage/meetings/{meeting.pk}/invitations/").content.decode()
    assert "Reason: Teaching that week." in staff_page


def test_the_answer_can_be_changed_until_the_deadline(client, meeting, expert, smtp_server):
    invitations.invite(meeting, expert)
    path = link_path(smtp_server)
    client.post(path, {"answer": "decline", "reason": "Busy"})
    assert not Participant.objects.filter(person=expert).exists()
    # the link now shows the current answer and a form to change it; GET changes nothing
    page = client.get(path).content.decode()
    assert "You declined this invitation" in page and "Change your answer" in page and "Accept the invitation" in page
    assert Invitation.objects.get(person=expert).status == "declined"
    again = client.post(path, {"answer": "accept"})
    assert again.status_code == 200 and "You accepted this invitation" in again.content.decode()
    invitation = Invitation.objects.get(person=expert)
    assert (invitation.status, invitation.decline_reason) == ("accepted", "")
    assert Participant.objects.get(person=expert).attended is False
    # declining again withdraws the registration
    client.post(path, {"answer": "decline"})
    assert Invitation.objects.get(person=expert).status == "declined"
    assert not Participant.objects.filter(person=expert).exists()


def test_the_answer_cannot_be_changed_after_the_deadline(client, meeting, expert, smtp_server):
    invitation = invitations.invite(meeting, expert)
    path = link_path(smtp_server)
    client.post(path, {"answer": "decline", "reason": "Busy"})
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    page = client.get(path).content.decode()
    assert "You declined this invitation" in page and "can no longer be changed" in page
    assert "Accept the invitation" not in page
    again = client.post(path, {"answer": "accept"})
    assert again.status_code == 409
    assert "reply deadline" in again.content.decode() and "can no longer be changed" in again.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).status == "declined"
    assert not Participant.objects.filter(person=expert).exists()
    with pytest.raises(invitations.Expired):
        invitations.answer(invitation, accept=True)


def test_a_participant_checked_in_cannot_decline_through_the_link(client, meeting, expert, smtp_server):
    invitation = invitations.invite(meeting, expert)
    invitations.answer(invitation, accept=True)
    Participant.objects.filter(person=expert).update(attended=True)
    response = client.post(link_path(smtp_server), {"answer": "decline"})
    assert response.status_code == 409 and "registered as present" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"
    assert Participant.objects.filter(person=expert).exists()


def test_a_link_acts_only_for_its_own_invitee(client, meeting, expert, smtp_server):
    other = Person.objects.create(first_name="Bo", last_name="Berg", email="bo@example.org")
    invitations.invite(meeting, expert)
    invitations.invite(meeting, other)
    smtp_server.wait_for(2)
    client.post(link_path(smtp_server, 0), {"answer": "accept"})
    assert Invitation.objects.get(person=expert).status == "accepted"
    assert Invitation.objects.get(person=other).status == "invited"


def test_an_expired_link_records_nothing(client, meeting, expert, smtp_server):
    invitation = invitations.invite(meeting, expert)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    path = link_path(smtp_server)
    assert "has expired" in client.get(path).content.decode()
    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 409 and "has expired" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).status == "invited"


@pytest.mark.parametrize("mangle", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature broken
    lambda token: "not-a-token",
])
def test_forged_links_are_refused(client, meeting, expert, smtp_server, mangle):
    invitations.invite(meeting, expert)
    token = link_path(smtp_server).split("/")[2]
    response = client.post(f"/invitations/{mangle(token)}/", {"answer": "accept"})
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert Invitation.objects.get(person=expert).status == "invited"


def test_a_revoked_link_is_refused(client, meeting, expert, smtp_server):
    invitation = invitations.invite(meeting, expert)
    path = link_path(smtp_server)
    Invitation.objects.filter(pk=invitation.pk).update(nonce="revoked")
    assert client.get(path).status_code == 404


def test_reminders_go_only_to_those_who_have_not_answered(client_as, roles, meeting, expert, smtp_server):
    other = Person.objects.create(first_name="Bo", last_name="Berg", email="bo@example.org")
    invitations.invite(meeting, expert)
    invitations.invite(meeting, other)
    smtp_server.wait_for(2)
    invitations.answer(Invitation.objects.get(person=other), accept=True)
    client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/invitations/remind/")
    messages = smtp_server.wait_for(3)
    assert len(messages) == 3
    assert messages[-1]["to"] == ["amina@example.org"] and "Reminder" in messages[-1]["message"]["Subject"]
    assert Invitation.objects.get(person=expert).reminders_sent == 1


def test_reminder_command_reminds_after_a_week(meeting, expert, smtp_server, capsys):
    invitation = invitations.invite(meeting, expert)
    call_command("send-reminders")
    assert "0 reminder(s)" in capsys.readouterr().out
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now() - timedelta(days=8))
    call_command("send-reminders")
    assert "1 reminder(s)" in capsys.readouterr().out
    assert len(smtp_server.wait_for(2)) == 2


def test_the_invitation_and_the_reminder_are_titled_by_the_meeting_and_match_the_preview(meeting, expert, mailoutbox):
    meeting.title = 'Thirteenth meeting of the "R&D" <Group>'
    meeting.save()
    subject, body = invitations.preview(meeting, expert)
    assert subject == 'Invitation: Thirteenth meeting of the "R&D" <Group>'  # not escaped
    assert body.startswith("Dear Dr. Amina Diallo,\n\nOn behalf of the Executive Secretary") and str(invitations.PREVIEW_LINK) in body
    invitation = invitations.invite(meeting, expert)
    invitations.remind(meeting)
    assert [m.subject for m in mailoutbox] == [subject, 'Reminder: Thirteenth meeting of the "R&D" <Group>']
    import re

    sent_link = re.search(r"https?://\S+/invitations/([^/\s]+)/", mailoutbox[0].body)
    assert invitations.from_token(sent_link[1]) == invitation  # the link opens this invitation (its token carries its time)
    assert invitations.link(invitation).startswith(sent_link[0].split("/invitations/")[0] + "/invitations/")  # SITE_URL
    assert mailoutbox[0].body == body.replace(str(invitations.PREVIEW_LINK), sent_link[0])
    assert mailoutbox[1].body.startswith('Dear Dr. Amina Diallo,\n\nThis is a reminder of the invitation to the Thirteenth meeting of the "R&D" <Group> (')


def test_inviting_twice_or_without_email_is_refused(client_as, roles, meeting, expert, smtp_server):
    nobody = Person.objects.create(last_name="Nomail")
    staff = client_as(roles["secretariat"])
    send_to(staff, meeting, expert)
    response = staff.post(f"/manage/meetings/{meeting.pk}/invitations/",
                          {"people": [expert.pk], "action": "send", "version": Meeting.objects.get(pk=meeting.pk).version}, follow=True)
    assert "already invited" in response.content.decode()
    with pytest.raises(invitations.InvitationError):
        invitations.invite(meeting, nobody)
    assert Invitation.objects.filter(meeting=meeting).count() == 1


def test_letter_of_invitation_pdf(client_as, roles, meeting, expert, smtp_server):
    invitation = invitations.invite(meeting, expert)
    response = client_as(roles["secretariat"]).get(f"/manage/meetings/{meeting.pk}/invitations/{invitation.pk}/letter.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Dr. Amina Diallo" in text and "Thirteenth meeting of the Liaison Group" in text
    # the invitee can fetch it through their link too
    assert client_as(None).get(link_path(smtp_server) + "letter.pdf")["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("role", ["anonymous", "member", "chair", "observer"])
def test_only_the_secretariat_invites(client_as, roles, meeting, expert, role):
    client = client_as(roles[role])
    response = send_to(client, meeting, expert)
    assert response.status_code in (302, 403)
    assert not Invitation.objects.exists()
    for url in (f"/manage/meetings/{meeting.pk}/invitations/", f"/manage/meetings/{meeting.pk}/invitations/candidates/?q=Diallo"):
        page = client.get(url)
        assert page.status_code in (302, 403) and b"Amina" not in page.content


def test_an_online_meeting_is_said_online_in_the_email_the_letter_and_the_page(client, meeting, expert, mailoutbox):
    # the e-mail and the letter are rendered without a request, so they are given the enum they compare with
    meeting.mode = Mode.ONLINE
    meeting.save()
    invitation = invitations.invite(meeting, expert)
    assert "Where: online" in mailoutbox[0].body
    path = re.search(r"https?://[^/\s]+(/invitations/\S+/)", mailoutbox[0].body).group(1)
    assert "<dd>Online</dd>" in client.get(path).content.decode()
    letter = " ".join(PdfReader(io.BytesIO(invitations.letter_pdf(invitation))).pages[0].extract_text().split())
    assert "to be held online" in letter
    meeting.mode = Mode.FACE_TO_FACE
    meeting.save()
    letter = " ".join(PdfReader(io.BytesIO(invitations.letter_pdf(Invitation.objects.get(pk=invitation.pk)))).pages[0].extract_text().split())
    assert "to be held in Montreal" in letter and "Where: online" not in invitations.render(invitation)

"""Inviting in two steps (issue 10): invitees ticked in a searchable list (htmx), then the e-mail one
invitee would receive previewed, its message edited (kept with the meeting, versioned) and sent to
all. Nothing is sent before the last step; a stale edit is refused and keeps its text."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.models import Country, Person
from liaison.meetings import invitations
from liaison.meetings.models import Invitation, Meeting


@pytest.fixture
def meeting(demo):
    start = timezone.localdate() + timedelta(days=30)
    return Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting of the Liaison Group",
                                  start_date=start, end_date=start + timedelta(days=1), city="Montreal",
                                  country=Country.objects.get(iso3="CAN"))


@pytest.fixture
def experts(db):
    return [
        Person.objects.create(honorific="Dr.", first_name="Amina", last_name="Diallo", email="amina@example.org",
                              country=Country.objects.get(iso3="SEN")),
        Person.objects.create(honorific="Mr.", first_name="Pedro", last_name="Alves", email="pedro@example.org",
                              country=Country.objects.get(iso3="BRA")),
        Person.objects.create(first_name="Nomail", last_name="Person"),
    ]


def url(meeting, suffix=""):
    return f"/manage/meetings/{meeting.pk}/invitations/{suffix}"


def test_the_list_is_searchable_and_keeps_what_is_ticked(client_as, roles, meeting, experts):
    staff = client_as(roles["secretariat"])
    page = staff.get(url(meeting)).content.decode()
    assert 'type="search"' in page and 'hx-get="' + url(meeting, "candidates/") + '"' in page
    assert 'type="checkbox" name="people" value="%d"' % experts[0].pk in page
    assert "Nomail" not in page  # only people with an e-mail address
    part = staff.get(url(meeting, "candidates/"), {"q": "diallo sen"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Dr. Amina Diallo" in part and "Pedro" not in part and "1 person matches" in part
    # Pedro ticked, then a search for Amina: Pedro stays, ticked, above the matches
    part = staff.get(url(meeting, "candidates/"), {"q": "Amina", "people": [experts[1].pk]}).content.decode()
    assert re.search(r'value="%d" checked> Mr. Pedro Alves' % experts[1].pk, part)
    assert part.index("Pedro Alves") < part.index("Amina Diallo")
    assert staff.get(url(meeting, "candidates/"), {"q": "\x00"}).status_code == 400
    # without script, the Search button does the same and sends nothing
    fallback = staff.post(url(meeting), {"q": "Alves", "action": "search", "people": [experts[0].pk]})
    assert fallback.status_code == 200 and "Pedro Alves" in fallback.content.decode()
    assert re.search(r'value="%d" checked' % experts[0].pk, fallback.content.decode())
    assert not Invitation.objects.exists()


def test_already_invited_people_cannot_be_ticked(client_as, roles, meeting, experts, smtp_server):
    invitations.invite(meeting, experts[0])
    part = client_as(roles["secretariat"]).get(url(meeting, "candidates/"), {"q": "Diallo"}).content.decode()
    assert re.search(r'value="%d" disabled' % experts[0].pk, part) and "already invited" in part


def test_preview_shows_one_invitees_email_and_sends_nothing(client_as, roles, meeting, experts, smtp_server):
    staff = client_as(roles["secretariat"])
    empty = staff.post(url(meeting), {"action": "preview"})
    assert empty.status_code == 400 and "Tick at least one person" in empty.content.decode()
    preview = staff.post(url(meeting), {"action": "preview", "people": [experts[0].pk, experts[1].pk]})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "The e-mail Dr. Amina Diallo will receive" in page and "Dear Dr. Amina Diallo," in page
    assert 'Subject:</strong> <span lang="en" dir="ltr">Invitation: Thirteenth meeting of the Liaison Group</span>' in page  # the invitee's language
    assert "On behalf of the Executive Secretary, you are invited" in page and "Montreal, Canada" in page
    assert 'data-confirm="Send the invitations now? Each invitee receives an e-mail."' in page
    other = staff.post(url(meeting), {"action": "preview", "people": [experts[0].pk, experts[1].pk], "preview_for": experts[1].pk})
    assert "Dear Mr. Pedro Alves," in other.content.decode()
    assert not Invitation.objects.exists() and smtp_server.messages == []


def test_the_edited_message_is_sent_to_all_and_kept_with_the_meeting(client_as, roles, meeting, experts, smtp_server):
    staff = client_as(roles["secretariat"])
    text = "We are pleased to invite you to the Thirteenth meeting.\n\nInterpretation will be provided in French."
    preview = staff.post(url(meeting), {"action": "preview", "people": [experts[0].pk, experts[1].pk], "message": text,
                                        "version": meeting.version}).content.decode()
    assert "Interpretation will be provided in French." in preview
    meeting.refresh_from_db()
    assert meeting.invitation_message == ""  # a preview saves nothing
    sent = staff.post(url(meeting), {"action": "send", "people": [experts[0].pk, experts[1].pk], "message": text,
                                     "version": meeting.version})
    assert sent.status_code == 302
    mails = smtp_server.wait_for(2)
    for mail in mails:
        body = smtp_server.body(mail)
        assert "Interpretation will be provided in French." in body and "/invitations/" in body
    meeting.refresh_from_db()
    assert meeting.invitation_message == text and meeting.version == 2
    # the page shows the kept text next time, and later invitations use it
    later = Person.objects.create(first_name="Bo", last_name="Berg", email="bo@example.org")
    invitations.invite(meeting, later)
    assert "Interpretation will be provided in French." in smtp_server.body(smtp_server.wait_for(3)[-1])


def test_a_stale_message_is_refused_and_kept(client_as, roles, meeting, experts, smtp_server):
    staff = client_as(roles["secretariat"])
    version = meeting.version
    Meeting.objects.filter(pk=meeting.pk).update(invitation_message="Someone else's text.", version=version + 1)
    response = staff.post(url(meeting), {"action": "send", "people": [experts[0].pk], "message": "My text.", "version": version})
    page = response.content.decode()
    assert response.status_code == 409 and "changed by someone else" in page and "My text." in page
    assert not Invitation.objects.exists() and smtp_server.messages == []
    assert Meeting.objects.get(pk=meeting.pk).invitation_message == "Someone else's text."


def test_a_message_too_long_is_refused(client_as, roles, meeting, experts, smtp_server):
    response = client_as(roles["secretariat"]).post(url(meeting), {"action": "send", "people": [experts[0].pk],
                                                                  "message": "x" * 5001, "version": meeting.version})
    assert response.status_code in (400, 409) and not Invitation.objects.exists()

"""Invitations in each invitee's language: the e-mail (through the outbox to the real SMTP server,
with Content-Language), the reminder and the letter, their dates and places too. Under the
pseudo-locale nothing English is left outside the user's data."""

import html
import io
from datetime import time

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from liaison.core import dates
from liaison.core.models import Country, Person
from liaison.core.tests.pseudo import english_left, pseudo_locale
from liaison.meetings import invitations
from liaison.meetings.models import Invitation
from liaison.meetings.tests.test_invitations import meeting  # noqa: F401 - fixture


def as_html(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())


@pytest.fixture
def timed(meeting):  # noqa: F811
    """The meeting with times at the venue, a venue and a country."""
    meeting.start_time, meeting.end_time, meeting.time_zone = time(10), time(17), "America/Toronto"
    meeting.venue, meeting.country = "ICAO Conference Centre", Country.objects.get(iso3="CAN")
    meeting.save()
    return meeting


def invitation_for(meeting, person):
    return Invitation.objects.create(meeting=meeting, person=person, email=person.email, nonce="n" * 16,
                                     expires_at=invitations.default_expiry(meeting))


def data_of(meeting, person):
    return [meeting.title, meeting.venue, meeting.city, meeting.time_zone, person.formal_name, settings.SITE_NAME]


def test_an_invitation_to_a_russian_reader_has_no_english_left(timed):
    person = Person.objects.create(honorific="Dr.", first_name="Olga", last_name="Petrova", email="olga@example.ru",
                                   language="ru")
    invitation = invitation_for(timed, person)
    with pseudo_locale():
        subject, body = invitations.compose(invitation)
        reminder = invitations.compose(invitation, "meetings/email/reminder")
        letter = invitations.letter_html(invitation)
    data = data_of(timed, person)
    assert subject.startswith("⟦") and "⟦On behalf of the Executive Secretary" in body
    assert english_left(as_html(subject), data) == [] and english_left(as_html(body), data) == []
    assert english_left(as_html("\n".join(reminder)), data) == []
    assert english_left(letter, data) == []
    assert '<html lang="ru" dir="ltr">' in letter
    assert dates.date_range(timed.start_date, timed.end_date, language="ru") in body  # the reader's dates
    assert "Канада" in body and "Канада" in letter  # and the country's name in the reader's language


def test_a_french_and_an_arabic_invitee_invited_together_each_read_their_own_language(timed, smtp_server):
    french = Person.objects.create(first_name="Jeanne", last_name="Martin", email="jeanne@example.fr", language="fr")
    arabic = Person.objects.create(first_name="Nadia", last_name="Haddad", email="nadia@example.org", language="ar")
    assert invitations.invite_all(timed, [french, arabic]) == (2, [])
    messages = {entry["to"][0]: entry for entry in smtp_server.wait_for(2)}
    fr, ar = messages["jeanne@example.fr"], messages["nadia@example.org"]
    assert fr["message"]["Content-Language"] == "fr" and ar["message"]["Content-Language"] == "ar"
    fr_body, ar_body = smtp_server.body(fr), smtp_server.body(ar)
    fr_dates = dates.time_span(timed.starts_at, timed.ends_at, "fr")
    ar_dates = dates.time_span(timed.starts_at, timed.ends_at, "ar")
    assert fr_dates in fr_body and "Canada" in fr_body and ar_dates not in fr_body
    assert ar_dates in ar_body and "كندا" in ar_body and fr_dates not in ar_body
    assert not any("\u0660" <= char <= "\u0669" for char in fr_body)  # no Arabic-Indic digit in the French e-mail
    # The letter follows the invitee too: French dates, and an Arabic letter set right to left.
    letter = PdfReader(io.BytesIO(invitations.letter_pdf(Invitation.objects.get(person=french)))).pages[0].extract_text()
    assert dates.day_month_year(timezone.localdate(), "fr") in " ".join(letter.split())
    assert '<html lang="ar" dir="rtl">' in invitations.letter_html(Invitation.objects.get(person=arabic))


def test_a_person_without_a_choice_reads_their_accounts_language_and_english_without_one(timed, make_user, mailoutbox):
    user = make_user("sofia@example.es")
    user.language = "es"
    user.save()
    nobody = Person.objects.create(last_name="Smith", email="smith@example.org")
    invitations.invite(timed, Person.objects.get(user=user))
    invitations.invite(timed, nobody)
    spanish, english = mailoutbox
    assert spanish.extra_headers["Content-Language"] == "es" and dates.date_range(timed.start_date, timed.end_date, language="es") in spanish.body
    assert english.extra_headers["Content-Language"] == "en" and "Where: ICAO Conference Centre, Montreal, Canada" in english.body
    assert timed.when_text in english.body  # English as before

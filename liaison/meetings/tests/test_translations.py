"""A meeting's title in several languages: entered on the secretariat's edit form (versioned), read in
the reader's language on pages, the API, iCalendar, the history CSV and e-mails, English when not given."""

import csv
import io
import json

import pytest
from icalendar import Calendar

from liaison.core import mail
from liaison.core.models import Job
from liaison.meetings.models import Meeting

# Written for the tests, not demo data (the seeds give no title in another language).
FRENCH = "Neuvième réunion du Groupe de liaison"
CHINESE = "联络小组第九次会议"
ENGLISH = "Ninth meeting of the Liaison Group on Capacity-Building for Biosafety"
NINTH = "/groups/lg-biosafety/meetings/9/"


@pytest.fixture
def ninth(demo):
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    meeting.translations = {"fr": {"title": FRENCH}, "zh-hans": {"title": CHINESE}}
    meeting.save()
    return meeting


@pytest.fixture
def staff(client_as, roles):
    return client_as(roles["secretariat"])


def edit_data(meeting, **changes):
    data = {
        "number": meeting.number, "slug": meeting.slug, "title": meeting.title, "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(), "mode": meeting.mode, "city": meeting.city,
        "country": meeting.country_id or "", "version": meeting.version,
    }
    data.update(changes)
    return data


def test_the_edit_form_saves_the_title_in_each_language(staff, ninth):
    page = staff.get(f"/manage/meetings/{ninth.pk}/").content.decode()
    assert f'value="{FRENCH}"' in page and 'name="title_ar"' in page and 'name="title_zh_hans"' in page
    response = staff.post(f"/manage/meetings/{ninth.pk}/", edit_data(ninth, title_fr=FRENCH, title_zh_hans="", title_ar="الاجتماع التاسع"))
    assert response.status_code == 302
    ninth.refresh_from_db()
    assert ninth.translations == {"fr": {"title": FRENCH}, "ar": {"title": "الاجتماع التاسع"}}
    assert ninth.title == ENGLISH and ninth.slug == "9"


def test_a_stale_meeting_save_is_refused_and_keeps_the_titles_typed(staff, ninth):
    stale = edit_data(ninth, title_fr="Titre du second", title_zh_hans=CHINESE)
    assert staff.post(f"/manage/meetings/{ninth.pk}/", edit_data(ninth, title_fr="Titre du premier", title_zh_hans=CHINESE)).status_code == 302
    response = staff.post(f"/manage/meetings/{ninth.pk}/", stale)
    html = response.content.decode()
    assert "Someone else saved this record" in html and 'value="Titre du second"' in html
    assert Meeting.objects.get(pk=ninth.pk).translations["fr"] == {"title": "Titre du premier"}


def test_a_new_meeting_may_be_given_its_titles(staff, demo):
    data = {"number": 14, "title": "Fourteenth meeting", "title_ru": "Четырнадцатое совещание", "start_date": "2027-10-05",
            "end_date": "2027-10-06", "mode": "online"}
    assert staff.post("/manage/groups/lg-biosafety/meetings/new/", data).status_code == 302
    assert Meeting.objects.get(number=14, group=demo["lg-biosafety"]).translations == {"ru": {"title": "Четырнадцатое совещание"}}


def test_the_meeting_page_in_french_shows_the_french_title_and_in_arabic_the_english(client, ninth):
    french = client.get(NINTH, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f"<h1>{FRENCH}</h1>" in french and f"<title>{FRENCH}" in french
    arabic = client.get(NINTH, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f'<h1 lang="en" dir="ltr">{ENGLISH}</h1>' in arabic
    history = client.get("/groups/lg-biosafety/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert CHINESE in history


def test_the_api_gives_the_title_in_accept_language_and_every_language_on_the_detail(client, ninth):
    detail = client.get(f"/api/v1/meetings/{ninth.pk}", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert detail["title"] == FRENCH
    assert detail["translations"] == {"en": {"title": ENGLISH}, "zh-hans": {"title": CHINESE}, "fr": {"title": FRENCH}}
    listed = client.get("/api/v1/groups/lg-biosafety/meetings", HTTP_ACCEPT_LANGUAGE="zh-Hans").json()
    assert next(m["title"] for m in listed if m["number"] == 9) == CHINESE
    assert client.get(f"/api/v1/meetings/{ninth.pk}", HTTP_ACCEPT_LANGUAGE="es").json()["title"] == ENGLISH


def test_the_api_patches_one_language_and_keeps_the_others(client, secretariat_token, ninth):
    response = client.patch(f"/api/v1/meetings/{ninth.pk}", data=json.dumps({"version": ninth.version, "translations": {"es": {"title": "Novena reunión"}, "zh-hans": {"title": ""}}}),
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secretariat_token}", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200 and response.json()["title"] == "Novena reunión"
    ninth.refresh_from_db()
    assert ninth.translations == {"fr": {"title": FRENCH}, "es": {"title": "Novena reunión"}}
    too_long = client.patch(f"/api/v1/meetings/{ninth.pk}", data=json.dumps({"version": ninth.version, "translations": {"fr": {"title": "x" * 301}}}),
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secretariat_token}")
    assert too_long.status_code == 422


def test_icalendar_summary_is_in_the_requesters_language(client, ninth):
    event = Calendar.from_ical(client.get("/groups/lg-biosafety/meetings/9.ics", HTTP_ACCEPT_LANGUAGE="fr").content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == FRENCH
    feed = Calendar.from_ical(client.get("/groups/lg-biosafety/meetings.ics", HTTP_ACCEPT_LANGUAGE="zh-hans").content)
    assert CHINESE in {str(e["SUMMARY"]) for e in feed.walk("VEVENT")}
    event = Calendar.from_ical(client.get("/groups/lg-biosafety/meetings/9.ics", HTTP_ACCEPT_LANGUAGE="ru").content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == ENGLISH


def titles(data: bytes) -> list[str]:
    """The title column (the second: headers are in the asker's language too) of the history CSV."""
    return [row[1] for row in list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]]


def test_the_history_csv_is_in_the_requesters_language_inline_and_from_the_worker(client, ninth, settings):
    settings.INLINE_EXPORT_ROWS = 12
    inline = titles(client.get("/groups/lg-biosafety/meetings.csv", HTTP_ACCEPT_LANGUAGE="fr").content)
    assert inline[8] == FRENCH and ENGLISH not in inline
    settings.INLINE_EXPORT_ROWS = 11
    response = client.get("/groups/lg-biosafety/meetings.csv", HTTP_ACCEPT_LANGUAGE="fr")
    job = Job.objects.get(pk=response["Location"].split("/")[2])
    assert titles(b"".join(client.get(f"/jobs/{job.pk}/file/").streaming_content)) == inline
    # the English file is another job, not the French one again
    job_en = Job.objects.get(pk=client.get("/groups/lg-biosafety/meetings.csv", HTTP_ACCEPT_LANGUAGE="en")["Location"].split("/")[2])
    assert job_en.pk != job.pk
    assert titles(b"".join(client.get(f"/jobs/{job_en.pk}/file/").streaming_content))[8] == ENGLISH


def test_an_email_rendered_in_the_recipients_language_carries_that_title(ninth):
    subject, _body = mail.render("meetings/email/reminder", {"meeting": ninth}, "zh-hans")
    assert CHINESE in subject
    subject, _body = mail.render("meetings/email/reminder", {"meeting": ninth}, "ar")
    assert ENGLISH in subject
    subject, _body = mail.render("meetings/email/reminder", {"meeting": ninth}, "fr")
    assert FRENCH in subject


def test_the_agenda_docx_is_titled_in_the_requesters_language(client, ninth):
    from docx import Document

    def text(language):
        response = client.get("/groups/lg-biosafety/meetings/9/agenda.docx", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        return "\n".join(p.text for p in Document(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).paragraphs)

    assert FRENCH in text("fr")
    assert ENGLISH in text("ar") and FRENCH not in text("ar")

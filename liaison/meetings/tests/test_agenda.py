"""Agenda: numbering rules, issue and adoption (which freezes it and records the changes)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.meetings import agenda
from liaison.meetings.models import AgendaItem, Meeting


def test_changes_at_adoption():
    issued = [("1", "Opening"), ("2", "Organizational matters"), ("3", "Roster"), ("4", "Other matters")]
    adopted = [("1", "Opening of the meeting"), ("2", "Organizational matters"), ("4", "Other matters"), ("5", "Closure")]
    assert agenda.changes(issued, adopted) == [
        "Item 1 was renamed from “Opening” to “Opening of the meeting”.",
        "Item 5 “Closure” was added.",
        "Item 3 “Roster” was deleted.",
    ]
    assert agenda.changes(issued, issued) == []


def test_check_numbers():
    assert agenda.check_numbers(["1", "2", "2.1", "3"]) == []
    problems = agenda.check_numbers(["1", "1", "x", "4.1"])
    assert any("twice" in p for p in problems) and any("“x”" in p for p in problems) and any("4.1" in p for p in problems)


def test_sort_key_orders_sub_items_numerically():
    assert sorted(["2.10", "2.9", "10", "2"], key=agenda.sort_key) == ["2", "2.9", "2.10", "10"]


@pytest.fixture
def meeting(demo):
    """The thirteenth meeting, under way: it opened today (an agenda is adopted at its meeting)."""
    today = timezone.localdate()
    meeting = Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting",
                                     start_date=today, end_date=today + timedelta(days=1))
    for i, (number, title) in enumerate([("1", "Opening"), ("2", "Organizational matters"), ("3", "Other matters")]):
        AgendaItem.objects.create(meeting=meeting, number=number, title=title, position=i)
    return meeting


def part(**fields):
    return {f"agenda-{k}": v for k, v in fields.items()}


def test_issue_then_adopt_records_changes_and_freezes(client_as, roles, meeting):
    staff = client_as(roles["secretariat"])
    staff.post(f"/manage/meetings/{meeting.pk}/agenda/issue/")
    meeting.refresh_from_db()
    assert meeting.agenda_status == "provisional" and meeting.agenda_issued == [["1", "Opening"], ["2", "Organizational matters"], ["3", "Other matters"]]
    # amended before adoption
    staff.post(f"/manage/meetings/{meeting.pk}/agenda/", part(title="Closure of the meeting"), HTTP_HX_REQUEST="true")
    staff.post(f"/manage/meetings/{meeting.pk}/agenda/adopt/")
    meeting.refresh_from_db()
    assert meeting.agenda_status == "adopted" and meeting.agenda_adopted_on == timezone.localdate()
    assert meeting.agenda_changes == ["Item 4 “Closure of the meeting” was added."]

    refused = staff.post(f"/manage/meetings/{meeting.pk}/agenda/", part(title="Late item"), HTTP_HX_REQUEST="true")
    assert "can no longer change" in refused.content.decode()
    item = meeting.agenda_items.get(number="1")
    staff.post(f"/manage/meetings/{meeting.pk}/agenda/{item.pk}/delete/", HTTP_HX_REQUEST="true")
    assert list(meeting.agenda_items.values_list("number", flat=True)) == ["1", "2", "3", "4"]
    page = staff.get("/groups/lg-biosafety/meetings/13/agenda/").content.decode()
    assert "Item 4 “Closure of the meeting” was added." in page


def test_an_empty_agenda_cannot_be_adopted(client_as, roles, demo):
    meeting = Meeting.objects.create(group=demo["lg-biosafety"], number=14, title="x", start_date="2027-03-10", end_date="2027-03-10")
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/agenda/adopt/", follow=True)
    assert "no items" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.agenda_status == "draft"


def test_sessions_of_the_organization_of_work(client_as, roles, meeting):
    staff = client_as(roles["secretariat"])
    item = meeting.agenda_items.get(number="1")
    ok = staff.post(f"/manage/meetings/{meeting.pk}/sessions/", {"sessions-date": meeting.start_date.isoformat(), "sessions-start": "09:00", "sessions-end": "10:30", "sessions-title": "Morning", "sessions-items": [item.pk]}, HTTP_HX_REQUEST="true")
    assert "Morning" in ok.content.decode()
    bad = staff.post(f"/manage/meetings/{meeting.pk}/sessions/", {"sessions-date": "2027-04-01", "sessions-start": "11:00", "sessions-end": "10:00"}, HTTP_HX_REQUEST="true")
    html = bad.content.decode()
    assert "during the meeting" in html and "ends after it starts" in html
    assert meeting.sessions.count() == 1
    assert "Morning" in staff.get("/groups/lg-biosafety/meetings/13/agenda/").content.decode()


def test_agenda_as_docx(client_as, roles, meeting):
    import io

    from docx import Document

    AgendaItem.objects.filter(meeting=meeting, number="1").update(annotation="The Executive Secretary opens the meeting.")
    staff = client_as(roles["secretariat"])
    item = meeting.agenda_items.get(number="2")
    staff.post(f"/manage/meetings/{meeting.pk}/sessions/", {"sessions-date": meeting.start_date.isoformat(), "sessions-start": "09:00", "sessions-end": "10:30", "sessions-title": "Opening session", "sessions-items": [item.pk]})
    assert client_as(None).get("/groups/lg-biosafety/meetings/13/agenda.docx").status_code == 404  # a draft is not public
    Meeting.objects.filter(pk=meeting.pk).update(agenda_status="provisional")  # issued
    response = client_as(None).get("/groups/lg-biosafety/meetings/13/agenda.docx")
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "PROVISIONAL AGENDA"
    assert "1.\tOpening" in texts and "The Executive Secretary opens the meeting." in texts
    assert [c.text for c in document.tables[0].rows[1].cells][1:] == ["Opening session", "2"]


@pytest.mark.parametrize(
    "role, sees", [("anonymous", False), ("observer", False), ("member", False), ("chair", False), ("secretariat", True)]
)
def test_a_draft_agenda_is_not_public(client_as, roles, demo, role, sees):
    """Issue 10, item 3: an agenda never issued showed to anonymous visitors as 'Provisional agenda'."""
    from liaison.meetings.models import AgendaItem, Meeting

    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_status="draft", agenda_adopted_on=None)
    AgendaItem.objects.create(meeting=meeting, number="7", title="Secret draft item", position=99)
    client = client_as(roles[role])
    agenda = client.get("/groups/lg-biosafety/meetings/9/agenda/")
    docx = client.get("/groups/lg-biosafety/meetings/9/agenda.docx")
    page = client.get("/groups/lg-biosafety/meetings/9/").content.decode()
    api = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    assert agenda.status_code == docx.status_code == (200 if sees else 404)
    assert ("Secret draft item" in page) is sees
    assert any(item["title"] == "Secret draft item" for item in api["agenda"]) is sees
    if sees:
        assert "Draft agenda" in agenda.content.decode() and "Provisional agenda" not in agenda.content.decode()


def test_an_issued_agenda_is_public(client, demo):
    from liaison.meetings.models import Meeting

    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_status="provisional", agenda_adopted_on=None)
    response = client.get("/groups/lg-biosafety/meetings/9/agenda/")
    assert response.status_code == 200 and "Provisional agenda" in response.content.decode()

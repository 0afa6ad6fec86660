"""Peer review paragraph by paragraph with the compilation; follow-up actions; teleconferences."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook

from liaison.workspace.models import Action, ReviewComment


def review_url(w, suffix=""):
    return f"/groups/lg-biosafety/workspace/documents/{w['document'].pk}/{suffix}"


def test_comment_on_two_paragraphs_and_compile(client_as, roles, workspace):
    member = client_as(roles["member"])
    page = member.get(review_url(workspace))
    assert [text for _, text, _ in page.context["rows"]] == ["First paragraph of the draft.", "Second paragraph.", "Third."]
    member.post(review_url(workspace), {"paragraph": 1, "text": "Say 'national frameworks'."})
    member.post(review_url(workspace), {"paragraph": 3, "text": "Too short."})
    member.post(review_url(workspace), {"paragraph": 9, "text": "No such paragraph"})
    client_as(roles["chair"]).post(review_url(workspace), {"paragraph": 2, "text": "Fine."})
    assert ReviewComment.objects.count() == 3
    # a member sees only their own comments; the secretariat sees all and answers
    member = client_as(roles["member"])
    assert len([c for _, _, cs in member.get(review_url(workspace)).context["rows"] for c in cs]) == 2
    staff = client_as(roles["secretariat"])
    comment = ReviewComment.objects.get(paragraph=1)
    staff.post(review_url(workspace), {"comment_id": comment.pk, "status": "taken", "reply": "Changed in the revision."})
    assert client_as(roles["member"]).post(review_url(workspace), {"comment_id": comment.pk, "status": "not_taken"}).status_code == 403

    staff = client_as(roles["secretariat"])  # client_as logs one shared client in and out
    docx = Document(io.BytesIO(staff.get(review_url(workspace, "comments.docx")).getvalue()))
    rows = [[cell.text for cell in row.cells] for row in docx.tables[0].rows]
    assert rows[0][0] == "Paragraph" and ["1", "First paragraph of the draft.", rows[1][2], "Say 'national frameworks'.", "Taken into account", "Changed in the revision."] == rows[1]
    sheet = load_workbook(io.BytesIO(staff.get(review_url(workspace, "comments.xlsx")).getvalue())).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 4 and values[3][0] == 3 and values[3][3] == "Too short."

    # The compilation in another language, whatever the page's: its fixed words, not the comments.
    page = staff.get(review_url(workspace)).content.decode()
    assert f'href="/groups/lg-biosafety/workspace/documents/{workspace["document"].pk}/comments.docx?language=ar"' in page
    french = Document(io.BytesIO(staff.get(review_url(workspace, "comments.docx"), {"language": "fr"}).getvalue()))
    assert french.tables[0].rows[0].cells[0].text == "Paragraphe" and french.core_properties.language == "fr"
    assert french.tables[0].rows[1].cells[3].text == "Say 'national frameworks'."
    arabic = Document(io.BytesIO(staff.get(review_url(workspace, "comments.docx"), {"language": "ar"}).getvalue()))
    assert arabic.core_properties.language == "ar" and arabic.tables[0].rows[0].cells[0].text != "Paragraph"
    sheet = load_workbook(io.BytesIO(staff.get(review_url(workspace, "comments.xlsx"), {"language": "es"}).getvalue())).active
    assert next(sheet.iter_rows(values_only=True))[0] == "Párrafo"
    assert staff.get(review_url(workspace, "comments.docx"), {"language": "de"}).status_code == 400


def test_actions_overdue_highlighted_and_reminded(client_as, roles, workspace, smtp_server, capsys):
    action = workspace["action"]
    roles["member"].person.email = "member@lg.example"
    roles["member"].person.save()
    Action.objects.filter(pk=action.pk).update(due=timezone.localdate() - timedelta(days=2))
    html = client_as(roles["member"]).get("/groups/lg-biosafety/workspace/actions/").content.decode()
    assert 'class="overdue"' in html and "overdue" in html
    call_command("remind-actions")
    call_command("remind-actions")  # not twice the same day
    assert "0 reminder(s)" in capsys.readouterr().out.splitlines()[-1]
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["member@lg.example"] and "Overdue: Circulate the revised draft" in mail["message"]["Subject"]
    # the owner closes it
    client_as(roles["member"]).post("/groups/lg-biosafety/workspace/actions/", {"action_id": action.pk, "status": "done"})
    assert Action.objects.get(pk=action.pk).status == "done"
    assert client_as(roles["observer"]).post("/groups/lg-biosafety/workspace/actions/", {"action_id": action.pk, "status": "open"}).status_code == 404


def test_chair_records_an_action(client_as, roles, workspace):
    client_as(roles["chair"]).post("/groups/lg-biosafety/workspace/actions/", {"title": "Draft the questionnaire", "owner": roles["chair"].person.pk, "due": "2030-05-01", "meeting": workspace["ninth"].pk})
    assert Action.objects.filter(title="Draft the questionnaire", meeting=workspace["ninth"]).exists()
    assert client_as(roles["member"]).post("/groups/lg-biosafety/workspace/actions/", {"title": "x", "owner": roles["chair"].person.pk, "due": "2030-05-01"}).status_code == 403


def test_teleconference_in_each_members_time_zone_and_as_ics(client_as, roles, workspace):
    call = workspace["call"]
    roles["member"].time_zone = "Asia/Kolkata"
    roles["member"].save()
    page = client_as(roles["member"]).get("/groups/lg-biosafety/workspace/teleconferences/")
    [(_, local)] = page.context["rows"]
    assert local.utcoffset() == timedelta(hours=5, minutes=30) and local == call.starts_at
    assert "Asia/Kolkata" in page.content.decode()
    ics = Calendar.from_ical(client_as(roles["member"]).get(f"/groups/lg-biosafety/workspace/teleconferences/{call.pk}.ics").getvalue())
    event = ics.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == call.starts_at.replace(microsecond=0) and str(event["LOCATION"]) == "https://meet.example.org/lg"


def test_chair_schedules_a_call_and_members_get_an_icalendar_invitation(client_as, roles, workspace, smtp_server):
    from liaison.workspace import notify

    roles["member"].time_zone = "America/Lima"
    roles["member"].save()
    notify.subscription(roles["secretariat"], workspace["group"])  # staff: not a member of the group
    sub = notify.subscription(roles["observer"], workspace["group"])
    client_as(roles["chair"]).post("/groups/lg-biosafety/workspace/teleconferences/", {"title": "Call 2", "starts_at": "2030-03-01T14:00", "minutes": 60, "join_link": "https://meet.example.org/2"})
    call = workspace["group"].teleconferences.get(title="Call 2")
    assert call.starts_at.isoformat() == "2030-03-01T14:00:00+00:00"
    mails = smtp_server.wait_for(2)
    assert sorted(m["to"][0] for m in mails) == ["chair@lg.example", "member@lg.example"]  # members only, not the observer
    to_member = next(m for m in mails if m["to"] == ["member@lg.example"])
    assert "09:00 (America/Lima)" in smtp_server.body(to_member)
    [ics] = [part for part in to_member["message"].iter_attachments() if part.get_content_type() == "text/calendar"]
    event = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Call 2" and sub.mode == "digest"


def test_comments_xlsx_neutralises_formulas(client_as, roles, workspace):
    from liaison.workspace.models import ReviewComment

    ReviewComment.objects.create(document=workspace["document"], paragraph=1, author=roles["member"],
                                 text='=HYPERLINK("http://evil.example","Click")', reply="+cmd")
    sheet = load_workbook(io.BytesIO(client_as(roles["secretariat"]).get(review_url(workspace, "comments.xlsx")).getvalue())).active
    row = list(sheet.iter_rows(min_row=2))[0]
    assert row[3].value == "'=HYPERLINK(\"http://evil.example\",\"Click\")" and row[3].data_type == "s"
    assert row[5].value == "'+cmd"


def test_controls_show_only_what_a_user_may_do(client_as, roles, workspace, make_user):
    """Issue 10, item 6: members saw a Status menu on other people's actions and got a bare 403;
    an observer could be made owner of a members-only action he cannot see."""
    from liaison.workspace import services

    action = workspace["action"]  # owned by the member
    other = make_user("other.member@lg.example", group=workspace["group"])
    html = client_as(other).get("/groups/lg-biosafety/workspace/actions/").content.decode()
    assert f'id="status-{action.pk}"' not in html and "Open" in html  # the status, as text
    owner_html = client_as(roles["member"]).get("/groups/lg-biosafety/workspace/actions/").content.decode()
    assert f'id="status-{action.pk}"' in owner_html
    chair = client_as(roles["chair"])
    form_html = chair.get("/groups/lg-biosafety/workspace/actions/").content.decode()
    observer = roles["observer"].person
    owners = form_html.split('name="owner"')[1].split("</select>")[0]
    assert f'<option value="{observer.pk}"' not in owners  # observers are not offered as owners
    assert f'<option value="{roles["member"].person.pk}"' in owners
    response = chair.post("/groups/lg-biosafety/workspace/actions/", {"title": "Secret task", "owner": observer.pk, "due": "2030-05-01"})
    assert response.status_code == 200 and not Action.objects.filter(title="Secret task").exists()
    with __import__("pytest").raises(services.Refused, match="current member"):
        services.create_action(Action(title="Secret task", owner=observer, due=timezone.localdate()), workspace["group"])

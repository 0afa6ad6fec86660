"""Importing past reports: the command line and the upload form; bad files change nothing."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from liaison.meetings.models import Meeting
from liaison.reports.models import Report

SAMPLE = Path(__file__).with_name("samples") / "ninth_meeting_report.txt"


def test_dry_run_json_prints_the_ninth_meeting(db, capsys):
    call_command("import-report", str(SAMPLE), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["start_date"], data["end_date"]) == ("2012-03-15", "2012-03-16")
    assert (data["city"], data["country"]) == ("Prague", "Czechia")
    assert (data["participants"], data["governments"], data["organizations"]) == (21, 13, 7)
    assert len(data["countries"]) == 13 and len(data["organization_names"]) == 7
    assert data["chair"]["name"] == "Andreas Heissenberger" and data["chair"]["country"] == "Austria"
    assert data["rapporteur"]["name"] == "Ranjini Warrier" and data["rapporteur"]["country"] == "India"
    assert [a["number"] for a in data["agenda"] if "." not in a["number"]] == ["1", "2", "3", "4", "5", "6"]
    assert data["missing"] == []
    assert Meeting.objects.count() == 0


def remove_demo_ninth_meeting(demo):
    """The demo holds the ninth meeting with its adopted report and annexed plan; these tests import it afresh."""
    from liaison.actionplan.models import ActionPlan
    from liaison.reports.models import Report

    Report.objects.filter(meeting__group=demo["lg-biosafety"], meeting__number=9).delete()
    Meeting.objects.filter(group=demo["lg-biosafety"], number=9).delete()
    ActionPlan.objects.filter(group=demo["lg-biosafety"]).delete()


def test_import_creates_the_meeting_in_one_go(demo, capsys):
    remove_demo_ninth_meeting(demo)
    call_command("import-report", str(SAMPLE), "--group", "lg-biosafety")
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    assert meeting.attendance_sentence() == "It was attended by 21 participants from 13 governments and 7 organizations."
    assert meeting.participants.get(office="chair").person.last_name == "Heissenberger"
    assert meeting.agenda_items.count() == 11 and meeting.agenda_status == "adopted"
    assert meeting.report.paragraphs.count() == 19
    assert meeting.report.paragraphs.filter(agenda_item__number="3.2").count() == 4
    plan = meeting.report.annexes.get().action_plan
    assert plan.objectives.count() == 8 and plan.status == "draft" and plan.adopted_at == meeting
    assert list(plan.objectives.get(number=1).results.values_list("number", flat=True)) == ["1.1", "1.2", "1.3", "1.4", "1.5"]


def test_importing_twice_is_refused_and_writes_nothing(demo):
    before = Meeting.objects.count()
    with pytest.raises(CommandError, match="already has a meeting number 9"):
        call_command("import-report", str(SAMPLE), "--group", "lg-biosafety")
    assert Meeting.objects.count() == before


def malformed_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("report.docx", malformed_docx(), "DOCX file cannot be read"),
        ("report.docx", b"garbage", "DOCX file cannot be read"),
        ("report.pdf", b"%PDF-1.4\n garbage without objects", "PDF"),
        ("report.pdf", b"not a pdf at all", "not a PDF"),
        ("report.odt", b"x", "not .odt"),
    ],
)
def test_malformed_files_give_a_clear_error_and_write_nothing(demo, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    before = (Meeting.objects.count(), Report.objects.count())
    with pytest.raises(CommandError, match=message):
        call_command("import-report", str(path), "--group", "lg-biosafety")
    assert (Meeting.objects.count(), Report.objects.count()) == before


def test_docx_round_trip(demo, tmp_path, capsys):
    """A report exported as DOCX reads back through the importer."""
    from docx import Document

    document = Document()
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "ninth.docx"
    document.save(path)
    call_command("import-report", str(path), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["participants"], data["chair"]["name"], data["paragraph_count"]) == (21, "Andreas Heissenberger", 19)


def test_upload_preview_then_confirm(client_as, roles, demo):
    remove_demo_ninth_meeting(demo)
    staff = client_as(roles["secretariat"])
    preview = staff.post("/manage/import/", {"group": demo["lg-biosafety"].pk, "file": SimpleUploadedFile("r.txt", SAMPLE.read_bytes())})
    html = preview.content.decode()
    assert "Check the proposed meeting" in html and "Andreas Heissenberger" in html
    assert Meeting.objects.filter(number=9).count() == 0  # nothing written before confirming
    proposal = preview.context["proposal"]
    created = staff.post("/manage/import/", {"proposal": proposal})
    assert created.status_code == 302
    assert Meeting.objects.get(group=demo["lg-biosafety"], number=9).delegations.count() == 20


def test_tampered_proposal_is_refused(client_as, roles, demo):
    response = client_as(roles["secretariat"]).post("/manage/import/", {"proposal": "forged:value"}, follow=True)
    assert "expired or was altered" in response.content.decode()


def test_upload_of_a_malformed_pdf_shows_the_error(client_as, roles, demo):
    response = client_as(roles["secretariat"]).post("/manage/import/", {"group": demo["lg-biosafety"].pk, "file": SimpleUploadedFile("r.pdf", b"%PDF-1.4 junk")})
    assert response.status_code == 400 and "PDF" in response.content.decode()


def test_import_page_is_for_the_secretariat(client_as, roles, demo):
    assert client_as(roles["member"]).get("/manage/import/").status_code == 403


NOTE = Path(__file__).with_name("samples") / "gpwg_information_note.txt"


def test_web_import_recognises_a_recorded_meeting_and_offers_to_update_it(client_as, roles, demo):
    """Issue 10, item 11: importing seed 004 once created a second GPWG meeting beside the recorded one."""
    gpwg = demo["gpwg"]
    stockholm = gpwg.meetings.get(start_date="2012-08-28")
    before = Meeting.objects.count()
    staff = client_as(roles["secretariat"])
    preview = staff.post("/manage/import/", {"group": gpwg.pk, "file": SimpleUploadedFile("note.txt", NOTE.read_bytes())})
    html = preview.content.decode()
    assert preview.context["existing"] == stockholm
    assert "This meeting is already recorded" in html and "Update the recorded meeting" in html
    assert "Create the meeting" not in html
    confirmed = staff.post("/manage/import/", {"proposal": preview.context["proposal"]}, follow=True)
    assert confirmed.redirect_chain[-1][0] == f"/manage/meetings/{stockholm.pk}/"
    assert Meeting.objects.count() == before
    stockholm.refresh_from_db()
    assert (stockholm.city, stockholm.country.iso3) == ("Stockholm", "SWE")  # recorded values kept


def test_import_fills_only_what_the_record_lacks(demo):
    from liaison.reports import importing
    from liaison.reports.parsing import parse

    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Meeting.objects.filter(pk=ninth.pk).update(city="", reported_participants=None)
    ninth.refresh_from_db()
    delegations = ninth.delegations.count()
    added = importing.update_meeting(parse(SAMPLE.read_text(encoding="utf-8")), ninth)
    ninth.refresh_from_db()
    assert "city" in added and ninth.city == "Prague" and ninth.reported_participants == 21
    assert ninth.delegations.count() == delegations  # those recorded were not duplicated
    assert importing.update_meeting(parse(SAMPLE.read_text(encoding="utf-8")), ninth) == []


def test_command_refuses_a_second_meeting_on_the_same_dates(demo):
    before = Meeting.objects.count()
    with pytest.raises(CommandError, match="already has a meeting on these dates"):
        call_command("import-report", str(NOTE), "--group", "gpwg")
    assert Meeting.objects.count() == before


def test_nul_characters_in_an_uploaded_report_are_dropped_at_confirmation(client_as, roles, demo):
    """A report whose text contains NUL characters imports (PostgreSQL refused them with a 500)."""
    from liaison.reports.models import Paragraph

    remove_demo_ninth_meeting(demo)
    staff = client_as(roles["secretariat"])
    text = SAMPLE.read_text(encoding="utf-8").replace("Prague", "Pra\x00gue").replace("\n\n", "\n\x00\n")
    preview = staff.post("/manage/import/", {"group": demo["lg-biosafety"].pk, "file": SimpleUploadedFile("r.txt", text.encode())})
    assert preview.status_code == 200
    created = staff.post("/manage/import/", {"proposal": preview.context["proposal"]})
    assert created.status_code == 302
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    assert meeting.city == "Prague"
    assert not any("\x00" in p.text for p in Paragraph.objects.filter(report__meeting=meeting))


def test_an_older_proposal_with_nul_characters_is_cleaned(demo):
    from liaison.reports import importing
    from liaison.reports.parsing import parse

    data = parse(SAMPLE.read_text(encoding="utf-8")).as_dict()
    data["city"] = "Pra\x00gue"
    data["paragraphs"][0]["text"] = "\x00" + data["paragraphs"][0]["text"]
    parsed = importing.parsed_from_dict(data)
    assert parsed.city == "Prague" and "\x00" not in parsed.paragraphs[0].text

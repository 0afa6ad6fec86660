"""The ninth meeting's report in the demo, as seed 001 has it: adopted on 16 March 2012, paragraphs
1–19 under their items, the agenda adopted, decision BS-V/3, Annex I as the group's action plan on
the public page and in the DOCX and PDF exports; and the import command printing the plan."""

import io
import json
from datetime import date
from pathlib import Path

from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from liaison.actionplan.models import ActionPlan, Activity, Element, Indicator, Objective, Result
from liaison.demo.services import load_demo
from liaison.meetings.models import Meeting

SAMPLE = Path(__file__).resolve().parents[2] / "reports" / "tests" / "samples" / "ninth_meeting_report.txt"
REPORT = "/groups/lg-biosafety/meetings/9/report"


def test_the_demo_report_is_adopted_with_paragraphs_under_their_items(demo):
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    report = meeting.report
    assert (report.status, report.adopted_on) == ("adopted", date(2012, 3, 16))
    assert meeting.agenda_status == "adopted"
    content = report.versions.get().content
    numbered = [(s["number"], p["number"]) for s in content["sections"] for p in s["paragraphs"]]
    assert [n for _, n in numbered] == list(range(1, 20))
    assert dict((n, item) for item, n in numbered)[15] == "3.2" and dict((n, item) for item, n in numbered)[19] == "6"
    assert "BS-V/3" in list(demo["lg-biosafety"].decisions.values_list("symbol", flat=True))
    plan = ActionPlan.objects.get(group=demo["lg-biosafety"])
    assert plan.adopted_at == meeting and (plan.period_start, plan.period_end) == (2011, 2020)
    assert content["annexes"][0]["action_plan"]["objectives"][7]["short_title"] == "Coordination and support"


def test_the_demo_is_idempotent(demo):
    counts = lambda: (ActionPlan.objects.count(), Objective.objects.count(), Indicator.objects.count(),  # noqa: E731
                      Result.objects.count(), Activity.objects.count(), Element.objects.count())
    before = counts()
    load_demo(accounts=False)
    assert counts() == before == (1, 8, 29, 41, 72, 6)
    assert Meeting.objects.get(group=demo["lg-biosafety"], number=9).report.versions.count() == 1


def test_the_mechanism_keeps_the_mergers_of_paragraph_15(demo):
    elements = {e.number or e.name: e for e in Element.objects.all()}
    assert elements[5].merged_into == elements[2]
    assert elements[3].merged_into == elements[4].merged_into == elements["Information sharing and networking"]
    assert elements["Liaison Group on Capacity-building for Biosafety"].groups.get() == demo["lg-biosafety"]
    assert "para. 15 (a)" in elements[5].events.get(kind="merged").source


def test_public_report_page_shows_the_paragraphs_and_the_annexed_plan(client, demo):
    html = client.get(f"{REPORT}/").content.decode()
    assert 'id="para-19"' in html and "declared the meeting closed at 4.00 p.m." in html
    assert "Operational objective 8" in html and "Coordination and support" in html
    assert "1.5 Trained permanent staff in place to administer the national biosafety system" in html
    assert "<em>Related to the checkpoints</em>" in html


def test_docx_holds_the_annex_as_the_plans_tables(client, demo):
    document = Document(io.BytesIO(client.get(f"{REPORT}.docx").content))
    tables = document.tables
    assert len(tables) == 8
    assert [c.text for c in tables[0].rows[0].cells] == ["Outcomes", "Indicators", "Results/Outputs", "Activities"]
    indicators = tables[0].rows[1].cells[1].text
    assert "Number of Parties with operational regulatory frameworks" in indicators
    assert "1.1 Biosafety laws" in tables[0].rows[1].cells[2].text
    assert "Related to the checkpoints" in tables[2].rows[1].cells[3].text
    texts = [p.text for p in document.paragraphs]
    assert "Operational objective 1" in texts and any(t.startswith("19.\t") for t in texts)


def test_pdf_holds_the_annex(client, demo):
    response = client.get(f"{REPORT}.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Operational objective 8" in text and "Number of Parties with operational regulatory frameworks" in text
    assert "Results/Outputs" in text


def test_import_report_dry_run_prints_the_action_plan(db, capsys):
    call_command("import-report", str(SAMPLE), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    plan = data["action_plan"]
    assert len(plan["objectives"]) == 8
    assert plan["objectives"][0]["indicators"][0]["text"] == "Number of Parties with operational regulatory frameworks"

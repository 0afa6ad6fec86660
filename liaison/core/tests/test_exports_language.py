"""Every CSV/XLSX export is written in the reader's language: its column headers, its sheets' names
and its fixed words ("yes", "indicator by year", a regional group's name …) go through gettext, the
values (names, titles, figures) stay as stored. Checked under the pseudo-locale (core/tests/pseudo.py),
where every message comes back ⟦wrapped⟧: a header cell or a fixed word left in English is a word no
translator will ever see. A file made by the worker keeps the language of the request that started it.
Formula neutralisation is unchanged (a wrapped header starts with ⟦, data cells are neutralised as before)."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from openpyxl import load_workbook

from liaison.actionplan import needs, reporting
from liaison.actionplan.models import ActionPlan, QuestionKind, Submission, SubmissionStatus, Value
from liaison.assistance.tests.conftest import full, mechanisms, people, world  # noqa: F401 - fixtures
from liaison.core import jobs
from liaison.core.models import Country, Job, Person
from liaison.core.tests.pseudo import OPEN, english_left, pseudo_locale, unwrap
from liaison.meetings.models import Meeting, MeetingDocument, Participant
from liaison.roster.tests.test_nominations import approved_expert
from liaison.workspace.models import ReviewComment

WRAPPED = OPEN


@dataclass
class Case:
    user: object
    url: str
    words: list = field(default_factory=list)  # fixed words the file must hold, each translated (wrapped)
    skip: set = field(default_factory=set)  # columns of codes and identifiers (the audit trail's field names) or of a file's text


# --- the data each export needs -------------------------------------------------------------------
def _plan(demo):
    return ActionPlan.objects.get(group=demo["lg-biosafety"])


def _indicators(plan):
    parties = plan.objectives.get(number=1).indicators.order_by("position").first()
    number = plan.objectives.get(number=3).indicators.get(text__startswith="Number of customs officers")
    ratio = plan.objectives.get(number=2).indicators.get(text__startswith="Ratio of")
    return {"parties": parties, "number": number, "ratio": ratio}


def _cycle(plan, indicators, year=2025):
    cycle = reporting.create_cycle(plan, title=f"Report on {year}", year=year, period_start=date(year, 1, 1),
                                   period_end=date(year, 12, 31), deadline=date.today() + timedelta(days=10),
                                   indicators=indicators.values())
    return reporting.move_cycle(cycle, "open")


def _report(cycle, iso3, indicators, yes=True, status=SubmissionStatus.ACCEPTED):
    submission = Submission.objects.create(cycle=cycle, country=Country.objects.get(iso3=iso3), status=status)
    Value.objects.bulk_create([
        Value(submission=submission, indicator=indicators["parties"], value=Decimal(int(yes))),
        Value(submission=submission, indicator=indicators["number"], value=Decimal(10)),
        Value(submission=submission, indicator=indicators["ratio"], value=Decimal(1), denominator=Decimal(4)),
    ])
    return submission


def dashboard(request, fmt):
    plan = _plan(request.getfixturevalue("demo"))
    indicators = _indicators(plan)
    cycle = _cycle(plan, indicators)
    _report(cycle, "SEN", indicators)
    _report(cycle, "KEN", indicators, yes=False)
    reporting.move_cycle(cycle, "publish")
    return Case(None, f"/plans/{plan.pk}/dashboard.{fmt}",
                ["objective progress", "indicator by year", "indicator by region", "all", "reported", "yes", "no", "African Group"])


def needs_results(request):
    plan = _plan(request.getfixturevalue("demo"))
    assessment = needs.create_assessment(plan, title="Capacity-building needs 2025", year=2025)
    first = assessment.sections.get(objective__number=1)
    guide = needs.add_question(first, kind=QuestionKind.PRIORITY, text="Priority of a best practice guide")
    needs.move(assessment, "open")
    needs.save_answers(needs.response_for(assessment, Country.objects.get(iso3="SEN")), {guide.pk: 3}, submit=True)
    needs.move(assessment, "close")
    return Case(None, f"/plans/needs/{assessment.pk}/results.csv",
                ["responses received", "need (priority question)", "high-priority responses", "activities in the plan", "none"])


def report_sheet(request):
    plan = _plan(request.getfixturevalue("demo"))
    indicators = _indicators(plan)
    cycle = _cycle(plan, indicators)
    _report(cycle, "SEN", indicators, status=SubmissionStatus.DRAFT)
    return Case(request.getfixturevalue("roles")["secretariat"], f"/plans/cycles/{cycle.pk}/reports/SEN/sheet.xlsx",
                ["yes or no", "a number", "numerator (Value) and denominator", "yes"])


def audit_trail(request):
    roles = request.getfixturevalue("roles")
    Person.objects.create(first_name="Audited", last_name="Person", email="audited@example.org")
    return Case(roles["secretariat"], "/manage/audit.csv?model=core.person", ["created"], skip={1, 2, 3, 5})


def history(request):
    request.getfixturevalue("demo")
    return Case(None, "/groups/lg-biosafety/meetings.csv", ["Face to face"])


def roster_usage(request):
    roles, demo = request.getfixturevalue("roles"), request.getfixturevalue("demo")
    approved_expert(demo["lg-biosafety"])
    return Case(roles["secretariat"], "/manage/roster/lg-biosafety/usage/?format=csv", ["African Group", "On the roster"])


def roster_template(request, fmt):
    request.getfixturevalue("demo")
    return Case(request.getfixturevalue("roles")["secretariat"], f"/roster/lg-biosafety/upload/template.{fmt}",
                ["first_name", "Required."] if fmt == "xlsx" else ["first_name"])


def review_comments(request):
    roles, demo = request.getfixturevalue("roles"), request.getfixturevalue("demo")
    ninth = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    from django.core.files.base import ContentFile

    document = MeetingDocument.objects.create(meeting=ninth, symbol="UNEP/CBD/BS/LG-CB/9/2", title="Draft", distribution="members",
                                              file=ContentFile(b"First paragraph.\nSecond paragraph.", name="draft.txt"))
    ReviewComment.objects.create(document=document, paragraph=1, author=roles["member"], text="Clearer, please.")
    ReviewComment.objects.create(document=document, paragraph=2, author=None, text="Left by someone who has gone.")
    return Case(roles["secretariat"], f"/groups/lg-biosafety/workspace/documents/{document.pk}/comments.xlsx", ["former member"], skip={1})


def consolidated(request):
    request.getfixturevalue("world")
    return Case(request.getfixturevalue("people")["gpwg_member"], "/assistance/shared/gpwg.xlsx", ["Legislative drafting"])


def trends(request, fmt):
    request.getfixturevalue("world")
    return Case(None, f"/assistance/trends.{fmt}", ["Days from request to match", "median", "year", "African Group"])


def stocktaking(request, fmt):
    request.getfixturevalue("full")
    return Case(None, f"/assistance/stocktaking/?format={fmt}", ["area", "donor"])


def report_comments(request):
    from liaison.reports import review, services

    roles, demo = request.getfixturevalue("roles"), request.getfixturevalue("demo")
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    from liaison.reports.models import Report

    Report.objects.filter(meeting=meeting).delete()
    report = services.report_for(meeting)
    paragraph = services.add_paragraph(report, "The Group adopted its work plan.", None)
    review.send(report, report.version, timezone.localdate() + timedelta(days=14))
    report.refresh_from_db()
    review.comment(report, Participant.objects.filter(meeting=meeting).first(), paragraph, "Which plan?")
    return Case(roles["secretariat"], f"/manage/meetings/{meeting.pk}/report/comments.xlsx", ["Not yet considered"])


CASES = {
    "dashboard.csv": lambda r: dashboard(r, "csv"),
    "dashboard.xlsx": lambda r: dashboard(r, "xlsx"),
    "needs results.csv": needs_results,
    "report sheet.xlsx": report_sheet,
    "audit trail.csv": audit_trail,
    "meeting history.csv": history,
    "roster usage.csv": roster_usage,
    "nomination template.xlsx": lambda r: roster_template(r, "xlsx"),
    "nomination template.csv": lambda r: roster_template(r, "csv"),
    "review comments.xlsx": review_comments,
    "consolidated requests.xlsx": consolidated,
    "trends.csv": lambda r: trends(r, "csv"),
    "trends.xlsx": lambda r: trends(r, "xlsx"),
    "stock-taking.csv": lambda r: stocktaking(r, "csv"),
    "stock-taking.xlsx": lambda r: stocktaking(r, "xlsx"),
    "report comments.xlsx": report_comments,
}


# --- reading a file back ------------------------------------------------------------------------
def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def sheets(data: bytes) -> list[tuple[str | None, list[list]]]:
    """[(sheet name or None for a CSV, rows)], every cell as text ('' when empty)."""
    if data[:2] == b"PK":
        book = load_workbook(io.BytesIO(data))
        return [(ws.title, [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]) for ws in book]
    return [(None, list(csv.reader(io.StringIO(data.decode("utf-8-sig")))))]


def wrapped(text: str) -> bool:
    return text.startswith(OPEN) and not unwrap(text).strip()


def english_in(files, skip) -> list[str]:
    """Cells in Latin letters that are neither translated nor the user's data (english_left of core/tests/pseudo.py)."""
    from liaison.core.tests.pseudo import database_strings

    cells = [cell for _name, rows in files for row in rows for n, cell in enumerate(row) if cell and n not in skip]
    return english_left("".join(f"<p>{escape(cell)}</p>" for cell in cells), data=database_strings())


def fetch(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200, (url, response.status_code)
    assert response.get("Content-Language") in (None, "ru")
    return content(response)


@pytest.mark.parametrize("name", CASES)
def test_every_export_is_written_in_the_readers_language(name, request, client_as):
    case = CASES[name](request)
    client = client_as(case.user)
    with pseudo_locale():
        files = sheets(fetch(client, case.url))
    for title, rows in files:
        assert title is None or wrapped(title), (name, title)
        assert rows and all(wrapped(cell) for cell in rows[0]), (name, rows[0])  # every column header
    cells = {cell for _title, rows in files for row in rows for cell in row}
    for word in case.words:
        assert f"{OPEN}{word}⟧" in cells or any(f"{OPEN}{word}⟧" in cell for cell in cells), (name, word)
        assert word not in cells, (name, word)  # nowhere left in English
    assert english_in(files, case.skip) == [], name
    # the same export in English: the same shape, no wrapped word
    english = sheets(content(client.get(case.url, HTTP_ACCEPT_LANGUAGE="en")))
    assert [len(rows) for _t, rows in english] == [len(rows) for _t, rows in files]
    assert not any(WRAPPED in cell for _t, rows in english for row in rows for cell in row), name


WORKER_CASES = ["dashboard.csv", "dashboard.xlsx", "audit trail.csv", "meeting history.csv", "roster usage.csv",
                "review comments.xlsx", "consolidated requests.xlsx"]


@pytest.mark.parametrize("name", WORKER_CASES)
def test_a_file_made_by_the_worker_keeps_the_language_of_the_request_that_asked_for_it(name, request, client_as, settings):
    """The job is queued under the pseudo-locale and run by a worker whose language is English: the
    file comes in the asker's language, and the same export asked in English is another job."""
    case = CASES[name](request)
    settings.INLINE_EXPORT_ROWS = 0  # every export is long
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, run below
    client = client_as(case.user)
    with pseudo_locale():
        response = client.get(case.url, HTTP_ACCEPT_LANGUAGE="ru")
        assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response
        job = Job.objects.get(pk=response["Location"].split("/")[2])
        assert job.status == "queued" and job.params["language"] == "ru"
        with translation.override("en"):  # the worker's own language
            assert jobs.run(str(job.pk)) == "done"
            job.refresh_from_db()
            with job.file.open("rb") as handle:
                files = sheets(handle.read())
        assert job.message.startswith(OPEN), job.message  # "The file is ready", in the asker's language too
    for title, rows in files:
        assert title is None or wrapped(title), (name, title)
        assert all(wrapped(cell) for cell in rows[0]), (name, rows[0])
    english = client.get(case.url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 302 and english["Location"] != response["Location"]  # not the Russian file again
    assert Job.objects.get(pk=english["Location"].split("/")[2]).params["language"] == "en"


# --- sheets that come back: read in whichever language they were downloaded ---------------------------
def _xlsx_upload(book, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def test_a_report_sheet_downloaded_in_another_language_is_read_back(client_as, demo, make_user):
    plan = _plan(demo)
    indicators = _indicators(plan)
    cycle = _cycle(plan, indicators)
    user = make_user("fp@senegal.example", group=demo["lg-biosafety"], role="focal_point", country=Country.objects.get(iso3="SEN"))
    client = client_as(user)
    url = f"/plans/cycles/{cycle.pk}/reports/SEN/"
    with pseudo_locale():
        book = load_workbook(io.BytesIO(content(client.get(url + "sheet.xlsx", HTTP_ACCEPT_LANGUAGE="ru"))))
        sheet = book.active
        assert all(wrapped(cell.value) for cell in sheet[1]) and wrapped(sheet.title)
        answers = {indicators["parties"].pk: "⟦yes⟧", indicators["number"].pk: 40, indicators["ratio"].pk: 2}
        for row in sheet.iter_rows(min_row=2):
            row[4].value = answers[row[0].value]
            if row[0].value == indicators["ratio"].pk:
                row[5].value = 5
        response = client.post(url + "upload/", {"sheet": _xlsx_upload(book, "report.xlsx")}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content.decode()[:2000]
    values = {v.indicator_id: v.value for v in Value.objects.filter(submission__cycle=cycle)}
    assert values == {indicators["parties"].pk: 1, indicators["number"].pk: 40, indicators["ratio"].pk: 2}


def test_a_nomination_template_downloaded_in_another_language_uploads(client_as, demo, make_user):
    from liaison.roster.models import Expert

    user = make_user("focal@senegal.example", group=demo["lg-biosafety"], role="focal_point", country=Country.objects.get(iso3="SEN"))
    client = client_as(user)
    values = {"first_name": "Amina", "last_name": "Diallo", "gender": "female", "email": "amina@example.sn", "nationality": "Senegal",
              "stakeholder": "academia", "areas": "risk-assessment", "profile": "Plant scientist.", "highest_degree": "doctorate",
              "years_experience": "12", "references": "Prof. A;Dr. B"}
    with pseudo_locale():
        book = load_workbook(io.BytesIO(content(client.get("/roster/lg-biosafety/upload/template.xlsx", HTTP_ACCEPT_LANGUAGE="ru"))))
        nominations = book.worksheets[0]
        header = [cell.value for cell in nominations[1]]
        assert all(wrapped(h) for h in header) and f"{OPEN}first_name⟧" in header
        nominations.append([values.get(unwrap_code(h), "") for h in header])
        response = client.post("/roster/lg-biosafety/upload/", {"file": _xlsx_upload(book, "filled.xlsx")}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content.decode()[:2000]
    assert list(Expert.objects.values_list("person__last_name", flat=True)) == ["Diallo"]


def unwrap_code(header: str) -> str:
    return header.removeprefix(OPEN).removesuffix("⟧")

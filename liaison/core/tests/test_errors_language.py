"""The errors a person reads when a sheet or a document cannot be taken (the nomination sheet, the
report sheet, a needs assessment's answers, an uploaded report), the messages of long work (a job's
title, progress and outcome, "The work stopped: …") and the reasons of a refusal (403) come in the
reader's language: under the pseudo-locale (core/tests/pseudo.py) each is a ⟦wrapped⟧ whole sentence,
with only the user's own data (the cell that is wrong) left in Latin letters."""

import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook

from liaison.actionplan import needs, reporting
from liaison.actionplan.models import Aggregation, IndicatorKind, QuestionKind
from liaison.core import jobs
from liaison.core.extract import text_from_bytes
from liaison.core.messages import TranslatableError
from liaison.core.uploads import check as check_upload
from liaison.core.models import Job
from liaison.core.tests.pseudo import OPEN, english_left, pseudo_locale
from liaison.actionplan import services as plan_services
from liaison.assistance import services as assistance_services
from liaison.meetings.invitations import MESSAGE_LIMIT, InvitationError, clean_message
from liaison.reports import importing
from liaison.reports.parsing import ParsedReport, parse
from liaison.roster import bulk
from liaison.roster.tests.test_bulk_upload import HEADER, focal_point  # noqa: F401 - fixture


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _indicator(kind=IndicatorKind.NUMBER, aggregation=Aggregation.SUM):
    return SimpleNamespace(kind=kind, effective_aggregation=aggregation)


def _question(kind, choices=()):
    return SimpleNamespace(kind=kind, choices=list(choices))


def _raised(call):
    """The message the page shows for the error ``call`` raises (in the active language)."""
    try:
        call()
    except TranslatableError as error:  # a pure module's error, translated where it is shown
        return error.translated(gettext)
    except ValidationError as error:
        return " ".join(error.messages)
    except (ValueError, importing.ImportRefused, InvitationError) as error:
        return str(error)
    raise AssertionError("no error raised")


# (what is fed, the user's data that may stay as written)
CASES = {
    "nomination sheet of another format": (lambda: bulk.read_rows("n.txt", b"x"), []),
    "nomination sheet not UTF-8": (lambda: bulk.read_rows("n.csv", b"first_name\n\xff\xfe"), []),
    "nomination sheet empty": (lambda: bulk.read_rows("n.csv", b"\n\n"), []),
    "nomination sheet with unknown columns": (lambda: bulk.read_rows("n.csv", b"name,colour\nx,y\n"), ["name", "colour", *bulk.COLUMNS]),
    "nomination sheet unreadable XLSX": (lambda: bulk.read_rows("n.xlsx", b"PK junk"), []),
    "report sheet not a workbook": (lambda: reporting.read_sheet(b"junk"), []),
    "report sheet of another header": (lambda: reporting.read_sheet(_xlsx([["Colour"], [1]])), ["Colour"]),
    "report sheet with a bad indicator id": (lambda: reporting.read_sheet(_xlsx([reporting.SHEET_HEADER, ["abc"]])), ["abc"]),
    "report value not a number": (lambda: reporting.clean_row(_indicator(), value="forty"), ["forty"]),
    "report value negative": (lambda: reporting.clean_row(_indicator(), value="-3"), []),
    "report percentage over 100": (lambda: reporting.clean_row(_indicator(IndicatorKind.PERCENTAGE), value="140"), []),
    "report answer not yes or no": (lambda: reporting.clean_row(_indicator(aggregation=Aggregation.COUNT_YES), value="maybe"), ["maybe"]),
    "report ratio without denominator": (lambda: reporting.clean_row(_indicator(aggregation=Aggregation.RATIO_OF_SUMS), value="3"), []),
    "report denominator zero": (lambda: reporting.clean_row(_indicator(aggregation=Aggregation.RATIO_OF_SUMS), value="3", denominator="0"), []),
    "report evidence not a link": (lambda: reporting.clean_row(_indicator(), value="3", evidence=["ftp://x.example/a"]), ["ftp://x.example/a"]),
    "needs answer not yes or no": (lambda: needs.clean_answer(_question(QuestionKind.YES_NO), "maybe"), []),
    "needs answer not an option": (lambda: needs.clean_answer(_question(QuestionKind.CHOICE, ["Low", "High"]), "Medium"), ["Medium"]),
    "needs answer not a number": (lambda: needs.clean_answer(_question(QuestionKind.NUMBER), "many"), ["many"]),
    "needs priority off the scale": (lambda: needs.clean_answer(_question(QuestionKind.PRIORITY), "42"), []),
    "uploaded report of another format": (lambda: text_from_bytes("r.odt", b"x"), [".odt"]),
    "uploaded report not a PDF": (lambda: text_from_bytes("r.pdf", b"junk"), []),
    "uploaded report damaged PDF": (lambda: text_from_bytes("r.pdf", b"%PDF-1.4 junk"), []),
    "uploaded report with no text": (lambda: parse("  \n "), []),
    "uploaded report of no meeting": (lambda: parse("Terms of reference of the group.\nThe group meets once a year."), []),
    "uploaded report of several meetings": (lambda: parse(
        "The ninth meeting of the Liaison Group was held in Prague.\nThe tenth meeting of the Liaison Group was held in Bonn."), []),
    "upload of another type": (lambda: check_upload("virus.exe", b"MZ", 2, 1_048_576), [".exe"]),
    "upload without an extension": (lambda: check_upload("noextension", b"MZ", 2, 1_048_576), []),
    "upload too large": (lambda: check_upload("big.pdf", b"%PDF-", 2 * 1_048_576, 1_048_576), []),
    "upload empty": (lambda: check_upload("empty.pdf", b"", 0, 1_048_576), []),
    "upload of a false DOCX": (lambda: check_upload("a.docx", b"MZ", 2, 1_048_576), [".docx"]),
    "upload of binary text": (lambda: check_upload("a.txt", b"\x00\x01", 2, 1_048_576), []),
    "invitation message too long": (lambda: clean_message("x" * (MESSAGE_LIMIT + 1)), []),
    "assistance period ending before it starts": (lambda: assistance_services._check_period(date(2026, 2, 1), date(2026, 1, 1)), []),
    "plan record edited out of place": (lambda: plan_services.edit(object(), {}, targets={}), []),
    "imported report without dates": (lambda: importing.create_meeting(ParsedReport(), None), []),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", CASES)
def test_every_parser_error_is_a_translated_sentence(name):
    call, data = CASES[name]
    with pseudo_locale():
        message = _raised(call)
    assert message.startswith(OPEN), (name, message)
    assert english_left(f"<p>{message}</p>", data) == [], (name, message)
    english = _raised(call)  # and in English, the sentence as it was
    assert OPEN not in english and english_left(f"<p>{english}</p>", data), (name, english)


def test_a_report_sheet_row_is_named_in_the_readers_language():
    with pseudo_locale():
        with pytest.raises(reporting.RowErrors) as raised:
            reporting.read_sheet(_xlsx([reporting.SHEET_HEADER, ["abc"], [7], [7]]))
    assert [where for where, _problem in raised.value.errors] == ["⟦row 2⟧", "⟦row 4⟧"]
    with pytest.raises(reporting.RowErrors) as raised:
        reporting.read_sheet(_xlsx([reporting.SHEET_HEADER, ["abc"]]))
    assert str(raised.value) == "row 2: indicator id “abc” is not a number"


def _failing_handler(job, progress):
    raise RuntimeError("disk full")


def test_a_failed_job_says_so_in_the_language_of_whoever_started_it(db, settings, make_user):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, run below
    with pseudo_locale():
        job = jobs.start(f"{__name__}._failing_handler", owner=make_user("someone@example.org"), title="t")
    assert job.params["language"] == "ru"
    with pseudo_locale(), translation.override("en"):  # the worker's own language is English
        assert jobs.run(str(job.pk)) == "failed"
    job.refresh_from_db()
    assert job.message == "⟦The work stopped: disk full⟧"


def test_the_bulk_nomination_job_speaks_the_language_of_the_upload(client_as, focal_point, settings):  # noqa: F811
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, run below
    row = "Expert{n},Name{n},female,expert{n}@example.sn,Senegal,academia,risk-assessment,Plant scientist.,doctorate,12,Prof. A"
    rows = [row.format(n=n) for n in range(bulk.INLINE_ROWS + 30)]
    rows[40] = rows[40].replace("expert40@example.sn", "not-an-email")
    client = client_as(focal_point)
    with pseudo_locale():
        response = client.post("/roster/lg-biosafety/upload/", {"file": SimpleUploadedFile("long.csv", "\n".join([HEADER, *rows]).encode())},
                               HTTP_ACCEPT_LANGUAGE="ru")
        assert response.status_code == 302
        job = Job.objects.get()
        assert job.params["language"] == "ru" and job.title.startswith(OPEN), job.title
        assert english_left(f"<p>{job.title}</p>", ["long.csv", "LG-Biosafety"]) == []
        seen = []
        original = bulk.nominate

        def spy(*args, progress=None, **kwargs):  # the progress messages the job's page shows while it runs
            def recording(done, total=None, message=None):
                seen.append(message)
                progress(done, total, message)
            return original(*args, progress=recording, **kwargs)

        bulk.nominate = spy
        try:
            with translation.override("en"):  # the worker's own language
                assert jobs.run(str(job.pk)) == "done"
        finally:
            bulk.nominate = original
    job.refresh_from_db()
    assert seen and all(message.startswith(OPEN) for message in seen), seen
    messages = [job.result["message"], job.result["link_text"], *job.result["errors"]]
    assert all(message.startswith(OPEN) for message in messages), messages
    assert all(english_left(f"<p>{m}</p>", ["not-an-email"]) == [] for m in messages), messages
    assert "⟦Row 42, ⟦email⟧:" in job.result["errors"][0]


def test_a_refusal_page_gives_its_reason_in_the_readers_language(client_as, make_user):
    client = client_as(make_user("someone@example.org"))
    with pseudo_locale():
        html = client.get("/manage/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "⟦Only the secretariat may do this.⟧" in html


def test_agenda_numbers_and_meeting_times_are_refused_in_the_readers_language(db):
    from datetime import date, time

    from liaison.meetings import agenda
    from liaison.meetings.models import Meeting

    with pseudo_locale():
        problems = agenda.check_numbers(["1", "1", "x", "4.1"], gettext)
        meeting = Meeting(start_date=date(2026, 5, 4), end_date=date(2026, 5, 4), start_time=time(10), time_zone="Mars/Base")
        try:
            meeting.clean()
        except Exception as error:  # noqa: BLE001 - a ValidationError by field
            shown = [str(m) for messages in error.message_dict.values() for m in messages]
    assert len(problems) == 3 and len(shown) == 2, (problems, shown)
    for text in [*problems, *shown]:
        assert text.startswith(OPEN) and english_left(f"<p>{text}</p>", ["x"]) == [], text
    assert agenda.check_numbers(["1", "1"]) == ["Item 1 appears twice."]  # English without a translator

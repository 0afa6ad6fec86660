"""One date style, the UN's ("15–16 March 2012", "1 March 2027"), in pages, e-mails, DOCX and PDF."""

import io
import re
from datetime import date, datetime, timezone as dt_timezone
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import override_settings

from liaison.core import dates

ROOT = Path(__file__).resolve().parents[2]


def test_the_un_style():
    assert dates.day_month_year(date(2027, 3, 1)) == "1 March 2027"
    assert dates.date_range(date(2012, 3, 15), date(2012, 3, 16)) == "15\u201316 March 2012"
    assert dates.date_range(date(2012, 3, 30), date(2012, 4, 2)) == "30 March \u2013 2 April 2012"
    assert dates.date_range(date(2012, 12, 31), date(2013, 1, 1)) == "31 December 2012 \u2013 1 January 2013"
    assert dates.date_range(date(2027, 3, 1)) == dates.date_range(date(2027, 3, 1), date(2027, 3, 1)) == "1 March 2027"
    assert dates.held_phrase(date(2012, 3, 15), date(2012, 3, 16)) == "from 15 to 16 March 2012"
    assert dates.date_time(datetime(2027, 3, 1, 9, 5)) == "1 March 2027, 09:05"
    with pytest.raises(ValueError):
        dates.date_range(date(2012, 3, 16), date(2012, 3, 15))


def render(source, **context):
    return Template(source).render(Context(context))


@override_settings(TIME_ZONE="Europe/Paris")
def test_the_filters_need_no_load_and_use_the_local_time():
    moment = datetime(2027, 2, 28, 23, 30, tzinfo=dt_timezone.utc)  # already 1 March in Paris
    assert render("{{ d|un_date }}", d=date(2027, 3, 1)) == "1 March 2027"
    assert render("{{ m|un_date }}", m=moment) == "1 March 2027"
    assert render("{{ m|un_datetime }}", m=moment) == "1 March 2027, 00:30"
    assert render("{{ a|un_date_range:b }}", a=date(2012, 3, 15), b=date(2012, 3, 16)) == "15\u201316 March 2012"
    assert render("{{ s|un_date }}", s="2027-03-01") == "1 March 2027"  # adopted reports keep ISO strings
    assert render("[{{ n|un_date }}][{{ n|un_datetime }}][{{ n|un_date_range }}]", n=None) == "[][][]"
    assert render("{{ d|un_date|default:'…' }}", d=None) == "…"


def test_a_date_shown_without_a_filter_follows_the_style_too():
    assert render("{{ d }}", d=date(2027, 3, 1)) == "1 March 2027"
    assert render("{{ d|date }}", d=date(2027, 3, 1)) == "1 March 2027"


ALLOWED = {
    "c",  # machine-readable (datetime attributes)
    "Y-m-d",  # the value of a date input
    "e",  # a time zone's name
    "l j F", "l j F Y, H:i", "j F Y H:i e",  # with the weekday or the zone, still day month year
}


def test_templates_use_the_one_style():
    found = []
    for path in (ROOT / "liaison").rglob("templates/**/*.*"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\|date:[\"']([^\"']*)[\"']", text):
            fmt = match.group(1)
            if fmt not in ALLOWED:
                found.append(f"{path.relative_to(ROOT)}: {fmt}")
            if fmt == "Y-m-d" and not re.search(r"(value|min|max)=\"\{\{[^}]*$", text[max(0, match.start() - 80):match.start()]):
                found.append(f"{path.relative_to(ROOT)}: Y-m-d outside a date input")
    assert found == []


def test_python_code_writes_no_other_date_style():
    found = []
    for path in (ROOT / "liaison").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"%d %B", r"%d %b", r"%b %Y", r"%-d", r"strftime\(['\"]%B", r"date_format\("):
            if re.search(pattern, text):
                found.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert found == []


@pytest.mark.django_db
def test_adopted_report_docx_and_pdf_write_the_date_in_the_un_style(client, demo):
    from docx import Document
    from pypdf import PdfReader

    from liaison.meetings.models import AgendaItem, Meeting
    from liaison.reports import services
    from liaison.reports.models import Report

    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Report.objects.filter(meeting=meeting).delete()
    Meeting.objects.filter(pk=meeting.pk).update(agenda_status="adopted")
    meeting.refresh_from_db()
    report = services.report_for(meeting)
    services.add_paragraph(report, "There were no other matters raised.", AgendaItem.objects.get(meeting=meeting, number="4"))
    services.adopt(report, report.version, on=meeting.end_date)
    written = dates.day_month_year(meeting.end_date)
    docx = Document(io.BytesIO(client.get("/groups/lg-biosafety/meetings/9/report.docx").content))
    assert written in docx.paragraphs[0].text and meeting.end_date.isoformat() not in docx.paragraphs[0].text
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(client.get("/groups/lg-biosafety/meetings/9/report.pdf").content)).pages)
    assert written in " ".join(pdf.split())
    page = client.get("/groups/lg-biosafety/meetings/9/").content.decode()
    assert meeting.dates in page and re.search(r"\d{1,2}(\u2013\d{1,2})? [A-Z][a-z]+ \d{4}", meeting.dates)

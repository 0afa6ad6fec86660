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


@pytest.mark.parametrize("language, day, same_month, across_months, across_years, moment", [
    ("fr", "1 mars 2027", "15\u201316 mars 2012", "30 mars \u2013 2 avril 2012",
     "31 d\u00e9cembre 2012 \u2013 1 janvier 2013", "1 mars 2027, 09:05"),
    ("es", "1 de marzo de 2027", "15\u201316 de marzo de 2012", "30 de marzo \u2013 2 de abril de 2012",
     "31 de diciembre de 2012 \u2013 1 de enero de 2013", "1 de marzo de 2027, 09:05"),
    ("ru", "1 \u043c\u0430\u0440\u0442\u0430 2027\u202f\u0433.", "15\u201316 \u043c\u0430\u0440\u0442\u0430 2012\u202f\u0433.",
     "30 \u043c\u0430\u0440\u0442\u0430 \u2013 2 \u0430\u043f\u0440\u0435\u043b\u044f 2012\u202f\u0433.",
     "31 \u0434\u0435\u043a\u0430\u0431\u0440\u044f 2012\u202f\u0433. \u2013 1 \u044f\u043d\u0432\u0430\u0440\u044f 2013\u202f\u0433.",
     "1 \u043c\u0430\u0440\u0442\u0430 2027\u202f\u0433., 09:05"),
    ("ar", "\u0661 \u0645\u0627\u0631\u0633 \u0662\u0660\u0662\u0667", "\u0661\u0665\u2013\u0661\u0666 \u0645\u0627\u0631\u0633 \u0662\u0660\u0661\u0662",
     "\u0663\u0660 \u0645\u0627\u0631\u0633 \u2013 \u0662 \u0623\u0628\u0631\u064a\u0644 \u0662\u0660\u0661\u0662",
     "\u0663\u0661 \u062f\u064a\u0633\u0645\u0628\u0631 \u0662\u0660\u0661\u0662 \u2013 \u0661 \u064a\u0646\u0627\u064a\u0631 \u0662\u0660\u0661\u0663",
     "\u0661 \u0645\u0627\u0631\u0633 \u0662\u0660\u0662\u0667\u060c \u0660\u0669:\u0660\u0665"),
    ("zh-hans", "2027\u5e743\u67081\u65e5", "2012\u5e743\u670815\u65e5\u2009\u2013\u200916\u65e5", "2012\u5e743\u670830\u65e5\u2009\u2013\u20094\u67082\u65e5",
     "2012\u5e7412\u670831\u65e5\u2009\u2013\u20092013\u5e741\u67081\u65e5", "2027\u5e743\u67081\u65e5 09:05"),
])
def test_each_language_writes_its_own_form_from_cldr(  # CLDR's spaces: narrow before "г.", thin around zh's dash
language, day, same_month, across_months, across_years, moment):
    assert dates.day_month_year(date(2027, 3, 1), language) == day
    assert dates.date_range(date(2012, 3, 15), date(2012, 3, 16), language=language) == same_month
    assert dates.date_range(date(2012, 3, 30), date(2012, 4, 2), language=language) == across_months
    assert dates.date_range(date(2012, 12, 31), date(2013, 1, 1), language=language) == across_years
    assert dates.date_range(date(2027, 3, 1), date(2027, 3, 1), language=language) == day
    assert dates.date_time(datetime(2027, 3, 1, 9, 5), language) == moment


def test_english_keeps_the_un_style_whatever_the_spelling_of_its_code():
    for code in (None, "", "en", "en-gb", "en_US"):
        assert dates.date_range(date(2012, 3, 30), date(2012, 4, 2), language=code) == "30 March \u2013 2 April 2012"
        assert dates.day_month_year(date(2027, 3, 1), code) == "1 March 2027"


def test_the_filters_write_the_active_language():
    from django.utils import translation

    with translation.override("fr"):
        assert render("{{ a|un_date_range:b }}", a=date(2012, 3, 15), b=date(2012, 3, 16)) == "15\u201316 mars 2012"
        assert render("{{ d|un_date }}", d=date(2027, 3, 1)) == "1 mars 2027"
    with translation.override("ar"):
        assert render("{{ d|un_date }}", d=date(2012, 3, 15)) == "\u0661\u0665 \u0645\u0627\u0631\u0633 \u0662\u0660\u0661\u0662"
    assert render("{{ d|un_date }}", d=date(2027, 3, 1)) == "1 March 2027"

"""Reporting against the indicators: the web form (draft, submitted, returned with a reason,
accepted), the XLSX sheet (one bad row and nothing is saved), reminders, and who sees a report
before its cycle is published, on pages, the API and the exports."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from liaison.actionplan import reporting
from liaison.actionplan.models import Reminder, Submission, SubmissionStatus, Value
from liaison.core.dates import day_month_year
from liaison.core.models import Country

from .conftest import answers

URL = "/plans/cycles/{cycle}/reports/{reporter}/"


def form_url(cycle, reporter="SEN"):
    return URL.format(cycle=cycle.pk, reporter=reporter)


def fill(client, cycle, indicators, action="save", reporter="SEN", version=1, **kw):
    return client.post(form_url(cycle, reporter), {"version": version, "action": action, **answers(indicators, **kw)})


def test_focal_point_saves_a_draft_then_submits(client_as, people, cycle, indicators):
    client = client_as(people["senegal"])
    assert client.get(form_url(cycle)).status_code == 200
    assert fill(client, cycle, indicators).status_code == 302
    submission = Submission.objects.get(cycle=cycle, country__iso3="SEN")
    assert submission.status == SubmissionStatus.DRAFT
    values = {v.indicator_id: v for v in submission.values.all()}
    assert values[indicators["parties"].pk].value == 1
    assert (values[indicators["ratio"].pk].value, values[indicators["ratio"].pk].denominator) == (3, 4)
    assert values[indicators["number"].pk].evidence == ["https://bch.cbd.int/example"]
    assert fill(client, cycle, indicators, action="submit", version=submission.version).status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED and submission.submitted_by == people["senegal"]


def test_a_wrong_answer_saves_nothing_and_says_what_is_wrong(client_as, people, cycle, indicators):
    client = client_as(people["senegal"])
    response = fill(client, cycle, indicators, number="twelve")
    assert response.status_code == 400
    assert "“twelve” is not a number" in response.content.decode()
    assert 'value="twelve"' in response.content.decode()  # the input is kept
    assert not Value.objects.exists() and not Submission.objects.exists()
    assert fill(client, cycle, indicators, numerator="3", denominator="0").status_code == 400
    assert fill(client, cycle, indicators, parties="perhaps").status_code == 400
    bad_link = client.post(form_url(cycle), {"version": 1, "action": "save", **answers(indicators),
                                            f"i{indicators['number'].pk}-evidence": "javascript:alert(1)"})
    assert bad_link.status_code == 400 and not Value.objects.exists()


def test_submitting_an_incomplete_report_is_refused(client_as, people, cycle, indicators):
    client = client_as(people["senegal"])
    response = client.post(form_url(cycle), {"version": 1, "action": "submit", f"i{indicators['number'].pk}-value": "5"})
    assert response.status_code == 400 and "have no value yet" in response.content.decode()
    assert 'value="5"' in response.content.decode()  # the input stays on the page; nothing is half-saved
    assert not Submission.objects.exists()
    fill(client, cycle, indicators)
    response = client.post(form_url(cycle), {"version": 2, "action": "submit", f"i{indicators['number'].pk}-value": "5"})
    assert response.status_code == 400
    assert Submission.objects.get().status == SubmissionStatus.DRAFT
    assert Value.objects.get(indicator=indicators["number"]).value == 12  # the saved draft is untouched


def test_returned_with_a_reason_then_accepted(client_as, people, cycle, indicators):
    fp = client_as(people["senegal"])
    fill(fp, cycle, indicators, action="submit")
    submission = Submission.objects.get()
    staff = client_as(people["secretariat"])
    refused = staff.post(form_url(cycle) + "review/return/", {"version": submission.version, "reason": ""})
    assert refused.status_code == 302 and Submission.objects.get().status == SubmissionStatus.SUBMITTED
    staff.post(form_url(cycle) + "review/return/", {"version": submission.version, "reason": "The ratio looks inverted."})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    fp = client_as(people["senegal"])
    assert "The ratio looks inverted." in fp.get(form_url(cycle)).content.decode()
    fill(fp, cycle, indicators, action="submit", version=submission.version, numerator="4", denominator="3")
    staff = client_as(people["secretariat"])
    submission.refresh_from_db()
    staff.post(form_url(cycle) + "review/accept/", {"version": submission.version})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert [e.status for e in submission.events.all()] == ["submitted", "returned", "submitted", "accepted"]
    assert submission.events.get(status="returned").reason == "The ratio looks inverted."


def test_a_stale_form_is_refused_and_keeps_its_input(client_as, people, cycle, indicators):
    client = client_as(people["senegal"])
    fill(client, cycle, indicators)
    response = fill(client, cycle, indicators, version=1, number="99")
    assert response.status_code == 409 and 'value="99"' in response.content.decode()
    assert Value.objects.get(indicator=indicators["number"]).value == 12


def test_an_organization_reports_for_itself(client_as, people, cycle, indicators):
    from liaison.core.models import Organization

    fao = Organization.objects.get(acronym="FAO")
    client = client_as(people["fao"])
    assert fill(client, cycle, indicators, reporter=f"org-{fao.pk}").status_code == 302
    assert Submission.objects.get().organization == fao
    assert client_as(people["senegal"]).get(form_url(cycle, f"org-{fao.pk}")).status_code == 404


# --- who sees a report before publication --------------------------------------------------------------
# A value no id or date on these pages can contain by chance.
@pytest.fixture
def draft(client_as, people, cycle, indicators):
    fill(client_as(people["senegal"]), cycle, indicators, number="4242421")
    return Submission.objects.get()


@pytest.mark.parametrize("role,status", [
    ("senegal", 200), ("secretariat", 200), ("kenya", 404), ("member", 404), ("observer", 404), ("chair", 404),
    ("other_member", 404), ("ended", 404), ("fao", 404), ("anonymous", 302),
])
def test_draft_page_and_sheet_per_role(client_as, people, cycle, draft, role, status):
    client = client_as(people[role])
    page = client.get(form_url(cycle))
    assert page.status_code == status
    sheet = client.get(form_url(cycle) + "sheet.xlsx")
    assert sheet.status_code == status
    if status == 200:
        assert "4242421" in page.content.decode()
        rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
        assert 4242421 in [row[4] for row in rows]
    if role == "anonymous":
        assert "/accounts/login/" in page["Location"]


@pytest.mark.parametrize("role,sees", [
    ("senegal", True), ("secretariat", True), ("kenya", False), ("member", False), ("observer", False),
    ("ended", False), ("anonymous", False),
])
def test_draft_values_in_the_api_per_role(client, people, plan, draft, role, sees):
    from liaison.accounts.models import APIToken

    client.logout()  # the draft was written through this client's session
    headers = {}
    if people[role] is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {APIToken.issue(people[role], 't')[1]}"
    values = client.get(f"/api/v1/action-plans/{plan.pk}/values", **headers).json()
    assert any(v["value"] == "4242421.00" for v in values) is sees


@pytest.mark.parametrize("role", ["anonymous", "observer", "kenya", "senegal", "secretariat"])
def test_drafts_never_reach_the_dashboard_or_its_downloads(client_as, people, plan, cycle, draft, role):
    client = client_as(people[role])
    for suffix in ("dashboard/", "dashboard.csv", "dashboard.xlsx"):
        response = client.get(f"/plans/{plan.pk}/{suffix}")
        assert response.status_code == 200
        body = response.content if suffix.endswith("xlsx") else response.content.decode()
        if suffix.endswith("xlsx"):
            rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
            assert all(4242421 not in row for row in rows)
        else:
            assert "4242421" not in body


def test_published_accepted_values_are_public(client_as, client, people, plan, cycle, indicators, draft):
    reporting.submit(draft, user=people["senegal"])
    reporting.accept(Submission.objects.get(), user=people["secretariat"])
    client.logout()
    values = client.get(f"/api/v1/action-plans/{plan.pk}/values").json()
    assert values == []  # accepted but the cycle is not published
    reporting.move_cycle(cycle, "publish")
    values = client.get(f"/api/v1/action-plans/{plan.pk}/values?party=SEN&year=2025").json()
    assert {v["value"] for v in values} >= {"4242421.00", "1.00"}
    assert all(v["regional_group"] == "african" for v in values)
    assert client.get(f"/api/v1/action-plans/{plan.pk}/values?region=western_european_others").json() == []
    html = client_as(None).get(f"/plans/{plan.pk}/dashboard/").content.decode()
    assert "4242421" in html and "Senegal" in html


# --- the XLSX sheet --------------------------------------------------------------------------------------
def _sheet(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(reporting.SHEET_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "report.xlsx"
    return buffer


def test_sheet_upload_saves_every_row_or_nothing(client_as, people, cycle, indicators):
    client = client_as(people["senegal"])
    good = [
        [indicators["parties"].pk, 1, "", "", "yes", None, "", ""],
        [indicators["number"].pk, 3, "", "", 40, None, "-2+3 more than planned", "https://example.org/a https://example.org/b"],
        [indicators["ratio"].pk, 2, "", "", 2, 5, "", ""],
    ]
    bad = [list(r) for r in good]
    bad[1][4] = "forty"
    bad[2][5] = 0
    response = client.post(form_url(cycle) + "upload/", {"sheet": _sheet(bad)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "row 3: the value “forty” is not a number" in body and "row 4: the denominator cannot be zero" in body
    assert not Value.objects.exists() and not Submission.objects.exists()
    assert client.post(form_url(cycle) + "upload/", {"sheet": _sheet(good)}).status_code == 302
    number = Value.objects.get(indicator=indicators["number"])
    assert number.value == 40 and number.evidence == ["https://example.org/a", "https://example.org/b"]
    assert number.narrative == "-2+3 more than planned"  # kept as written …
    downloaded = client.get(form_url(cycle) + "sheet.xlsx")
    rows = list(load_workbook(io.BytesIO(downloaded.content)).active.iter_rows(values_only=True))
    assert "'-2+3 more than planned" in [row[6] for row in rows]  # … and neutralised in the sheet


def test_a_sheet_that_is_not_ours_is_refused(client_as, people, cycle):
    client = client_as(people["senegal"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = client.post(form_url(cycle) + "upload/", {"sheet": SimpleUploadedFile("report.xlsx", b"not a zip")})
    assert text.status_code == 400
    other = _sheet([])
    book = load_workbook(other)
    book.active["A1"] = "Something else"
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "report.xlsx"
    assert client.post(form_url(cycle) + "upload/", {"sheet": buffer}).status_code == 400
    assert not Value.objects.exists()


def test_others_cannot_upload_or_post(client_as, people, cycle, indicators):
    assert fill(client_as(people["kenya"]), cycle, indicators).status_code == 404
    assert fill(client_as(people["observer"]), cycle, indicators).status_code == 404
    assert client_as(people["kenya"]).post(form_url(cycle) + "upload/", {"sheet": _sheet([])}).status_code == 404
    assert not Submission.objects.exists()


# --- the API's report submission -------------------------------------------------------------------------
def test_focal_point_submits_with_a_token(client, people, cycle, indicators):
    from liaison.accounts.models import APIToken

    token = APIToken.issue(people["senegal"], "t")[1]
    url = f"/api/v1/reporting-cycles/{cycle.pk}/reports"
    body = {"party": "SEN", "submit": True, "answers": [
        {"indicator_id": indicators["parties"].pk, "value": "yes"},
        {"indicator_id": indicators["number"].pk, "value": 5, "evidence": ["https://example.org"]},
        {"indicator_id": indicators["ratio"].pk, "value": 1, "denominator": 2},
    ]}
    bad = {**body, "answers": body["answers"][:2] + [{"indicator_id": indicators["ratio"].pk, "value": 1}]}
    post = lambda data, t=token: client.post(url, json.dumps(data), content_type="application/json",  # noqa: E731
                                             HTTP_AUTHORIZATION=f"Bearer {t}")
    assert post(bad).status_code == 422 and not Value.objects.exists()
    response = post(body)
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert post(body).status_code == 409  # submitted: no more changes
    kenya = APIToken.issue(people["kenya"], "t")[1]
    assert post({**body, "party": "SEN"}, kenya).status_code == 403
    assert post({**body, "party": "XXX"}, kenya).status_code == 422


# --- cycles ------------------------------------------------------------------------------------------------
def test_only_the_secretariat_opens_and_publishes(client_as, people, plan, cycle):
    assert client_as(people["senegal"]).get(f"/plans/cycles/{cycle.pk}/publish/").status_code == 403
    staff = client_as(people["secretariat"])
    confirm = staff.get(f"/plans/cycles/{cycle.pk}/publish/")
    assert confirm.status_code == 200 and "Publish the cycle?" in confirm.content.decode()
    staff.post(f"/plans/cycles/{cycle.pk}/publish/", {"version": cycle.version})  # no confirmation: nothing
    cycle.refresh_from_db()
    assert cycle.status == "open"
    staff.post(f"/plans/cycles/{cycle.pk}/publish/", {"version": cycle.version, "confirm": "yes"})
    cycle.refresh_from_db()
    assert cycle.status == "published" and cycle.published_on == timezone.localdate()


def test_secretariat_creates_a_cycle_from_the_page(client_as, people, plan, indicators):
    staff = client_as(people["secretariat"])
    response = staff.post(f"/plans/{plan.pk}/cycles/", {
        "title": "Report on 2024", "year": 2024, "period_start": "2024-01-01", "period_end": "2024-12-31",
        "deadline": "2025-03-31", "indicators": [indicators["parties"].pk],
    })
    assert response.status_code == 302
    invalid = staff.post(f"/plans/{plan.pk}/cycles/", {"title": "x", "year": 2024, "period_start": "2024-12-31",
                                                       "period_end": "2024-01-01", "deadline": "2025-03-31"})
    assert invalid.status_code == 400
    assert client_as(people["senegal"]).post(f"/plans/{plan.pk}/cycles/", {}).status_code == 403


# --- reminders ------------------------------------------------------------------------------------------------
def test_reminders_go_once_to_parties_that_have_not_submitted(people, cycle, indicators, mailoutbox):
    today = cycle.deadline - timedelta(days=7)
    reporting.submit(reporting.save_values(reporting.submission_for(cycle, country=Country.objects.get(iso3="KEN")), {
        indicators["parties"].pk: {"value": "no"}, indicators["number"].pk: {"value": 1},
        indicators["ratio"].pk: {"value": 1, "denominator": 1},
    }), user=people["kenya"])
    call_command("remind-reports", "--today", today.isoformat())
    assert [m.to for m in mailoutbox] == [["fp@senegal.example"]]  # Kenya submitted; the ended focal point is not asked
    assert "due on" in mailoutbox[0].body and str(cycle.pk) in mailoutbox[0].body
    call_command("remind-reports", "--today", today.isoformat())
    assert len(mailoutbox) == 1
    call_command("remind-reports", "--today", (cycle.deadline - timedelta(days=1)).isoformat())
    assert len(mailoutbox) == 2
    assert Reminder.objects.count() == 2


def test_the_reminder_e_mail_says_which_report_is_due_when_and_where(people, cycle, indicators, mailoutbox, settings):
    group = cycle.plan.group
    due, tag = day_month_year(cycle.deadline), group.acronym or group.name
    cycle.title = 'Report on 2025 "R&D" <draft>'
    cycle.save()
    call_command("remind-reports", "--today", (cycle.deadline - timedelta(days=1)).isoformat())
    message = next(m for m in mailoutbox if m.to == ["fp@senegal.example"])
    assert message.subject == f'[{tag}] Report due {due}: Report on 2025 "R&D" <draft>'  # not escaped
    assert message.body == (
        f'The report of Senegal for “Report on 2025 "R&D" <draft>” is due on {due} (1 day from now) and has not been '
        f"submitted yet.\n\nFill it in at {settings.SITE_URL}/plans/cycles/{cycle.pk}/\n"
    )
    mailoutbox.clear()
    call_command("remind-reports", "--today", (cycle.deadline - timedelta(days=7)).isoformat())
    assert "(7 days from now)" in mailoutbox[0].body


def test_due_step():
    assert [reporting.due_step(d) for d in (30, 14, 10, 7, 3, 1, 0, -1)] == [None, 14, 14, 7, 7, 1, 1, None]

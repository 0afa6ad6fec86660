"""The dashboard's CSV/XLSX is handed to the worker when long, and how long it is is counted by the
database (dashboard.row_count), not by building the table in the request: the count equals the
table's length on the demo plan and on a larger synthetic one, and a long table's request builds
nothing, in the same few queries however much is reported."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.actionplan import dashboard, reporting
from liaison.actionplan.models import Indicator, IndicatorKind, Objective, Submission, SubmissionStatus, Value
from liaison.actionplan.tests.test_dashboard import report
from liaison.core.models import Country, Job, Organization


def table_length(plan):
    return len(dashboard.table_rows(dashboard.build(plan.pk)))


def add_cycle(plan, indicators, year, title=None):
    cycle = reporting.create_cycle(plan, title=title or f"Report on {year}", year=year, period_start=date(year, 1, 1),
                                   period_end=date(year, 12, 31), deadline=date.today() + timedelta(days=10), indicators=indicators)
    return reporting.move_cycle(cycle, "open")


def test_the_count_equals_the_table_on_the_demo_plan(plan, indicators, cycle):
    assert dashboard.row_count(plan) == table_length(plan)  # nothing published: one row per objective
    report(cycle, "SEN", indicators)
    report(cycle, "KEN", indicators, yes=False, status=SubmissionStatus.SUBMITTED)
    assert dashboard.row_count(plan) == table_length(plan)  # an open cycle is not on the dashboard
    reporting.move_cycle(cycle, "publish")
    length = table_length(plan)
    assert dashboard.row_count(plan) == length
    indicator_count = Indicator.objects.filter(objective__plan=plan).count()
    assert length > plan.objectives.count() + indicator_count  # by year, by region and who reported: all counted


def test_the_count_equals_the_table_on_a_larger_synthetic_plan(plan, indicators):
    """Several years, two cycles in one year, an objective without indicators, a yes/no indicator
    answered by organizations alone (not counted by region), a ratio whose denominators are all zero
    (no value), an indicator nobody answered, and the plan's own list of Parties."""
    empty = Objective.objects.create(plan=plan, number=90, short_title="Synthetic objective without indicators")
    extra = Objective.objects.create(plan=plan, number=91, short_title="Synthetic objective")
    by_orgs = Indicator.objects.create(objective=extra, text="Synthetic: organizations only", kind=IndicatorKind.YES_NO)
    zero_ratio = Indicator.objects.create(objective=extra, text="Synthetic: ratio over nothing", kind=IndicatorKind.RATIO)
    unanswered = Indicator.objects.create(objective=extra, text="Synthetic: never answered", kind=IndicatorKind.NUMBER)
    synthetic = [by_orgs, zero_ratio, unanswered]
    organization = Organization.objects.get(acronym="FAO")
    parties = list(Country.objects.exclude(regional_group="").order_by("iso3")[:40])
    for year, title in [(2022, None), (2023, None), (2023, "Second report on 2023")]:
        cycle = add_cycle(plan, [*indicators.values(), *synthetic], year, title)
        for n, country in enumerate(parties[: 10 + year % 7]):
            report(cycle, country.iso3, indicators, yes=n % 2 == 0, number=n)
            Value.objects.create(submission=Submission.objects.get(cycle=cycle, country=country), indicator=zero_ratio,
                                 value=Decimal(1), denominator=Decimal(0))
        by_org = Submission.objects.create(cycle=cycle, organization=organization, status=SubmissionStatus.ACCEPTED)
        Value.objects.create(submission=by_org, indicator=by_orgs, value=Decimal(1))
        reporting.move_cycle(cycle, "publish")
    assert dashboard.row_count(plan) == table_length(plan)
    data = dashboard.build(plan.pk)
    rows = {row.indicator.pk: row for objective in data["objectives"] for row in objective.indicators}
    assert rows[by_orgs.pk].by_region == [] and rows[zero_ratio.pk].by_region == [] and rows[unanswered.pk].by_region == []
    assert rows[indicators["number"].pk].by_region  # the demo's indicators do have their regions
    assert empty.indicators.count() == 0
    plan.parties.set(parties[:25])  # the plan's own list of Parties
    assert dashboard.row_count(plan) == table_length(plan)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_long_table_goes_to_the_worker_without_being_built_in_the_request(client, plan, indicators, settings, monkeypatch, fmt):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, not run in the request
    settings.INLINE_EXPORT_ROWS = 5
    url = f"/plans/{plan.pk}/dashboard.{fmt}"

    def must_not_build(*args, **kwargs):
        raise AssertionError("the table was built in the request")

    def ask():
        Job.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response
        assert Job.objects.get().status == "queued"
        return len(queries)

    first = add_cycle(plan, indicators.values(), 2023)
    report(first, "SEN", indicators)
    reporting.move_cycle(first, "publish")
    monkeypatch.setattr(dashboard, "build", must_not_build)
    small = ask()
    for year in (2024, 2025):
        cycle = add_cycle(plan, indicators.values(), year)
        for iso3 in ("SEN", "KEN", "NGA", "FRA", "BRA", "IND", "POL"):
            report(cycle, iso3, indicators)
        reporting.move_cycle(cycle, "publish")
    large = ask()
    assert large == small and small <= 15  # a few counts and the job, whatever the data
    monkeypatch.undo()
    settings.INLINE_EXPORT_ROWS = 10**6
    assert client.get(url).status_code == 200  # short: built in the request as before

"""The public dashboard: published cycles only, objective progress against targets, each indicator by
year and UN regional group with charts and tables, who has reported, CSV/XLSX of it all, and a fixed
number of queries however much is reported."""

import io
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from liaison.actionplan import reporting, rollup
from liaison.actionplan.models import Submission, SubmissionStatus, Value
from liaison.core.models import Country


def report(cycle, iso3, indicators, yes=True, number=10, status=SubmissionStatus.ACCEPTED):
    submission = Submission.objects.create(cycle=cycle, country=Country.objects.get(iso3=iso3), status=status)
    Value.objects.bulk_create([
        Value(submission=submission, indicator=indicators["parties"], value=Decimal(int(yes))),
        Value(submission=submission, indicator=indicators["number"], value=Decimal(number)),
        Value(submission=submission, indicator=indicators["ratio"], value=Decimal(1), denominator=Decimal(4)),
    ])
    return submission


def test_rollup_rules():
    sums = rollup.Sums(reporters=4, total=Decimal(3), denominator=Decimal(6))
    assert rollup.aggregate("count_yes", sums) == 3
    assert rollup.aggregate("share_yes", sums) == Decimal("75.0")
    assert rollup.aggregate("mean", sums) == Decimal("0.75")
    assert rollup.aggregate("ratio_of_sums", sums) == Decimal("0.500")
    assert rollup.aggregate("sum", rollup.Sums()) is None
    assert rollup.progress(Decimal(50), Decimal(100)) == 0.5
    assert rollup.progress(Decimal(150), Decimal(100)) == 1.0
    assert rollup.progress(Decimal(10), Decimal(100), Decimal(20)) == 0.0
    assert rollup.progress(None, Decimal(100)) is None
    assert rollup.target_for({2020: Decimal(9)}, 2018) == 9 and rollup.target_for({2016: Decimal(9)}, 2018) is None
    assert rollup.objective_progress([0.5, None, 1.0]) == (0.75, 2)


def test_only_published_cycles_and_accepted_reports_count(client, cycle, indicators, plan):
    report(cycle, "SEN", indicators, number=7)
    report(cycle, "KEN", indicators, number=1000, status=SubmissionStatus.SUBMITTED)
    html = client.get(f"/plans/{plan.pk}/dashboard/").content.decode()
    assert "No reporting cycle has been published yet." in html
    reporting.move_cycle(cycle, "publish")
    html = client.get(f"/plans/{plan.pk}/dashboard/").content.decode()
    assert "1000" not in html
    assert "<svg" in html and "By UN regional group, 2025" in html
    csv = client.get(f"/plans/{plan.pk}/dashboard.csv").content.decode()
    assert "indicator by year,3,Number of customs officers and laboratory personnel trained,2025,all,7" in csv
    assert "reported,,Report on 2025,2025,Senegal,yes" in csv and "reported,,Report on 2025,2025,Kenya,no" in csv


def test_objective_progress_against_the_target(client, cycle, indicators, plan):
    for iso3 in ("SEN", "KEN", "NGA"):
        report(cycle, iso3, indicators, yes=iso3 != "NGA")
    reporting.move_cycle(cycle, "publish")
    html = client.get(f"/plans/{plan.pk}/dashboard/").content.decode()
    # objective 1: 2 Parties of a target of 100 in 2026 -> 2 %
    assert 'value="2">2%</meter>' in html
    xlsx = client.get(f"/plans/{plan.pk}/dashboard.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("objective progress", 1, "National Biosafety Frameworks", None, None, None, 2, None) in rows
    by_region = [r for r in rows if r[0] == "indicator by region" and r[2].startswith("Number of Parties with operational")]
    assert ("African Group", 2) in [(r[4], r[5]) for r in by_region]


def test_dashboard_downloads_neutralise_formulas(client, cycle, indicators, plan):
    indicator = indicators["number"]
    indicator.text = "=HYPERLINK(\"http://evil\")"
    indicator.save()
    report(cycle, "SEN", indicators)
    reporting.move_cycle(cycle, "publish")
    csv = client.get(f"/plans/{plan.pk}/dashboard.csv").content.decode()
    assert "'=HYPERLINK" in csv and ",=HYPERLINK" not in csv


def test_the_dashboard_costs_the_same_queries_as_data_grows(client, plan, indicators):
    def cycle_for(year):
        cycle = reporting.create_cycle(plan, title=f"Report on {year}", year=year, period_start=date(year, 1, 1),
                                       period_end=date(year, 12, 31), deadline=date(year + 1, 3, 31),
                                       indicators=indicators.values())
        reporting.move_cycle(cycle, "open")
        return cycle

    first = cycle_for(2023)
    report(first, "SEN", indicators)
    reporting.move_cycle(first, "publish")
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/plans/{plan.pk}/dashboard/").status_code == 200
    for year in (2024, 2025):
        cycle = cycle_for(year)
        for iso3 in ("SEN", "KEN", "NGA", "FRA", "BRA", "IND", "POL"):
            report(cycle, iso3, indicators)
        reporting.move_cycle(cycle, "publish")
    with CaptureQueriesContext(connection) as large:
        html = client.get(f"/plans/{plan.pk}/dashboard/").content.decode()
    assert len(large) == len(small)
    assert "2025" in html and "Poland" in html


def test_a_report_accepted_after_publication_joins_the_sums(client, cycle, indicators, plan, people):
    report(cycle, "SEN", indicators, number=7)
    late = report(cycle, "KEN", indicators, number=5, status=SubmissionStatus.SUBMITTED)
    reporting.move_cycle(cycle, "publish")
    assert "indicator by year,3,Number of customs officers and laboratory personnel trained,2025,all,7," in \
        client.get(f"/plans/{plan.pk}/dashboard.csv").content.decode()
    reporting.accept(late, user=people["secretariat"])
    assert "indicator by year,3,Number of customs officers and laboratory personnel trained,2025,all,12," in \
        client.get(f"/plans/{plan.pk}/dashboard.csv").content.decode()
    reporting.move_cycle(cycle, "unpublish")
    assert "No reporting cycle has been published yet." in client.get(f"/plans/{plan.pk}/dashboard/").content.decode()


def test_charts_are_drawn_with_their_titles_escaped(client, cycle, indicators, plan):
    from liaison.actionplan.models import Indicator

    Indicator.objects.filter(pk=indicators["number"].pk).update(text="Officers <b>trained</b> & certified")
    report(cycle, "SEN", indicators, number=12)
    reporting.move_cycle(cycle, "publish")
    html = client.get(f"/plans/{plan.pk}/dashboard/").content.decode()
    assert "<b>trained</b>" not in html
    assert (f'aria-labelledby="chart-y{indicators["number"].pk}-title"' in html
            and "Officers &lt;b&gt;trained&lt;/b&gt; &amp; certified, by year</title>" in html
            and "Officers &lt;b&gt;trained&lt;/b&gt; &amp; certified, 2025, by UN regional group</title>" in html)
    assert '<text class="value" x="' in html and ">12</text>" in html

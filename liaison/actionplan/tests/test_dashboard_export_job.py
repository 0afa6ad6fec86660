"""A long dashboard table (CSV, XLSX) is made by the worker under the plan's rule: public for an
adopted plan (shared when asked without signing in), the secretariat's for a draft. A short one is
still downloaded at once."""

import io

import pytest
from openpyxl import load_workbook

from liaison.actionplan import reporting
from liaison.actionplan.models import ActionPlan, PlanStatus
from liaison.actionplan.tests.test_dashboard import report
from liaison.core.models import Job


def job_of(response) -> Job:
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response
    return Job.objects.get(pk=response["Location"].split("/")[2])


@pytest.fixture
def published(cycle, indicators, plan):
    for iso3 in ("SEN", "KEN"):
        report(cycle, iso3, indicators)
    reporting.move_cycle(cycle, "publish")
    return plan


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_long_table_is_made_by_the_worker_with_the_same_figures(client_as, roles, published, settings, fmt):
    url = f"/plans/{published.pk}/dashboard.{fmt}"
    member = client_as(roles["member"])
    inline = member.get(url)
    assert inline.status_code == 200 and not Job.objects.exists()
    settings.INLINE_EXPORT_ROWS = 1
    job = job_of(member.get(url))
    assert job.status == "done" and job.owner == roles["member"]
    file = member.get(f"/jobs/{job.pk}/file/")
    assert file.status_code == 200 and f'filename="action-plan-{published.pk}-dashboard.{fmt}"' in file["Content-Disposition"]
    data = b"".join(file.streaming_content)
    if fmt == "csv":
        assert data == inline.content and b"reported,,Report on 2025,2025,Senegal,yes" in data
    else:
        sheet = lambda content: list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))  # noqa: E731
        assert sheet(data) == sheet(inline.content) and len(sheet(data)) > 2
    assert client_as(roles["other_member"]).get(f"/jobs/{job.pk}/file/").status_code == 404  # the asker's own
    assert client_as(roles["secretariat"]).get(f"/jobs/{job.pk}/file/").status_code == 200


def test_asked_without_signing_in_the_table_is_shared_while_the_plan_is_public(client_as, roles, published, settings):
    settings.INLINE_EXPORT_ROWS = 1
    job = job_of(client_as(None).get(f"/plans/{published.pk}/dashboard.csv"))
    assert job.owner is None
    for role in ("anonymous", "member", "other_member"):
        assert client_as(roles[role]).get(f"/jobs/{job.pk}/file/").status_code == 200, role
    ActionPlan.objects.filter(pk=published.pk).update(status=PlanStatus.DRAFT)  # back to a draft: the secretariat's
    for role in ("member", "other_member"):
        assert client_as(roles[role]).get(f"/jobs/{job.pk}/file/").status_code == 404, role
    assert client_as(None).get(f"/jobs/{job.pk}/").status_code == 302
    assert client_as(None).get(f"/plans/{published.pk}/dashboard.csv").status_code == 404
    staff = client_as(roles["secretariat"])
    draft_job = job_of(staff.get(f"/plans/{published.pk}/dashboard.xlsx"))
    assert draft_job.owner == roles["secretariat"] and staff.get(f"/jobs/{draft_job.pk}/file/").status_code == 200
    assert client_as(roles["member"]).get(f"/jobs/{draft_job.pk}/file/").status_code == 404

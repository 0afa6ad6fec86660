"""A long audit-trail CSV is made by the worker with the page's filters; its job is the
secretariat's, as the trail is. A short one is still downloaded at once."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.audit import trail
from liaison.core.models import Job, Person

pytestmark = pytest.mark.django_db


def job_of(response) -> Job:
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response
    return Job.objects.get(pk=response["Location"].split("/")[2])


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_long_trail_is_made_by_the_worker_with_the_same_filters(client_as, roles, demo, settings):
    for n in range(3):
        Person.objects.create(first_name=f"Audited{n}", last_name="Person", email=f"audited{n}@example.org")
    today = timezone.localdate()
    query = {"model": "core.person", "since": (today - timedelta(days=1)).isoformat(), "until": today.isoformat()}
    staff = client_as(roles["secretariat"])
    matching = trail.count(model="core.person", since=today - timedelta(days=1), until=today)
    assert matching >= 3
    settings.INLINE_EXPORT_ROWS = matching  # not more than the limit: inline
    inline = staff.get("/manage/audit.csv", query)
    assert inline.status_code == 200 and not Job.objects.exists()
    settings.INLINE_EXPORT_ROWS = matching - 1
    job = job_of(staff.get("/manage/audit.csv", query))
    assert job.status == "done" and job.params["args"] == {"model": "core.person", "user_id": None, **{k: query[k] for k in ("since", "until")}}
    file = staff.get(f"/jobs/{job.pk}/file/")
    assert file.status_code == 200 and 'filename="audit-trail.csv"' in file["Content-Disposition"]
    made = rows_of(b"".join(file.streaming_content))
    assert made == rows_of(inline.content) and len(made) == matching + 1
    assert all(row[2] == "core.person" for row in made[1:])
    for role in ("anonymous", "member", "chair", "observer"):
        response = client_as(roles[role]).get(f"/jobs/{job.pk}/file/")
        assert response.status_code == (302 if role == "anonymous" else 404), role
        assert client_as(roles[role]).get(f"/jobs/{job.pk}/").status_code in (302, 404), role


def test_the_count_follows_the_filters_and_the_cap(roles, demo):
    Person.objects.create(first_name="Counted", last_name="Person", email="counted@example.org")
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert trail.count(model="core.person") >= 1 and trail.count(model="core.person", since=tomorrow) == 0
    assert trail.count(model="core.person", user_id=roles["secretariat"].pk) == 0
    assert trail.count(cap=1) <= len(trail.TRACKED) + 1
    assert trail.count(model="core.person") == len(trail.entries(model="core.person", limit=10_000))

"""A long group history's CSV is made by the worker; the history is public, so its job is too while
the group exists (shared when asked without signing in, the asker's own otherwise). A short
history is still downloaded at once."""

import csv
import io

import pytest

from liaison.core.models import Job

URL = "/groups/lg-biosafety/meetings.csv"


def job_of(response) -> Job:
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response
    return Job.objects.get(pk=response["Location"].split("/")[2])


def rows_of(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_short_history_is_downloaded_at_once(client, demo, settings):
    settings.INLINE_EXPORT_ROWS = 12  # the demo group has held 12 meetings
    response = client.get(URL)
    assert response.status_code == 200 and len(rows_of(response.content)) == 12 and not Job.objects.exists()


def test_a_long_history_is_made_by_the_worker_with_the_same_rows(client_as, roles, settings):
    settings.INLINE_EXPORT_ROWS = 12
    inline = rows_of(client_as(None).get(URL).content)
    settings.INLINE_EXPORT_ROWS = 11
    member = client_as(roles["member"])
    job = job_of(member.get(URL))
    assert job.status == "done" and job.owner == roles["member"]
    assert f"/jobs/{job.pk}/file/" in member.get(f"/jobs/{job.pk}/").content.decode()
    file = member.get(f"/jobs/{job.pk}/file/")
    assert file.status_code == 200 and 'filename="lg-biosafety-meetings.csv"' in file["Content-Disposition"]
    made = rows_of(b"".join(file.streaming_content))
    assert [{k: v for k, v in r.items() if k != "url"} for r in made] == [{k: v for k, v in r.items() if k != "url"} for r in inline]
    assert made[8]["url"].endswith("/groups/lg-biosafety/meetings/9/") and made[8]["url"].startswith("http")
    # the asker's own job: another signed-in person does not see it, the secretariat does
    assert client_as(roles["other_member"]).get(f"/jobs/{job.pk}/file/").status_code == 404
    assert client_as(roles["secretariat"]).get(f"/jobs/{job.pk}/file/").status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "other_member"])
def test_a_history_asked_without_signing_in_is_shared_while_the_group_exists(client_as, roles, settings, role):
    settings.INLINE_EXPORT_ROWS = 0
    job = job_of(client_as(None).get(URL))
    assert job.owner is None and job.status == "done"
    assert client_as(roles[role]).get(f"/jobs/{job.pk}/file/").status_code == 200
    assert job_of(client_as(None).get(URL)).pk != job.pk  # a finished history is made again: it may have grown
    Job.objects.filter(pk=job.pk).update(params={**job.params, "args": {"group": 0}})  # a group that is gone
    assert client_as(roles["secretariat"]).get(f"/jobs/{job.pk}/file/").status_code == 404

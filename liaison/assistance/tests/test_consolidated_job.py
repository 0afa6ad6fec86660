"""A long consolidated list's PDF or XLSX is made by the worker; its job follows the list's access
rule (the audience's members and the secretariat). A short list is still downloaded at once."""

import pytest

from liaison.core.models import Job


@pytest.fixture
def long_lists(settings):
    settings.INLINE_EXPORT_ROWS = 0  # every list counts as long


def job_of(response) -> Job:
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response
    return Job.objects.get(pk=response["Location"].split("/")[2])


def test_a_short_list_is_downloaded_at_once(client_as, world, people):
    response = client_as(people["gpwg_member"]).get("/assistance/shared/gpwg.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK" and not Job.objects.exists()


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF"), ("xlsx", b"PK")])
def test_a_long_list_is_made_by_the_worker_under_the_lists_rule(client_as, world, people, long_lists, fmt, magic):
    member = client_as(people["gpwg_member"])
    job = job_of(member.get(f"/assistance/shared/gpwg.{fmt}"))
    assert job.status == "done" and job.owner == people["gpwg_member"]
    page = member.get(f"/jobs/{job.pk}/").content.decode()
    assert 'value="100"' in page and f"/jobs/{job.pk}/file/" in page
    file = member.get(f"/jobs/{job.pk}/file/")
    assert file.status_code == 200 and b"".join(file.streaming_content).startswith(magic)
    assert f"consolidated-requests-gpwg.{fmt}" in file["Content-Disposition"]
    assert client_as(people["secretariat"]).get(f"/jobs/{job.pk}/file/").status_code == 200
    for role in ("other_member", "former_member", "requester"):
        assert client_as(people[role]).get(f"/jobs/{job.pk}/file/").status_code == 404, role
    assert client_as(people["anonymous"]).get(f"/jobs/{job.pk}/").status_code == 302

"""A long roster-usage CSV is made by the worker; its job is the secretariat's, as the table is. A
short one is still downloaded at once."""

from liaison.core.models import Job
from liaison.roster.models import Expert
from liaison.roster.tests.test_nominations import approved_expert, group  # noqa: F401 - fixture

URL = "/manage/roster/lg-biosafety/usage/?format=csv"


def test_a_long_usage_table_is_made_by_the_worker_for_the_secretariat(client_as, roles, group, settings):  # noqa: F811
    approved_expert(group)
    approved_expert(group, first_name="Bo", last_name="Berg", email="bo@example.org")
    records = Expert.objects.filter(group=group).count()
    staff = client_as(roles["secretariat"])
    settings.INLINE_EXPORT_ROWS = records
    inline = staff.get(URL)
    assert inline.status_code == 200 and not Job.objects.exists()
    settings.INLINE_EXPORT_ROWS = records - 1
    response = staff.get(URL)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/" and job.status == "done"
    file = staff.get(f"/jobs/{job.pk}/file/")
    assert file.status_code == 200 and 'filename="lg-biosafety-roster-usage.csv"' in file["Content-Disposition"]
    assert b"".join(file.streaming_content) == inline.content
    assert "Amina Diallo,SEN,African Group,On the roster,1,1,0,0" in inline.content.decode()
    for role in ("member", "chair", "observer", "other_member"):
        assert client_as(roles[role]).get(URL).status_code == 403, role
        assert client_as(roles[role]).get(f"/jobs/{job.pk}/file/").status_code == 404, role
        assert client_as(roles[role]).get(f"/jobs/{job.pk}/").status_code == 404, role
    assert client_as(None).get(f"/jobs/{job.pk}/file/").status_code == 302

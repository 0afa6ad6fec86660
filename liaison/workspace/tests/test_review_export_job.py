"""A long compilation of peer-review comments (DOCX, XLSX) is made by the worker; its job is the
secretariat's, as the inline download is."""

import io

import pytest
from openpyxl import load_workbook

from liaison.core.models import Job
from liaison.workspace.models import ReviewComment
from liaison.workspace.tests.test_review_actions_calls import review_url


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_long_compilation_is_made_by_the_worker_for_the_secretariat(client_as, roles, workspace, settings, fmt):
    settings.INLINE_EXPORT_ROWS = 2
    for n in range(3):
        ReviewComment.objects.create(document=workspace["document"], paragraph=1, author=roles["member"], text=f"Comment {n}")
    staff = client_as(roles["secretariat"])
    response = staff.get(review_url(workspace, f"comments.{fmt}"))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/" and job.status == "done"
    data = b"".join(staff.get(f"/jobs/{job.pk}/file/").streaming_content)
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(data)).active
        assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Comment 0", "Comment 1", "Comment 2"]
    else:
        assert data[:2] == b"PK"
    for role in ("member", "chair", "other_member"):
        assert client_as(roles[role]).get(f"/jobs/{job.pk}/file/").status_code == 404, role
    settings.INLINE_EXPORT_ROWS = 500
    assert client_as(roles["secretariat"]).get(review_url(workspace, f"comments.{fmt}")).status_code == 200  # short: inline

"""No English left on the pages test_no_english_left.py cannot reach with a GET on the demo: what the
composition planner and the lottery answer (a proposal, conflicting rules, chances and a draw, the
invitation preview), the check of an imported report read by the worker, the second factor asked in
the middle of a login (and its refusal), and the invitation page's htmx list of candidates.

Each is rendered under the pseudo-locale (core/tests/pseudo.py): any Latin-letter text that is
neither a marked message nor the user's data (the database, the uploaded file) is English no
translator will see."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core.models import Job
from liaison.core.regions import REGIONAL_GROUPS
from liaison.core.tests.pseudo import database_strings, english_left, pseudo_locale
from liaison.portal.tests.test_no_english_left import json_strings
from liaison.reports.tests.test_import import SAMPLE, remove_demo_ninth_meeting
from liaison.roster.forms import quota_rows
from liaison.roster.quotas import Quota
from liaison.roster.tests.conftest import meeting, roster  # noqa: F401 (fixtures)

ONE_PER_REGION = quota_rows([Quota("region", r, 1, 1) for r in REGIONAL_GROUPS])
PLANNER = {"size": 5, "topics": "risk assessment of living modified organisms", "max_per_country": 1, "min_returning": 0,
           **quota_rows([Quota("region", r, 1, 1) for r in REGIONAL_GROUPS] + [Quota("gender", "female", 2, 3)])}
CONFLICT = {**PLANNER, **quota_rows([Quota("gender", "female", 5, 5), Quota("gender", "male", 1, 5)])}


def data(*extra):
    return [*database_strings(), *json_strings(), *extra]


def left(response, *extra):
    return english_left(response.content.decode(), data(*extra))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_planners_and_the_lotterys_answers(client_as, roles, roster, meeting):  # noqa: F811
    staff = client_as(roles["secretariat"])
    staff.post("/accounts/language/", {"language": ""})
    answers = {
        "a proposal": ("panel/", PLANNER, 200),
        "conflicting rules": ("panel/", CONFLICT, 200),
        "chances and a draw": ("lottery/", {"size": 5, **ONE_PER_REGION, "seed": "lottery 2026-12-02"}, 200),
        "rules no panel satisfies": ("lottery/", {"size": 6, **quota_rows([Quota("gender", "female", 6, 6)]), "seed": "s"}, 400),
        "the invitation preview": ("lottery/", {"size": 5, **ONE_PER_REGION, "seed": "s", "action": "invite"}, 200),
    }
    leaks = {}
    for name, (path, body, status) in answers.items():
        with pseudo_locale():
            response = staff.post(f"/manage/meetings/{meeting.pk}/{path}", body, HTTP_ACCEPT_LANGUAGE="ru")
            assert response.status_code == status, name
            context = response.context or {}
            email = [*context.get("body", "").splitlines(), context.get("subject", "")]  # in the invitee's language
            found = left(response, body.get("topics", ""), body.get("seed", ""), *email)
            if name == "the invitation preview":
                html = response.content.decode()
                assert '<pre id="email-body" tabindex="0" lang="en" dir="ltr">' in html  # marked as the invitee's language
        if found:
            leaks[name] = found
        assert "⟦" in response.content.decode()  # the page was rendered under the pseudo-locale
    assert leaks == {}


def test_the_check_of_a_report_read_by_the_worker(client_as, roles, demo, settings):
    settings.INLINE_IMPORT_KB = 0  # the worker reads it, as a large file
    remove_demo_ninth_meeting(demo)
    staff = client_as(roles["secretariat"])
    staff.post("/manage/import/", {"group": demo["lg-biosafety"].pk, "file": SimpleUploadedFile("r.txt", SAMPLE.read_bytes())})
    job = Job.objects.get()
    document = SAMPLE.read_text(encoding="utf-8")
    lines = [" ".join(line.split()) for line in document.splitlines() if line.strip()]
    with pseudo_locale():
        progress = staff.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
        preview = staff.get(f"/manage/import/{job.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
        assert preview.status_code == 200 and "⟦" in preview.content.decode()
        # what the parser read from the document is the document's words (names, countries, titles, symbols)
        parsed = [str(v) for v in _values(preview.context["parsed"])]
        assert left(progress) == []
        assert left(preview, *lines, *parsed) == []


def _values(record):
    """Every value the parser read (a dataclass of strings, numbers, lists and dataclasses)."""
    import dataclasses

    if dataclasses.is_dataclass(record):
        for field in dataclasses.fields(record):
            yield from _values(getattr(record, field.name))
    elif isinstance(record, (list, tuple)):
        for item in record:
            yield from _values(item)
    elif isinstance(record, dict):
        for item in record.values():
            yield from _values(item)
    elif record not in (None, ""):
        yield record


def test_the_second_factor_asked_in_the_middle_of_a_login(client, roles):
    staff = roles["secretariat"]
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client.force_login(staff)  # signed in with the password, the second factor not yet given
    with pseudo_locale():
        asked = client.get("/manage/", HTTP_ACCEPT_LANGUAGE="ru")
        assert asked.status_code == 302 and asked["Location"].startswith("/accounts/two-factor/verify/")
        page = client.get(asked["Location"], HTTP_ACCEPT_LANGUAGE="ru")
        refused = client.post("/accounts/two-factor/verify/", {"code": "12345x", "next": "/manage/"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200 and refused.status_code == 400
    assert "⟦" in page.content.decode() and "⟦" in refused.content.decode()
    assert left(page) == [] and left(refused) == []


def test_the_invitation_pages_list_of_candidates(client_as, roles, roster, meeting):  # noqa: F811
    staff = client_as(roles["secretariat"])
    staff.post("/accounts/language/", {"language": ""})
    url = f"/manage/meetings/{meeting.pk}/invitations/candidates/"
    with pseudo_locale():
        found = staff.get(url, {"q": "Diallo"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="ru")
        none = staff.get(url, {"q": "Nobody-by-this-name"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="ru")
    assert found.status_code == 200 and "Diallo" in found.content.decode()
    assert none.status_code == 200 and "⟦" in none.content.decode()
    assert left(found, "Diallo") == [] and left(none, "Nobody-by-this-name") == []

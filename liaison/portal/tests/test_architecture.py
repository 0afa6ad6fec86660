"""The documented design holds: the import contracts (pyproject.toml) are kept, and every route is
served by the app that owns it, under the path and name it always had."""

import pytest
from django.urls import resolve, reverse
from importlinter.cli import lint_imports


def test_import_contracts_are_kept(capsys):
    status = lint_imports(no_cache=True, no_logo=True)
    output = capsys.readouterr().out
    assert status == 0, output
    assert "Contracts: 2 kept, 0 broken." in output


@pytest.mark.parametrize(
    "path, name, args, module",
    [
        ("/", "portal:home", [], "liaison.portal.views"),
        ("/accounts/profile/", "portal:profile", [], "liaison.portal.views"),
        ("/groups/g/", "portal:group", ["g"], "liaison.portal.views"),
        ("/groups/g/meetings.csv", "portal:meetings_csv", ["g"], "liaison.portal.views"),
        ("/groups/g/meetings/m/", "portal:meeting", ["g", "m"], "liaison.portal.views"),
        ("/groups/g/meetings.ics", "group_ics", ["g"], "liaison.meetings.views"),
        ("/groups/g/meetings/m.ics", "meeting_ics", ["g", "m"], "liaison.meetings.views"),
        ("/groups/g/meetings/m/agenda/", "meeting_agenda", ["g", "m"], "liaison.meetings.views"),
        ("/documents/3/", "meeting_document", [3], "liaison.meetings.views"),
        ("/groups/g/meetings/m/report/", "meeting_report", ["g", "m"], "liaison.reports.views"),
        ("/groups/g/meetings/m/report.pdf", "meeting_report_pdf", ["g", "m"], "liaison.reports.views"),
        ("/roster/g/", "roster", ["g"], "liaison.roster.views"),
        ("/roster/g/5/edit/", "roster_edit", ["g", 5], "liaison.roster.views"),
        ("/groups/g/workspace/", "workspace:home", ["g"], "liaison.workspace.views"),
        ("/accounts/tokens/", "accounts:token_create", [], "liaison.accounts.views"),
        ("/manage/", "manage:dashboard", [], "liaison.portal.views"),
        ("/manage/people/", "manage:people", [], "liaison.core.manage_views"),
        ("/manage/groups/g/edit/", "manage:group_edit", ["g"], "liaison.groups.manage_views"),
        ("/manage/meetings/1/check-in/", "manage:check_in", [1], "liaison.meetings.manage_views"),
        ("/manage/meetings/1/report/", "manage:report", [1], "liaison.reports.manage_views"),
        ("/manage/meetings/1/panel/", "manage:panel", [1], "liaison.roster.manage_views"),
        ("/manage/meetings/1/participants/", "manage:meeting_part", [1, "participants"], "liaison.core.parts"),
    ],
)
def test_each_app_serves_its_routes(path, name, args, module):
    assert reverse(name, args=args) == path
    assert resolve(path).func.__module__ == module

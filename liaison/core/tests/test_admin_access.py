"""The secretariat works in the admin on the records it runs (issue 10, item 12: /admin/ once said it
could view nothing, while the docs sent it there for roster policies and failed logins)."""

import pytest


@pytest.fixture
def staff(client, make_user):
    client.force_login(make_user("staff@secretariat.example", staff=True))
    return client


def test_the_secretariat_sees_its_records_in_the_admin(staff, demo):
    html = staff.get("/admin/").content.decode()
    for name in ("Roster policies", "Login failures", "Organizations", "People", "Meetings", "Groups", "Countries"):
        assert name in html, name
    assert "You don’t have permission to view or edit anything" not in html
    for url in ("/admin/roster/rosterpolicy/", "/admin/accounts/loginfailure/", "/admin/core/organization/",
                "/admin/meetings/meeting/", "/admin/groups/group/"):
        assert staff.get(url).status_code == 200, url


def test_the_secretariat_edits_a_roster_policy(staff, demo):
    from liaison.roster.models import RosterPolicy

    policy = RosterPolicy.objects.get(group=demo["lg-biosafety"])
    page = staff.get(f"/admin/roster/rosterpolicy/{policy.pk}/change/")
    assert page.status_code == 200
    data = {f: getattr(policy, f) for f in ("minimum_degree", "minimum_years", "minimum_references", "minimum_areas")}
    response = staff.post(f"/admin/roster/rosterpolicy/{policy.pk}/change/", {**data, "group": policy.group_id, "years_on_roster": 5})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.years_on_roster == 5


def test_accounts_stay_with_the_superusers(staff, demo):
    """No escalation: a secretariat user cannot open the accounts, let alone make someone superuser."""
    assert "Users" not in staff.get("/admin/").content.decode()
    assert staff.get("/admin/accounts/user/").status_code == 403
    assert staff.get("/admin/core/country/add/").status_code == 403  # countries are read-only


def test_members_are_not_let_into_the_admin(client, make_user, demo):
    client.force_login(make_user("member@lg.example", group=demo["lg-biosafety"]))
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/roster/rosterpolicy/").status_code == 302

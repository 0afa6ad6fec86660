"""The planner page: a proposal with its balance, a swap and its effect, invitations for the panel."""

import pytest

from liaison.meetings.models import Invitation
from liaison.roster.models import Expert

def rules(**changes):
    data = {"size": 5, "topics": "risk assessment of living modified organisms", "max_per_country": 1, "min_returning": 0,
            "quotas": "\n".join(f"region={r} 1 1" for r in ["african", "asia_pacific", "eastern_european", "latin_american_caribbean", "western_european_others"])
            + "\ngender=female 2 3"}
    data.update(changes)
    return data


def test_proposal_with_balance_and_reasons(client_as, roles, roster, meeting):
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/panel/", rules())
    result = response.context["result"]
    assert result.feasible and len(result.panel) == 5
    regions = {row.rule: row.achieved for row in result.balance}
    assert all(regions[f"region={r}"] == 1 for r in ["african", "asia_pacific", "eastern_european", "latin_american_caribbean", "western_european_others"])
    assert 2 <= regions["gender=female"] <= 3
    html = response.content.decode()
    assert "proven optimal" in html and "relevance" in html


def test_conflicting_rules_are_explained(client_as, roles, roster, meeting):
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/panel/", rules(quotas="gender=female 5 5\ngender=male 1 5"))
    html = response.content.decode()
    assert "These rules cannot hold together" in html and ("short by" in html or "over by" in html)
    conflicts = {c.rule for c in response.context["result"].conflicts}
    assert conflicts == {"gender=female", "gender=male", "5 seats"}  # the whole set: 5 women and a man on 5 seats


def test_bad_quota_lines_are_refused(client_as, roles, roster, meeting):
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/panel/", rules(quotas="region africa two"))
    assert "Line 1" in response.content.decode()


def test_swap_shows_the_effect_and_invite_sends_the_invitations(client_as, roles, roster, meeting, smtp_server):
    staff = client_as(roles["secretariat"])
    result = staff.post(f"/manage/meetings/{meeting.pk}/panel/", rules()).context["result"]
    on_panel = {Expert.objects.get(pk=i).person.last_name: i for i in result.panel}
    african = next(i for name, i in on_panel.items() if name in ("Diallo", "Mensah"))
    replacement = next(str(e.pk) for e in roster if str(e.pk) not in result.panel and e.nationality.iso3 in ("DEU", "NOR"))
    swapped = staff.post(f"/manage/meetings/{meeting.pk}/panel/", {**rules(), "action": "swap", "panel": result.panel, "out": african, "in": replacement})
    failing = [row.rule for row in swapped.context["result"].balance if not row.ok]
    assert "region=african" in failing and "region=western_european_others" in failing
    invited = staff.post(f"/manage/meetings/{meeting.pk}/panel/", {**rules(), "action": "invite", "panel": result.panel})
    assert invited.status_code == 302
    assert Invitation.objects.filter(meeting=meeting).count() == 5
    assert len(smtp_server.wait_for(5)) == 5


@pytest.mark.parametrize("role", ["anonymous", "member", "chair"])
def test_only_the_secretariat_plans(client_as, roles, meeting, role):
    assert client_as(roles[role]).get(f"/manage/meetings/{meeting.pk}/panel/").status_code in (302, 403)


def test_a_mail_server_that_is_down_keeps_the_invitations_in_the_outbox(client_as, roles, roster, meeting, settings):
    import socket

    from liaison.core.models import OutboxMessage

    with socket.socket() as sock:  # a loopback port with nobody listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "liaison.core.outbox.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    staff = client_as(roles["secretariat"])
    result = staff.post(f"/manage/meetings/{meeting.pk}/panel/", rules()).context["result"]
    response = staff.post(f"/manage/meetings/{meeting.pk}/panel/", {**rules(), "action": "invite", "panel": result.panel}, follow=True)
    assert response.status_code == 200
    assert "5 invitation(s) queued for sending." in response.content.decode()
    waiting = OutboxMessage.objects.filter(subject__startswith="Invitation:")
    assert waiting.count() == 5 and {m.status for m in waiting} == {"queued"}
    assert all(m.attempts == 1 and "Connection" in m.last_error for m in waiting)
    page = staff.get("/manage/outbox/?status=queued").content.decode()
    assert page.count("Invitation:") == 5

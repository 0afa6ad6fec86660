"""The planner page: a proposal with its balance, a swap and its effect, invitations for the panel."""

import re

import pytest

from liaison.core.regions import REGIONAL_GROUPS
from liaison.meetings.models import Invitation
from liaison.roster.forms import quota_rows
from liaison.roster.models import Expert
from liaison.roster.quotas import Quota

ONE_PER_REGION = [Quota("region", r, 1, 1) for r in REGIONAL_GROUPS]


def rules(quotas=ONE_PER_REGION + [Quota("gender", "female", 2, 3)], **changes):
    data = {"size": 5, "topics": "risk assessment of living modified organisms", "max_per_country": 1, "min_returning": 0, **quota_rows(quotas)}
    data.update(changes)
    return data


def test_proposal_with_balance_and_reasons(client_as, roles, roster, meeting):
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/panel/", rules())
    result = response.context["result"]
    assert result.feasible and len(result.panel) == 5
    regions = {row.rule: row.achieved for row in result.balance}  # rules named as people read them
    assert all(regions[name] == 1 for name in REGIONAL_GROUPS.values())
    assert 2 <= regions["Gender: Female"] <= 3
    html = response.content.decode()
    assert "proven optimal" in html and "relevance" in html
    shown = re.sub(r"<[^>]+>", " ", html)  # what a reader sees (codes stay in the options' values)
    assert "counts for Asia-Pacific Group" in shown and "western_european_others" not in shown and "region=" not in shown


def test_conflicting_rules_are_explained(client_as, roles, roster, meeting):
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/panel/", rules([Quota("gender", "female", 5, 5), Quota("gender", "male", 1, 5)]))
    html = response.content.decode()
    assert "These rules cannot hold together" in html and ("short by" in html or "over by" in html)
    conflicts = {c.rule for c in response.context["result"].conflicts}
    assert conflicts == {"Gender: Female", "Gender: Male", "5 seats"}  # the whole set: 5 women and a man on 5 seats


def test_bad_quota_rows_are_refused_and_kept(client_as, roles, roster, meeting):
    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{meeting.pk}/panel/"
    for row, message in (({"quota-0-min": "3"}, "or remove the row"),
                         ({"quota-0-category": "gender", "quota-0-value": "african", "quota-0-min": "1", "quota-0-max": "2"},
                          "“African Group” is not a value of Gender."),
                         ({"quota-0-category": "region", "quota-0-value": "african", "quota-0-min": "3", "quota-0-max": "2"},
                          "At least 3 cannot be more than at most 2."),
                         ({"quota-0-category": "region", "quota-0-value": "atlantis", "quota-0-min": "1", "quota-0-max": "2"},
                          "Select a valid choice")):
        data = {**rules([]), "quota-TOTAL_FORMS": "1", **row}
        response = staff.post(url, data)
        html = response.content.decode()
        assert "result" not in response.context and message in html, message
        assert 'name="quota-0-min"' in html and f'value="{row["quota-0-min"]}"' in html  # the input is kept


def test_blank_and_removed_rows_are_ignored(client_as, roles, roster, meeting):
    data = rules(ONE_PER_REGION + [Quota("gender", "female", 5, 5)])
    data.update({"quota-5-DELETE": "on", "quota-TOTAL_FORMS": "7"})  # the women-only row removed, a blank row added
    result = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/panel/", data).context["result"]
    assert result.feasible and "Gender: Female" not in {row.rule for row in result.balance}


def test_the_page_opens_with_a_quota_table_of_the_un_regional_groups(client_as, roles, meeting):
    html = client_as(roles["secretariat"]).get(f"/manage/meetings/{meeting.pk}/panel/").content.decode()
    assert 'name="quota-TOTAL_FORMS" value="9"' in html  # five regional groups, two genders, two blank rows
    assert "Latin American and Caribbean Group" in html and '<option value="latin_american_caribbean" selected>' in html
    assert "<textarea" not in html.split('id="quotas"')[1].split("</fieldset>")[0]


def send_previewed(client, meeting, preview, **kwargs):
    """Send from the preview the planner leads to, with the people it lists."""
    people = preview.context["people"]
    return client.post(f"/manage/meetings/{meeting.pk}/invitations/",
                       {"action": "send", "people": [p.pk for p in people], "version": preview.context["version"],
                        "message": preview.context["message"]}, **kwargs)


def test_swap_shows_the_effect_and_invite_sends_the_invitations(client_as, roles, roster, meeting, smtp_server):
    staff = client_as(roles["secretariat"])
    result = staff.post(f"/manage/meetings/{meeting.pk}/panel/", rules()).context["result"]
    on_panel = {Expert.objects.get(pk=i).person.last_name: i for i in result.panel}
    african = next(i for name, i in on_panel.items() if name in ("Diallo", "Mensah"))
    replacement = next(str(e.pk) for e in roster if str(e.pk) not in result.panel and e.nationality.iso3 in ("DEU", "NOR"))
    swapped = staff.post(f"/manage/meetings/{meeting.pk}/panel/", {**rules(), "action": "swap", "panel": result.panel, "out": african, "in": replacement})
    failing = [row.rule for row in swapped.context["result"].balance if not row.ok]
    assert "African Group" in failing and "Western European and Others Group" in failing
    preview = staff.post(f"/manage/meetings/{meeting.pk}/panel/", {**rules(), "action": "invite", "panel": result.panel})
    assert preview.status_code == 200 and "Preview the invitation" in preview.content.decode()  # nothing sent yet
    assert not Invitation.objects.filter(meeting=meeting).exists()
    invited = send_previewed(staff, meeting, preview)
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
    preview = staff.post(f"/manage/meetings/{meeting.pk}/panel/", {**rules(), "action": "invite", "panel": result.panel})
    response = send_previewed(staff, meeting, preview, follow=True)
    assert response.status_code == 200
    assert "5 invitations queued for sending." in response.content.decode()
    waiting = OutboxMessage.objects.filter(subject__startswith="Invitation:")
    assert waiting.count() == 5 and {m.status for m in waiting} == {"queued"}
    assert all(m.attempts == 1 and "Connection" in m.last_error for m in waiting)
    page = staff.get("/manage/outbox/?status=queued").content.decode()
    assert page.count("Invitation:") == 5


def test_people_and_areas_are_named_not_numbered(client_as, roles, roster, meeting):
    from liaison.roster.models import ExpertiseArea

    amina = next(e for e in roster if e.person.last_name == "Diallo")
    areas = ExpertiseArea.objects.filter(group=meeting.group, code__in=["risk-assessment", "coordination"])
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/panel/", rules(
        [], size=1, max_per_country="", include=[amina.pk], areas=[a.pk for a in areas]))
    assert f"include {amina.person.formal_name}" in {row.rule for row in response.context["result"].balance}
    uncovered = re.search(r'<p class="warning-box" id="uncovered">(.*?)</p>', response.content.decode()).group(1)
    coordination = areas.get(code="coordination")
    assert coordination.name in uncovered and "coordination" not in uncovered.lower().replace(coordination.name.lower(), "")

"""The fair-rotation page: chances, a verifiable draw, invitations for the drawn panel."""

import pytest

from liaison.meetings.models import Invitation
from liaison.roster.models import ReviewEvent

QUOTAS = "\n".join(f"region={r} 1 1" for r in ["african", "asia_pacific", "eastern_european", "latin_american_caribbean", "western_european_others"])


def test_chances_sum_to_the_seats_and_the_draw_is_reproducible(client_as, roles, roster, meeting):
    staff = client_as(roles["secretariat"])
    data = {"size": 5, "quotas": QUOTAS, "seed": "lottery 2026-11-23"}
    first = staff.post(f"/manage/meetings/{meeting.pk}/lottery/", data)
    rows = first.context["rows"]
    assert sum(p for _, p in rows) == pytest.approx(5)
    assert first.context["result"].minimum == pytest.approx(0.5)  # two experts per region, one seat each
    drawn = [e.pk for e in first.context["drawn"]]
    assert len(drawn) == 5 and len({e.nationality.regional_group for e in first.context["drawn"]}) == 5
    again = staff.post(f"/manage/meetings/{meeting.pk}/lottery/", data)
    assert [e.pk for e in again.context["drawn"]] == drawn


def test_invite_the_drawn_panel(client_as, roles, roster, meeting, smtp_server):
    staff = client_as(roles["secretariat"])
    staff.post(f"/manage/meetings/{meeting.pk}/lottery/", {"size": 5, "quotas": QUOTAS, "seed": "s", "action": "invite"})
    assert Invitation.objects.filter(meeting=meeting).count() == 5
    assert ReviewEvent.objects.filter(action="selected").count() == 5
    assert len(smtp_server.wait_for(5)) == 5


def test_impossible_quotas_are_said(client_as, roles, roster, meeting):
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/lottery/", {"size": 6, "quotas": "gender=female 6 6", "seed": "s"})
    assert response.status_code == 400 and "No panel of this size satisfies the quotas" in response.content.decode()

"""The fair-rotation page: chances, a verifiable draw, invitations for the drawn panel."""

import pytest

from liaison.core.regions import REGIONAL_GROUPS
from liaison.meetings.models import Invitation
from liaison.roster.forms import quota_rows
from liaison.roster.models import ReviewEvent
from liaison.roster.quotas import Quota

QUOTAS = quota_rows([Quota("region", r, 1, 1) for r in REGIONAL_GROUPS])


def test_chances_sum_to_the_seats_and_the_draw_is_reproducible(client_as, roles, roster, meeting):
    staff = client_as(roles["secretariat"])
    data = {"size": 5, **QUOTAS, "seed": "lottery 2026-11-23"}
    first = staff.post(f"/manage/meetings/{meeting.pk}/lottery/", data)
    rows = first.context["rows"]
    assert sum(p for _, p in rows) == pytest.approx(5)
    assert first.context["result"].minimum == pytest.approx(0.5)  # two experts per region, one seat each
    drawn = [e.pk for e in first.context["drawn"]]
    assert len(drawn) == 5 and len({e.nationality.regional_group for e in first.context["drawn"]}) == 5
    again = staff.post(f"/manage/meetings/{meeting.pk}/lottery/", data)
    assert [e.pk for e in again.context["drawn"]] == drawn


def test_invite_the_drawn_panel(client_as, roles, roster, meeting, smtp_server):
    """The drawn experts are marked selected when their invitations leave, not at the preview (a
    preview left without sending marks nobody); the mark keeps the meeting and the seed as data, shown
    in the reader's language on the expert's record."""
    staff = client_as(roles["secretariat"])
    preview = staff.post(f"/manage/meetings/{meeting.pk}/lottery/", {"size": 5, **QUOTAS, "seed": "s", "action": "invite"})
    assert preview.status_code == 200 and not Invitation.objects.filter(meeting=meeting).exists()  # previewed first
    assert not ReviewEvent.objects.filter(action="selected").exists()  # nothing marked before sending
    origin = preview.context["origin"]
    assert f'name="origin" value="{origin}"' in preview.content.decode()
    update = staff.post(f"/manage/meetings/{meeting.pk}/invitations/", {  # the message edited: the mark goes along
        "action": "preview", "people": [p.pk for p in preview.context["people"]], "version": preview.context["version"],
        "message": "Please come.", "origin": origin})
    assert update.context["origin"] == origin and not ReviewEvent.objects.filter(action="selected").exists()
    staff.post(f"/manage/meetings/{meeting.pk}/invitations/", {
        "action": "send", "people": [p.pk for p in preview.context["people"]], "version": preview.context["version"],
        "message": "Please come.", "origin": origin})
    assert Invitation.objects.filter(meeting=meeting).count() == 5
    events = list(ReviewEvent.objects.filter(action="selected").select_related("expert"))
    assert sorted(e.expert.person_id for e in events) == sorted(p.pk for p in preview.context["people"])
    assert {e.reason for e in events} == {""}  # no English written into the record
    assert all(e.details == {"draw": {"meeting": meeting.pk, "meeting_title": meeting.title, "seed": "s"}} for e in events)
    assert len(smtp_server.wait_for(5)) == 5
    expert = events[0].expert
    page = staff.get(f"/roster/{expert.group.slug}/{expert.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Selected for a meeting: drawn by lot for Thirteenth meeting (seed “s”)" in page


def test_only_a_draw_of_this_platform_for_this_meeting_marks_anyone(client_as, roles, roster, meeting, smtp_server):
    from liaison.meetings.models import Meeting
    from liaison.roster import services

    other = Meeting.objects.create(group=meeting.group, title="Another meeting", start_date=meeting.start_date, end_date=meeting.end_date)
    staff = client_as(roles["secretariat"])
    people = [roster[0].person.pk, roster[1].person.pk]
    for origin in ("forged", services.draw_origin(other, "s")):
        staff.post(f"/manage/meetings/{meeting.pk}/invitations/", {
            "action": "send", "people": people, "version": meeting.version, "origin": origin})
        meeting.refresh_from_db()
        Invitation.objects.filter(meeting=meeting).delete()
    assert not ReviewEvent.objects.filter(action="selected").exists()


def test_the_english_the_platform_once_wrote_into_reasons_becomes_data(roster):
    """Migration 0005: the English sentences the platform wrote into ``reason`` before are turned
    into data (a draw) or dropped (the action says it); a person's own reason is kept."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("liaison.roster.migrations.0005_review_event_details")
    expert = roster[0]
    drawn = ReviewEvent.objects.create(expert=expert, action="selected", reason="Drawn for Ninth meeting with seed 'lottery 2026'")
    back = ReviewEvent.objects.create(expert=expert, action="resubmitted", reason="Changed after approval: back to the secretariat's review.")
    own = ReviewEvent.objects.create(expert=expert, action="changes", reason="Add a second reference.")
    migration.english_to_data(apps, None)
    for event in (drawn, back, own):
        event.refresh_from_db()
    assert drawn.reason == "" and drawn.details == {"draw": {"meeting": None, "meeting_title": "Ninth meeting", "seed": "lottery 2026"}}
    assert back.reason == "" and own.reason == "Add a second reference."
    from django.utils import translation

    with translation.override("fr"):
        assert "Ninth meeting" in drawn.note and "lottery 2026" in drawn.note


def test_impossible_quotas_are_said(client_as, roles, roster, meeting):
    response = client_as(roles["secretariat"]).post(f"/manage/meetings/{meeting.pk}/lottery/", {"size": 6, **quota_rows([Quota("gender", "female", 6, 6)]), "seed": "s"})
    assert response.status_code == 400 and "No panel of this size satisfies the quotas" in response.content.decode()


def test_the_lottery_keeps_the_per_country_limit_of_the_planner(client_as, roles, roster, meeting):
    # issue 10, item 14: two experts from Malta were drawn although the planner allows one per country
    from collections import Counter

    from liaison.core.models import Country, Person
    from liaison.roster.models import Expert, Status

    malta = Country.objects.get(iso3="MLT")
    for n in range(8):  # 8 of 18 experts: an equal chance for all would give Malta 8/3 seats on average
        person = Person.objects.create(first_name="Maltese", last_name=f"Expert {n}", gender="female", email=f"mt{n}@example.org", country=malta)
        Expert.objects.create(group=roster[0].group, person=person, nationality=malta, nominating_country=malta, stakeholder="government",
                              profile="Biosafety.", highest_degree=2, years_experience=8, references="a\nb", status=Status.APPROVED)
    staff = client_as(roles["secretariat"])
    for n in range(12):
        response = staff.post(f"/manage/meetings/{meeting.pk}/lottery/", {"size": 6, **quota_rows([]), "seed": f"seed {n}", "max_per_country": 2})
        assert response.status_code == 200
        countries = Counter(e.nationality.iso3 for e in response.context["drawn"])
        assert len(response.context["drawn"]) == 6 and countries["MLT"] <= 2
    chances = {e.pk: p for e, p in response.context["rows"]}
    assert sum(p for pk, p in chances.items() if Expert.objects.get(pk=pk).nationality_id == malta.pk) == pytest.approx(2)  # 1/4 each
    assert min(chances.values()) == pytest.approx(0.25)
    assert response.context["result"].digest in response.content.decode()

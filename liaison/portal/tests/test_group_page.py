"""The public group page: mandate, terms of reference, core members and the generated history."""

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection

from liaison.core.models import Person
from liaison.groups.models import Membership
from liaison.meetings.models import Meeting


def test_home_lists_every_group(client, demo):
    html = client.get("/").content.decode()
    for group in demo.values():
        assert group.name in html
        assert group.get_absolute_url() in html
    assert "12 meetings, 2002–2018" in html


def test_group_page_shows_mandate_terms_and_decisions(client, demo):
    html = client.get("/groups/lg-biosafety/").content.decode()
    assert "ad-hoc group of experts convened by the Executive Secretary" in html
    assert "formerly the Liaison Group on Capacity-building for Biosafety" in html
    assert "Peer-review, as necessary, relevant pre-session documents on capacity-building" in html
    assert "CP-9/7" in html and "Renamed the group" in html
    assert "Draft" in html


def history(client, slug="lg-biosafety"):
    html = client.get(f"/groups/{slug}/").content.decode()
    return html[html.index('<ol class="history"'):]


def test_history_is_generated_newest_first(client, demo):
    html = history(client)
    twelfth = html.index("Twelfth meeting")
    ninth = html.index("The ninth meeting of the Liaison Group on Capacity-Building for Biosafety was held from 15 to 16 March 2012 in Prague, Czechia.")
    first = html.index("First meeting")
    assert twelfth < ninth < first
    assert "It was attended by 21 participants from 13 governments and 7 organizations." in html
    assert "It was attended by 22 participants from 14 governments and 8 organizations." in html  # sixth
    assert "Click on the following link" not in html


def test_participation_chart_has_a_bar_per_meeting(client, demo):
    response = client.get("/groups/lg-biosafety/")
    chart = response.context["chart"]
    assert [bar.label for bar in chart] == [str(n) for n in range(1, 13)]
    assert [bar.value for bar in chart] == [None, 15, 16, 18, 22, 22, 21, 18, 21, 14, 15, None]
    html = response.content.decode()
    assert html.count('<rect class="bar"') == 10
    assert "Participants per meeting" in html


def test_no_chart_without_figures(client, demo):
    assert client.get("/groups/ias/").context["chart"] is None


def test_a_new_meeting_appears_in_the_history(client, demo):
    from datetime import timedelta

    from django.utils import timezone

    last_week = timezone.localdate() - timedelta(days=7)
    Meeting.objects.create(
        group=demo["lg-biosafety"], number=13, title="Thirteenth meeting of the Liaison Group",
        start_date=last_week, end_date=last_week + timedelta(days=1), city="Montreal", reported_participants=9,
    )
    html = history(client)
    assert html.index("Thirteenth meeting") < html.index("Twelfth meeting")
    assert "It was attended by 9 participants." in html


def test_a_future_meeting_never_reads_as_held(client, demo):
    """Issue 10, item 5: a meeting next year once read 'was held' and 'was attended by 5 participants'."""
    from datetime import timedelta

    from django.utils import timezone

    from liaison.meetings.models import Participant

    start = timezone.localdate() + timedelta(days=120)
    meeting = Meeting.objects.create(
        group=demo["lg-biosafety"], number=13, title="Thirteenth meeting of the Liaison Group",
        start_date=start, end_date=start + timedelta(days=1), city="Montreal", reported_participants=5,
    )
    someone = Participant.objects.filter(meeting__number=9).first().person
    Participant.objects.create(meeting=meeting, person=someone, capacity="expert", attended=True)
    page = client.get("/groups/lg-biosafety/meetings/13/").content.decode()
    history_html = history(client)
    for html in (page, history_html):
        assert "The thirteenth meeting of the Liaison Group will be held" in html
        assert "was held from" not in html.split("Thirteenth meeting")[1].split("Twelfth meeting")[0]
    assert "It was attended by" not in page
    assert meeting.attendance_sentence() == ""


def test_core_members_of_the_invasive_species_group(client, demo):
    html = client.get("/groups/ias/").content.decode()
    assert "Core member organizations" in html
    assert "World Customs Organization (WCO)" in html
    assert "Aichi Target 9" in html


def test_unknown_group_is_404(client, db):
    assert client.get("/groups/nope/").status_code == 404


@pytest.mark.parametrize(
    "role, sees_members, sees_email",
    [
        ("anonymous", False, False),
        ("other_member", False, False),
        ("observer", False, False),
        ("member", True, False),
        ("chair", True, False),
        ("secretariat", True, True),
    ],
)
def test_members_list_is_members_only(client_as, roles, role, sees_members, sees_email):
    expert = Person.objects.create(first_name="Erika", last_name="Expert", email="erika@expert.example")
    Membership.objects.create(group=roles["member"].person.memberships.get().group, person=expert)
    html = client_as(roles[role]).get("/groups/lg-biosafety/").content.decode()
    assert ("Members only" in html) is sees_members
    assert ("Erika Expert" in html) is sees_members
    assert ("erika@expert.example" in html) is sees_email


def test_group_page_queries_do_not_grow_with_meetings_or_members(client, demo):
    group = demo["lg-biosafety"]

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/groups/lg-biosafety/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(20):
        Meeting.objects.create(group=group, number=100 + n, title=f"Meeting {n}", start_date="2020-01-01", end_date="2020-01-02")
        person = Person.objects.create(last_name=f"Expert {n}")
        Membership.objects.create(group=group, person=person)
    assert count() == before


def test_a_proper_name_keeps_its_capital_in_the_sentence(client, demo):
    html = client.get("/groups/gpwg/meetings/2012-08-stockholm/").content.decode()
    assert "The Global Partnership Working Group meeting, Stockholm was held" in html


def test_the_home_page_lists_the_groups_in_the_order_of_their_names_in_the_reader_language(client, demo):
    """English: Global Partnership…, Inter-agency…, Liaison Group…; with French names given, the French
    reader sees them in the order of the French names."""
    import re

    from liaison.groups.models import Group

    french = {"gpwg": "Groupe de travail du Partenariat mondial",
              "ias": "Groupe de liaison interinstitutions sur les espèces exotiques envahissantes",
              "lg-biosafety": "Groupe de liaison sur le Protocole de Cartagena sur la prévention des risques biotechnologiques"}
    for slug, name in french.items():
        Group.objects.filter(slug=slug).update(translations={"fr": {"name": name}})

    def order(language):
        html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        return [slug for slug in re.findall(r'<h2><a href="/groups/([^/]+)/"', html) if slug in french]

    assert order("en") == ["gpwg", "ias", "lg-biosafety"]
    assert order("fr") == ["ias", "lg-biosafety", "gpwg"]

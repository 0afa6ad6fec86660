"""The nominating side is told by e-mail when the secretariat approves, returns or rejects a
nomination: through the outbox, over a real SMTP server on loopback."""

import pytest

from liaison.core.models import Country
from liaison.groups.models import Membership, Role
from liaison.roster import services
from liaison.roster.models import Expert, Status

from .test_nominations import nomination


@pytest.fixture
def group(demo):
    return demo["lg-biosafety"]


@pytest.fixture
def senegal(make_user, group):
    """Two focal points of Senegal (one nominates), one of Peru, and a former focal point of Senegal."""
    sen = Country.objects.get(iso3="SEN")
    users = {}
    for key, email, iso3 in (("nominator", "focal@senegal.example", "SEN"), ("colleague", "second@senegal.example", "SEN"),
                             ("peru", "focal@peru.example", "PER"), ("former", "former@senegal.example", "SEN")):
        user = make_user(email, group=group, role=Role.FOCAL_POINT)
        user.person.country = Country.objects.get(iso3=iso3)
        user.person.save()
        users[key] = user
    Membership.objects.filter(person=users["former"].person).update(until="2020-01-01")
    assert sen
    return users


def submitted(client_as, users, group):
    client_as(users["nominator"]).post("/roster/lg-biosafety/nominate/", nomination(group))
    expert = Expert.objects.get(person__last_name="Diallo")
    services.submit(expert, users["nominator"])
    return expert


@pytest.mark.parametrize(
    "decision, reason, subject, phrases",
    [
        ("approve", "", "Nomination approved: Dr. Amina Diallo is on the roster of the",
         ["approved the nomination of Dr. Amina Diallo (Senegal)", "is on the roster until"]),
        ("changes", "Add your publications.", "Nomination returned for changes: Dr. Amina Diallo",
         ["returned the nomination", "Add your publications.", "/edit/"]),
        ("reject", "Outside the roster's areas.", "Nomination rejected: Dr. Amina Diallo",
         ["rejected the nomination", "Outside the roster's areas."]),
    ],
)
def test_focal_points_are_told_of_the_decision(client_as, roles, group, senegal, smtp_server, decision, reason, subject, phrases):
    expert = submitted(client_as, senegal, group)
    client_as(roles["secretariat"]).post("/manage/roster/lg-biosafety/review/", {"expert": expert.pk, "decision": decision, "reason": reason})
    assert Expert.objects.get(pk=expert.pk).status == {"approve": Status.APPROVED, "changes": Status.CHANGES, "reject": Status.REJECTED}[decision]
    mail = smtp_server.wait_for(1)[0]
    assert sorted(mail["to"]) == ["focal@senegal.example", "second@senegal.example"]  # not Peru's, not the former one
    assert mail["message"]["Subject"].startswith(subject)
    body = smtp_server.body(mail)
    for phrase in phrases:
        assert phrase in body
    assert "amina@example.sn" not in body and "&#x27;" not in body  # no contact details, no HTML escaping
    if decision == "approve":
        from liaison.core.dates import day_month_year

        assert f"until {day_month_year(Expert.objects.get(pk=expert.pk).expires_on)}," in body  # the UN date style
        assert expert.group.name in body and f"/roster/lg-biosafety/{expert.pk}/" in body


def test_a_refused_decision_sends_nothing(client_as, roles, group, senegal, smtp_server):
    from liaison.core.models import OutboxMessage

    expert = submitted(client_as, senegal, group)
    client_as(roles["secretariat"]).post("/manage/roster/lg-biosafety/review/", {"expert": expert.pk, "decision": "reject", "reason": " "})
    assert Expert.objects.get(pk=expert.pk).status == Status.SUBMITTED
    assert not OutboxMessage.objects.exists()


def test_a_nominator_whose_term_ended_hears_no_more(group, senegal, smtp_server, client_as):
    """The same rule as for seeing the record: current focal points of the nominating government."""
    expert = submitted(client_as, senegal, group)
    Membership.objects.filter(person=senegal["nominator"].person).update(until="2020-01-01")
    services.review(expert, "approve", None)
    mail = smtp_server.wait_for(1)[0]
    assert mail["to"] == ["second@senegal.example"]

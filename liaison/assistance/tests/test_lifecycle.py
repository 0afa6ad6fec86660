"""Points of contact and the request lifecycle, through the services."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.assistance import access, services
from liaison.assistance.models import PointOfContact, Proposal, RequestEvent, RequestStatus
from liaison.core.concurrency import VersionConflict
from liaison.core.models import Country


def test_a_new_point_of_contact_ends_the_previous_one_which_stays_as_history(mechanisms, people, make_user):
    kgz = Country.objects.get(iso3="KGZ")
    successor = make_user("successor@kgz.example", country=kgz)
    poc = services.submit_point_of_contact(mechanisms["1540"], successor.person, "Ministry of Economy", country=kgz,
                                           by=people["requester"], submitted_on=date(2026, 3, 1))
    history = list(PointOfContact.objects.filter(mechanism=mechanisms["1540"], country=kgz).order_by("submitted_on", "pk"))
    assert [(p.person.user.email, p.ended_on) for p in history] == [
        ("former@kgz.example", date(2025, 1, 1)), ("poc@kgz.example", date(2026, 3, 1)), ("successor@kgz.example", None)]
    assert poc.current
    # the handing-over contact is no longer current, so loses access to the state's requests
    requester = type(people["requester"]).objects.get(pk=people["requester"].pk)
    assert access.contact_countries(requester, mechanisms["1540"].pk) == set()


def test_only_the_secretariat_or_the_current_contact_records_one(mechanisms, people):
    kgz = Country.objects.get(iso3="KGZ")
    for role in ("other_state", "former_requester", "partner"):
        with pytest.raises(PermissionDenied):
            services.submit_point_of_contact(mechanisms["1540"], people[role].person, "Office", country=kgz, by=people[role])
    with pytest.raises(ValidationError):
        services.submit_point_of_contact(mechanisms["1540"], people["requester"].person, "Office", by=people["secretariat"])


def test_missing_contacts_lists_member_states_without_one(mechanisms, people):
    rows = services.missing_contacts(mechanisms["1540"])
    names = {str(row["party"]) for row in rows}
    assert "Kyrgyzstan" not in names and "Madagascar" not in names
    assert "Sweden" in names  # Sweden's contact is for the GPWG, not the 1540 Committee
    assert len(rows) == 193 - 2


def test_the_lifecycle_runs_through_one_state_machine_and_keeps_each_step(world, people):
    req, sec = world["shared"], people["secretariat"]
    proposal = services.propose(req, world["offer"], by=sec, score=0.8, reasons={"area": 1.0})
    services.answer(proposal, by=people["partner"], accept=True, reason="We have a workshop in May.")
    req.refresh_from_db()
    assert req.status == RequestStatus.MATCHED and req.matched_on
    services.start(req, by=people["requester"], note="Workshop dates agreed.")
    services.complete(req, by=people["requester"], feedback="Useful; the draft law went to parliament.", lessons="Start with a gap analysis.")
    req.refresh_from_db()
    assert req.status == RequestStatus.COMPLETED and req.closed_on and req.lessons == "Start with a gap analysis."
    assert list(RequestEvent.objects.filter(request=req).values_list("to_status", flat=True)) == [
        "received", "approved", "matched", "in_progress", "completed"]
    with pytest.raises(services.TransitionRefused):
        services.withdraw(req, by=sec, note="Too late")


def test_the_history_names_each_step_and_the_acceptance_in_the_readers_language(world, people, client_as):
    """The request's history shows each status by its label, and the partner's acceptance worded in
    the reader's language (the partner state named in it), with the partner's own words as written:
    nothing of the platform's is stored in English."""
    req = world["shared"]
    proposal = services.propose(req, world["offer"], by=people["secretariat"], score=0.8, reasons={"area": 1.0})
    services.answer(proposal, by=people["partner"], accept=True, reason="We have a workshop in May.")
    event = RequestEvent.objects.get(request=req, to_status="matched")
    assert event.note == "We have a workshop in May." and event.details == {"accepted": {"proposal": proposal.pk}}
    client = client_as(people["secretariat"])
    english = client.get(req.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Matched — Accepted by {world['offer'].party}: {world['offer'].title}. We have a workshop in May." in english
    assert ": matched" not in english and ": in_progress" not in english
    client.post("/accounts/language/", {"language": "fr"})
    french = client.get(req.get_absolute_url()).content.decode()
    assert "Accepted by" not in french and "We have a workshop in May." in french
    history = french.split('id="history"')[1].split("</ol>")[0]
    assert "Acceptée par Suède : " in history and "Matched" not in history and "Sweden" not in history


def test_refusals(world, people):
    req = world["received"]
    with pytest.raises(PermissionDenied):  # a state cannot approve its own request
        services.approve_for_sharing(req, [world["gpwg"]], by=people["requester"])
    with pytest.raises(ValidationError):  # approval names an audience
        services.approve_for_sharing(req, [], by=people["secretariat"])
    with pytest.raises(services.TransitionRefused):  # completing skips steps
        services.complete(req, by=people["secretariat"], feedback="x")
    with pytest.raises(ValidationError):  # withdrawing needs a reason
        services.withdraw(req, by=people["requester"], note=" ")
    with pytest.raises(VersionConflict):
        services.approve_for_sharing(req, [world["gpwg"]], by=people["secretariat"], expected_version=req.version - 1)
    with pytest.raises(PermissionDenied):  # another state cannot submit for Kyrgyzstan
        services.submit_request(world["mechanism"], world["kgz"], by=people["other_state"], title="x", description="y",
                                areas=[world["areas"]["legislation"]], types=["training"], languages=["en"])
    with pytest.raises(ValidationError):
        services.submit_request(world["mechanism"], world["kgz"], by=people["requester"], title="x", description="y",
                                areas=[world["areas"]["legislation"]], types=["bribes"], languages=["en"])


def test_declining_needs_a_reason_and_frees_the_capacity(world, people):
    proposal = services.propose(world["shared"], world["offer"], by=people["secretariat"])
    assert services.remaining_capacity([world["offer"]])[world["offer"].pk] == 1
    with pytest.raises(ValidationError):
        services.answer(proposal, by=people["partner"], accept=False, reason="")
    with pytest.raises(PermissionDenied):
        services.answer(proposal, by=people["gpwg_member"], accept=True)
    services.answer(proposal, by=people["partner"], accept=False, reason="No Russian-speaking trainers this year.")
    assert Proposal.objects.get(pk=proposal.pk).reason == "No Russian-speaking trainers this year."
    assert services.remaining_capacity([world["offer"]])[world["offer"].pk] == 2
    world["shared"].refresh_from_db()
    assert world["shared"].status == RequestStatus.APPROVED


@pytest.mark.parametrize("role, expected", [
    ("anonymous", set()), ("requester", {"received", "shared", "elsewhere"}), ("former_requester", set()),
    ("other_state", set()), ("partner", {"shared"}), ("gpwg_member", {"shared"}), ("former_member", set()),
    ("other_member", {"elsewhere"}), ("secretariat", {"received", "shared", "elsewhere"}),
])
def test_who_sees_which_request(world, people, role, expected):
    user = people[role]
    names = {"received", "shared", "elsewhere"}
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    assert {n for n in names if access.can_see_request(user, world[n])} == expected
    assert set(access.visible_requests(user).values_list("title", flat=True)) == {world[n].title for n in expected}


def test_a_group_with_an_action_plan_uses_its_objectives_as_areas(demo, mechanisms):
    from liaison.actionplan.models import ActionPlan, Objective
    from liaison.assistance.models import Mechanism

    plan = ActionPlan.objects.create(group=demo["lg-biosafety"], title="Capacity-building action plan")
    Objective.objects.create(plan=plan, number=1, short_title="National biosafety frameworks")
    Objective.objects.create(plan=plan, number=2, short_title="Risk assessment and risk management")
    biosafety = Mechanism.objects.create(slug="biosafety", name="Biosafety national focal points", group=demo["lg-biosafety"])
    services.areas_from_plan(biosafety, plan)
    areas = services.areas_from_plan(biosafety, plan)  # idempotent
    assert [(a.code, a.name, a.objective.number) for a in biosafety.areas.all()] == [
        ("objective-1", "1. National biosafety frameworks", 1), ("objective-2", "2. Risk assessment and risk management", 2)]
    assert len(areas) == 2


def test_an_offer_takes_no_more_requests_than_its_capacity(world, people, make_user):
    from liaison.assistance.models import Offer

    Offer.objects.filter(pk=world["offer"].pk).update(capacity=1)
    offer = Offer.objects.get(pk=world["offer"].pk)
    first = services.propose(world["shared"], offer, by=people["secretariat"])
    services.answer(first, by=people["partner"], accept=True)  # its own pending slot is the one it takes
    services.approve_for_sharing(world["received"], [world["gpwg"]], by=people["secretariat"])
    second = services.propose(world["received"], offer, by=people["secretariat"])
    with pytest.raises(services.TransitionRefused):
        services.answer(second, by=people["partner"], accept=True)
    assert services.remaining_capacity([offer]) == {offer.pk: 0}


def test_the_engine_proposes_within_capacity_and_never_repeats_a_declined_pair(world, people):
    from liaison.assistance.models import Proposal

    sec = people["secretariat"]
    session = services.run_match_session(world["mechanism"], world["gpwg"], by=sec)
    proposals = list(Proposal.objects.filter(session=session))
    assert [(p.request, p.offer) for p in proposals] == [(world["shared"], world["offer"])]
    assert proposals[0].score > 0 and proposals[0].reasons
    services.answer(proposals[0], by=people["partner"], accept=False, reason="Not this year.")
    again = services.run_match_session(world["mechanism"], world["gpwg"], by=sec)
    assert not Proposal.objects.filter(session=again).exists()
    with pytest.raises(PermissionDenied):
        services.run_match_session(world["mechanism"], world["gpwg"], by=people["partner"])


def test_unknown_codes_are_named_in_the_singular_or_the_plural():
    from liaison.assistance.services import _check_codes

    with pytest.raises(ValidationError) as one:
        _check_codes(["x"], {"a", "b"}, "areas")
    assert one.value.message_dict == {"areas": ["Unknown value: x. Allowed: a, b."]}
    with pytest.raises(ValidationError) as two:
        _check_codes(["x", "y"], {"a"}, "areas")
    assert two.value.message_dict == {"areas": ["Unknown values: x, y. Allowed: a."]}


def test_a_refused_transition_is_one_sentence_in_the_readers_language(world, people):
    from liaison.core.tests.pseudo import OPEN, english_left, pseudo_locale

    req = world["received"]
    with pytest.raises(services.TransitionRefused, match="cannot become “Completed”. Its status: Received."):
        services.complete(req, by=people["secretariat"], feedback="x")
    with pseudo_locale(), pytest.raises(services.TransitionRefused) as refused:
        services.complete(req, by=people["secretariat"], feedback="x")
    assert str(refused.value).startswith(OPEN) and english_left(f"<p>{refused.value}</p>") == []

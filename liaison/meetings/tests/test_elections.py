"""Elections of officers: the state machine (nominating → voting → closed → published), candidates
present at the meeting, a show of hands counted or a secret ballot cast once per participant,
results recorded, the winner made the officer, a tie sent to another ballot; the pages by role."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.concurrency import VersionConflict
from liaison.core.models import Person
from liaison.meetings import services
from liaison.meetings.models import BallotCast, Election, Meeting, Participant, SecretVote


@pytest.fixture
def meeting(demo):
    today = timezone.localdate()
    return Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting",
                                  start_date=today, end_date=today + timedelta(days=1))


@pytest.fixture
def people(meeting, make_user):
    """Amina, Pedro and Chen checked in (Amina and Pedro with accounts); Dana registered, not present."""
    result = {}
    for first, email, present in [("Amina", "amina@example.org", True), ("Pedro", "pedro@example.org", True),
                                  ("Chen", None, True), ("Dana", "dana@example.org", False)]:
        if email:
            person = Person.objects.get(user=make_user(email, first_name=first, last_name="Expert"))
        else:
            person = Person.objects.create(first_name=first, last_name="Expert")
        result[first] = Participant.objects.create(meeting=meeting, person=person, attended=present)
    return result


def test_a_show_of_hands_elects_the_winner_as_officer(meeting, people):
    election = services.create_election(meeting, "chair", "hands", "absolute")
    amina = services.nominate(election, people["Amina"])
    pedro = services.nominate(election, people["Pedro"], by=people["Chen"])
    with pytest.raises(services.Refused):  # not present
        services.nominate(election, people["Dana"])
    with pytest.raises(services.Refused):
        services.nominate(election, people["Amina"])  # twice
    with pytest.raises(services.Refused):  # the vote is not open yet
        services.close_election(election, counts={amina.pk: 3, pedro.pk: 1}, abstentions=0)
    services.open_voting(election, election.version)
    with pytest.raises(services.Refused):  # nominations are closed
        services.nominate(election, people["Chen"])
    with pytest.raises(services.Refused):  # a show of hands is not voted online
        services.cast_vote(election, people["Pedro"], amina)
    with pytest.raises(services.Refused):  # every candidate's count is needed
        services.close_election(election, counts={amina.pk: 3}, abstentions=0)
    services.close_election(election, election.version, {amina.pk: 3, pedro.pk: 1}, 2)
    election.refresh_from_db()
    assert election.state == "closed" and election.abstentions == 2
    assert election.outcome == "Elected Chair: Amina Expert, with 3 of 4 votes cast."
    people["Amina"].refresh_from_db()
    assert people["Amina"].office == "chair" and people["Amina"].elected_on == timezone.localdate()
    assert election.elected_id == people["Amina"].pk
    with pytest.raises(services.Refused):  # a closed election cannot be closed again nor re-run
        services.close_election(election, counts={amina.pk: 3, pedro.pk: 1}, abstentions=0)
    with pytest.raises(services.Refused):
        services.new_ballot(election)
    with pytest.raises(services.Refused):  # the office is filled
        services.create_election(meeting, "chair", "secret", "absolute")
    with pytest.raises(VersionConflict):  # published from a stale page
        services.publish_election(election, election.version - 1)
    election.refresh_from_db()
    assert election.state == "closed"
    services.publish_election(election, election.version)
    assert Election.objects.get(pk=election.pk).state == "published"


def test_a_secret_ballot_once_each_and_a_tie_goes_to_another_ballot(meeting, people):
    election = services.create_election(meeting, "rapporteur", "secret", "absolute")
    amina = services.nominate(election, people["Amina"], by=people["Amina"])
    pedro = services.nominate(election, people["Pedro"])
    chen = services.nominate(election, people["Chen"])
    services.open_voting(election)
    services.cast_vote(election, people["Amina"], amina)
    with pytest.raises(services.Refused):
        services.cast_vote(election, people["Amina"], pedro)  # once
    with pytest.raises(services.Refused):
        services.cast_vote(election, people["Dana"], pedro)  # not present
    services.cast_vote(election, people["Pedro"], pedro)
    services.cast_vote(election, people["Chen"], None)  # abstains
    # The votes are not linked to the voters.
    assert {f.name for f in SecretVote._meta.get_fields()} == {"id", "election", "ballot", "candidate"}
    election.refresh_from_db()
    services.close_election(election)
    election.refresh_from_db()
    assert election.elected_id is None and election.abstentions == 1
    assert election.outcome.startswith("Tie between") and "Amina" in election.outcome and "Pedro" in election.outcome
    assert not Participant.objects.filter(meeting=meeting, office="rapporteur").exists()

    services.new_ballot(election, election.version)  # between the tied candidates only
    election.refresh_from_db()
    assert election.state == "voting" and election.ballot == 2
    assert set(election.candidates.values_list("pk", flat=True)) == {amina.pk, pedro.pk}
    assert election.earlier_ballots[0]["abstentions"] == 1 and len(election.earlier_ballots[0]["votes"]) == 3
    assert chen.pk not in election.candidates.values_list("pk", flat=True)
    services.cast_vote(election, people["Amina"], amina)  # a new ballot: everyone votes again
    services.cast_vote(election, people["Chen"], amina)
    services.cast_vote(election, people["Pedro"], pedro)
    services.close_election(election)
    election.refresh_from_db()
    assert election.elected.person.first_name == "Amina" and election.abstentions == 0
    assert dict(election.candidates.values_list("participant__person__first_name", "votes")) == {"Amina": 2, "Pedro": 1}
    assert Participant.objects.get(meeting=meeting, office="rapporteur").person.first_name == "Amina"
    assert BallotCast.objects.filter(election=election).count() == 6


def test_voting_needs_a_candidate_and_happens_during_the_meeting(demo, people, meeting):
    election = services.create_election(meeting, "chair", "hands", "relative")
    with pytest.raises(services.Refused):
        services.open_voting(election)
    candidate = services.nominate(election, people["Pedro"])
    services.open_voting(election)
    with pytest.raises(services.Refused):
        services.close_election(election, counts={candidate.pk: 2}, abstentions=0, on=meeting.start_date - timedelta(days=3))
    assert Election.objects.get(pk=election.pk).state == "voting"


# --- pages, by role ----------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["anonymous", "other_member", "observer", "member", "chair"])
def test_only_the_secretariat_runs_elections(client_as, roles, meeting, people, role):
    client = client_as(roles[role])
    url = f"/manage/meetings/{meeting.pk}/elections/"
    assert client.get(url).status_code == (302 if role == "anonymous" else 403)
    response = client.post(url, {"action": "create", "office": "chair", "method": "secret", "majority": "absolute"})
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert not Election.objects.exists()
    # Nor do they nominate or vote on the participants' page: they are not participants present.
    election = services.create_election(meeting, "chair", "secret", "absolute")
    public = "/groups/lg-biosafety/meetings/13/elections/"
    denied = client.post(public, {"action": "nominate", "election": election.pk, "participant": people["Amina"].pk})
    assert denied.status_code == (302 if role == "anonymous" else 403)
    assert not election.candidates.exists()


def test_the_secretariat_runs_an_election_from_its_page(client_as, roles, meeting, people):
    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{meeting.pk}/elections/"
    staff.post(url, {"action": "create", "office": "chair", "method": "hands", "majority": "absolute"})
    election = Election.objects.get(meeting=meeting)
    for name in ("Amina", "Pedro"):
        staff.post(url, {"action": "nominate", "election": election.pk, "participant": people[name].pk})
    refused = staff.post(url, {"action": "nominate", "election": election.pk, "participant": people["Dana"].pk}, follow=True)
    assert "Only participants checked in as present can be nominated." in refused.content.decode()
    staff.post(url, {"action": "open", "election": election.pk, "version": election.version})
    stale = staff.post(url, {"action": "open", "election": election.pk, "version": election.version}, follow=True)
    assert "An election whose state is “voting” cannot go to “voting”." in stale.content.decode()
    candidates = {c.participant.person.first_name: c for c in election.candidates.select_related("participant__person")}
    election.refresh_from_db()
    bad = staff.post(url, {"action": "close", "election": election.pk, "version": election.version,
                           f"votes-{candidates['Amina'].pk}": "many", f"votes-{candidates['Pedro'].pk}": "1", "abstentions": "0"}, follow=True)
    assert "give a whole number" in bad.content.decode()
    page = staff.post(url, {"action": "close", "election": election.pk, "version": election.version,
                            f"votes-{candidates['Amina'].pk}": "1", f"votes-{candidates['Pedro'].pk}": "4", "abstentions": "1"}, follow=True)
    text = page.content.decode()
    assert "Elected Chair: Pedro Expert, with 4 of 5 votes cast." in text
    assert Participant.objects.get(meeting=meeting, office="chair").person.first_name == "Pedro"
    assert staff.post(url, {"action": "close", "election": "x"}, follow=True).status_code == 200  # a clear message, no 500


def test_participants_nominate_and_vote_and_results_wait_for_publication(client, client_as, roles, meeting, people):
    election = services.create_election(meeting, "rapporteur", "secret", "absolute")
    url = "/groups/lg-biosafety/meetings/13/elections/"
    amina = client_as(people["Amina"].person.user)
    amina.post(url, {"action": "nominate", "election": election.pk, "participant": people["Pedro"].pk})
    candidate = election.candidates.get()
    assert candidate.nominated_by_id == people["Amina"].pk
    dana = client_as(people["Dana"].person.user)  # registered, not checked in
    assert dana.post(url, {"action": "nominate", "election": election.pk, "participant": people["Dana"].pk}).status_code == 403
    services.open_voting(election)
    amina = client_as(people["Amina"].person.user)
    page = amina.get(url).content.decode()
    assert "Your secret vote: Rapporteur" in page
    amina.post(url, {"action": "vote", "election": election.pk, "candidate": candidate.pk})
    again = amina.post(url, {"action": "vote", "election": election.pk, "candidate": "abstain"}, follow=True)
    assert "already voted" in again.content.decode() and "You have voted in this ballot." in again.content.decode()
    assert SecretVote.objects.filter(election=election).count() == 1
    services.close_election(election)
    # Closed, not yet published: the public sees nothing of it, participants see the result.
    client.logout()
    assert "Pedro Expert" not in client_as(None).get(url).content.decode()
    assert "Elected Rapporteur: Pedro Expert" in client_as(people["Amina"].person.user).get(url).content.decode()
    services.publish_election(Election.objects.get(pk=election.pk))
    public = client_as(roles["observer"]).get(url).content.decode()
    assert "Elected Rapporteur: Pedro Expert, with 1 of 1 vote cast." in public


def test_a_winner_elected_to_another_office_meanwhile_sends_the_election_to_another_ballot(meeting, people):
    # Amina stands for Chair and for Rapporteur; the Rapporteur's ballot closes first and elects her.
    chair = services.create_election(meeting, "chair", "hands", "absolute")
    rapporteur = services.create_election(meeting, "rapporteur", "hands", "absolute")
    amina_for_chair = services.nominate(chair, people["Amina"])
    pedro = services.nominate(chair, people["Pedro"])
    amina_for_rapporteur = services.nominate(rapporteur, people["Amina"])
    for election in (chair, rapporteur):
        services.open_voting(election)
    services.close_election(rapporteur, counts={amina_for_rapporteur.pk: 3}, abstentions=0)
    people["Amina"].refresh_from_db()
    assert people["Amina"].office == "rapporteur"

    chair.refresh_from_db()
    services.close_election(chair, chair.version, {amina_for_chair.pk: 3, pedro.pk: 1}, 0)
    chair.refresh_from_db()
    people["Amina"].refresh_from_db()
    assert chair.state == "closed" and chair.elected_id is None  # not stuck in voting
    assert people["Amina"].office == "rapporteur"
    assert chair.outcome == ("The candidate with the most votes, Amina Expert, has since taken another office (Rapporteur) "
                             "and cannot hold two: another ballot is needed.")

    services.new_ballot(chair, chair.version)
    chair.refresh_from_db()
    assert [c.participant_id for c in chair.candidates.all()] == [people["Pedro"].pk]
    services.close_election(chair, chair.version, {pedro.pk: 3}, 1)
    people["Pedro"].refresh_from_db()
    assert people["Pedro"].office == "chair"

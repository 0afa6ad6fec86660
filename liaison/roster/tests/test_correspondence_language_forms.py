"""The correspondence language is set where a person's details are edited: the secretariat's person
form, and the roster record the expert edits themself (then their e-mails follow it)."""

from liaison.core.models import Person
from liaison.roster.models import Expert
from liaison.roster.tests.test_nominations import expert_user, group, nomination  # noqa: F401 - fixtures


def test_the_secretariat_sets_a_persons_language(client_as, roles):
    staff = client_as(roles["secretariat"])
    form = staff.get("/manage/people/new/").content.decode()
    assert 'name="language"' in form and '<option value="ar">العربية</option>' in form
    response = staff.post("/manage/people/new/", {"last_name": "Lima", "first_name": "Ana", "language": "es"})
    assert response.status_code == 302
    assert Person.objects.get(last_name="Lima").correspondence_language == "es"
    refused = staff.post("/manage/people/new/", {"last_name": "Lima", "first_name": "Bo", "language": "xx"})
    assert refused.status_code != 302 and not Person.objects.filter(first_name="Bo").exists()


def test_an_expert_chooses_the_language_of_their_own_e_mails(client_as, expert_user, group):  # noqa: F811
    expert = Expert.objects.get(person__last_name="Diallo")
    client = client_as(expert_user)
    assert 'name="language"' in client.get(f"/roster/lg-biosafety/{expert.pk}/edit/").content.decode()
    response = client.post(f"/roster/lg-biosafety/{expert.pk}/edit/", nomination(group, language="fr"))
    assert response.status_code == 302
    assert Person.objects.get(pk=expert.person_id).correspondence_language == "fr"

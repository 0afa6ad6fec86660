"""Every e-mail in its recipient's language: the person's choice (Person.language), else the saved
language of the person's account, else English; one message per language, each saying its language
in Content-Language; numbers and dates of that language."""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from liaison.core import dates, languages, mail
from liaison.core.models import Person

@pytest.fixture
def people(make_user):
    """A French person without an account, a person whose account reads Arabic, an account without a
    person's record reading Chinese, an English person by default."""
    Person.objects.create(last_name="Dupont", email="Dupont@Example.org", language="fr")
    arabic = make_user("nadia@example.org")
    arabic.language = "ar"
    arabic.save()
    get_user_model().objects.create_user("wei@example.org", "x-not-used-x-1", language="zh-hans")
    Person.objects.create(last_name="Smith", email="smith@example.org")
    return ["dupont@example.org", "nadia@example.org", "wei@example.org", "smith@example.org", "nobody@example.org"]


@pytest.mark.django_db
def test_each_address_is_read_in_its_persons_then_its_accounts_language_in_two_queries(people, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        found = languages.for_addresses(people)
    assert found == {"dupont@example.org": "fr", "nadia@example.org": "ar", "wei@example.org": "zh-hans",
                     "smith@example.org": "en", "nobody@example.org": "en"}


@pytest.mark.django_db
def test_a_persons_own_choice_wins_over_the_accounts(make_user):
    user = make_user("olga@example.org", language="ru")
    user.language = "es"
    user.save()
    person = Person.objects.get(user=user)
    assert person.correspondence_language == "ru"
    person.language = ""
    assert person.correspondence_language == "es"
    assert Person(last_name="X").correspondence_language == "en"
    assert languages.of_user(user) == "ru"  # as stored: the person chose Russian


@pytest.mark.django_db
def test_send_writes_one_message_per_language_to_its_readers(people, mailoutbox, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    context = {"group": {"acronym": "LG", "name": "x", "local_name": "x"}, "days": 3,
               "country": SimpleNamespace(name="Senegal", local_name="Senegal"),
               "cycle": {"deadline": date(2027, 3, 1), "title": "2026", "pk": 1}}
    mail.send("actionplan/email/report_reminder", context, people)
    by_language = {m.extra_headers["Content-Language"]: m for m in mailoutbox}
    assert sorted(by_language) == ["ar", "en", "fr", "zh-Hans"]
    assert by_language["fr"].to == ["dupont@example.org"] and "1 mars 2027" in by_language["fr"].subject
    assert by_language["ar"].to == ["nadia@example.org"] and "١ مارس ٢٠٢٧" in by_language["ar"].subject
    assert by_language["zh-Hans"].to == ["wei@example.org"] and "2027年3月1日" in by_language["zh-Hans"].subject
    assert by_language["en"].to == ["smith@example.org", "nobody@example.org"]
    assert by_language["en"].subject == "[LG] Report due 1 March 2027: 2026"
    assert "(3 days from now)" in by_language["en"].body and "٣" in by_language["ar"].body  # the count in Arabic digits
    # A caller that knows the reader's language says it: one message.
    mailoutbox.clear()
    mail.send("actionplan/email/report_reminder", context, people, language="es")
    assert len(mailoutbox) == 1 and mailoutbox[0].extra_headers["Content-Language"] == "es"


def test_times_and_numbers_follow_the_language():
    start, end = datetime(2027, 3, 15, 10, 0), datetime(2027, 3, 15, 17, 0)
    assert dates.time_span(start, end) == "15 March 2027, 10:00–17:00"
    assert dates.time_span(start, datetime(2027, 3, 16, 17, 0)) == "15 March 2027, 10:00 – 16 March 2027, 17:00"
    assert "15 mars 2027" in dates.time_span(start, end, "fr") and "10:00–17:00" in dates.time_span(start, end, "fr")
    arabic = dates.time_span(start, end, "ar")
    assert "١٥" in arabic and "١٠:٠٠" in arabic and "15" not in arabic
    assert dates.number(1234) == "1,234" and dates.number(1234, "ar") == "١٬٢٣٤"
    assert dates.number(1234, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234"
    assert dates.weekday_times(date(2027, 3, 15), time(10), time(13)) == "Monday 15 March 10:00–13:00"
    assert dates.weekday_times(date(2027, 3, 15), time(10), time(13), "fr") == "lundi 15 mars 10:00–13:00"
    assert dates.held_phrase(date(2012, 3, 15), date(2012, 3, 16)) == "from 15 to 16 March 2012"
    assert dates.held_phrase(date(2012, 3, 15), date(2012, 3, 16), "fr") == "15–16 mars 2012"


@pytest.mark.django_db
def test_the_reminder_names_the_party_in_the_recipients_language():
    from liaison.core.models import Country

    context = {"group": {"acronym": "LG", "name": "x", "local_name": "x"}, "days": 3,
               "country": Country.objects.get(iso3="DEU"), "cycle": {"deadline": date(2027, 3, 1), "title": "2026", "pk": 1}}
    assert "The report of Germany" in mail.render("actionplan/email/report_reminder", context, "en")[1]
    assert "Allemagne" in mail.render("actionplan/email/report_reminder", context, "fr")[1]
    assert "Германи" in mail.render("actionplan/email/report_reminder", context, "ru")[1]


@pytest.mark.django_db
def test_the_api_sets_and_shows_the_language_of_a_persons_letters(client, secretariat_token):
    import json

    headers = {"HTTP_AUTHORIZATION": f"Bearer {secretariat_token}", "content_type": "application/json"}
    created = client.post("/api/v1/people", json.dumps({"last_name": "Dupont", "email": "dupont@example.fr", "language": "fr"}), **headers)
    assert created.status_code == 201 and created.json()["language"] == "fr"
    assert Person.objects.get(pk=created.json()["id"]).correspondence_language == "fr"
    refused = client.post("/api/v1/people", json.dumps({"last_name": "Müller", "language": "de"}), **headers)
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "language"
    assert "language" in client.get("/api/v1/openapi.json").json()["components"]["schemas"]["PersonIn"]["properties"]

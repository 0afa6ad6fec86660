"""The reader's language: the six UN languages, the switcher on every page, the account's saved
choice, the browser's Accept-Language for visitors, <html lang dir>, and the API following
Accept-Language."""

import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from liaison import api as api_module
from liaison.accounts.language import supported

PASSWORD = "correct-horse-battery-staple"  # conftest.DEMO_PASSWORD, which make_user gives


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_the_six_official_languages_are_offered():
    assert [code for code, _name in settings.LANGUAGES] == ["ar", "zh-hans", "en", "fr", "ru", "es"]
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE
    assert supported("zh_Hans") == "zh-hans" and supported("FR") == "fr" and supported("de") == ""


@pytest.mark.django_db
@pytest.mark.parametrize("header, lang, direction", [
    ("fr-CH,fr;q=0.9,en;q=0.8", "fr", "ltr"),
    ("ar-EG,ar;q=0.9", "ar", "rtl"),
    ("zh-CN,zh;q=0.9", "zh-hans", "ltr"),
    ("de-DE,de;q=0.9", "en", "ltr"),  # not offered: English
])
def test_a_visitor_reads_the_browsers_language(client, header, lang, direction):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert html_tag(response) == f'<html lang="{lang}" dir="{direction}">'
    assert response["Content-Language"] == lang


@pytest.mark.django_db
def test_every_page_has_a_keyboard_usable_switcher_posting_to_set_language(client):
    for url in ("/", "/accounts/login/"):
        page = client.get(url).content.decode()
        form = re.search(r'<form class="language-switcher" method="post" action="/accounts/language/">(.*?)</form>', page, re.S)
        assert form, url
        body = form.group(1)
        assert 'name="csrfmiddlewaretoken"' in body
        assert f'name="next" value="{url}"' in body
        assert '<label for="language-choice">' in body and '<select id="language-choice" name="language">' in body
        assert re.findall(r'<option value="([^"]+)"', body) == ["ar", "zh-hans", "en", "fr", "ru", "es"]
        assert '<button type="submit"' in body  # no script needed to change language (CSP)
        assert "<script" not in body and "onchange" not in body


@pytest.mark.django_db
def test_a_visitors_choice_is_kept_in_the_cookie_over_the_browsers(client):
    response = client.post("/accounts/language/", {"language": "ru", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert html_tag(client.get("/", HTTP_ACCEPT_LANGUAGE="fr")) == '<html lang="ru" dir="ltr">'


@pytest.mark.django_db
def test_the_switcher_does_not_redirect_off_site_nor_accept_get(client):
    response = client.post("/accounts/language/", {"language": "es", "next": "https://evil.example/"})
    assert response.status_code == 302 and not response["Location"].startswith("https://evil.example")
    assert client.get("/accounts/language/?language=es").status_code == 405


@pytest.mark.django_db
def test_a_signed_in_choice_is_saved_to_the_account_and_wins_over_the_browser(client, make_user):
    user = make_user("reader@example.org")
    client.force_login(user)
    client.post("/accounts/language/", {"language": "es", "next": "/"})
    user.refresh_from_db()
    assert user.language == "es"
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)  # another browser: only the account remembers
    assert html_tag(client.get("/", HTTP_ACCEPT_LANGUAGE="fr")) == '<html lang="es" dir="ltr">'


@pytest.mark.django_db
def test_a_language_not_offered_is_not_saved(client, make_user):
    user = make_user("reader@example.org")
    user.language = "fr"
    user.save()
    client.force_login(user)
    client.post("/accounts/language/", {"language": "de", "next": "/"})
    user.refresh_from_db()
    assert user.language == "fr"


@pytest.mark.django_db
def test_the_saved_language_applies_from_login(client, make_user):
    user = make_user("reader@example.org")
    user.language = "ar"
    user.save()
    assert html_tag(client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")) == '<html lang="en" dir="ltr">'
    response = client.post("/accounts/login/", {"username": "reader@example.org", "password": PASSWORD},
                           HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.context["user"] == user
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    assert response.context["LANGUAGE_CODE"] == "ar"


@pytest.mark.django_db
def test_an_account_without_a_saved_language_follows_the_browser(client, make_user):
    client.force_login(make_user("reader@example.org"))
    assert html_tag(client.get("/", HTTP_ACCEPT_LANGUAGE="ru")) == '<html lang="ru" dir="ltr">'


@pytest.mark.django_db
def test_the_api_follows_accept_language_not_the_accounts_choice(client, make_user):
    user = make_user("reader@example.org")
    user.language = "fr"
    user.save()
    client.force_login(user)
    response = client.get("/api/v1/groups", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    assert client.get("/api/v1/groups", HTTP_ACCEPT_LANGUAGE="ar")["Content-Language"] == "ar"


def test_the_apis_error_messages_are_translated_in_the_active_language(monkeypatch):
    monkeypatch.setattr(api_module, "_", lambda text: f"[{translation.get_language()}] {text}")
    request = RequestFactory().get("/api/v1/groups")
    with translation.override("ru"):
        invalid = api_module.invalid(request, ValidationError("x"))
        duplicate = api_module.integrity(request, None)
    assert b'"[ru] The record is not valid."' in invalid.content
    assert b'"[ru] This would duplicate or contradict an existing record."' in duplicate.content


@pytest.mark.django_db
def test_the_french_catalogue_translates_the_pages_frame(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<label for="language-choice">Langue</label>' in page
    assert ">Groupes</a>" in page and ">Se connecter</a>" in page
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<label for="language-choice">Language</label>' in english and ">Groups</a>" in english


def test_the_apis_messages_come_from_the_catalogue():
    request = RequestFactory().get("/api/v1/groups")
    with translation.override("fr"):
        assert json.loads(api_module.invalid(request, ValidationError("x")).content)["detail"] == "L’enregistrement n’est pas valide."
    assert json.loads(api_module.invalid(request, ValidationError("x")).content)["detail"] == "The record is not valid."

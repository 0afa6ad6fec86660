"""A group's name and mandate in several languages: entered on the secretariat's edit form (versioned),
shown in the reader's language on pages and in the API, English when not given."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.groups.models import Group

from .test_manage_group import edit_data

FRENCH_NAME = "Groupe de liaison sur les espèces exotiques envahissantes"  # written for the test, not demo data


def translated(group, **values):
    """Edit-form data with per-language inputs (``name_fr``, ``mandate_zh_hans`` …)."""
    return edit_data(group, **values)


def test_the_edit_form_offers_each_language_marked_with_its_direction(client_as, roles, demo):
    html = client_as(roles["secretariat"]).get("/manage/groups/ias/edit/").content.decode()
    assert 'name="name_fr"' in html and 'name="mandate_zh_hans"' in html
    arabic = html[html.index('id="translations-ar"'):]
    arabic = arabic[:arabic.index("</details>")]
    assert 'name="name_ar"' in arabic and 'lang="ar"' in arabic and 'dir="rtl"' in arabic
    assert '<label for="id_name_ar">Name in Arabic</label>' in arabic
    assert 'name="name"' in html  # the English, the reference, stays the field itself


def test_the_edit_form_saves_each_language(client_as, roles, demo):
    group = demo["ias"]
    client = client_as(roles["secretariat"])
    response = client.post("/manage/groups/ias/edit/", translated(group, name_fr=f"  {FRENCH_NAME} ", mandate_es="Coordinar."))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.translations == {"fr": {"name": FRENCH_NAME}, "es": {"mandate": "Coordinar."}}
    assert group.name == "Inter-agency Liaison Group on Invasive Alien Species" and group.slug == "ias"
    assert group.version == 2
    html = client.get("/manage/groups/ias/edit/").content.decode()
    assert f'value="{FRENCH_NAME}"' in html and '<details id="translations-fr" open>' in html
    # emptied on the form: removed
    assert client.post("/manage/groups/ias/edit/", translated(group, name_fr="", mandate_es="Coordinar.")).status_code == 302
    group.refresh_from_db()
    assert group.translations == {"es": {"mandate": "Coordinar."}}


def test_a_stale_save_is_refused_and_keeps_the_translations_typed(client_as, roles, demo):
    group = demo["ias"]
    stale = translated(group, name_fr="Le titre du second")
    client = client_as(roles["secretariat"])
    assert client.post("/manage/groups/ias/edit/", translated(group, name_fr=FRENCH_NAME)).status_code == 302
    response = client.post("/manage/groups/ias/edit/", stale)
    html = response.content.decode()
    assert "Someone else saved this record" in html
    assert 'value="Le titre du second"' in html
    assert Group.objects.get(slug="ias").translations == {"fr": {"name": FRENCH_NAME}}


def test_a_too_long_translation_names_its_field(client_as, roles, demo):
    response = client_as(roles["secretariat"]).post("/manage/groups/ias/edit/", translated(demo["ias"], name_ru="я" * 201))
    assert response.status_code == 200
    assert "name_ru" in response.context["form"].errors
    assert '<details id="translations-ru" open>' in response.content.decode()
    assert Group.objects.get(slug="ias").translations == {}


def test_pages_show_the_readers_language_with_english_as_fallback(client, demo):
    group = demo["ias"]
    group.translations = {"fr": {"name": FRENCH_NAME, "mandate": "Coordonner les travaux."}}
    group.save()
    french = client.get("/groups/ias/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f"<h1>{FRENCH_NAME}</h1>" in french and "Coordonner les travaux." in french
    assert FRENCH_NAME in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    arabic = client.get("/groups/ias/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<h1 lang="en" dir="ltr">Inter-agency Liaison Group on Invasive Alien Species</h1>' in arabic
    assert FRENCH_NAME not in arabic
    english = client.get("/groups/ias/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Inter-agency Liaison Group on Invasive Alien Species</h1>" in english


def test_translations_cost_no_query_on_the_group_page(client, demo):
    def count(language):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/groups/lg-biosafety/", HTTP_ACCEPT_LANGUAGE=language).status_code == 200
        return len(ctx.captured_queries)

    before = count("en")
    group = demo["lg-biosafety"]
    group.translations = {"fr": {"name": "Groupe de liaison", "mandate": "Conseiller."}}
    group.save()
    for meeting in group.meetings.all():
        meeting.translations = {"fr": {"title": f"Réunion {meeting.number}"}}
        meeting.save()
    html = client.get("/groups/lg-biosafety/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Réunion 9" in html and "Groupe de liaison" in html
    assert count("fr") == before


def test_the_api_answers_in_accept_language_with_every_language_on_the_detail(client, demo):
    group = demo["ias"]
    group.translations = {"fr": {"name": FRENCH_NAME}}
    group.save()
    french = client.get("/api/v1/groups/ias", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["name"] == FRENCH_NAME
    assert french["mandate"] == group.mandate  # no French mandate: the English
    assert french["translations"] == {"en": {"name": group.name, "mandate": group.mandate}, "fr": {"name": FRENCH_NAME}}
    listed = {g["slug"]: g["name"] for g in client.get("/api/v1/groups", HTTP_ACCEPT_LANGUAGE="fr").json()}
    assert listed["ias"] == FRENCH_NAME
    assert client.get("/api/v1/groups/ias", HTTP_ACCEPT_LANGUAGE="ru").json()["name"] == group.name
    assert client.get("/api/v1/groups/ias").json()["name"] == group.name


def test_the_openapi_document_says_names_follow_accept_language(client, db):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "Accept-Language" in schema["GroupOut"]["properties"]["name"]["description"]
    assert "translations" in schema["GroupPatch"]["properties"]


def patch(client, body, token):
    return client.patch("/api/v1/groups/ias", data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_sets_translations_merged_into_what_is_stored(client, secretariat_token, demo):
    group = demo["ias"]
    group.translations = {"fr": {"name": FRENCH_NAME}}
    group.save()
    response = patch(client, {"version": group.version, "translations": {"fr": {"mandate": "Coordonner."}, "es": {"name": "Grupo"}}}, secretariat_token)
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.translations == {"fr": {"name": FRENCH_NAME, "mandate": "Coordonner."}, "es": {"name": "Grupo"}}
    assert group.name == "Inter-agency Liaison Group on Invasive Alien Species"
    refused = patch(client, {"version": group.version, "translations": {"de": {"name": "Gruppe"}}}, secretariat_token)
    assert refused.status_code == 422 and "translations" in refused.json()["errors"]
    created = client.post("/api/v1/groups", data=json.dumps({"slug": "wga", "name": "Working Group", "translations": {"ru": {"name": "Рабочая группа"}}}),
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secretariat_token}", HTTP_ACCEPT_LANGUAGE="ru")
    assert created.status_code == 201 and created.json()["name"] == "Рабочая группа"
    assert Group.objects.get(slug="wga").name == "Working Group"

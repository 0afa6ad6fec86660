"""Content in several languages (core/multilingual.py): the accessor follows the active language and
falls back to English; stored values are checked; the fallback is marked lang="en" on pages."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from liaison.core.multilingual import clean_translations, language_key
from liaison.groups.models import Group
from liaison.meetings.models import Meeting


@pytest.fixture
def group(db):
    return Group.objects.create(
        name="Liaison Group on Biosafety", slug="lg", mandate="Advise the Executive Secretary.",
        translations={"fr": {"name": "Groupe de liaison sur la biosécurité"}, "ar": {"mandate": "تقديم المشورة"}},
    )


def test_the_accessor_follows_the_active_language_and_falls_back_to_english(group):
    assert group.local_name == "Liaison Group on Biosafety"  # tests start in English
    with translation.override("fr"):
        assert group.local_name == "Groupe de liaison sur la biosécurité"
        assert str(group) == "Groupe de liaison sur la biosécurité"
        assert group.local_mandate == "Advise the Executive Secretary."  # no French mandate: the English
        assert group.falls_back("mandate") and not group.falls_back("name")
    with translation.override("ar"):
        assert group.local_name == "Liaison Group on Biosafety"
        assert group.local_mandate == "تقديم المشورة"
    with translation.override("zh-hans"):
        assert group.local_name == "Liaison Group on Biosafety" and group.falls_back("name")
    with translation.override("en"):
        assert not group.falls_back("name")
    assert group.name == "Liaison Group on Biosafety"  # the field itself stays the English


def test_an_explicit_language_and_variants_of_codes(group):
    assert group.translated("name", "fr-ca") == "Groupe de liaison sur la biosécurité"
    assert group.translated("name", "FR") == "Groupe de liaison sur la biosécurité"
    assert group.translated("name", "de") == "Liaison Group on Biosafety"
    assert language_key("zh-Hans") == "zh-hans" and language_key("zh_hans") == "zh-hans"
    assert language_key("de") == "en" and language_key(None) == "en"


def test_every_language_given_english_first(group):
    assert group.all_translations() == {
        "en": {"name": "Liaison Group on Biosafety", "mandate": "Advise the Executive Secretary."},
        "ar": {"mandate": "تقديم المشورة"},
        "fr": {"name": "Groupe de liaison sur la biosécurité"},
    }


def test_stored_values_are_stripped_and_empty_ones_dropped():
    assert clean_translations(Group, {"fr": {"name": "  Groupe  ", "mandate": ""}, "es": {"name": ""}, "en": {"name": "ignored"}}) == {
        "fr": {"name": "Groupe"}
    }
    assert clean_translations(Group, None) == {}


@pytest.mark.parametrize(
    "values, message",
    [
        ({"de": {"name": "Gruppe"}}, "not one of the site's languages"),
        ({"fr": {"slug": "groupe"}}, "cannot be translated"),
        ({"fr": {"name": "x" * 201}}, "longer than 200 characters"),
        ({"fr": {"name": 3}}, "must be text"),
        ({"fr": "Groupe"}, "an object of fields"),
        (["fr"], "an object of languages"),
        ({"fr": {"name": "a\x00b"}}, "NUL"),
    ],
)
def test_bad_translations_are_refused_with_a_message(values, message):
    with pytest.raises(ValidationError) as refused:
        clean_translations(Group, values)
    assert message in " ".join(refused.value.messages)


def test_full_clean_checks_translations_against_the_field_lengths(db):
    meeting = Meeting(title="Ninth meeting", translations={"fr": {"title": "x" * 301}})
    with pytest.raises(ValidationError) as refused:
        meeting.clean_fields(exclude=["group", "start_date", "end_date", "slug"])
    assert "translations" in refused.value.message_dict


def test_merged_translations_keep_what_is_left_out_and_remove_empty_texts(group):
    merged = group.merged_translations({"fr": {"mandate": "Conseiller."}, "ar": {"mandate": ""}, "es": {"name": "Grupo"}})
    assert clean_translations(Group, merged) == {
        "fr": {"name": "Groupe de liaison sur la biosécurité", "mandate": "Conseiller."},
        "es": {"name": "Grupo"},
    }
    assert clean_translations(Group, group.merged_translations({"fr": None})) == {"ar": {"mandate": "تقديم المشورة"}}
    assert group.merged_translations(None) == group.translations


def test_fallback_is_marked_as_english_on_pages(group):
    template = Template('<h1{{ group|fallback_lang:"name" }}>{{ group.local_name }}</h1>')
    with translation.override("ar"):
        assert template.render(Context({"group": group})) == '<h1 lang="en" dir="ltr">Liaison Group on Biosafety</h1>'
    with translation.override("fr"):
        assert template.render(Context({"group": group})) == "<h1>Groupe de liaison sur la biosécurité</h1>"
    with translation.override("en"):
        assert template.render(Context({"group": group})) == "<h1>Liaison Group on Biosafety</h1>"

"""The pseudo-locale finds English that does not go through the catalogues, and nothing else."""

from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from liaison.core import dates
from liaison.core.tests.pseudo import english_left, pseudo_locale, unwrap


def render(source, **context):
    return Template("{% load i18n %}" + source).render(Context(context))


def test_every_message_is_wrapped_whether_or_not_a_catalogue_has_it():
    with pseudo_locale():
        assert gettext("Roster of experts") == "⟦Roster of experts⟧"
        assert gettext("A sentence no catalogue has yet") == "⟦A sentence no catalogue has yet⟧"
        assert pgettext("month", "May") == "⟦May⟧"
        assert ngettext("%(n)d expert", "%(n)d experts", 3) % {"n": 3} == "⟦3 experts⟧"
        assert render("{% blocktranslate with n=4 %}{{ n }} meetings{% endblocktranslate %}") == "⟦4 meetings⟧"
    assert gettext("Roster of experts") == "Roster of experts"  # English again after the block


def test_locale_data_comes_in_the_carrier_language():
    from datetime import date

    with pseudo_locale():
        assert translation.get_language() == "ru"
        written = dates.day_month_year(date(2012, 3, 15), translation.get_language())
    assert "2012" in written and "марта" in written


def test_an_unmarked_literal_is_found_and_marked_text_data_and_codes_are_not():
    with pseudo_locale():
        html = render(
            '<h1>{% translate "Meetings" %}</h1><p title="Open the list">{{ name }} &mdash; {{ symbol }}</p>'
            '<p>{% blocktranslate %}Read the <a href="/x">guide</a> first.{% endblocktranslate %}</p>'
            "<button>Save changes</button><script>var label = 'Not shown';</script><p>CSV · XLSX · 2026</p>",
            name="Dr. Amina Diallo", symbol="CBD/CP/LG/2024/1/2",
        )
    assert english_left(html, data=["Dr. Amina Diallo"]) == ["Open the list", "Save changes"]


def test_code_is_not_prose():
    assert english_left("<p>⟦Columns:⟧ <code>first_name, last_name</code></p><p><code>/no/such/page/</code></p>") == []


def test_nested_messages_are_unwrapped_from_the_inside():
    assert unwrap("a ⟦Invited by ⟦the Chair⟧ on 3 May⟧ b") == "a   b"


def test_truncated_data_is_still_data():
    assert english_left("<p>Senior scientist at the national agricultural…</p>",
                        data=["Senior scientist at the national agricultural research institute"]) == []

"""The dashboard's charts speak the reader's language: each UN regional group's short name on the
axis (core/models.py REGIONAL_GROUP_SHORT, not English cut down by string surgery) and 'no reports'
in the bars' titles are translated, checked under the pseudo-locale (core/tests/pseudo.py)."""

import re

from liaison.actionplan import reporting
from liaison.actionplan.tests.test_dashboard import report
from liaison.core.models import REGIONAL_GROUP_SHORT, RegionalGroup
from liaison.core.tests.pseudo import pseudo_locale


def test_every_regional_group_has_a_short_name():
    assert set(REGIONAL_GROUP_SHORT) == set(RegionalGroup) and len({str(s) for s in REGIONAL_GROUP_SHORT.values()}) == 5
    assert str(REGIONAL_GROUP_SHORT[RegionalGroup.LATIN_AMERICAN_CARIBBEAN]) == "GRULAC"


def test_region_axis_and_missing_bars_are_translated(client, cycle, indicators, plan):
    report(cycle, "SEN", indicators)
    reporting.move_cycle(cycle, "publish")
    with pseudo_locale():
        html = client.get(f"/plans/{plan.pk}/dashboard/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    labels = set(re.findall(r'<text class="label"[^>]*>([^<]*)</text>', html))
    for short in ("African", "Asia-Pacific", "Eastern European", "GRULAC", "WEOG"):
        assert f"⟦{short}⟧" in labels, short
    assert not any("Group" in label or label in ("African", "GRULAC") for label in labels)
    titles = re.findall(r"<g><title>([^<]*)</title>", html)
    assert any("⟦no reports⟧" in t for t in titles) and not any("no reports" in t.replace("⟦no reports⟧", "") for t in titles)
    assert "⟦African Group⟧: 1" in html  # the bar's title gives the full name, translated


def test_parties_are_named_and_ordered_in_the_reader_language(client, cycle, indicators, plan):
    """Who has reported, on the page and in the CSV, names each Party in the reader's language and in
    that language's order: in French Allemagne, Suisse, Tchad (in English Chad, Germany, Switzerland)."""
    report(cycle, "SEN", indicators)
    reporting.move_cycle(cycle, "publish")
    html = client.get(f"/plans/{plan.pk}/dashboard/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<li>Sénégal</li>" in html
    assert html.index("<li>Allemagne</li>") < html.index("<li>Suisse</li>") < html.index("<li>Tchad</li>")
    csv = client.get(f"/plans/{plan.pk}/dashboard.csv", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert ",Sénégal,oui," in csv and ",Allemagne,non," in csv and ",Germany," not in csv
    assert csv.index(",Allemagne,") < csv.index(",Suisse,") < csv.index(",Tchad,")
    english = client.get(f"/plans/{plan.pk}/dashboard.csv", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert english.index(",Chad,") < english.index(",Germany,") < english.index(",Switzerland,")

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

"""One vocabulary: quota features, regional groups, quota lines, search text and review actions each
come from one place, which every page and service uses."""

import pytest
from django.core.exceptions import ValidationError

from liaison.core import regions
from liaison.roster import index, quotas, services
from liaison.roster.forms import LotteryForm, PanelForm, default_quotas
from liaison.roster.models import Decision, ReviewAction, ReviewEvent
from liaison.roster.search import document


def test_quota_lines_are_parsed_in_the_quotas_module():
    text = "region=african 1 3\n\n gender=female 2 4 \n"
    assert quotas.parse_lines(text) == [quotas.Quota("region", "african", 1, 3), quotas.Quota("gender", "female", 2, 4)]
    assert quotas.parse_lines(quotas.format_lines(quotas.parse_lines(text))) == quotas.parse_lines(text)
    with pytest.raises(quotas.QuotaLineError) as syntax:
        quotas.parse_lines("region=african 1 3\nregion africa two")
    assert (syntax.value.line, syntax.value.kind) == (2, "syntax")
    for line in ("colour=red 1 2", "gender=female 3 1"):
        with pytest.raises(quotas.QuotaLineError) as rule:
            quotas.parse_lines(line)
        assert (rule.value.line, rule.value.kind) == (1, "rule")


def test_default_quotas_name_every_un_regional_group_of_core_regions():
    rules = default_quotas(10)
    assert [q.value for q in rules if q.category == "region"] == list(regions.REGIONAL_GROUPS)
    assert {q.category for q in rules} <= set(quotas.CATEGORIES)


def test_planner_and_lottery_forms_share_one_quota_rule(roster, meeting):
    for form_class in (PanelForm, LotteryForm):
        assert "clean_quotas" not in vars(form_class)  # inherited from RulesForm, not borrowed
        form = form_class({"size": 5, "quotas": "region=african 1 x", "seed": "s"}, meeting=meeting)
        assert not form.is_valid() and "Line 1" in form.errors["quotas"][0]


def test_quota_features_are_built_in_one_place(roster, meeting):
    experts, candidates = services.candidates(meeting)
    assert all(c.features == e.quota_features() for e, c in zip(experts, candidates))
    assert set(experts[0].quota_features()) == set(quotas.CATEGORIES)
    assert experts[0].quota_features() == {"region": regions.AFRICAN, "stakeholder": "government", "gender": "female"}
    experts[0].person.gender = ""
    assert experts[0].quota_features()["gender"] == "undisclosed"


def test_search_text_is_built_once(roster):
    ids, texts = index.documents(roster[0].group_id)
    by_id = dict(zip(ids, texts))
    for expert in roster:
        assert by_id[expert.pk] == expert.search_text() == document(
            expert.profile, expert.keywords, [a.name for a in expert.areas.all()], expert.publications)


def test_review_actions_are_choices_shown_by_their_label(client_as, roles, roster):
    expert = roster[0]
    services.record_event(expert, ReviewAction.APPROVE, roles["secretariat"], "Complete.")
    event = ReviewEvent.objects.get(expert=expert)
    assert event.get_action_display() == "Approved"
    with pytest.raises(ValidationError):
        ReviewEvent(expert=expert, action="approved-ish").full_clean()
    assert {d.value for d in Decision} <= set(ReviewAction.values)
    page = client_as(roles["secretariat"]).get(f"/roster/{expert.group.slug}/{expert.pk}/").content.decode()
    assert "— Approved: Complete." in page

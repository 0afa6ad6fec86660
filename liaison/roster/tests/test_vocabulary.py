"""One vocabulary: quota features, regional groups, quota lines, search text and review actions each
come from one place, which every page and service uses."""

import pytest
from django.core.exceptions import ValidationError

from liaison.core import regions
from liaison.roster import index, quotas, services
from liaison.roster.forms import LotteryForm, PanelForm, default_quotas, named, quota_name, quota_rows
from liaison.roster.models import Decision, ReviewAction, ReviewEvent
from liaison.roster.search import document


def test_default_quotas_name_every_un_regional_group_of_core_regions():
    rules = default_quotas(10)
    assert [q.value for q in rules if q.category == "region"] == list(regions.REGIONAL_GROUPS)
    assert {q.category for q in rules} <= set(quotas.CATEGORIES)
    assert [q.label for q in rules][:2] == ["African Group", "Asia-Pacific Group"]


def test_planner_and_lottery_forms_share_one_quota_table(roster, meeting):
    for form_class in (PanelForm, LotteryForm):
        assert "clean" not in vars(form_class)  # the quota table is RulesForm's, not borrowed
        data = {"size": 5, "seed": "s", **quota_rows([quotas.Quota("region", "african", 1, 2)])}
        form = form_class(data, meeting=meeting)
        assert form.is_valid() and form.cleaned_data["quotas"] == [quotas.Quota("region", "african", 1, 2)]
        assert form.cleaned_data["quotas"][0].label == "African Group"
        form = form_class({**data, "quota-0-max": "x"}, meeting=meeting)
        assert not form.is_valid() and "Correct the quotas" in form.non_field_errors()[0]


def test_quota_names_are_the_readable_labels():
    assert quota_name("region", regions.WESTERN_EUROPEAN_OTHERS) == "Western European and Others Group"
    assert quota_name("gender", "female") == "Gender: Female"
    assert quota_name("stakeholder", "academia") == "Stakeholder type: Academia / research"
    assert quotas.Quota("region", "african", 1, 2).label == "region=african"  # a file's quota, unnamed
    assert named(quotas.Quota("region", "african", 1, 2)) == quotas.Quota("region", "african", 1, 2)  # the name is not the rule


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


def test_which_records_may_be_submitted_is_said_once(client_as, roles, roster):
    from liaison.roster.models import SUBMITTABLE, Status

    expert = roster[0]
    for status in Status:
        expert.status = status
        assert expert.submittable == (status in SUBMITTABLE)
    type(expert).objects.filter(pk=expert.pk).update(status=Status.EXPIRED)
    page = client_as(roles["secretariat"]).get(f"/roster/{expert.group.slug}/{expert.pk}/edit/").content.decode()
    assert "Re-confirm and submit" in page
    type(expert).objects.filter(pk=expert.pk).update(status=Status.APPROVED)
    page = client_as(roles["secretariat"]).get(f"/roster/{expert.group.slug}/{expert.pk}/edit/").content.decode()
    assert "Submit for review" not in page and "Re-confirm and submit" not in page

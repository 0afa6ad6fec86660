"""The plan as records: in-place edits with their history, revisions kept as versions, the mechanism's
mergers with what belonged to the merged elements."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from liaison.actionplan import services
from liaison.actionplan.models import (
    ActionPlan,
    Change,
    CoordinationMechanism,
    Element,
    ElementEventKind,
    Indicator,
    IndicatorKind,
    Objective,
    PlanVersion,
)
from liaison.core.concurrency import VersionConflict
from liaison.groups.models import Group


@pytest.fixture
def plan(db):
    group = Group.objects.create(name="Test group", slug="test-group")
    plan = ActionPlan.objects.create(group=group, title="Action plan", period_end=2020)
    objective = Objective.objects.create(plan=plan, number=1, short_title="Frameworks", statement="To support …")
    services.add_item(objective, "indicator", text="Number of Parties with frameworks", kind=IndicatorKind.PARTIES)
    services.add_item(objective, "result", number="1.1", text="Laws in place")
    return plan


def test_edit_keeps_who_when_old_and_new(plan, make_user):
    user = make_user("sec@example.org", staff=True)
    objective = plan.objectives.get()
    services.edit(objective, {"short_title": "National frameworks"}, user=user, expected_version=objective.version)
    change = Change.objects.get(field="short_title")
    assert (change.record, change.old, change.new, change.changed_by) == ("objective", "Frameworks", "National frameworks", user)
    assert change.changed_at is not None


def test_edit_from_a_stale_version_is_refused_and_nothing_is_recorded(plan):
    objective = plan.objectives.get()
    services.edit(objective, {"short_title": "First"}, expected_version=1)
    stale = Objective.objects.get(pk=objective.pk)
    stale.version = 1
    with pytest.raises(VersionConflict):
        services.edit(stale, {"short_title": "Second"}, expected_version=1)
    assert Objective.objects.get(pk=objective.pk).short_title == "First"
    assert list(Change.objects.filter(field="short_title").values_list("new", flat=True)) == ["First"]


def test_fields_outside_the_editable_list_are_refused(plan):
    with pytest.raises(ValueError):
        services.edit(plan.objectives.get(), {"plan_id": 99})


def test_indicator_gets_the_default_aggregation_of_its_kind(plan):
    indicator = Indicator.objects.get()
    assert indicator.aggregation == "count_yes" and indicator.answers_yes_no


def test_targets_by_year_are_replaced_and_the_change_kept(plan):
    indicator = Indicator.objects.get()
    services.set_targets(indicator, {2016: Decimal(50), 2020: Decimal(100)})
    assert [(t.year, t.value) for t in indicator.targets.all()] == [(2016, 50), (2020, 100)]
    assert Change.objects.get(field="targets").new == "2016: 50, 2020: 100"


def test_revision_keeps_the_previous_plan_as_an_immutable_version(plan):
    plan = services.revise(plan, reason="Revised by COP-MOP")
    assert plan.revision == 2
    version = PlanVersion.objects.get()
    assert version.revision == 1
    assert version.content["objectives"][0]["results"] == [{"number": "1.1", "text": "Laws in place"}]
    with pytest.raises(ValueError):
        version.save()


def test_objective_numbers_are_unique_in_a_plan(plan):
    with pytest.raises(IntegrityError):
        Objective.objects.create(plan=plan, number=1, short_title="Again")


def test_merging_elements_keeps_history_and_what_belonged_to_them(plan):
    mechanism = CoordinationMechanism.objects.create(name="Coordination Mechanism", slug="cm")
    databases = Element.objects.create(mechanism=mechanism, number=2, name="Capacity-building databases")
    reporting = Element.objects.create(mechanism=mechanism, number=5, name="Reporting mechanisms")
    reporting.objectives.add(plan.objectives.get())
    services.merge_elements([reporting], databases, year=2012, source="para. 15 (a)")
    reporting.refresh_from_db()
    assert reporting.merged_into == databases and not reporting.current
    assert list(databases.objectives.all()) == list(plan.objectives.all())
    assert reporting.events.get().kind == ElementEventKind.MERGED
    assert databases.events.get().kind == ElementEventKind.ABSORBED
    services.merge_elements([reporting], databases, year=2012, source="para. 15 (a)")  # idempotent
    assert databases.events.count() == 1

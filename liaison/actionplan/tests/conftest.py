"""A reporting cycle on the demo plan, and the people around it: two Parties' focal points, an
organization's member, a focal point whose membership has ended, and the usual roles."""

from datetime import date, timedelta

import pytest

from liaison.actionplan import reporting, services
from liaison.actionplan.models import ActionPlan, IndicatorKind
from liaison.core.models import Country


@pytest.fixture
def plan(demo):
    plan = ActionPlan.objects.get(group=demo["lg-biosafety"])
    objective = plan.objectives.get(number=1)
    first = objective.indicators.order_by("position").first()  # Number of Parties with operational regulatory frameworks
    services.set_targets(first, {2026: 100})
    return plan


@pytest.fixture
def indicators(plan):
    """A yes/no one (count of Parties), a number, and a ratio."""
    parties = plan.objectives.get(number=1).indicators.order_by("position").first()
    number = plan.objectives.get(number=3).indicators.get(text__startswith="Number of customs officers")
    ratio = plan.objectives.get(number=2).indicators.get(text__startswith="Ratio of")
    assert (parties.kind, number.kind, ratio.kind) == (IndicatorKind.PARTIES, IndicatorKind.NUMBER, IndicatorKind.RATIO)
    return {"parties": parties, "number": number, "ratio": ratio}


@pytest.fixture
def cycle(plan, indicators):
    today = date.today()
    cycle = reporting.create_cycle(
        plan, title="Report on 2025", year=2025, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
        deadline=today + timedelta(days=10), indicators=indicators.values(),
    )
    return reporting.move_cycle(cycle, "open")


@pytest.fixture
def people(roles, make_user, demo):
    group = demo["lg-biosafety"]
    senegal, kenya = Country.objects.get(iso3="SEN"), Country.objects.get(iso3="KEN")
    from liaison.core.models import Organization
    from liaison.groups.models import Membership

    fao = Organization.objects.get(acronym="FAO")
    ended = make_user("ended@fp.example", group=group, role="focal_point", country=senegal)
    Membership.objects.filter(person__user=ended).update(until=date.today() - timedelta(days=1))
    return {
        **roles,
        "senegal": make_user("fp@senegal.example", group=group, role="focal_point", country=senegal),
        "kenya": make_user("fp@kenya.example", group=group, role="focal_point", country=kenya),
        "fao": make_user("staff@fao.example", group=group, role="member", organization=fao),
        "ended": ended,
    }


def answers(indicators, parties="yes", number="12", numerator="3", denominator="4"):
    return {
        f"i{indicators['parties'].pk}-value": parties,
        f"i{indicators['number'].pk}-value": number,
        f"i{indicators['ratio'].pk}-value": numerator,
        f"i{indicators['ratio'].pk}-denominator": denominator,
        f"i{indicators['number'].pk}-narrative": "Customs officers trained in Dakar.",
        f"i{indicators['number'].pk}-evidence": "https://bch.cbd.int/example",
    }

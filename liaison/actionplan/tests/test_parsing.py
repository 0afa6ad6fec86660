"""The annex of the ninth meeting's report (seed 001) read into objectives, outcomes, indicators,
results and activities; what the annex does not state stays empty."""

import json
from pathlib import Path

import pytest

from liaison.actionplan.parsing import PlanParseError, kind_of, parse_action_plan

SAMPLE = Path(__file__).resolve().parents[2] / "reports" / "tests" / "samples" / "ninth_meeting_report.txt"
DEMO = Path(__file__).resolve().parents[2] / "demo" / "data" / "lg_biosafety_meeting9.json"
TITLES = [
    "National Biosafety Frameworks", "Risk assessment and risk management",
    "Handling, transport, packaging and identification", "Liability and Redress",
    "Public awareness, education and participation", "Information sharing", "Biosafety education and training",
    "Coordination and support",
]


@pytest.fixture(scope="module")
def plan():
    return parse_action_plan(SAMPLE.read_text(encoding="utf-8"))


def test_eight_objectives_with_their_titles_and_statements(plan):
    assert [o["number"] for o in plan["objectives"]] == list(range(1, 9))
    assert [o["short_title"] for o in plan["objectives"]] == TITLES
    assert plan["objectives"][0]["statement"] == (
        "To further support the development and implementation of national regulatory and administrative systems"
    )
    assert all(o["statement"] and not o["missing"] for o in plan["objectives"])
    assert plan["problems"] == []


def test_title_alignment_and_the_period_the_report_states(plan):
    assert plan["title"] == "Results-Oriented Capacity-Building Action Plan"
    assert plan["aligned_with"] == "The Strategic Plan for the Cartagena Protocol on Biosafety"
    assert (plan["period_start"], plan["period_end"]) == (2011, 2020)  # paras. 4 and 9


def test_objective_one_cells(plan):
    first = plan["objectives"][0]
    assert first["outcomes"] == ["National Biosafety Frameworks developed and implemented", "Functional national biosafety systems"]
    assert [i["text"] for i in first["indicators"]] == [
        "Number of Parties with operational regulatory frameworks",
        "Number of Parties with functional administrative arrangements",
    ]
    assert [r["number"] for r in first["results"]] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert first["results"][0]["text"] == "Biosafety laws and implementing regulations in place"
    assert first["activities"][0] == {"heading": None, "text": "Development of a best practice guide on:"}
    assert len(first["activities"]) == 12


def test_activity_headings_of_objective_three(plan):
    third = plan["objectives"][2]
    headings = []
    for activity in third["activities"]:
        if activity["heading"] not in headings:
            headings.append(activity["heading"])
    assert headings == [
        "Related to establishment of the system", "Related to the checkpoints",
        "Related to identification and detection systems", "Related to other stakeholders",
    ]
    assert sum(1 for a in third["activities"] if a["heading"] == "Related to the checkpoints") == 5


def test_unnumbered_results_stay_unnumbered(plan):
    assert [r["number"] for r in plan["objectives"][3]["results"]] == [None] * 9
    assert [len(o["indicators"]) for o in plan["objectives"]] == [2, 6, 4, 2, 3, 2, 2, 8]


def test_indicator_kinds_only_from_their_own_words(plan):
    kinds = {i["text"][:40]: i["kind"] for o in plan["objectives"] for i in o["indicators"]}
    assert kinds["Ratio of risk assessment summary reports"] == "ratio"
    assert kinds["Percentage of Parties that have establis"] == "percentage"
    assert kinds["Number of eligible Parties that received"] == "parties"
    unstated = next(i for i in plan["objectives"][2]["indicators"] if i["text"].startswith("National and regional"))
    assert unstated["kind"] == "" and "kind" in unstated["missing"]
    assert all({"baseline", "targets"} <= set(i["missing"]) for o in plan["objectives"] for i in o["indicators"])
    assert {"baselines", "targets"} <= set(plan["missing"])


def test_kind_of():
    assert kind_of("Number of Parties reporting that …") == ("parties", "Parties")
    assert kind_of("Amount of traffic from users") == ("number", "")
    assert kind_of("Laboratories certified") == ("", "")


def test_a_report_without_a_plan_annex_has_none():
    assert parse_action_plan("1. The meeting was held.\nAnnex I\nLIST OF PARTICIPANTS\n") is None


def test_a_plan_annex_without_objectives_is_an_error():
    with pytest.raises(PlanParseError):
        parse_action_plan("Annex I\nACTION PLAN\n\nNothing here.\n")


def test_a_table_whose_cells_do_not_match_its_columns_is_not_read():
    text = "Annex\nAction plan\nOperational objective 1\nFrameworks: To support\n\tOutcomes\n\tIndicators\n\tOnly one cell\n"
    plan = parse_action_plan(text)
    objective = plan["objectives"][0]
    assert objective["outcomes"] == [] and objective["indicators"] == []
    assert "2 columns but 1 cells" in plan["problems"][0]
    assert plan["period_start"] is None and "period_end" in plan["missing"]


def test_the_demo_transcribes_what_the_parser_reads():
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    assert demo["action_plan"] == parse_action_plan(SAMPLE.read_text(encoding="utf-8"))

"""Duplication detection (pure): each condition of a flag, and the evidence it carries."""

from datetime import date

import pytest

from liaison.assistance.duplicates import COVERED, OVERLAP, Flag, Initiative, overlapping_initiatives, requests_covered
from liaison.assistance.matching import Request

DETECTION = "Training of laboratory staff in the detection and identification of living modified organisms"
DETECTION_AGAIN = "Detection and identification of living modified organisms: training for laboratory staff"
AWARENESS = "Radio campaign on public awareness of biosafety for farmers"


def initiative(id, recipients=("SEN",), areas=("detection",), start=date(2026, 1, 1), end=date(2026, 12, 31), text=DETECTION):
    return Initiative(id, frozenset(recipients), frozenset(areas), start, end, text)


def test_two_initiatives_for_the_same_country_area_period_and_need_are_flagged_with_evidence():
    flags = overlapping_initiatives([
        initiative("i1", recipients=("SEN", "MLI")),
        initiative("i2", recipients=("SEN", "GMB"), areas=("detection", "risk assessment"),
                   start=date(2026, 6, 1), end=date(2027, 5, 31), text=DETECTION_AGAIN),
    ], threshold=0.3)
    assert len(flags) == 1
    flag = flags[0]
    assert (flag.kind, flag.a, flag.b) == (OVERLAP, "i1", "i2")
    assert flag.evidence["shared_recipients"] == ["SEN"]
    assert flag.evidence["shared_areas"] == ["detection"]
    assert flag.evidence["overlapping_period"] == {"from": "2026-06-01", "to": "2026-12-31", "days": 214}
    assert flag.evidence["text_similarity"] >= 0.3 and flag.evidence["threshold"] == 0.3


@pytest.mark.parametrize("other", [
    initiative("i2", recipients=("PER",), text=DETECTION_AGAIN),  # another recipient
    initiative("i2", areas=("public awareness",), text=DETECTION_AGAIN),  # another area
    initiative("i2", start=date(2027, 1, 1), end=date(2027, 12, 31), text=DETECTION_AGAIN),  # after it
    initiative("i2", text=AWARENESS),  # a different need
])
def test_each_condition_is_needed(other):
    assert overlapping_initiatives([initiative("i1"), other], threshold=0.3) == []


def test_open_periods_overlap_everything_and_the_threshold_is_applied():
    open_ended = initiative("i2", start=None, end=None, text=DETECTION_AGAIN)
    flags = overlapping_initiatives([initiative("i1"), open_ended], threshold=0.3)
    assert [(f.a, f.b) for f in flags] == [("i1", "i2")]
    assert flags[0].evidence["overlapping_period"] == {"from": "2026-01-01", "to": "2026-12-31", "days": 365}
    similarity = flags[0].evidence["text_similarity"]
    assert overlapping_initiatives([initiative("i1"), open_ended], threshold=similarity + 0.01) == []


def test_each_pair_once_and_three_way_overlaps():
    flags = overlapping_initiatives([initiative("i1"), initiative("i2", text=DETECTION_AGAIN), initiative("i3"),
                                     initiative("i4", text=AWARENESS)], threshold=0.3)
    assert sorted((f.a, f.b) for f in flags) == [("i1", "i2"), ("i1", "i3"), ("i2", "i3")]
    assert all(isinstance(f, Flag) for f in flags)
    assert overlapping_initiatives([], 0.3) == [] and overlapping_initiatives([initiative("i1")], 0.3) == []


def request(id="r1", country="SEN", areas=("detection",), description=DETECTION_AGAIN, **kw):
    return Request(id, country, frozenset(areas), frozenset({"training"}), frozenset({"fr"}), description, **kw)


def test_a_request_already_covered_by_an_initiative():
    initiatives = [initiative("i1"), initiative("i2", recipients=("PER",)), initiative("i3", text=AWARENESS)]
    flags = requests_covered([request("r1", start=date(2026, 3, 1), end=date(2026, 4, 30)),
                              request("r2", country="MLI"),
                              request("r3", start=date(2028, 1, 1))], initiatives, threshold=0.3)
    assert len(flags) == 1
    flag = flags[0]
    assert (flag.kind, flag.a, flag.b) == (COVERED, "r1", "i1")
    assert flag.evidence["recipient"] == "SEN" and flag.evidence["shared_areas"] == ["detection"]
    assert flag.evidence["overlapping_period"] == {"from": "2026-03-01", "to": "2026-04-30", "days": 61}
    assert flag.evidence["text_similarity"] >= 0.3


def test_empty_texts_never_flag():
    assert overlapping_initiatives([initiative("i1", text=""), initiative("i2", text="")], 0.1) == []
    assert requests_covered([request(description="the")], [initiative("i1", text="and")], 0.1) == []

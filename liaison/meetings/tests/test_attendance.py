"""Attendance counting and the attendance sentence (pure module, no database)."""

from liaison.meetings import attendance as a
from liaison.meetings.attendance import DelegationRecord as D


def gov(**kw):
    return D(kind=a.GOVERNMENT, **kw)


def org(**kw):
    return D(kind=a.ORGANIZATION, **kw)


def test_ninth_meeting_counts_delegations_and_keeps_the_reported_total():
    records = [gov() for _ in range(13)] + [org() for _ in range(7)]
    result = a.count(records, reported_participants=21)
    assert (result.participants, result.governments, result.organizations) == (21, 13, 7)
    assert a.sentence(result) == "It was attended by 21 participants from 13 governments and 7 organizations."
    assert result.warnings == ()


def test_reported_figures_stand_in_when_there_are_no_records():
    result = a.count([], reported_participants=22, reported_governments=14, reported_organizations=8)
    assert a.sentence(result) == "It was attended by 22 participants from 14 governments and 8 organizations."


def test_only_a_total():
    assert a.sentence(a.count([], reported_participants=16)) == "It was attended by 16 participants."


def test_nothing_known_gives_no_sentence():
    assert a.sentence(a.count([])) == ""


def test_total_is_counted_when_every_delegation_size_is_known():
    records = [gov(headcount=2), gov(named=1), org(headcount=1, named=1)]
    result = a.count(records, individual_participants=2)
    assert result.participants == 6
    assert a.sentence(result) == "It was attended by 6 participants from 2 governments and 1 organization."


def test_a_delegation_of_unknown_size_leaves_the_total_unknown():
    records = [gov(), gov(named=1), org(headcount=2)]
    result = a.count(records)
    assert result.participants is None
    assert a.sentence(result) == "It was attended by representatives of 2 governments and 1 organization."


def test_observers_are_said():
    records = [gov(observer=True), gov(), gov(observer=True), org()]
    assert a.sentence(a.count(records)) == (
        "It was attended by representatives of 3 governments (2 as observers) and 1 organization."
    )


def test_singular_forms():
    result = a.count([gov(named=1)])
    assert a.sentence(result) == "It was attended by 1 participant from 1 government."


def test_disagreements_between_report_and_records_are_warned():
    records = [gov(headcount=3) for _ in range(12)] + [org()]
    result = a.count(records, reported_participants=20, reported_governments=13, reported_organizations=1)
    assert result.governments == 12  # records win
    assert any("13 governments" in w for w in result.warnings)
    assert any("36 participants are recorded" in w for w in result.warnings)

"""The count of an election (meetings/tally.py, pure): who is elected, ties, majorities, abstentions."""

import pytest

from liaison.meetings import tally


def test_a_clear_winner_with_the_absolute_majority():
    result = tally.outcome({"amina": 7, "pedro": 4}, abstentions=2)
    assert result.winner == "amina" and result.cast == 11 and result.needed == 6 and result.abstentions == 2
    assert result.reason == "Elected with 7 of 11 votes cast."


def test_abstentions_do_not_raise_the_bar():
    # 5 of 9 votes cast for candidates is an absolute majority although 12 abstained.
    assert tally.outcome({"a": 5, "b": 4}, abstentions=12).winner == "a"


def test_a_tie_elects_nobody_and_names_the_tied():
    result = tally.outcome({"a": 4, "b": 4, "c": 1})
    assert result.winner is None and result.tied == ("a", "b")
    assert result.reason.startswith("Tie: 2 candidates have 4 votes each")
    assert tally.outcome({"a": 3, "b": 3}, majority=tally.RELATIVE).tied == ("a", "b")


def test_most_votes_without_the_absolute_majority():
    # 5 of 12: the most votes, not more than half.
    absolute = tally.outcome({"a": 5, "b": 4, "c": 3})
    assert absolute.winner is None and absolute.tied == () and absolute.needed == 7
    assert "absolute majority of 7 of 12" in absolute.reason
    assert tally.outcome({"a": 5, "b": 4, "c": 3}, majority=tally.RELATIVE).winner == "a"


def test_exactly_half_is_not_a_majority():
    assert tally.outcome({"a": 5, "b": 3, "c": 2}).winner is None
    assert tally.outcome({"a": 6, "b": 3, "c": 2}).winner == "a"


def test_a_single_candidate_needs_a_vote():
    assert tally.outcome({"a": 1}, abstentions=9).winner == "a"
    nobody = tally.outcome({"a": 0}, abstentions=9)
    assert nobody.winner is None and nobody.reason == "No votes were cast for any candidate."


@pytest.mark.parametrize("votes, abstentions, majority", [
    ({}, 0, "absolute"), ({"a": -1}, 0, "absolute"), ({"a": 1.5}, 0, "absolute"), ({"a": True}, 0, "absolute"),
    ({"a": 1}, -2, "absolute"), ({"a": 1}, 0, "unanimity"),
])
def test_bad_counts_are_refused(votes, abstentions, majority):
    with pytest.raises(ValueError):
        tally.outcome(votes, abstentions, majority)

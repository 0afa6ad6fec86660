"""Refusals raised by pure modules and shown on pages (the lottery's infeasible quotas, the counts of an
election) and an election's outcome without a winner come in the reader's language: under the
pseudo-locale (core/tests/pseudo.py) each is a ⟦wrapped⟧ whole sentence with no English left, while the
English (the command line, the pure modules' tests) is unchanged."""

import pytest
from django.utils.translation import gettext

from liaison.core.messages import TranslatableError
from liaison.core.tests.pseudo import OPEN, english_left, pseudo_locale
from liaison.meetings import services, tally
from liaison.meetings.tests.test_elections import meeting, people  # noqa: F401 - fixtures
from liaison.roster import lottery
from liaison.roster.quotas import Quota
from liaison.roster.tests.test_lottery import pool


def _raised(call):
    try:
        call()
    except TranslatableError as error:
        return str(error), error.translated(gettext)
    raise AssertionError("no error raised")


PURE = {
    "lottery: more seats than the quotas allow": lambda: lottery.solve(pool([(3, {"g": "f"})]), [Quota("g", "f", 4, 5)], 4),
    "tally: a negative count": lambda: tally.outcome({"a": -1}),
    "tally: abstentions not a number": lambda: tally.outcome({"a": 1}, abstentions="two"),
    "tally: an unknown majority": lambda: tally.outcome({"a": 1}, majority="simple"),
    "tally: no candidate": lambda: tally.outcome({}),
}


@pytest.mark.parametrize("case", PURE)
def test_a_pure_modules_refusal_is_english_alone_and_translated_where_it_is_shown(case):
    english, shown = _raised(PURE[case])
    assert shown == english and english[0].isupper() and english.endswith(".")  # English: the command line
    with pseudo_locale():
        _english, shown = _raised(PURE[case])
    assert shown.startswith(OPEN) and english_left(f"<p>{shown}</p>") == [], shown


def _election(meeting, people, names=("Amina", "Pedro")):  # noqa: F811 - fixtures
    election = services.create_election(meeting, "chair", "hands", "absolute")
    candidates = [services.nominate(election, people[name]) for name in names]
    services.open_voting(election, election.version)
    election.refresh_from_db()
    return election, candidates


@pytest.mark.django_db
def test_a_count_refused_by_the_service_is_in_the_readers_language(meeting, people):  # noqa: F811 - fixtures
    election, (amina, pedro) = _election(meeting, people)
    with pseudo_locale(), pytest.raises(services.Refused) as refused:
        services.close_election(election, counts={amina.pk: -2, pedro.pk: 1}, abstentions=0)
    assert str(refused.value).startswith(OPEN) and english_left(f"<p>{refused.value}</p>") == []
    with pytest.raises(services.Refused, match="The votes for each candidate must be a whole number"):
        services.close_election(election, counts={amina.pk: -2, pedro.pk: 1}, abstentions=0)


@pytest.mark.django_db
@pytest.mark.parametrize("counts, english", [
    ((0, 0), "No votes were cast for any candidate."),
    ((3, 2, 1), "No candidate has the absolute majority"),
])
def test_an_election_without_a_winner_says_why_in_the_readers_language(meeting, people, counts, english):  # noqa: F811
    """The outcome is kept as data and written in the language of whoever reads it, not in the
    language of the secretariat that closed the ballot (the record keeps it in English)."""
    election, candidates = _election(meeting, people, ("Amina", "Pedro", "Chen")[:len(counts)])
    with pseudo_locale():
        services.close_election(election, counts={c.pk: n for c, n in zip(candidates, counts)}, abstentions=1)
    election.refresh_from_db()
    assert election.elected_id is None and election.outcome.startswith(english)  # closed under another language
    with pseudo_locale():
        shown = election.outcome_text
    assert shown.startswith(OPEN) and english_left(f"<p>{shown}</p>") == [], shown
    assert english in shown  # the pseudo-locale wraps the English sentence
    assert election.outcome_text == election.outcome


@pytest.mark.django_db
def test_an_elected_officer_and_an_earlier_tie_read_in_each_readers_language(meeting, people):  # noqa: F811
    """Closed by a French-speaking secretariat; read in Russian and in English: each reads the outcome
    (and the earlier tied ballot's) in their own language."""
    from django.utils import translation

    election, (amina, pedro) = _election(meeting, people)
    with translation.override("fr"):
        services.close_election(election, counts={amina.pk: 2, pedro.pk: 2}, abstentions=0)
        election.refresh_from_db()
        services.new_ballot(election, election.version)
        election.refresh_from_db()
        services.close_election(election, election.version, counts={amina.pk: 3, pedro.pk: 1}, abstentions=0)
    election.refresh_from_db()
    assert election.outcome_data["kind"] == "elected" and election.outcome.startswith("Elected Chair: ")
    with translation.override("en"):
        assert election.outcome_text.startswith("Elected Chair: ") and "3 of 4 votes cast" in election.outcome_text
        assert election.earlier_ballots_shown[0]["outcome"].startswith("Tie between ")
    with translation.override("ru"):
        assert not election.outcome_text.startswith("Elected") and "3" in election.outcome_text
        assert not election.earlier_ballots_shown[0]["outcome"].startswith("Tie")
    with translation.override("fr"):
        assert election.outcome_text != election.outcome

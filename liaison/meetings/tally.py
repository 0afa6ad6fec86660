"""Who an election elects, from the votes counted. Pure Python (no Django).

The rule, as in UN bodies: the base is the votes cast *for candidates*; abstentions (and blank
ballots) are counted and shown but are not "voting", so they do not raise the bar.

- ``absolute`` majority (the default): a candidate is elected with more than half of the votes cast
  for candidates.
- ``relative`` majority: a candidate is elected with more votes than any other.

Under either rule a tie for the most votes elects nobody (the meeting holds another ballot between
the tied candidates), and nobody is elected without a single vote.
"""

from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations
from typing import Hashable, Mapping

from liaison.core.messages import TranslatableError, gettext_noop

ABSOLUTE = "absolute"
RELATIVE = "relative"
RULES = (ABSOLUTE, RELATIVE)


@dataclass(frozen=True)
class Outcome:
    winner: Hashable | None  # the key of the candidate elected, or None
    tied: tuple  # the candidates tied for the most votes (empty without a tie)
    cast: int  # votes cast for candidates: the base of the majority
    abstentions: int
    needed: int  # the fewest votes that would have elected a candidate, ties apart
    reason: str  # why, in a sentence, with keys as given (the caller names candidates)


def _count(value, problem) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TranslatableError(problem, value=repr(value))
    return value


def outcome(votes: Mapping[Hashable, int], abstentions: int = 0, majority: str = ABSOLUTE, translations=None) -> Outcome:
    """The outcome of one ballot: ``votes`` maps each candidate to the votes for them. The reason is
    in English, or through ``translations`` (an object with gettext and ngettext: django.utils.translation)."""
    t = translations or NullTranslations()
    if majority not in RULES:
        raise TranslatableError(gettext_noop("Unknown majority “%(majority)s”; use one of: %(rules)s."), majority=majority, rules=", ".join(RULES))
    if not votes:
        raise TranslatableError(gettext_noop("An election needs at least one candidate."))
    counts = {candidate: _count(n, gettext_noop("The votes for each candidate must be a whole number, 0 or more (not %(value)s).")) for candidate, n in votes.items()}
    abstentions = _count(abstentions, gettext_noop("The abstentions must be a whole number, 0 or more (not %(value)s)."))
    cast = sum(counts.values())
    needed = cast // 2 + 1 if majority == ABSOLUTE else 1
    if cast == 0:
        return Outcome(None, (), 0, abstentions, needed, t.gettext("No votes were cast for any candidate."))
    top = max(counts.values())
    leaders = tuple(candidate for candidate, n in counts.items() if n == top)
    if len(leaders) > 1:
        return Outcome(None, leaders, cast, abstentions, needed,
                       t.ngettext("Tie: %(count)d candidates have %(votes)d vote each; another ballot is needed between them.",
                                  "Tie: %(count)d candidates have %(votes)d votes each; another ballot is needed between them.",
                                  top) % {"count": len(leaders), "votes": top})
    winner = leaders[0]
    if top < needed:
        return Outcome(None, (), cast, abstentions, needed,
                       t.ngettext("No candidate has the absolute majority of %(needed)d of %(cast)d vote cast; another ballot is needed.",
                                  "No candidate has the absolute majority of %(needed)d of %(cast)d votes cast; another ballot is needed.",
                                  cast) % {"needed": needed, "cast": cast})
    return Outcome(winner, (), cast, abstentions, needed,
                   t.ngettext("Elected with %(votes)d of %(cast)d vote cast.", "Elected with %(votes)d of %(cast)d votes cast.", cast)
                   % {"votes": top, "cast": cast})

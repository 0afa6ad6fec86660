"""An election's outcome, kept as data and written in the reader's language when shown.

``close_election`` keeps what the ballot decided as a small record, ``{"kind": …, …figures and
names…}``; ``words`` writes it in the active language each time it is read (the results page, the
API's ``outcome`` under Accept-Language), so the secretariat's language when it closed the ballot
never decides the language of the record. The kinds:

- ``no_votes``: no vote was cast for a candidate;
- ``no_majority``: ``needed`` of ``cast`` votes would have elected, nobody had them;
- ``tie``: the ``names`` tied for the most votes;
- ``other_office``: ``name`` had the most votes but holds another ``office`` (a code of Office) since;
- ``elected``: ``name`` elected to ``office`` with ``votes`` of ``cast``.
"""

from django.utils.translation import gettext, ngettext


def words(data: dict) -> str:
    """The outcome ``data`` as a sentence in the active language ("" for no data)."""
    from .models import Office

    kind = (data or {}).get("kind")
    if kind == "no_votes":
        return gettext("No votes were cast for any candidate.")
    if kind == "no_majority":
        return ngettext("No candidate has the absolute majority of %(needed)d of %(cast)d vote cast; another ballot is needed.",
                        "No candidate has the absolute majority of %(needed)d of %(cast)d votes cast; another ballot is needed.",
                        data["cast"]) % {"needed": data["needed"], "cast": data["cast"]}
    if kind == "tie":
        return gettext("Tie between %(names)s: another ballot is needed.") % {"names": ", ".join(data["names"])}
    if kind == "other_office":
        return gettext("The candidate with the most votes, %(name)s, has since taken another office (%(office)s) and cannot "
                       "hold two: another ballot is needed.") % {"name": data["name"], "office": Office(data["office"]).label}
    if kind == "elected":
        return ngettext("Elected %(office)s: %(name)s, with %(votes)d of %(cast)d vote cast.",
                        "Elected %(office)s: %(name)s, with %(votes)d of %(cast)d votes cast.", data["cast"]) % {
            "name": data["name"], "office": Office(data["office"]).label, "votes": data["votes"], "cast": data["cast"]}
    return ""


def of_ballot(record: dict) -> str:
    """An earlier ballot's outcome (a record of Election.earlier_ballots) in the active language;
    the sentence kept with it when it has no data (ballots closed before outcomes were data)."""
    return words(record.get("outcome_data") or {}) or record.get("outcome", "")

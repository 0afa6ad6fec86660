"""The attendance of a meeting and the sentence reports write about it. Pure Python: no Django.

"It was attended by 21 participants from 13 governments and 7 organizations."

Counts come from the records where there are records (delegations of countries and organizations,
named participants) and from the figures a report gives where it gives only figures. A reported
total is kept as the report wrote it: delegations may have sent several people whose names are not
recorded, so the total is never computed down from fewer named people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from gettext import NullTranslations

from liaison.core.dates import number

GOVERNMENT = "government"
ORGANIZATION = "organization"


@dataclass(frozen=True)
class DelegationRecord:
    kind: str  # GOVERNMENT or ORGANIZATION
    headcount: int | None = None  # as reported, when known
    named: int = 0  # participants recorded by name in this delegation
    observer: bool = False


@dataclass(frozen=True)
class Attendance:
    participants: int | None
    governments: int | None
    organizations: int | None
    observer_governments: int = 0
    warnings: tuple[str, ...] = field(default=())  # in English; warning_texts() writes them in a language
    # What the records and the report disagree on: (what, reported, recorded) with what one of
    # GOVERNMENT, ORGANIZATION or PARTICIPANTS.
    disagreements: tuple[tuple[str, int, int], ...] = field(default=())


PARTICIPANTS = "participants"


def count(
    delegations: list[DelegationRecord],
    individual_participants: int = 0,
    reported_participants: int | None = None,
    reported_governments: int | None = None,
    reported_organizations: int | None = None,
) -> Attendance:
    """Combine records and reported figures; say where they disagree."""
    disagreements: list[tuple[str, int, int]] = []
    governments = [d for d in delegations if d.kind == GOVERNMENT]
    organizations = [d for d in delegations if d.kind == ORGANIZATION]

    n_governments = len(governments) if governments else reported_governments
    n_organizations = len(organizations) if organizations else reported_organizations
    if governments and reported_governments is not None and reported_governments != len(governments):
        disagreements.append((GOVERNMENT, reported_governments, len(governments)))
    if organizations and reported_organizations is not None and reported_organizations != len(organizations):
        disagreements.append((ORGANIZATION, reported_organizations, len(organizations)))

    # A delegation's size is known from its reported headcount or from the people named in it;
    # one delegation of unknown size leaves the total unknown rather than understated.
    recorded = sum(max(d.headcount or 0, d.named) for d in delegations) + individual_participants
    complete = all(d.headcount is not None or d.named for d in delegations)
    if reported_participants is not None:
        n_participants: int | None = reported_participants
        if recorded > reported_participants:
            disagreements.append((PARTICIPANTS, reported_participants, recorded))
    else:
        n_participants = (recorded or None) if complete else None
    return Attendance(
        participants=n_participants,
        governments=n_governments,
        organizations=n_organizations,
        observer_governments=sum(1 for d in governments if d.observer),
        warnings=tuple(_warning_texts(disagreements, NullTranslations(), None)),
        disagreements=tuple(disagreements),
    )


def warning_texts(attendance: Attendance, translations=None, language: str | None = None) -> list[str]:
    """Where the records and the report disagree, for the secretariat, in the translations' language
    (English without): whole sentences, counted as plurals, numbers in the language's digits."""
    t = translations or NullTranslations()
    if language is None and hasattr(t, "get_language"):
        language = t.get_language()
    return _warning_texts(attendance.disagreements, t, language)


def _warning_texts(disagreements, t, language) -> list[str]:
    texts = []
    for what, reported, recorded in disagreements:
        values = {"reported": number(reported, language), "recorded": number(recorded, language)}
        if what == GOVERNMENT:
            text = t.ngettext("The report gives %(reported)s governments; %(recorded)s delegation is recorded.",
                              "The report gives %(reported)s governments; %(recorded)s delegations are recorded.", recorded)
        elif what == ORGANIZATION:
            text = t.ngettext("The report gives %(reported)s organizations; %(recorded)s delegation is recorded.",
                              "The report gives %(reported)s organizations; %(recorded)s delegations are recorded.", recorded)
        else:
            text = t.ngettext("%(recorded)s participant is recorded, more than the %(reported)s reported.",
                              "%(recorded)s participants are recorded, more than the %(reported)s reported.", recorded)
        texts.append(text % values)
    return texts


def sentence(attendance: Attendance, translations=None, language: str | None = None) -> str:
    """The attendance sentence in the style of the reports, or '' when nothing is known.

    ``translations`` is anything with gettext/npgettext (Django's translation module, a
    gettext.GNUTranslations; English without). Each shape of the sentence is one whole message, so
    a translator writes whole sentences, and the counted phrases put into it are plural messages of
    their own (context "attendance"). Numbers are written in ``language`` (the translations' active
    language when it has one: core/dates.number)."""
    t = translations or NullTranslations()
    if language is None and hasattr(t, "get_language"):
        language = t.get_language()
    p, g, o = attendance.participants, attendance.governments, attendance.organizations
    values = {}
    if p:
        # Translators: put into "It was attended by %(participants)s …".
        values["participants"] = t.npgettext("attendance", "%(count)s participant", "%(count)s participants", p) % {
            "count": number(p, language)}
    if g and attendance.observer_governments:
        # Translators: put into "… from %(governments)s …" or "… representatives of %(governments)s …".
        values["governments"] = t.npgettext(
            "attendance", "%(count)s government (%(observers)s as observers)",
            "%(count)s governments (%(observers)s as observers)", g,
        ) % {"count": number(g, language), "observers": number(attendance.observer_governments, language)}
    elif g:
        # Translators: put into "… from %(governments)s …" or "… representatives of %(governments)s …".
        values["governments"] = t.npgettext("attendance", "%(count)s government", "%(count)s governments", g) % {
            "count": number(g, language)}
    if o:
        # Translators: put into "… from %(organizations)s …" or "… representatives of %(organizations)s …".
        values["organizations"] = t.npgettext("attendance", "%(count)s organization", "%(count)s organizations", o) % {
            "count": number(o, language)}
    shape = tuple(key for key in ("participants", "governments", "organizations") if key in values)
    if shape == ("participants", "governments", "organizations"):
        text = t.gettext("It was attended by %(participants)s from %(governments)s and %(organizations)s.")
    elif shape == ("participants", "governments"):
        text = t.gettext("It was attended by %(participants)s from %(governments)s.")
    elif shape == ("participants", "organizations"):
        text = t.gettext("It was attended by %(participants)s from %(organizations)s.")
    elif shape == ("participants",):
        text = t.gettext("It was attended by %(participants)s.")
    elif shape == ("governments", "organizations"):
        text = t.gettext("It was attended by representatives of %(governments)s and %(organizations)s.")
    elif shape == ("governments",):
        text = t.gettext("It was attended by representatives of %(governments)s.")
    elif shape == ("organizations",):
        text = t.gettext("It was attended by representatives of %(organizations)s.")
    else:
        return ""
    return text % values

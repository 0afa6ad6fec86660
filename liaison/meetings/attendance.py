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
    warnings: tuple[str, ...] = field(default=())


def count(
    delegations: list[DelegationRecord],
    individual_participants: int = 0,
    reported_participants: int | None = None,
    reported_governments: int | None = None,
    reported_organizations: int | None = None,
) -> Attendance:
    """Combine records and reported figures; say where they disagree."""
    warnings: list[str] = []
    governments = [d for d in delegations if d.kind == GOVERNMENT]
    organizations = [d for d in delegations if d.kind == ORGANIZATION]

    n_governments = len(governments) if governments else reported_governments
    n_organizations = len(organizations) if organizations else reported_organizations
    if governments and reported_governments is not None and reported_governments != len(governments):
        warnings.append(
            f"The report gives {reported_governments} governments; {len(governments)} delegations are recorded."
        )
    if organizations and reported_organizations is not None and reported_organizations != len(organizations):
        warnings.append(
            f"The report gives {reported_organizations} organizations; {len(organizations)} delegations are recorded."
        )

    # A delegation's size is known from its reported headcount or from the people named in it;
    # one delegation of unknown size leaves the total unknown rather than understated.
    recorded = sum(max(d.headcount or 0, d.named) for d in delegations) + individual_participants
    complete = all(d.headcount is not None or d.named for d in delegations)
    if reported_participants is not None:
        n_participants: int | None = reported_participants
        if recorded > reported_participants:
            warnings.append(
                f"{recorded} participants are recorded, more than the {reported_participants} reported."
            )
    else:
        n_participants = (recorded or None) if complete else None
    return Attendance(
        participants=n_participants,
        governments=n_governments,
        organizations=n_organizations,
        observer_governments=sum(1 for d in governments if d.observer),
        warnings=tuple(warnings),
    )


def sentence(attendance: Attendance, translations=None) -> str:
    """The attendance sentence in the style of the reports, or '' when nothing is known."""
    t = translations or NullTranslations()
    n = t.ngettext
    p, g, o = attendance.participants, attendance.governments, attendance.organizations
    parts = []
    if g:
        text = n("%(count)d government", "%(count)d governments", g) % {"count": g}
        if attendance.observer_governments:
            text += t.gettext(" (%(count)d as observers)") % {"count": attendance.observer_governments}
        parts.append(text)
    if o:
        parts.append(n("%(count)d organization", "%(count)d organizations", o) % {"count": o})
    sources = t.gettext(" and ").join(parts)
    if p and sources:
        return n(
            "It was attended by %(count)d participant from %(sources)s.",
            "It was attended by %(count)d participants from %(sources)s.",
            p,
        ) % {"count": p, "sources": sources}
    if p:
        return n("It was attended by %(count)d participant.", "It was attended by %(count)d participants.", p) % {
            "count": p
        }
    if sources:
        return t.gettext("It was attended by representatives of %(sources)s.") % {"sources": sources}
    return ""

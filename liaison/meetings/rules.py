"""The operating rules of the terms of reference, checked when a meeting is planned. Pure Python.

They warn and never block: the Executive Secretary may have good reasons to depart from them.
- "Each meeting will typically last no more than two days."
- "at least one face-to-face meeting per year"
- "any one meeting … includes some of the participants that attended the previous meetings"
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from gettext import NullTranslations

MAX_DAYS = 2


@dataclass(frozen=True)
class PlannedMeeting:
    start: date
    end: date
    face_to_face: bool  # face-to-face or hybrid


def warnings(
    meeting: PlannedMeeting,
    other_meetings: list[PlannedMeeting],
    invitee_ids: set[int],
    previous_participant_ids: set[int] | None,
    translations=None,
) -> list[str]:
    """The warnings, in English or through ``translations`` (an object with gettext and ngettext,
    such as django.utils.translation)."""
    t = translations or NullTranslations()
    found = []
    days = (meeting.end - meeting.start).days + 1
    if days > MAX_DAYS:
        found.append(t.ngettext(
            "The meeting lasts %(days)d day; the terms of reference say meetings typically last no more than %(max)d.",
            "The meeting lasts %(days)d days; the terms of reference say meetings typically last no more than %(max)d.",
            days) % {"days": days, "max": MAX_DAYS})
    year = meeting.start.year
    face_to_face_that_year = [m for m in [meeting, *other_meetings] if m.face_to_face and m.start.year == year]
    if not face_to_face_that_year:
        found.append(t.gettext("No face-to-face meeting is planned in %(year)s; the terms of reference ask for at least one a year.")
                     % {"year": year})
    if previous_participant_ids is not None:
        if previous_participant_ids and not (invitee_ids & previous_participant_ids):
            found.append(t.gettext(
                "None of the participants of the previous meeting is invited; the terms of reference ask for some "
                "continuity and institutional memory."
            ))
    return found

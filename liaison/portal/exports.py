"""The group history's CSV: made inside the request when short, by the worker (core/jobs.py
``start_export``) when it has more than ``LIAISON_INLINE_EXPORT_ROWS`` meetings. The history is
public, as the group's page is. Titles are in the requester's language (English when not given), the
worker's file too (core.jobs keeps the language of the request that asked for it)."""

from django.conf import settings
from django.utils.translation import pgettext_lazy

from liaison.core.spreadsheets import csv_text
from liaison.groups.models import Group
from liaison.meetings.selectors import meetings_with_attendance

HISTORY_HEADER = [
    pgettext_lazy("column of the meeting history CSV", "number"),
    pgettext_lazy("column of the meeting history CSV", "title"),
    pgettext_lazy("column of the meeting history CSV", "start_date"),
    pgettext_lazy("column of the meeting history CSV", "end_date"),
    pgettext_lazy("column of the meeting history CSV", "city"),
    pgettext_lazy("column of the meeting history CSV", "country"),
    pgettext_lazy("column of the meeting history CSV", "iso3"),
    pgettext_lazy("column of the meeting history CSV", "mode"),
    pgettext_lazy("column of the meeting history CSV", "participants"),
    pgettext_lazy("column of the meeting history CSV", "governments"),
    pgettext_lazy("column of the meeting history CSV", "organizations"),
    pgettext_lazy("column of the meeting history CSV", "attendance"),
    pgettext_lazy("column of the meeting history CSV", "summary"),
    pgettext_lazy("column of the meeting history CSV", "url"),
]


def history_rows(group, absolute):
    """One row per meeting, attendance as the page counts it; ``absolute(path)`` makes the link."""
    for meeting in meetings_with_attendance(group.meetings.order_by("start_date")):
        a = meeting.attendance()
        yield [
            meeting.number or "", meeting.local_title, meeting.start_date, meeting.end_date, meeting.city,
            meeting.country.local_name if meeting.country_id else "", meeting.country.iso3 if meeting.country_id else "",
            meeting.get_mode_display(), a.participants or "", a.governments or "", a.organizations or "",
            meeting.attendance_sentence(), meeting.summary, absolute(meeting.get_absolute_url()),
        ]


def history_filename(group) -> str:
    return f"{group.slug}-meetings.csv"


def history_file(group: int) -> bytes:
    """The worker's builder: the history of the group ``group`` (a key), links on SITE_URL (in the
    asker's language: core.jobs.run_export)."""
    site = settings.SITE_URL.rstrip("/")
    text = csv_text(HISTORY_HEADER, history_rows(Group.objects.get(pk=group), lambda path: site + path))
    return text.encode("utf-8")


def can_see_history(job, user) -> bool:
    """The history is public while its group exists."""
    return Group.objects.filter(pk=job.params["args"]["group"]).exists()

"""The audit trail's CSV (the secretariat's, newest first, at most ``EXPORT_LIMIT`` entries): made
inside the request when short, by the worker (core/jobs.py ``start_export``) when more than
``LIAISON_INLINE_EXPORT_ROWS`` entries match the filters."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from liaison.core.access import is_secretariat
from liaison.core.spreadsheets import csv_text

from . import trail

EXPORT_LIMIT = 5000
HEADER = [_("when (UTC)"), _("who"), _("record"), _("id"), _("action"), _("old → new")]
FILENAME = "audit-trail.csv"


def trail_text(filters: dict) -> str:
    rows = ([e.at.isoformat(), e.user, e.model, e.object_pk, e.action, e.changes_text()]
            for e in trail.entries(**filters, limit=EXPORT_LIMIT))
    return csv_text(HEADER, rows)


def job_args(filters: dict) -> dict:
    """The filters as JSON for the job (dates as ISO text)."""
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in filters.items()}


def trail_file(**args) -> bytes:
    """The worker's builder: the trail read again with the same filters."""
    filters = {key: date.fromisoformat(value) if key in ("since", "until") and value else value for key, value in args.items()}
    return trail_text(filters).encode("utf-8")


def can_see_trail(job, user) -> bool:
    """The audit trail is the secretariat's, as its page is."""
    return is_secretariat(user)

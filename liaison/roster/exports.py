"""The roster's usage table as CSV (the secretariat's): made inside the request when short, by the
worker (core/jobs.py ``start_export``) when the group has more than ``LIAISON_INLINE_EXPORT_ROWS``
records."""

from django.utils.translation import gettext_lazy as _

from liaison.core.access import is_secretariat
from liaison.core.spreadsheets import csv_text
from liaison.groups.models import Group

from . import services
from .models import Expert

USAGE_HEADER = [_("expert"), _("nationality"), _("region"), _("status"), _("nominated"), _("approved"), _("invited"), _("attended")]


def usage_rows(rows):
    for row in rows:
        yield [row["expert"].person.full_name, row["expert"].nationality.iso3, row["region"], row["expert"].get_status_display(),
               row["nominated"], row["approved"], row["invited"], row["attended"]]


def usage_filename(group) -> str:
    return f"{group.slug}-roster-usage.csv"


def is_long(group) -> bool:
    from liaison.core.jobs import inline_rows

    return Expert.objects.filter(group=group).count() > inline_rows()


def usage_file(group: int) -> bytes:
    """The worker's builder: the usage table of the group ``group`` (a key), read again."""
    return csv_text(USAGE_HEADER, usage_rows(services.usage(Group.objects.get(pk=group)))).encode("utf-8")


def can_see_usage(job, user) -> bool:
    """The usage table is the secretariat's, as its page is."""
    return is_secretariat(user)

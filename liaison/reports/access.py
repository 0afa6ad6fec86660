"""Who may read a report: adopted reports are public; a report under review is open to the
meeting's participants and the group's members; a draft only to the secretariat."""

from liaison.groups.access import is_secretariat, member_group_ids
from liaison.meetings.models import Participant

from .models import LOCKED, Report, ReportStatus


def _status(meeting):
    try:
        return meeting.report.status
    except Report.DoesNotExist:
        return None


def can_read(user, meeting) -> bool:
    status = _status(meeting)
    if status is None:
        return False
    if status in LOCKED or is_secretariat(user):
        return True
    if status == ReportStatus.REVIEW and getattr(user, "is_authenticated", False):
        return meeting.group_id in member_group_ids(user) or Participant.objects.filter(meeting=meeting, person__user=user).exists()  # not the page's prefetched list
    return False

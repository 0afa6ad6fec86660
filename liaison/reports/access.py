"""Who may read a report: adopted reports are public; a draft under review is open to the
secretariat and to the meeting's current participants (and to them only: being a member of the
group, now or formerly, grants nothing); a draft not sent for review only to the secretariat.

The same rules decide the report's page, its DOCX and PDF, the review page and its comments, and
the API (``reports/api.py``)."""

from liaison.groups.access import is_secretariat
from liaison.meetings.models import Participant

from .models import LOCKED, Report, ReportStatus


def _status(meeting):
    try:
        return meeting.report.status
    except Report.DoesNotExist:
        return None


def reviewers(meeting):
    """The meeting's current participants: those recorded as having attended it. People registered
    through an invitation but never checked in, and people removed from the list, are not."""
    return Participant.objects.filter(meeting=meeting, attended=True)


def participant_of(user, meeting):
    """``user``'s participation in ``meeting`` if it makes them a reviewer, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return reviewers(meeting).filter(person__user=user).select_related("person").first()  # not a prefetched list


def can_read(user, meeting) -> bool:
    status = _status(meeting)
    if status is None:
        return False
    if status in LOCKED or is_secretariat(user):
        return True
    if status == ReportStatus.REVIEW:
        return participant_of(user, meeting) is not None
    return False

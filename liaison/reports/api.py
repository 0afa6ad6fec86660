"""The report of a meeting and the participants' comments on a draft, read through the API under the
same rules as the pages (access.py): 404 for whoever may not see them."""

from datetime import date, datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from liaison.core.api_auth import api_user
from liaison.groups.access import is_secretariat
from liaison.meetings.models import Meeting

from . import access, review, services
from .models import LOCKED

router = Router(tags=["reports"])


class ReportOut(Schema):
    status: str
    revision: int
    review_deadline: date | None
    content: dict


class CommentOut(Schema):
    id: int
    paragraph: int | None
    quoted: str
    author: str
    text: str
    status: str
    reply: str
    created: datetime


def _readable(request, meeting_id):
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=meeting_id)
    user = api_user(request)
    if not access.can_read(user, meeting):
        raise Http404(_("No report to show."))
    return user, meeting, meeting.report


@router.get("/meetings/{meeting_id}/report", response=ReportOut)
def report(request, meeting_id: int):
    """The report: adopted ones for everyone; a draft under review for the meeting's participants
    and the secretariat; another draft for the secretariat only (404 for everyone else)."""
    report = _readable(request, meeting_id)[2]
    content = None
    if report.status in LOCKED:
        version = report.versions.filter(revision=report.revision).first()
        content = version.content if version else None
    return {"status": report.status, "revision": report.revision, "review_deadline": report.review_deadline,
            "content": content or services.content(report)}


@router.get("/meetings/{meeting_id}/report/comments", response=list[CommentOut])
def comments(request, meeting_id: int):
    """Comments on the draft under review: all of them for the secretariat, a participant's own for a
    participant (with the secretariat's answers); 404 for everyone else."""
    user, meeting, report = _readable(request, meeting_id)
    if is_secretariat(user):
        rows = review.comments_for(report)
    else:
        participant = access.participant_of(user, meeting)
        if participant is None:
            raise Http404(_("No comments to show."))
        rows = review.comments_for(report, participant.person)
    return [{"id": c.pk, "paragraph": c.paragraph_id, "quoted": c.quoted, "author": c.author.formal_name, "text": c.text,
             "status": c.status, "reply": c.reply, "created": c.created} for c in rows]

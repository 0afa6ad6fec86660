from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaison.core import languages
from liaison.core.downloads import download, safe_filename
from liaison.groups.access import can_see_online_link, visible_distributions
from liaison.groups.models import Group

from . import calendar, exports, invitations
from .access import can_see_agenda
from .models import InvitationStatus, Meeting, MeetingDocument
from .selectors import meetings_with_attendance


# --- invitations, answered without logging in --------------------------------------------------
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The invitee's page: the current answer and a form to give or change it until the reply
    deadline. GET only shows; an answer is recorded on POST alone."""
    try:
        invitation = invitations.from_token(token)
    except invitations.InvitationError as error:
        return render(request, "meetings/invitation.html", {"error": str(error)}, status=404)
    error = None
    changed = False
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            error = _("Choose to accept or to decline.")
        else:
            try:
                invitation = invitations.answer(invitation, accept=answer == "accept", reason=request.POST.get("reason", ""))
                changed = True
            except invitations.InvitationError as refused:
                error = str(refused)
    elif invitations.deadline_passed(invitation):
        if invitation.status == InvitationStatus.INVITED:
            error = _("This invitation has expired. Please contact the secretariat.")
    return render(
        request, "meetings/invitation.html",
        {"invitation": invitation, "meeting": invitation.meeting, "error": error, "token": token, "changed": changed,
         "open": not invitations.deadline_passed(invitation)},
        status=409 if error and request.method == "POST" else 200,
    )


def invitation_letter(request, token):
    try:
        invitation = invitations.from_token(token)
    except invitations.InvitationError:
        raise Http404("No such invitation.") from None
    return download(invitations.letter_pdf(invitation), "letter-of-invitation.pdf", "application/pdf")


# --- documents, calendars, agenda --------------------------------------------------------------
def document(request, pk):
    doc = get_object_or_404(MeetingDocument.objects.select_related("meeting__group"), pk=pk)
    if doc.distribution not in visible_distributions(request.user, doc.meeting.group) or not doc.file:
        raise Http404("No such document.")
    extension = doc.file.name.rsplit(".", 1)[-1]
    return download(doc.file.open("rb"), safe_filename(doc.symbol or doc.title)[:120] + f".{extension}")


def meeting_ics(request, group_slug, slug):
    meeting = get_object_or_404(meetings_with_attendance(), group__slug=group_slug, slug=slug)
    ics = calendar.meeting_ics(
        meeting, request.build_absolute_uri("/").rstrip("/"), show_link=can_see_online_link(request.user, meeting)
    )
    return download(ics, f"{group_slug}-{slug}.ics", "text/calendar; charset=utf-8")


def group_ics(request, group_slug):
    """A feed to subscribe to (webcal): every meeting of the group, updated as meetings change."""
    group = get_object_or_404(Group, slug=group_slug)
    meetings = meetings_with_attendance(group.meetings.all())
    return HttpResponse(
        calendar.group_ics(group, meetings, request.build_absolute_uri("/").rstrip("/")), content_type="text/calendar; charset=utf-8"
    )


def _agenda_meeting(request, group_slug, slug):
    """The meeting whose agenda ``request.user`` may read: a draft agenda is not public (404)."""
    meeting = get_object_or_404(Meeting.objects.select_related("group", "country"), group__slug=group_slug, slug=slug)
    if not can_see_agenda(request.user, meeting):
        raise Http404(_("This meeting's agenda has not been issued yet."))
    return meeting


def agenda(request, group_slug, slug):
    meeting = _agenda_meeting(request, group_slug, slug)
    items = list(meeting.agenda_items.prefetch_related("documents"))
    sessions = list(meeting.sessions.prefetch_related("items"))
    allowed = visible_distributions(request.user, meeting.group)
    for item in items:
        item.visible_documents = [d for d in item.documents.all() if d.distribution in allowed]
    return render(request, "meetings/agenda.html", {"meeting": meeting, "items": items, "sessions": sessions})


def agenda_docx(request, group_slug, slug):
    """The agenda as a Word document: items with annotations, then the organization of work, in the
    language of ``?language=`` (one of LANGUAGES, else 400), else the reader's."""
    meeting = _agenda_meeting(request, group_slug, slug)
    try:
        language = languages.requested(request)
    except languages.UnknownLanguage:
        return languages.bad_request()
    suffix = f"-{language}" if language != languages.default() else ""
    return download(exports.agenda_docx(meeting, language), f"{group_slug}-{slug}-agenda{suffix}.docx", exports.DOCX_TYPE)

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaison.groups.access import can_see_online_link, visible_distributions
from liaison.groups.models import Group

from . import calendar, invitations
from .access import can_see_agenda
from .models import Meeting, MeetingDocument
from .selectors import meetings_with_attendance


# --- invitations, answered without logging in --------------------------------------------------
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    try:
        invitation = invitations.from_token(token)
    except invitations.InvitationError as error:
        return render(request, "meetings/invitation.html", {"error": str(error)}, status=404)
    error = None
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            error = _("Choose to accept or to decline.")
        else:
            try:
                invitation = invitations.answer(invitation, accept=answer == "accept")
            except invitations.InvitationError as refused:
                error = str(refused)
    elif invitation.status == "invited" and timezone.now() > invitation.expires_at:
        error = str(invitations.Expired("This invitation has expired. Please contact the secretariat."))
    return render(
        request, "meetings/invitation.html",
        {"invitation": invitation, "meeting": invitation.meeting, "error": error, "token": token},
        status=409 if error and request.method == "POST" else 200,
    )


def invitation_letter(request, token):
    try:
        invitation = invitations.from_token(token)
    except invitations.InvitationError:
        raise Http404("No such invitation.") from None
    response = HttpResponse(invitations.letter_pdf(invitation), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="letter-of-invitation.pdf"'
    return response


# --- documents, calendars, agenda --------------------------------------------------------------
def document(request, pk):
    doc = get_object_or_404(MeetingDocument.objects.select_related("meeting__group"), pk=pk)
    if doc.distribution not in visible_distributions(request.user, doc.meeting.group) or not doc.file:
        raise Http404("No such document.")
    extension = doc.file.name.rsplit(".", 1)[-1]
    filename = (doc.symbol or doc.title).replace("/", "-")[:120] + f".{extension}"
    response = FileResponse(doc.file.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def meeting_ics(request, group_slug, slug):
    meeting = get_object_or_404(meetings_with_attendance(), group__slug=group_slug, slug=slug)
    response = HttpResponse(calendar.meeting_ics(
        meeting, request.build_absolute_uri("/").rstrip("/"), show_link=can_see_online_link(request.user, meeting)
    ), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{group_slug}-{slug}.ics"'
    return response


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
    """The agenda as a Word document: items with annotations, then the organization of work."""
    from io import BytesIO

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    meeting = _agenda_meeting(request, group_slug, slug)
    document = Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run({"adopted": "AGENDA", "draft": "DRAFT AGENDA (NOT ISSUED)"}.get(meeting.agenda_status, "PROVISIONAL AGENDA"))
    run.bold = True
    document.add_paragraph(f"{meeting.title}\n{meeting.dates}{', ' + meeting.place if meeting.place else ''}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for item in meeting.agenda_items.all():
        paragraph = document.add_paragraph(f"{item.number}.\t{item.title}")
        if item.depth:
            paragraph.paragraph_format.left_indent = Inches(0.5)
        if item.annotation:
            document.add_paragraph(item.annotation).paragraph_format.left_indent = Inches(0.5 + 0.5 * item.depth)
    sessions = list(meeting.sessions.prefetch_related("items"))
    if sessions:
        document.add_heading("Organization of work", level=2)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Date and time", "Session", "Items")):
            cell.text = text
        for session in sessions:
            cells = table.add_row().cells
            cells[0].text = f"{session.date:%A %d %B} {session.start:%H:%M}–{session.end:%H:%M}"
            cells[1].text = session.title
            cells[2].text = ", ".join(i.number for i in session.items.all())
    buffer = BytesIO()
    document.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{group_slug}-{slug}-agenda.docx"'
    return response

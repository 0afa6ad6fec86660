"""The secretariat's invitations page: who was invited and what they answered (with the reason for
declining), reminders and letters; and inviting, in two steps: tick invitees in a searchable list
(htmx refreshes the list as one types; without script the Search button does), then preview the
e-mail one invitee would receive, edit its message, and send. Every write goes through
invitations.py."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_GET, require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required
from liaison.core.downloads import download
from liaison.core.models import Person

from . import invitations
from .forms import InviteForm
from .manage_views import operating_warnings
from .models import Invitation, Meeting

SHOWN = 50


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()][:1000]


def candidates(meeting, query: str, chosen_ids: list[int]) -> dict:
    """The people ticked so far (first, ticked), then those matching every word of ``query`` in
    their name, e-mail, country or affiliation (the first SHOWN); who is invited already is said."""
    people = Person.objects.exclude(email="").select_related("country", "organization").order_by("last_name", "first_name", "pk")
    chosen = list(people.filter(pk__in=chosen_ids))
    matches = people.exclude(pk__in=chosen_ids)
    for word in query.replace("\x00", "").split()[:6]:
        matches = matches.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
            | Q(country__name__icontains=word) | Q(organization__name__icontains=word) | Q(organization__acronym__icontains=word)
        )
    total = matches.count()
    return {
        "chosen": chosen, "matches": list(matches[:SHOWN]), "total": total, "shown": min(total, SHOWN), "query": query,
        "invited": set(meeting.invitations.values_list("person_id", flat=True)),
    }


def _meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("group", "country"), pk=pk)


def _page(request, meeting, form, chosen_ids, status=200):
    rows = meeting.invitations.select_related("person", "person__country")
    previous = meeting.group.meetings.filter(start_date__lt=meeting.start_date).order_by("-start_date").first()
    context = {"meeting": meeting, "form": form, "invitations": rows, "warnings": operating_warnings(meeting), "previous": previous,
               **candidates(meeting, request.POST.get("q", "") or request.GET.get("q", ""), chosen_ids)}
    return render(request, "meetings/manage/invitations.html", context, status=status)


def _preview(request, meeting, form, people, message, version, error=None, origin=None):
    """The e-mail one invitee (the first ticked, or the one asked for) would receive."""
    shown = next((p for p in people if str(p.pk) == request.POST.get("preview_for")), people[0])
    subject, body = invitations.preview(meeting, shown, message)
    return render(request, "meetings/manage/invitation_preview.html", {
        "meeting": meeting, "people": people, "shown": shown, "subject": subject, "body": body, "message": message,
        "email_language": shown.correspondence_language,
        "version": version, "error": error, "form": form, "origin": _origin(request) if origin is None else origin,
    }, status=409 if error else 200)


def _origin(request) -> str:
    """The mark the page that led to the preview put in its form, carried to the send unchanged."""
    return request.POST.get("origin", "")[:500]


def preview_for(request, meeting, people, origin=""):
    """The preview step for people chosen elsewhere (the planner's panel, the lottery's draw): the
    e-mail, its message to edit, and the Send button; nothing is sent from here. ``origin`` goes
    with the form to the send (signals.invited)."""
    people = list(people)
    if not people:
        messages.warning(request, _("Nobody to invite."))
        return redirect("manage:invitations", pk=meeting.pk)
    return _preview(request, meeting, None, people, invitations.message_for(meeting), meeting.version, origin=origin)


@secretariat_required
def invitations_page(request, pk):
    meeting = _meeting(pk)
    if request.method != "POST":
        return _page(request, meeting, InviteForm(), _ids(request.GET.getlist("people")))
    action = request.POST.get("action")
    form = InviteForm(request.POST)
    chosen_ids = _ids(request.POST.getlist("people"))
    if action == "search" or not form.is_valid():
        if action == "search":
            form = InviteForm()
        return _page(request, meeting, form, chosen_ids, status=200 if action == "search" else 400)
    people = sorted(form.cleaned_data["people"], key=lambda p: chosen_ids.index(p.pk) if p.pk in chosen_ids else len(chosen_ids))
    message = form.cleaned_data["message"] if "message" in request.POST else invitations.message_for(meeting)
    version = form.cleaned_data["version"] or meeting.version
    try:
        message = invitations.clean_message(message)
    except invitations.InvitationError as error:
        return _preview(request, meeting, form, people, message, version, str(error))
    if action != "send":
        return _preview(request, meeting, form, people, message, version)
    try:
        sent, problems = invitations.send(meeting, people, message, version, by=request.user, origin=_origin(request))
    except VersionConflict:
        return _preview(request, meeting, form, people, message, version, _(
            "The meeting or its invitation message was changed by someone else meanwhile: nothing was sent. "
            "Your text is kept below; look at it again and send."))
    return _said(request, meeting, sent, problems)


def _said(request, meeting, sent, problems):
    if sent:
        messages.success(request, ngettext("%(n)d invitation queued for sending.", "%(n)d invitations queued for sending.", sent) % {"n": sent})
    for problem in problems:
        messages.warning(request, problem)
    return redirect("manage:invitations", pk=meeting.pk)


@secretariat_required
@require_GET
def invitation_candidates(request, pk):
    """The list of people to tick, for htmx as the search box changes."""
    meeting = _meeting(pk)
    context = {"meeting": meeting, **candidates(meeting, request.GET.get("q", "")[:100], _ids(request.GET.getlist("people")))}
    return render(request, "meetings/manage/invitation_candidates.html", context)


@secretariat_required
@require_POST
def send_reminders(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        count = invitations.remind(meeting)
        messages.success(request, ngettext("%(n)d reminder queued for sending.", "%(n)d reminders queued for sending.", count) % {"n": count})
    except OSError as error:
        messages.error(request, _("The mail server refused the reminders: %(error)s") % {"error": error})
    return redirect("manage:invitations", pk=pk)


@secretariat_required
def letter(request, pk, invitation_pk):
    invitation = get_object_or_404(Invitation.objects.select_related("meeting", "person"), pk=invitation_pk, meeting_id=pk)
    return download(invitations.letter_pdf(invitation), f"letter-{invitation.person.last_name.lower()}.pdf", "application/pdf")

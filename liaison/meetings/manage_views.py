"""The secretariat's meeting pages: the meeting's own fields, and its parts (delegations,
participants, agenda items, documents) added and removed in place."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.http import require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.dates import day_month_year
from liaison.core.decorators import secretariat_required
from liaison.core.parts import Part, PartsEditor
from liaison.groups.models import Group

from . import rules, services
from .forms import DelegationForm, DocumentForm, ElectionForm, MeetingForm, ParticipantForm, SessionForm
from .models import AgendaStatus, Meeting, Mode, Participant

PARTS = {
    "delegations": Part(
        title=gettext_lazy("Delegations"),
        form=DelegationForm,
        rows=lambda m: m.delegations.select_related("country", "organization"),
        describe=lambda d: (_("%(name)s (observer)") % {"name": d.name} if d.is_observer else d.name)
        + (f" — {d.headcount}" if d.headcount is not None else ""),
    ),
    "participants": Part(
        title=gettext_lazy("Participants and officers"),
        form=ParticipantForm,
        rows=lambda m: m.participants.select_related("meeting__group", "person__country", "delegation__country", "delegation__organization"),
        describe=lambda p: f"{p.person.formal_name} — {p.get_capacity_display()}"
        + (f", {p.affiliation if p.meeting.group.individual_capacity else p.represents}" if p.represents else "")
        + (f" — {p.get_office_display()}" if p.office else ""),
    ),
    "sessions": Part(
        title=gettext_lazy("Organization of work"),
        form=SessionForm,
        rows=lambda m: m.sessions.prefetch_related("items"),
        describe=lambda s: _("%(session)s — items %(items)s") % {"session": s, "items": ", ".join(i.number for i in s.items.all())}
        if s.items.all() else _("%(session)s — no items") % {"session": s},
    ),
    "officers": Part(
        title=gettext_lazy("Officers elected"),
        form=ElectionForm,
        rows=lambda m: m.participants.exclude(office="").select_related("person", "nominated_by__person"),
        describe=lambda p: _officer(p),
        remove=services.remove_from_office,
    ),
    "documents": Part(
        title=gettext_lazy("Documents"),
        form=DocumentForm,
        rows=lambda m: m.documents.all(),
        describe=lambda d: f"{d.symbol} {d.title} ({d.get_distribution_display()})".strip(),
    ),
}

def _officer(p) -> str:
    """'Chair: Dr. A. Diallo, nominated by Mr. B. Sow, elected 15 March 2012', as one sentence per case."""
    values = {"office": p.get_office_display(), "name": p.person.formal_name,
              "by": p.nominated_by.person.formal_name if p.nominated_by_id else "",
              "on": day_month_year(p.elected_on, get_language()) if p.elected_on else ""}
    if p.nominated_by_id and p.elected_on:
        return _("%(office)s: %(name)s, nominated by %(by)s, elected %(on)s") % values
    if p.nominated_by_id:
        return _("%(office)s: %(name)s, nominated by %(by)s") % values
    if p.elected_on:
        return _("%(office)s: %(name)s, elected %(on)s") % values
    return _("%(office)s: %(name)s") % values


parts = PartsEditor(
    parent=lambda pk: get_object_or_404(Meeting, pk=pk),
    parts=PARTS,
    url="manage:meeting_part",
    delete_url="manage:meeting_part_delete",
    back=lambda meeting: reverse("manage:meeting_edit", args=[meeting.pk]),
)


@secretariat_required
def meeting_create(request, group_slug):
    group = get_object_or_404(Group, slug=group_slug)
    form = MeetingForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        meeting = services.save_meeting(form)
        messages.success(request, _("Meeting created. Add its delegations, participants, agenda and documents."))
        return redirect("manage:meeting_edit", pk=meeting.pk)
    return render(request, "core/manage/form.html", {"form": form, "title": _("New meeting of %(group)s") % {"group": group}})


@secretariat_required
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("group", "country"), pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        saved = services.save_meeting(form)
        if saved is not None:
            messages.success(request, _("Meeting saved."))
            return redirect("manage:meeting_edit", pk=pk)
    part_urls = [(part.title, reverse("manage:meeting_part", args=[meeting.pk, name])) for name, part in PARTS.items()]
    part_urls.insert(2, (_("Agenda"), reverse("manage:agenda_editor", args=[meeting.pk])))
    return render(
        request, "meetings/manage/meeting_edit.html",
        {"meeting": meeting, "form": form, "part_urls": part_urls, "warnings": operating_warnings(meeting)},
    )


def _planned(meeting):
    return rules.PlannedMeeting(meeting.start_date, meeting.end_date, meeting.mode != Mode.ONLINE)


def operating_warnings(meeting) -> list[str]:
    """The terms of reference's operating rules, as warnings for the secretariat (never blocks)."""
    others = [_planned(m) for m in meeting.group.meetings.exclude(pk=meeting.pk).only("start_date", "end_date", "mode")]
    previous = meeting.group.meetings.filter(start_date__lt=meeting.start_date).order_by("-start_date").first()
    previous_people = None
    if previous is not None and meeting.invitations.exists():
        previous_people = set(previous.participants.filter(attended=True).values_list("person_id", flat=True))
    invitees = set(meeting.invitations.values_list("person_id", flat=True))
    return rules.warnings(_planned(meeting), others, invitees, previous_people, translations=translation)


@secretariat_required
def check_in(request, pk):
    """The check-in list, printable with a signature column; ticking a row records attendance."""
    meeting = get_object_or_404(Meeting.objects.select_related("group", "country"), pk=pk)
    if request.method == "POST":
        participant = get_object_or_404(Participant, pk=request.POST.get("participant"), meeting=meeting)
        try:
            services.check_in(participant, present=request.POST.get("present") == "1")
        except services.Refused as refused:
            if request.htmx:
                return HttpResponse(str(refused), status=409, content_type="text/plain; charset=utf-8")
            messages.error(request, str(refused))
        if not request.htmx:
            return redirect("manage:check_in", pk=pk)
    rows = meeting.participants.select_related("person", "person__country", "delegation__country", "delegation__organization")
    template = "meetings/manage/check_in_rows.html" if request.htmx else "meetings/manage/check_in.html"
    return render(request, template, {"meeting": meeting, "rows": rows, "sentence": meeting.attendance_sentence()})


@secretariat_required
@require_POST
def agenda_action(request, pk, action):
    meeting = get_object_or_404(Meeting, pk=pk)
    service = services.AGENDA_ACTIONS.get(action)
    if service is None:
        raise Http404("No such agenda action.")
    try:
        if action == "adopt":
            service(meeting, on=services.entered_date(request.POST.get("on")))
        else:
            service(meeting)
    except services.Refused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
    except VersionConflict:
        messages.error(request, _("The meeting was changed by someone else meanwhile; look at the agenda again and retry."))
    else:
        messages.success(request, AGENDA_DONE[action])
    return redirect("manage:meeting_edit", pk=pk)


AGENDA_DONE = {
    "issue": gettext_lazy("The provisional agenda is issued."),
    "adopt": gettext_lazy("The agenda is adopted; it can no longer change."),
}

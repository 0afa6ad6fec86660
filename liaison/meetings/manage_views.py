"""The secretariat's meeting pages: the meeting's own fields, and its parts (delegations,
participants, agenda items, documents) added and removed in place."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core.decorators import secretariat_required
from liaison.core.parts import Part, PartsEditor
from liaison.groups.models import Group

from .forms import AgendaItemForm, DelegationForm, DocumentForm, MeetingForm, ParticipantForm
from .models import Meeting

PARTS = {
    "delegations": Part(
        title=gettext_lazy("Delegations"),
        form=DelegationForm,
        rows=lambda m: m.delegations.select_related("country", "organization"),
        describe=lambda d: f"{d.name}{' (observer)' if d.is_observer else ''}"
        + (f" — {d.headcount}" if d.headcount is not None else ""),
    ),
    "participants": Part(
        title=gettext_lazy("Participants and officers"),
        form=ParticipantForm,
        rows=lambda m: m.participants.select_related("person", "delegation__country", "delegation__organization"),
        describe=lambda p: f"{p.person.formal_name} — {p.get_capacity_display()}"
        + (f", {p.represents}" if p.represents else "")
        + (f" — {p.get_office_display()}" if p.office else ""),
    ),
    "agenda": Part(title=gettext_lazy("Agenda"), form=AgendaItemForm, rows=lambda m: m.agenda_items.all()),
    "documents": Part(
        title=gettext_lazy("Documents"),
        form=DocumentForm,
        rows=lambda m: m.documents.all(),
        describe=lambda d: f"{d.symbol} {d.title} ({d.get_distribution_display()})".strip(),
    ),
}

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
        meeting = form.save_or_conflict()
        messages.success(request, _("Meeting created. Add its delegations, participants, agenda and documents."))
        return redirect("manage:meeting_edit", pk=meeting.pk)
    return render(request, "core/manage/form.html", {"form": form, "title": _("New meeting of %(group)s") % {"group": group}})


@secretariat_required
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("group", "country"), pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        saved = form.save_or_conflict()
        if saved is not None:
            messages.success(request, _("Meeting saved."))
            return redirect("manage:meeting_edit", pk=pk)
    part_urls = [(name, reverse("manage:meeting_part", args=[meeting.pk, name])) for name in PARTS]
    return render(request, "meetings/manage/meeting_edit.html", {"meeting": meeting, "form": form, "part_urls": part_urls})

"""The secretariat's meeting pages: the meeting's own fields, and its parts (delegations,
participants, agenda items, documents) added and removed in place with htmx."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from liaison.core.decorators import secretariat_required
from liaison.groups.models import Group

from .forms import AgendaItemForm, DelegationForm, DocumentForm, MeetingForm, ParticipantForm
from .models import Meeting

PARTS = {
    "delegations": {
        "title": gettext_lazy("Delegations"),
        "form": DelegationForm,
        "rows": lambda m: m.delegations.select_related("country", "organization"),
        "describe": lambda d: f"{d.name}{' (observer)' if d.is_observer else ''}"
        + (f" — {d.headcount}" if d.headcount is not None else ""),
    },
    "participants": {
        "title": gettext_lazy("Participants and officers"),
        "form": ParticipantForm,
        "rows": lambda m: m.participants.select_related("person", "delegation__country", "delegation__organization"),
        "describe": lambda p: f"{p.person.formal_name} — {p.get_capacity_display()}"
        + (f", {p.represents}" if p.represents else "")
        + (f" — {p.get_office_display()}" if p.office else ""),
    },
    "agenda": {
        "title": gettext_lazy("Agenda"),
        "form": AgendaItemForm,
        "rows": lambda m: m.agenda_items.all(),
        "describe": str,
    },
    "documents": {
        "title": gettext_lazy("Documents"),
        "form": DocumentForm,
        "rows": lambda m: m.documents.all(),
        "describe": lambda d: f"{d.symbol} {d.title} ({d.get_distribution_display()})".strip(),
    },
}


def _part(name):
    try:
        return PARTS[name]
    except KeyError:
        raise Http404("No such part of a meeting.") from None


def _render_part(request, meeting, name, form=None, status=200):
    part = _part(name)
    context = {
        "meeting": meeting,
        "name": name,
        "title": part["title"],
        "rows": [(row, part["describe"](row)) for row in part["rows"](meeting)],
        "form": form or part["form"](meeting=meeting, prefix=name),
    }
    template = "meetings/manage/part.html" if request.htmx else "meetings/manage/part_page.html"
    return render(request, template, context, status=status)


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
    return render(request, "meetings/manage/meeting_edit.html", {"meeting": meeting, "form": form, "parts": PARTS.keys()})


@secretariat_required
def meeting_part(request, pk, name):
    meeting = get_object_or_404(Meeting, pk=pk)
    if request.method != "POST":
        return _render_part(request, meeting, name)
    # Each part's form has its own prefix, so its fields' ids never clash with the meeting form's.
    form = _part(name)["form"](request.POST, meeting=meeting, prefix=name)
    if form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            form.add_error(None, _("This entry conflicts with one saved meanwhile; reload the page."))
        else:
            if not request.htmx:
                messages.success(request, _("Added."))
                return redirect("manage:meeting_edit", pk=pk)
            return _render_part(request, meeting, name)
    # htmx swaps only 2xx answers by default; a full page answers 400 with the same errors.
    return _render_part(request, meeting, name, form=form, status=200 if request.htmx else 400)


@secretariat_required
@require_POST
def meeting_part_delete(request, pk, name, item):
    meeting = get_object_or_404(Meeting, pk=pk)
    row = get_object_or_404(_part(name)["rows"](meeting), pk=item)
    row.delete()
    if request.htmx:
        return _render_part(request, meeting, name)
    return redirect("manage:meeting_edit", pk=pk)

"""The secretariat's agenda editor on the meeting page: items added, edited in place, moved (buttons
for the keyboard, drag and drop with meetings/agenda.js) and removed, until the agenda is adopted.
Every change goes through services.py; the answer is the editor again (an htmx fragment, or the
meeting page without JavaScript)."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext as _
from django_htmx.http import retarget

from liaison.core.concurrency import VersionConflict
from liaison.core.dates import day_month_year
from liaison.core.decorators import secretariat_required

from . import services
from .forms import AgendaItemForm
from .models import AgendaItem, AgendaStatus, Meeting

STEPS = {"up": -1, "down": 1}


def _meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("group"), pk=pk)


def _locked(meeting):
    if meeting.agenda_status == AgendaStatus.ADOPTED:
        return _("The agenda was adopted on %(date)s and can no longer change.") % {"date": day_month_year(meeting.agenda_adopted_on, get_language())}
    return None


def render_editor(request, meeting, form=None, status=200, refusal=None, announce="", focus=""):
    items = list(meeting.agenda_items.all())
    context = {
        "meeting": meeting, "items": items, "state": services.agenda_state(items), "locked": _locked(meeting),
        "form": form or AgendaItemForm(prefix="agenda"), "refusal": refusal, "announce": announce, "focus": focus,
        "last": len(items),
    }
    template = "meetings/manage/agenda_editor.html" if request.htmx else "meetings/manage/agenda_page.html"
    return render(request, template, context, status=status)


def _done(request, meeting, message="", **kwargs):
    """After a change: the editor (htmx) or back to the meeting page with the message."""
    if request.htmx:
        return render_editor(request, meeting, announce=message, **kwargs)
    if message:
        messages.success(request, message)
    return redirect(reverse("manage:meeting_edit", args=[meeting.pk]) + "#part-agenda")


def _refused(request, meeting, refusal):
    # htmx swaps only 2xx answers: the refusal is shown in the editor as it now stands.
    return render_editor(request, meeting, status=200 if request.htmx else 409, refusal=refusal)


@secretariat_required
def editor(request, pk):
    """GET: the editor. POST: add an item at the end."""
    meeting = _meeting(pk)
    if request.method != "POST":
        return render_editor(request, meeting)
    form = AgendaItemForm(request.POST, prefix="agenda")
    if not form.is_valid():
        return render_editor(request, meeting, form=form, status=200 if request.htmx else 400)
    data = form.cleaned_data
    try:
        item = services.add_agenda_item(meeting, data["title"], data["annotation"], data["sub_item"])
    except services.Refused as refused:
        return _refused(request, meeting, str(refused))
    return _done(request, meeting, _("Item %(number)s “%(title)s” added.") % {"number": item.number, "title": item.title})


@secretariat_required
def edit(request, pk, item):
    """The item's form in place of its row (GET), saved (POST); a stale save keeps the input."""
    meeting = _meeting(pk)
    row = get_object_or_404(AgendaItem, pk=item, meeting=meeting)
    if _locked(meeting):
        response = _refused(request, meeting, _locked(meeting))
        return retarget(response, "#part-agenda") if request.htmx else response
    if request.method != "POST":
        form = AgendaItemForm(item=row)
    else:
        form = AgendaItemForm(request.POST, item=row)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.edit_agenda_item(row, data["title"], data["annotation"], data["sub_item"], data["version"])
            except VersionConflict:
                form.add_error(None, _("Someone else saved this item while you were editing it. Your changes are below but "
                                       "were not saved: cancel to see the item as it is now, then edit it again."))
            except services.Refused as refused:
                form.add_error(None, str(refused))
            else:
                response = _done(request, meeting, _("Item %(number)s saved.") % {"number": saved.number}, focus=f"agenda-{saved.pk}-edit")
                return retarget(response, "#part-agenda") if request.htmx else response
    template = "meetings/manage/agenda_item_form.html" if request.htmx else "meetings/manage/agenda_item_page.html"
    status = 400 if form.errors and not request.htmx else 200
    return render(request, template, {"meeting": meeting, "item": row, "form": form}, status=status)


@secretariat_required
def move(request, pk, item):
    """Move an item one place up or down (the keyboard's way; drag and drop uses ``reorder``)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    meeting = _meeting(pk)
    row = get_object_or_404(AgendaItem, pk=item, meeting=meeting)
    step = request.POST.get("step", "")
    if step not in STEPS:
        return render_editor(request, meeting, status=400, refusal=_("Move an item up or down."))
    try:
        items = services.move_agenda_item(row, STEPS[step], request.POST.get("state"))
    except services.Refused as refused:
        return _refused(request, meeting, str(refused))
    return _done(request, meeting, _moved(items, row.pk), focus=f"agenda-{row.pk}-{step}")


@secretariat_required
def reorder(request, pk):
    """Put the agenda in the order given (comma-separated item ids), as after a drag and drop."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    meeting = _meeting(pk)
    try:
        ids = [int(part) for part in request.POST.get("order", "").split(",") if part.strip()]
        moved = int(request.POST.get("moved") or 0)
    except ValueError:
        return render_editor(request, meeting, status=400, refusal=_("The new order is not a list of agenda items."))
    try:
        items = services.reorder_agenda(meeting, ids, request.POST.get("state"))
    except services.Refused as refused:
        return _refused(request, meeting, str(refused))
    return _done(request, meeting, _moved(items, moved) if moved else _("Agenda reordered."))


@secretariat_required
def delete(request, pk, item):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    meeting = _meeting(pk)
    row = get_object_or_404(AgendaItem, pk=item, meeting=meeting)
    try:
        services.delete_agenda_item(row)
    except services.Refused as refused:
        return _refused(request, meeting, str(refused))
    return _done(request, meeting, _("Item “%(title)s” removed.") % {"title": row.title})


def _moved(items, pk) -> str:
    """The sentence read out after a move: where the item is now."""
    item = next((i for i in items if i.pk == pk), None)
    if item is None:
        return _("Agenda reordered.")
    return _("“%(title)s” is now item %(number)s, %(position)d of %(count)d.") % {
        "title": item.title, "number": item.number, "position": item.position, "count": len(items)}

from dataclasses import replace

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.core import jobs
from liaison.core.decorators import secretariat_required

from . import exports, trail
from .models import TRACKED

# How the page names the tracked records and the actions (the CSV keeps the codes).
MODEL_NAMES = {"core.person": _("People"), "roster.expert": _("Experts"), "meetings.meeting": _("Meetings"),
               "meetings.meetingdocument": _("Meeting documents"), "groups.membership": _("Memberships")}
ACTION_NAMES = {"created": pgettext_lazy("audit trail", "created"), "changed": pgettext_lazy("audit trail", "changed"),
                "deleted": pgettext_lazy("audit trail", "deleted")}
MODEL_CHOICES = [("", _("every kind of record"))] + [(label, MODEL_NAMES.get(label) or capfirst(TRACKED[label]._meta.verbose_name_plural))
                                                    for label in TRACKED] + [("deletions", _("Deletions of other records"))]


# Fields whose model gives no translated name of their own.
FIELD_NAMES = {"approved_on": _("Approved on"), "expires_on": _("Expires on"), "updated": _("Updated"), "created": _("Created"),
               "nominated_by": _("Nominated by"), "position": _("Position")}


def _value(model, name, value):
    """A stored choice as its label in the reader's language (a language code as the language's name)."""
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return value
    return dict(field.flatchoices).get(value, value) if field is not None and field.choices else value


def _shown(entry):
    """An entry as the page shows it: the record's kind, the action and each field by their names in
    the reader's language (a field without a translated name keeps its own)."""
    model = TRACKED.get(entry.model)

    def field_name(name):
        if model is None:
            return name
        if name.removesuffix("_id") in FIELD_NAMES:
            return FIELD_NAMES[name.removesuffix("_id")]
        for candidate in (name, name.removesuffix("_id")):
            try:
                return capfirst(model._meta.get_field(candidate).verbose_name)
            except FieldDoesNotExist:
                continue
        return name

    action, reason = (entry.action.split(" (", 1) + [""])[:2]
    action = str(ACTION_NAMES.get(action, action)) + (f" ({reason}" if reason else "")
    return replace(entry, model=str(MODEL_NAMES.get(entry.model, entry.model)), action=action,
                   changes=[(field_name(name), _value(model, name, old), _value(model, name, new)) for name, old, new in entry.changes])


class TrailFilter(forms.Form):
    model = forms.ChoiceField(label=_("Records"), choices=MODEL_CHOICES, required=False)
    user = forms.ModelChoiceField(label=_("Changed by"), queryset=get_user_model().objects.filter(is_staff=True) | get_user_model().objects.none(), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=pgettext_lazy("end of a date range", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.order_by("email")


@secretariat_required
def audit_trail(request, export=False):
    form = TrailFilter(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"model": data["model"], "user_id": data["user"].pk if data["user"] else None,
                   "since": data["since"], "until": data["until"]}
    if export:
        if trail.count(**filters, cap=exports.EXPORT_LIMIT) > jobs.inline_rows():  # a long trail is made by the worker
            job = jobs.start_export("liaison.audit.exports.trail_file", exports.job_args(filters), owner=request.user,
                                    title=str(_("Audit trail (CSV)")), filename=exports.FILENAME, access="liaison.audit.exports.can_see_trail")
            return redirect("job", pk=job.pk)
        response = HttpResponse(exports.trail_text(filters), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{exports.FILENAME}"'
        return response
    entries = [_shown(entry) for entry in trail.entries(**filters, limit=200)]
    return render(request, "audit/trail.html", {"form": form, "entries": entries, "query": request.GET.urlencode()})

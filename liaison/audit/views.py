from django import forms
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from liaison.core.decorators import secretariat_required
from liaison.core.spreadsheets import csv_text

from . import trail
from .models import TRACKED

MODEL_CHOICES = [("", _("every kind of record"))] + [(label, TRACKED[label]._meta.verbose_name_plural.capitalize()) for label in TRACKED] + [
    ("deletions", _("Deletions of other records"))
]


class TrailFilter(forms.Form):
    model = forms.ChoiceField(label=_("Records"), choices=MODEL_CHOICES, required=False)
    user = forms.ModelChoiceField(label=_("Changed by"), queryset=get_user_model().objects.filter(is_staff=True) | get_user_model().objects.none(), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

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
    entries = trail.entries(**filters, limit=5000 if export else 200)
    if export:
        rows = ([e.at.isoformat(), e.user, e.model, e.object_pk, e.action, e.changes_text()] for e in entries)
        response = HttpResponse(csv_text(["when (UTC)", "who", "record", "id", "action", "old → new"], rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
        return response
    return render(request, "audit/trail.html", {"form": form, "entries": entries, "query": request.GET.urlencode()})

from django import forms
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.core import jobs
from liaison.core.decorators import secretariat_required

from . import exports, trail
from .models import TRACKED

MODEL_CHOICES = [("", _("every kind of record"))] + [(label, capfirst(TRACKED[label]._meta.verbose_name_plural)) for label in TRACKED] + [
    ("deletions", _("Deletions of other records"))
]


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
    entries = trail.entries(**filters, limit=200)
    return render(request, "audit/trail.html", {"form": form, "entries": entries, "query": request.GET.urlencode()})

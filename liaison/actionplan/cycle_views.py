"""Reporting cycles: the secretariat creates, opens, closes and publishes them (after a confirmation);
reporters find the report they fill in. Writes go through reporting.py; access.py decides who sees what."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, gettext_lazy

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required
from liaison.core.models import Country, Organization
from liaison.groups.access import is_secretariat

from . import access, reporting
from .models import ActionPlan, CycleStatus, Indicator, ReportingCycle, SubmissionStatus


class CycleForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1990, max_value=2100, help_text=gettext_lazy("The year the values are for."))
    period_start = forms.DateField(label=gettext_lazy("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=gettext_lazy("Period to"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label=gettext_lazy("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    indicators = forms.ModelMultipleChoiceField(label=gettext_lazy("Indicators"), queryset=Indicator.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = Indicator.objects.filter(objective__plan=plan).select_related("objective")
        self.fields["indicators"].label_from_instance = lambda i: f"{i.objective.number}. {i.text}"

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period ends before it starts."))
        return data


def cycles(request, pk):
    """The plan's cycles: the secretariat opens new ones; reporters find the report they fill in."""
    plan = get_object_or_404(ActionPlan.objects.select_related("group"), pk=pk)
    if not access.can_see_plan(request.user, plan):
        raise Http404("No such action plan.")
    secretariat = is_secretariat(request.user)
    form = None
    if secretariat:
        form = CycleForm(request.POST or None, plan=plan)
        if request.method == "POST" and form.is_valid():
            try:
                cycle = reporting.create_cycle(plan, **form.cleaned_data)
            except reporting.Refused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Cycle created. Open it when the reporters may start."))
                return redirect("actionplan:cycle", pk=cycle.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Only the secretariat opens reporting cycles."))
    listed = plan.cycles.all() if secretariat else plan.cycles.exclude(status=CycleStatus.PREPARING)
    return render(request, "actionplan/cycles.html", {"plan": plan, "cycles": listed, "form": form},
                  status=400 if form is not None and form.errors else 200)


def _cycle(pk):
    return get_object_or_404(ReportingCycle.objects.select_related("plan__group"), pk=pk)


def cycle(request, pk):
    cycle = _cycle(pk)
    plan = cycle.plan
    if not access.can_see_plan(request.user, plan) or (cycle.status == CycleStatus.PREPARING and not is_secretariat(request.user)):
        raise Http404("No such cycle.")
    countries, organizations = access.reporters(request.user, plan.group)
    context = {"cycle": cycle, "plan": plan, "secretariat": is_secretariat(request.user),
               "indicators": cycle.indicators.select_related("objective").order_by("objective__number", "position")}
    if context["secretariat"]:
        context["submissions"] = [(s, reporter_key(s)) for s in cycle.submissions.select_related("country", "organization")]
        context["steps"] = [step for step, (allowed, _) in reporting.CYCLE_STEPS.items() if cycle.status in allowed]
    mine = {s.country_id or f"o{s.organization_id}": s for s in cycle.submissions.filter(country_id__in=countries)}
    mine.update({f"o{s.organization_id}": s for s in cycle.submissions.filter(organization_id__in=organizations)})
    context["own"] = [
        (country, country.iso3, mine.get(country.pk)) for country in Country.objects.filter(pk__in=countries)
    ] + [(org, f"org-{org.pk}", mine.get(f"o{org.pk}")) for org in Organization.objects.filter(pk__in=organizations)]
    return render(request, "actionplan/cycle.html", context)


@secretariat_required
def cycle_step(request, pk, step):
    """Open, close, publish or unpublish a cycle, after a confirmation page."""
    cycle = _cycle(pk)
    if step not in reporting.CYCLE_STEPS:
        raise Http404("No such step.")
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            reporting.move_cycle(cycle, step, request.POST.get("version"))
        except reporting.Refused as refused:
            messages.error(request, str(refused))
        except VersionConflict:
            messages.error(request, _("Someone else changed the cycle meanwhile; nothing was done. Check and try again."))
        else:
            messages.success(request, _("Status of the cycle: %(status)s.") % {"status": cycle.get_status_display()})
        return redirect("actionplan:cycle", pk=cycle.pk)
    pending = cycle.submissions.filter(status=SubmissionStatus.SUBMITTED).count()
    return render(request, "actionplan/cycle_confirm.html", {"cycle": cycle, "step": step, "pending": pending})


def reporter_key(submission_or_reporter):
    target = getattr(submission_or_reporter, "reporter", submission_or_reporter)
    return target.iso3 if isinstance(target, Country) else f"org-{target.pk}"

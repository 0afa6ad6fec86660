"""Pages of needs assessments: the secretariat builds the questionnaire (a section per objective) and
sends it; each country's focal points answer once per assessment; the results are a heat map of
priority needs per objective and UN regional group, with the plan's activities for each need."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required
from liaison.core.models import Country
from liaison.core.spreadsheets import csv_text
from liaison.groups.access import focal_point_countries, is_secretariat

from . import access, needs
from .models import (
    PRIORITY_SCALE,
    Activity,
    ActionPlan,
    AssessmentStatus,
    NeedsAssessment,
    NeedsResponse,
    QuestionKind,
    ResponseStatus,
    Section,
)
from .reporting import Refused, RowErrors


class AssessmentForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1990, max_value=2100)
    deadline = forms.DateField(label=gettext_lazy("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    introduction = forms.CharField(label=gettext_lazy("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(choices=QuestionKind.choices)
    text = forms.CharField(label=gettext_lazy("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    choices = forms.CharField(label=gettext_lazy("Options (one per line, for choice questions)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    required = forms.BooleanField(required=False)
    activities = forms.ModelMultipleChoiceField(queryset=Activity.objects.none(), required=False,
                                                label=gettext_lazy("Activities of the plan that answer this need"))

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        objective = section.objective
        self.fields["activities"].queryset = objective.activities.all() if objective else Activity.objects.none()
        self.fields["activities"].label_from_instance = lambda a: a.text[:90]


def assessments(request, pk):
    plan = get_object_or_404(ActionPlan.objects.select_related("group"), pk=pk)
    if not access.can_see_plan(request.user, plan):
        raise Http404("No such action plan.")
    secretariat = is_secretariat(request.user)
    form = AssessmentForm(request.POST or None) if secretariat else None
    if request.method == "POST":
        if not secretariat:
            raise PermissionDenied(_("Only the secretariat builds needs assessments."))
        if form.is_valid():
            assessment = needs.create_assessment(plan, **form.cleaned_data)
            messages.success(request, _("Questionnaire created with a section per operational objective: add the questions."))
            return redirect("actionplan:needs", pk=assessment.pk)
    listed = plan.assessments.all() if secretariat else plan.assessments.exclude(status=AssessmentStatus.PREPARING)
    return render(request, "actionplan/assessments.html", {"plan": plan, "assessments": listed, "form": form},
                  status=400 if form is not None and form.errors else 200)


def _assessment(request, pk):
    assessment = get_object_or_404(NeedsAssessment.objects.select_related("plan__group"), pk=pk)
    if not access.can_see_plan(request.user, assessment.plan) or (
        assessment.status == AssessmentStatus.PREPARING and not is_secretariat(request.user)
    ):
        raise Http404("No such assessment.")
    return assessment


def assessment(request, pk):
    """The builder for the secretariat; for a focal point, the way to their country's response."""
    assessment = _assessment(request, pk)
    secretariat = is_secretariat(request.user)
    sections = list(assessment.sections.select_related("objective").prefetch_related("questions__activities"))
    countries = Country.objects.filter(pk__in=focal_point_countries(request.user, assessment.plan.group))
    responses = {r.country_id: r for r in assessment.responses.filter(country__in=countries)}
    return render(request, "actionplan/assessment.html", {
        "assessment": assessment, "secretariat": secretariat,
        "sections": [(s, QuestionForm(section=s, prefix=f"s{s.pk}") if secretariat else None) for s in sections],
        "own": [(c, responses.get(c.pk)) for c in countries],
        "received": assessment.responses.select_related("country") if secretariat else None,
    })


@secretariat_required
@require_POST
def add_question(request, pk, section_pk):
    assessment = get_object_or_404(NeedsAssessment, pk=pk)
    section = get_object_or_404(Section.objects.select_related("objective", "assessment"), pk=section_pk, assessment=assessment)
    form = QuestionForm(request.POST, section=section, prefix=f"s{section.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            needs.add_question(section, kind=data["kind"], text=data["text"], choices=data["choices"].splitlines(),
                               required=data["required"], activities=data["activities"])
        except Refused as refused:
            messages.error(request, str(refused))
    else:
        messages.error(request, _("The question was not added: %(errors)s") % {
            "errors": "; ".join(e for errors in form.errors.values() for e in errors)})
    return redirect(f"/plans/needs/{assessment.pk}/#section-{section.pk}")


@secretariat_required
def assessment_step(request, pk, step):
    assessment = get_object_or_404(NeedsAssessment.objects.select_related("plan__group"), pk=pk)
    if step not in needs.ASSESSMENT_STEPS:
        raise Http404("No such step.")
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            sent = needs.move(assessment, step, request.POST.get("version"))
        except Refused as refused:
            messages.error(request, str(refused))
        except VersionConflict:
            messages.error(request, _("Someone else changed the assessment meanwhile; nothing was done."))
        else:
            messages.success(request, ngettext("Status of the assessment: %(s)s. %(n)d focal point e-mailed.",
                                               "Status of the assessment: %(s)s. %(n)d focal points e-mailed.", sent) % {
                "s": assessment.get_status_display(), "n": sent})
        return redirect("actionplan:needs", pk=assessment.pk)
    return render(request, "actionplan/assessment_confirm.html", {"assessment": assessment, "step": step})


def response(request, pk, iso3):
    """A country's response: its focal points fill it in (draft, then submitted); the secretariat reads it."""
    assessment = _assessment(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    country = get_object_or_404(Country, iso3=iso3.upper())
    group = assessment.plan.group
    found = NeedsResponse.objects.filter(assessment=assessment, country=country).first()
    is_focal_point = country.pk in focal_point_countries(request.user, group)
    if not (is_focal_point or (is_secretariat(request.user) and found)):
        raise Http404("No such response.")
    editable = is_focal_point and assessment.status == AssessmentStatus.OPEN and (found is None or found.status == ResponseStatus.DRAFT)
    errors, posted, status = [], None, 200
    questions = [q for s in assessment.sections.prefetch_related("questions") for q in s.questions.all()]
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("This response cannot change now."))
        posted = request.POST
        try:
            found = needs.response_for(assessment, country)
            needs.save_answers(found, {q.pk: request.POST.get(f"q{q.pk}", "") for q in questions}, user=request.user,
                               submit=request.POST.get("action") == "submit",
                               expected_version=request.POST.get("version") or found.version)
        except RowErrors as invalid:
            errors, status = invalid.errors, 400
        except Refused as refused:
            errors, status = [("", str(refused))], 400
        except VersionConflict:
            errors, status = [("", _("Someone else saved this response meanwhile; reload to see it. Your input is below."))], 409
        else:
            messages.success(request, _("Response submitted.") if request.POST.get("action") == "submit" else _("Draft saved."))
            return redirect("actionplan:needs_response", pk=assessment.pk, iso3=country.iso3)
    answers = {a.question_id: a for a in found.answers.all()} if found and found.pk else {}
    sections = []
    for section in assessment.sections.prefetch_related("questions"):
        rows = []
        for q in section.questions.all():
            answer = answers.get(q.pk)
            if posted is not None:
                value = posted.get(f"q{q.pk}", "")
            elif answer is None:
                value = ""
            elif q.kind == QuestionKind.YES_NO:
                value = "yes" if answer.number else "no"
            elif q.kind in (QuestionKind.NUMBER, QuestionKind.PRIORITY):
                value = str(answer.number.normalize()) if q.kind == QuestionKind.NUMBER else str(int(answer.number))
            else:
                value = answer.text
            rows.append((q, value))
        sections.append((section, rows))
    return render(request, "actionplan/response_form.html", {
        "assessment": assessment, "country": country, "response": found, "sections": sections, "errors": errors,
        "editable": editable, "scale": [(str(v), label) for v, label in PRIORITY_SCALE],
    }, status=status)


def _results_visible(user, assessment):
    return is_secretariat(user) or assessment.status == AssessmentStatus.CLOSED


def results(request, pk):
    assessment = _assessment(request, pk)
    if not _results_visible(request.user, assessment):
        raise Http404("The results are published when the assessment closes.")
    return render(request, "actionplan/needs_results.html", {"assessment": assessment, **needs.heat_map(assessment)})


def results_csv(request, pk):
    assessment = _assessment(request, pk)
    if not _results_visible(request.user, assessment):
        raise Http404("The results are published when the assessment closes.")
    data = needs.heat_map(assessment)  # the regions' names in the reader's language, as every fixed word here
    header = [_("objective"), *[label for _code, label in data["regions"]], _("total")]
    rows = [[section.title, *[count for count, _level in cells], total] for section, cells, total in data["rows"]]
    rows.append([_("responses received"), *data["responses"], sum(data["responses"])])
    rows.append([])
    rows.append([_("need (priority question)"), _("high-priority responses"), _("activities in the plan")])
    none = pgettext("no activities", "none")
    rows += [[q.text, n, "; ".join(a.text for a in activities) or none] for q, n, activities in data["needs"]]
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="needs-assessment-{assessment.pk}.csv"'
    return response

"""Pages of action plans: the plan, its in-place editor (secretariat), reporting cycles and each
Party's report form, the public dashboard with its CSV/XLSX. Views parse input and render; writes go
through services.py and reporting.py; what a user sees is decided by access.py."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required
from liaison.core.forms import checked_upload
from liaison.core.models import Country, Organization
from liaison.core.spreadsheets import XLSX_TYPE, csv_text, xlsx_bytes
from liaison.groups.access import is_secretariat

from . import access, dashboard as dashboard_data, reporting, services
from .models import ActionPlan, CycleStatus, Indicator, ReportingCycle, Submission, SubmissionStatus

def _plan_or_404(request, pk):
    plan = get_object_or_404(services.plan_queryset(), pk=pk)
    if not access.can_see_plan(request.user, plan):
        raise Http404("No such action plan.")
    return plan


def plan_detail(request, pk):
    plan = _plan_or_404(request, pk)
    groups = [(o, services.activity_groups(o)) for o in plan.objectives.all()]
    return render(request, "actionplan/plan.html", {
        "plan": plan, "objectives": groups, "elements": plan.mechanisms.prefetch_related("elements__merged_into", "elements__events", "elements__groups"),
        "can_edit": is_secretariat(request.user),
    })


# --- editing in place (secretariat) -----------------------------------------------------------------
class _VersionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


def _record_form(kind):
    model, fields = services.EDITABLE[kind]
    return forms.modelform_factory(model, form=_VersionForm, fields=list(fields))


@secretariat_required
def plan_edit(request, pk):
    plan = get_object_or_404(services.plan_queryset(), pk=pk)
    return render(request, "actionplan/plan_edit.html", {
        "plan": plan, "changes": plan.changes.select_related("changed_by")[:50],
    })


@secretariat_required
def record_edit(request, pk, kind, record_pk):
    """GET: the record's form (an htmx fragment, or a page). POST: save from the version edited, keeping
    the change in the history; a conflict shows the form again with the input kept."""
    if kind not in services.EDITABLE:
        raise Http404("No such kind of record.")
    plan = get_object_or_404(ActionPlan, pk=pk)
    model = services.EDITABLE[kind][0]
    record = get_object_or_404(model, pk=record_pk)
    if services.plan_of(record).pk != plan.pk:
        raise Http404("No such record in this plan.")
    form_class = _record_form(kind)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, instance=model.objects.get(pk=record.pk))
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in services.EDITABLE[kind][1]}
            current = model.objects.get(pk=record.pk)
            try:
                services.edit(current, changes, user=request.user, expected_version=form.cleaned_data["version"])
            except VersionConflict:
                form.add_error(None, _("Someone else saved this record while you were editing it. Your changes are below "
                                       "but were not saved: compare with the current text (reload) and save again."))
                status = 409
            except (ValueError, forms.ValidationError) as error:
                form.add_error(None, str(error))
                status = 400
            else:
                if request.htmx:
                    return render(request, "actionplan/record_row.html", {"plan": plan, "kind": kind, "record": current})
                messages.success(request, _("Saved."))
                return redirect("actionplan:edit", pk=plan.pk)
        else:
            status = 400
    else:
        form = form_class(instance=record, initial={"version": record.version})
    template = "actionplan/record_form.html" if request.htmx else "actionplan/record_form_page.html"
    return render(request, template, {"plan": plan, "kind": kind, "record": record, "form": form}, status=status)


# --- dashboard ------------------------------------------------------------------------------------
def dashboard(request, pk):
    plan = get_object_or_404(ActionPlan, pk=pk)
    if not access.can_see_plan(request.user, plan):
        raise Http404("No such action plan.")
    data = dashboard_data.build(plan.pk)
    return render(request, "actionplan/dashboard.html", data)


def dashboard_export(request, pk, fmt):
    plan = get_object_or_404(ActionPlan, pk=pk)
    if not access.can_see_plan(request.user, plan):
        raise Http404("No such action plan.")
    rows = dashboard_data.table_rows(dashboard_data.build(plan.pk))
    name = f"action-plan-{plan.pk}-dashboard"
    if fmt == "csv":
        response = HttpResponse(csv_text(dashboard_data.TABLE_HEADER, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(xlsx_bytes({"Dashboard": (dashboard_data.TABLE_HEADER, rows)}), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# --- reporting cycles ---------------------------------------------------------------------------------
class CycleForm(forms.Form):
    title = forms.CharField(max_length=200)
    year = forms.IntegerField(min_value=1990, max_value=2100, help_text=_("The year the values are for."))
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    indicators = forms.ModelMultipleChoiceField(queryset=Indicator.objects.none(), widget=forms.CheckboxSelectMultiple)

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
        raise PermissionDenied("Only the secretariat opens reporting cycles.")
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
            messages.success(request, _("The cycle is now %(status)s.") % {"status": cycle.get_status_display().lower()})
        return redirect("actionplan:cycle", pk=cycle.pk)
    pending = cycle.submissions.filter(status=SubmissionStatus.SUBMITTED).count()
    return render(request, "actionplan/cycle_confirm.html", {"cycle": cycle, "step": step, "pending": pending})


def _reporter(reporter):
    """'SEN' (a country's ISO code) or 'org-12' (an organization) from the URL."""
    if reporter.startswith("org-") and reporter[4:].isdigit():
        return None, get_object_or_404(Organization, pk=int(reporter[4:]))
    return get_object_or_404(Country, iso3=reporter.upper()), None


def reporter_key(submission_or_reporter):
    target = getattr(submission_or_reporter, "reporter", submission_or_reporter)
    return target.iso3 if isinstance(target, Country) else f"org-{target.pk}"


def _report_context(request, pk, reporter):
    cycle = _cycle(pk)
    if not request.user.is_authenticated:
        return None
    country, organization = _reporter(reporter)
    lookup = {"country": country} if country else {"organization": organization}
    submission = Submission.objects.filter(cycle=cycle, **lookup).first()
    if submission is None:
        if not access.can_report_for(request.user, cycle.plan.group, country=country, organization=organization):
            raise Http404("No such report.")
        submission = Submission(cycle=cycle, **lookup)  # not started: created by its first valid save
    elif not access.can_see_submission(request.user, submission, cycle.plan.group):
        raise Http404("No such report.")
    return cycle, submission


def _rows_from_post(post, indicators):
    rows = {}
    for indicator in indicators:
        key = f"i{indicator.pk}"
        rows[indicator.pk] = {
            "label": indicator.text[:60],
            "value": post.get(f"{key}-value", ""),
            "denominator": post.get(f"{key}-denominator", "") or None,
            "narrative": post.get(f"{key}-narrative", ""),
            "evidence": reporting.split_links(post.get(f"{key}-evidence", "")),
        }
    return rows


def report_form(request, pk, reporter):
    """A Party's (or organization's) report in a cycle: one row per indicator, saved as a draft,
    submitted; the secretariat sees it and accepts or returns it."""
    found = _report_context(request, pk, reporter)
    if found is None:
        return redirect_to_login(request.get_full_path())
    cycle, submission = found
    indicators = list(cycle.indicators.select_related("objective").order_by("objective__number", "position", "id"))
    values = {v.indicator_id: v for v in submission.values.all()} if submission.pk else {}
    errors, posted, status = [], None, 200
    editable = access.can_edit_submission(request.user, submission, cycle.plan.group) if submission.pk else (
        cycle.status == CycleStatus.OPEN and not is_secretariat(request.user))
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("This report cannot change now.")
        posted = request.POST
        try:
            with transaction.atomic():  # a report started by a refused save is not kept either
                if submission.pk is None:
                    submission = reporting.submission_for(cycle, country=submission.country, organization=submission.organization)
                reporting.save_values(submission, _rows_from_post(request.POST, indicators), user=request.user,
                                      expected_version=request.POST.get("version") or submission.version)
                if request.POST.get("action") == "submit":
                    submission.refresh_from_db()
                    reporting.submit(submission, user=request.user, expected_version=submission.version)
            messages.success(request, _("Report submitted to the secretariat.") if request.POST.get("action") == "submit"
                             else _("Draft saved."))
            return redirect("actionplan:report", pk=cycle.pk, reporter=reporter)
        except reporting.RowErrors as invalid:
            errors, status = invalid.errors, 400
        except reporting.Refused as refused:
            errors, status = [("", str(refused))], 400
        except VersionConflict:
            errors, status = [("", _("Someone else saved this report meanwhile; your input is below but was not saved. "
                                     "Reload to see their version."))], 409
    rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        key = f"i{indicator.pk}"
        if posted is not None:
            current = {"value": posted.get(f"{key}-value", ""), "denominator": posted.get(f"{key}-denominator", ""),
                       "narrative": posted.get(f"{key}-narrative", ""), "evidence": posted.get(f"{key}-evidence", "")}
        else:
            shown = ""
            if value is not None and value.value is not None:
                shown = ("yes" if value.value else "no") if reporting.answer_kind(indicator) == "yes_no" else value.value.normalize()
            current = {"value": shown, "denominator": value.denominator.normalize() if value and value.denominator is not None else "",
                       "narrative": value.narrative if value else "", "evidence": " ".join(value.evidence) if value else ""}
        rows.append({"indicator": indicator, "key": key, "kind": reporting.answer_kind(indicator), **current})
    return render(request, "actionplan/report_form.html", {
        "cycle": cycle, "submission": submission, "rows": rows, "errors": errors, "editable": editable,
        "reporter": reporter, "secretariat": is_secretariat(request.user),
        "events": submission.events.select_related("by") if submission.pk else [],
    }, status=status)


def report_sheet(request, pk, reporter):
    found = _report_context(request, pk, reporter)
    if found is None:
        return redirect_to_login(request.get_full_path())
    cycle, submission = found
    data = reporting.sheet(submission) if submission.pk else _blank_sheet(cycle)
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="report-{cycle.pk}-{reporter}.xlsx"'
    return response


def _blank_sheet(cycle):
    """A report not started yet: the same sheet with nothing filled in."""
    rows = [[i.pk, i.objective.number, i.text, reporting.ANSWER_HELP[reporting.answer_kind(i)], None, None, "", ""]
            for i in cycle.indicators.select_related("objective").order_by("objective__number", "position", "id")]
    return xlsx_bytes({"Report": (reporting.SHEET_HEADER, rows)})


class SheetForm(forms.Form):
    sheet = forms.FileField(label=_("Filled-in sheet (XLSX)"))

    def clean_sheet(self):
        upload = checked_upload(self.cleaned_data["sheet"])
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the XLSX sheet downloaded from this page."))
        return upload


@require_POST
def report_upload(request, pk, reporter):
    found = _report_context(request, pk, reporter)
    if found is None:
        return redirect_to_login(request.get_full_path())
    cycle, submission = found
    allowed = (access.can_edit_submission(request.user, submission, cycle.plan.group) if submission.pk
               else cycle.status == CycleStatus.OPEN and not is_secretariat(request.user))
    if not allowed:
        raise PermissionDenied("This report cannot change now.")
    form = SheetForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        try:
            rows = reporting.read_sheet(form.cleaned_data["sheet"].read())
            with transaction.atomic():  # one bad row: not even an empty report is kept
                if submission.pk is None:
                    submission = reporting.submission_for(cycle, country=submission.country, organization=submission.organization)
                reporting.save_values(submission, rows, user=request.user, expected_version=submission.version)
        except reporting.RowErrors as invalid:
            errors = invalid.errors
        except reporting.Refused as refused:
            errors = [("", str(refused))]
    else:
        errors = [("file", "; ".join(e for field in form.errors.values() for e in field))]
    if errors:
        return render(request, "actionplan/upload_errors.html", {"cycle": cycle, "reporter": reporter, "errors": errors}, status=400)
    messages.success(request, _("The sheet was read: every row is saved in the draft."))
    return redirect("actionplan:report", pk=cycle.pk, reporter=reporter)


@secretariat_required
@require_POST
def report_review(request, pk, reporter, action):
    cycle = _cycle(pk)
    country, organization = _reporter(reporter)
    lookup = {"country": country} if country else {"organization": organization}
    submission = get_object_or_404(Submission, cycle=cycle, **lookup)
    try:
        if action == "accept":
            reporting.accept(submission, user=request.user, expected_version=request.POST.get("version"))
        elif action == "return":
            reporting.return_report(submission, user=request.user, reason=request.POST.get("reason", ""),
                                    expected_version=request.POST.get("version"))
        else:
            raise Http404("No such action.")
    except reporting.Refused as refused:
        messages.error(request, str(refused))
    except VersionConflict:
        messages.error(request, _("The report changed meanwhile; nothing was done. Look again."))
    return redirect(reverse("actionplan:report", kwargs={"pk": cycle.pk, "reporter": reporter}))

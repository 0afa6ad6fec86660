"""One Party's (or organization's) report in a cycle: the web form (draft, submit), the XLSX sheet
downloaded and uploaded (validated row by row; one bad row and nothing is saved), and the secretariat's
review (accept, or return with a reason). Writes go through reporting.py; access.py decides who sees what."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required
from liaison.core.forms import checked_upload
from liaison.core.models import Country, Organization
from liaison.core.spreadsheets import XLSX_TYPE
from liaison.groups.access import is_secretariat

from . import access, reporting
from .cycle_views import _cycle
from .models import CycleStatus, IndicatorKind, Submission


def _reporter(reporter):
    """'SEN' (a country's ISO code) or 'org-12' (an organization) from the URL."""
    if reporter.startswith("org-") and reporter[4:].isdigit():
        return None, get_object_or_404(Organization, pk=int(reporter[4:]))
    return get_object_or_404(Country, iso3=reporter.upper()), None


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
            raise PermissionDenied(_("This report cannot change now."))
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
                # "yes"/"no" are the codes of the select's options (their labels are translated in the template)
                shown = ("yes" if value.value else "no") if reporting.answer_kind(indicator) == IndicatorKind.YES_NO else value.value.normalize()
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
    return reporting.sheet_bytes(rows)


class SheetForm(forms.Form):
    sheet = forms.FileField(label=gettext_lazy("Filled-in sheet (XLSX)"))

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
        raise PermissionDenied(_("This report cannot change now."))
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

"""Public pages of an action plan: the plan itself and its dashboard of published cycles with CSV/XLSX.
The secretariat's editor is in edit_views.py, reporting cycles in cycle_views.py, each Party's report in
report_views.py, needs assessments in needs_views.py. Views parse input and render; writes go through
services.py and reporting.py; what a user sees is decided by access.py."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from liaison.core import jobs
from liaison.core.downloads import download
from liaison.core.spreadsheets import XLSX_TYPE
from liaison.groups.access import is_secretariat

from . import access, dashboard as dashboard_data, services
from .models import ActionPlan, PlanStatus


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
        "last_adopted": access.last_public_version(plan) if plan.status == PlanStatus.REVISING else None,
    })


# --- dashboard ------------------------------------------------------------------------------------
def dashboard(request, pk):
    plan = get_object_or_404(ActionPlan, pk=pk)
    if not access.can_see_plan(request.user, plan):
        raise Http404("No such action plan.")
    data = dashboard_data.build(plan.pk)
    return render(request, "actionplan/dashboard.html", data)


def dashboard_export(request, pk, fmt):
    """The dashboard's figures as CSV or XLSX, in the reader's language; a long table (its rows counted
    by the database, nothing built) is made by the worker, under the plan's rule."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    if not access.can_see_plan(request.user, plan):
        raise Http404("No such action plan.")
    name = dashboard_data.export_filename(plan.pk, fmt)
    if dashboard_data.row_count(plan) > jobs.inline_rows():
        job = jobs.start_export("liaison.actionplan.dashboard.dashboard_file", {"plan": plan.pk, "fmt": fmt},
                                owner=request.user if request.user.is_authenticated else None,
                                title=_("Dashboard of %(plan)s (%(format)s)") % {"plan": plan, "format": fmt.upper()},
                                filename=name, access="liaison.actionplan.dashboard.can_see_dashboard")
        return redirect("job", pk=job.pk)
    rows = dashboard_data.table_rows(dashboard_data.build(plan.pk))
    return download(dashboard_data.export_bytes(rows, fmt), name, "text/csv; charset=utf-8" if fmt == "csv" else XLSX_TYPE)

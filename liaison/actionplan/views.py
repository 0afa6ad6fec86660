"""Public pages of an action plan: the plan itself and its dashboard of published cycles with CSV/XLSX.
The secretariat's editor is in edit_views.py, reporting cycles in cycle_views.py, each Party's report in
report_views.py, needs assessments in needs_views.py. Views parse input and render; writes go through
services.py and reporting.py; what a user sees is decided by access.py."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from liaison.core.spreadsheets import XLSX_TYPE, csv_text, xlsx_bytes
from liaison.groups.access import is_secretariat

from . import access, dashboard as dashboard_data, services
from .models import ActionPlan


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

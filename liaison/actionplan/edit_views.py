"""The secretariat's in-place editor of an action plan (htmx where it helps, plain pages without JavaScript):
every record's fields (an indicator's targets by year too), items added and removed, objectives added, the
plan revised into a new version, and the history of every change with who and when. Writes go through
services.py; every form carries the version it was opened at (core/concurrency.py), so a stale save is
refused and keeps its input."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required
from liaison.groups.access import is_secretariat

from . import access, services
from .edit_forms import IndicatorForm, ItemForm, ObjectiveForm, ReviseForm, record_form
from .models import ActionPlan, IndicatorKind, Objective, PlanStatus, PlanVersion

STALE = gettext_lazy("Someone else saved this record while you were editing it. Your changes are below but were not saved: "
          "compare with the current text (reload) and save again.")


def _anchor(plan, kind, pk):
    return reverse("actionplan:edit", kwargs={"pk": plan.pk}) + f"#{kind}-{pk}"


@secretariat_required
def plan_edit(request, pk):
    plan = get_object_or_404(services.plan_queryset(), pk=pk)
    return render(request, "actionplan/plan_edit.html", {
        "plan": plan, "changes": plan.changes.select_related("changed_by")[:10],
        "objectives": [(o, ItemForm(auto_id=f"o{o.pk}-%s")) for o in plan.objectives.all()],
        "objective_form": ObjectiveForm(),
    })


def _record(plan, kind, record_pk):
    if kind not in services.EDITABLE:
        raise Http404("No such kind of record.")
    model = services.EDITABLE[kind][0]
    record = get_object_or_404(model, pk=record_pk)
    if services.plan_of(record).pk != plan.pk:
        raise Http404("No such record in this plan.")
    return model, record


@secretariat_required
def record_edit(request, pk, kind, record_pk):
    """GET: the record's form (an htmx fragment, or a page). POST: save from the version edited, keeping
    the change in the history; a conflict shows the form again with the input kept."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    model, record = _record(plan, kind, record_pk)
    form_class = record_form(kind)
    auto_id = f"{kind}{record.pk}-%s"  # unique when several rows are open at once
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, instance=model.objects.get(pk=record.pk), auto_id=auto_id)
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in services.EDITABLE[kind][1]}
            targets = form.cleaned_data["targets"] if isinstance(form, IndicatorForm) else None
            current = model.objects.get(pk=record.pk)
            try:
                services.edit(current, changes, user=request.user, expected_version=form.cleaned_data["version"], targets=targets)
            except VersionConflict:
                form.add_error(None, STALE)
                status = 409
            except (ValueError, forms.ValidationError) as error:
                form.add_error(None, "; ".join(getattr(error, "messages", [str(error)])))
                status = 400
            else:
                if request.htmx:
                    return render(request, "actionplan/record_row.html", {"plan": plan, "kind": kind, "record": current})
                messages.success(request, _("Saved."))
                return redirect(_anchor(plan, kind, current.pk))
        else:
            status = 400
    else:
        form = form_class(instance=record, initial={"version": record.version}, auto_id=auto_id)
    template = "actionplan/record_form.html" if request.htmx else "actionplan/record_form_page.html"
    return render(request, template, {"plan": plan, "kind": kind, "record": record, "form": form}, status=status)


@secretariat_required
def item_add(request, pk, objective_pk):
    """Add an outcome, indicator, result or activity at the end of an objective's list."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    objective = get_object_or_404(Objective, pk=objective_pk, plan=plan)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.add_item(objective, form.cleaned_data["item"], user=request.user, **form.fields_for_service())
        except forms.ValidationError as error:
            form.add_error(None, "; ".join(error.messages))
        else:
            messages.success(request, _("Added to objective %(n)s.") % {"n": objective.number})
            return redirect(_anchor(plan, form.cleaned_data["item"], record.pk))
    return render(request, "actionplan/item_add.html", {"plan": plan, "objective": objective, "form": form},
                  status=400 if form.errors else 200)


@secretariat_required
def objective_add(request, pk):
    plan = get_object_or_404(ActionPlan, pk=pk)
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        objective = services.add_objective(plan, user=request.user, **form.cleaned_data)
        messages.success(request, _("Operational objective %(n)s added.") % {"n": objective.number})
        return redirect(_anchor(plan, "objective", objective.pk))
    return render(request, "actionplan/objective_add.html", {"plan": plan, "form": form}, status=400 if form.errors else 200)


@secretariat_required
@require_POST
def item_remove(request, pk, kind, record_pk):
    """Remove an outcome, indicator, result or activity (after a confirmation in the page)."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    _model, record = _record(plan, kind, record_pk)
    try:
        services.remove_item(record, user=request.user, expected_version=request.POST.get("version") or record.version)
    except VersionConflict:
        messages.error(request, _("Someone else changed this record meanwhile; it was not removed. Look at it again."))
        return redirect(_anchor(plan, kind, record.pk))
    except (ValueError, forms.ValidationError) as error:
        messages.error(request, str(error))
        return redirect(_anchor(plan, kind, record.pk))
    messages.success(request, _("Removed; the history keeps its text."))
    return redirect("actionplan:edit", pk=plan.pk)


@secretariat_required
def revise(request, pk):
    """A decision revised the plan: keep it as it stands as a version and open the next revision."""
    plan = get_object_or_404(ActionPlan.objects.select_related("group"), pk=pk)
    form = ReviseForm(request.POST or None, plan=plan, initial={"version": plan.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.revise(plan, user=request.user, reason=data["reason"], meeting=data["meeting"],
                                decision=data["decision"], expected_version=data["version"])
            except VersionConflict:
                form.add_error(None, _("Someone else changed the plan meanwhile; nothing was done. Your input is below: "
                                       "reload the editor and try again."))
                status = 409
            else:
                messages.success(request, _("Revision %(n)s kept as a version; edit the plan in place, then set its status "
                                            "to adopted.") % {"n": plan.revision})
                return redirect("actionplan:edit", pk=plan.pk)
        else:
            status = 400
    return render(request, "actionplan/revise.html", {"plan": plan, "form": form}, status=status)


@secretariat_required
def history(request, pk):
    """Every change made in place, newest first, with who and when; the versions kept at each revision."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    page = Paginator(plan.changes.select_related("changed_by"), 100).get_page(request.GET.get("page"))
    versions = plan.versions.select_related("created_by", "decision", "meeting").defer("content")
    return render(request, "actionplan/history.html", {"plan": plan, "page": page, "versions": versions})


def version(request, pk, revision):
    """The plan as it stood at an earlier revision: readable by whoever sees the plan when it was kept
    from a public text (the adopted text while the next revision is prepared), by the secretariat only
    when kept from a draft."""
    kept = get_object_or_404(PlanVersion.objects.select_related("plan", "created_by", "decision", "meeting"),
                             plan_id=pk, revision=revision)
    if not access.can_see_version(request.user, kept):
        raise Http404("No such version.")
    content = {**kept.content, "status": _label(PlanStatus, kept.content.get("status")),
               "objectives": [{**o, "indicators": [{**i, "kind": _label(IndicatorKind, i.get("kind"))} for i in o.get("indicators", [])]}
                              for o in kept.content.get("objectives", [])]}  # the codes kept, shown by their labels
    return render(request, "actionplan/version.html", {"plan": kept.plan, "kept": kept, "content": content,
                                                       "secretariat": is_secretariat(request.user)})


def _label(choices, code):
    return dict(choices.choices).get(code, code or "")

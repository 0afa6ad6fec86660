"""The secretariat's group pages: the group's fields; its decisions and members; its terms of
reference and their tasks."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import get_language, gettext_lazy

from liaison.core.dates import day_month_year
from liaison.core.decorators import secretariat_required
from liaison.core.parts import Part, PartsEditor

from . import services
from .forms import DecisionForm, GroupForm, MembershipForm, TaskForm, TermsForm
from .models import Group, TermsOfReference

def _membership(m) -> str:
    """'Dr. A. Diallo — Chair (from 1 March 2020) (until 1 March 2024)', one sentence per case."""
    values = {"name": m.person.formal_name, "role": m.get_role_display(),
              "since": day_month_year(m.since, get_language()) if m.since else "",
              "until": day_month_year(m.until, get_language()) if m.until else ""}
    if m.since and m.until:
        return _("%(name)s — %(role)s (from %(since)s) (until %(until)s)") % values
    if m.since:
        return _("%(name)s — %(role)s (from %(since)s)") % values
    if m.until:
        return _("%(name)s — %(role)s (until %(until)s)") % values
    return _("%(name)s — %(role)s") % values


group_parts = PartsEditor(
    parent=lambda slug: get_object_or_404(Group, slug=slug),
    parts={
        "decisions": Part(
            title=gettext_lazy("Decisions"),
            form=DecisionForm,
            rows=lambda g: g.decisions.all(),
            describe=lambda d: f"{d.symbol}{f' ({d.year})' if d.year else ''} — {d.get_effect_display()}",
        ),
        "members": Part(
            title=gettext_lazy("Members"),
            form=MembershipForm,
            rows=lambda g: g.memberships.select_related("person"),
            describe=lambda m: _membership(m),
        ),
    },
    url="manage:group_part",
    delete_url="manage:group_part_delete",
    back=lambda group: reverse("manage:group_edit", args=[group.slug]),
)

terms_parts = PartsEditor(
    parent=lambda pk: get_object_or_404(TermsOfReference.objects.select_related("group"), pk=pk),
    parts={
        "tasks": Part(
            title=gettext_lazy("Tasks"),
            form=TaskForm,
            rows=lambda t: t.tasks.all(),
            describe=lambda task: f"({task.label}) {task.text}",
        )
    },
    url="manage:terms_part",
    delete_url="manage:terms_part_delete",
    back=lambda terms: reverse("manage:terms", args=[terms.group.slug]),
)


@secretariat_required
def group_create(request):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = services.save_group(form)
        messages.success(request, _("Group created. Add its decisions, members and terms of reference."))
        return redirect("manage:group_edit", slug=group.slug)
    return render(request, "core/manage/form.html", {"form": form, "title": _("New group")})


@secretariat_required
def group_edit(request, slug):
    group = get_object_or_404(Group, slug=slug)
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        saved = services.save_group(form)
        if saved is not None:
            messages.success(request, _("Group saved."))
            return redirect(saved)
    part_urls = [(part.title, reverse("manage:group_part", args=[group.slug, name])) for name, part in group_parts.parts.items()]
    return render(request, "groups/manage/group_edit.html", {"group": group, "form": form, "part_urls": part_urls})


@secretariat_required
def terms(request, slug):
    """Edit the group's current terms of reference (creating them the first time)."""
    group = get_object_or_404(Group, slug=slug)
    current = group.terms_of_reference.first()
    form = TermsForm(request.POST or None, instance=current)
    status = 200
    if request.method == "POST" and form.is_valid():
        if services.save_terms(form, group) is not None:
            messages.success(request, _("Terms of reference saved."))
            return redirect("manage:terms", slug=slug)
        status = 409  # someone else saved meanwhile: the form says so and keeps the input
    elif form.errors:
        status = 400
    part_urls = [(part.title, reverse("manage:terms_part", args=[current.pk, name])) for name, part in terms_parts.parts.items()] if current else []
    return render(request, "groups/manage/terms.html", {"group": group, "form": form, "terms": current, "part_urls": part_urls}, status=status)

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.core.decorators import secretariat_required

from .forms import GroupForm, MembershipForm
from .models import Group, Membership


@secretariat_required
def group_create(request):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = form.save_or_conflict()
        messages.success(request, _("Group created."))
        return redirect(group)
    return render(request, "core/manage/form.html", {"form": form, "title": _("New group")})


@secretariat_required
def group_edit(request, slug):
    group = get_object_or_404(Group, slug=slug)
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        saved = form.save_or_conflict()
        if saved is not None:
            messages.success(request, _("Group saved."))
            return redirect(saved)
    return render(request, "core/manage/form.html", {"form": form, "title": _("Edit %(name)s") % {"name": group.name}})


@secretariat_required
def memberships(request, slug):
    group = get_object_or_404(Group, slug=slug)
    form = MembershipForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        membership = form.save(commit=False)
        membership.group = group
        membership.save()
        messages.success(request, _("%(person)s added.") % {"person": membership.person})
        return redirect("manage:memberships", slug=group.slug)
    rows = Membership.objects.filter(group=group).select_related("person", "person__organization")
    return render(request, "groups/manage/memberships.html", {"group": group, "form": form, "memberships": rows})


@secretariat_required
@require_POST
def membership_delete(request, slug, pk):
    membership = get_object_or_404(Membership, pk=pk, group__slug=slug)
    membership.delete()
    messages.success(request, _("%(person)s removed.") % {"person": membership.person})
    return redirect("manage:memberships", slug=slug)

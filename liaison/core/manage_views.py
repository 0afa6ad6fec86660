from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import services
from .decorators import secretariat_required
from .forms import OrganizationForm, PersonForm
from .models import Organization, Person


def _next_or(request, default):
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _save(request, form_class, title, instance=None, list_url="manage:dashboard"):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        obj = services.save_record(form)  # None: someone else saved meanwhile; the form says so, input kept
        if obj is not None:
            messages.success(request, _("“%(name)s” saved.") % {"name": obj})
            return redirect(_next_or(request, list_url))
        return render(request, "core/manage/form.html", {"form": form, "title": title}, status=409)
    return render(request, "core/manage/form.html", {"form": form, "title": title}, status=400 if form.errors else 200)


@secretariat_required
def person_create(request):
    return _save(request, PersonForm, _("New person"), list_url="manage:people")


@secretariat_required
def person_edit(request, pk):
    person = get_object_or_404(Person, pk=pk)
    return _save(request, PersonForm, _("Edit %(name)s") % {"name": person}, person, "manage:people")


@secretariat_required
def organization_create(request):
    return _save(request, OrganizationForm, _("New organization"), list_url="manage:organizations")


@secretariat_required
def organization_edit(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    return _save(request, OrganizationForm, _("Edit %(name)s") % {"name": organization}, organization, "manage:organizations")


@secretariat_required
def people(request):
    query = request.GET.get("q", "").strip()
    rows = Person.objects.select_related("organization", "country")
    if query:
        rows = rows.filter(
            Q(last_name__icontains=query) | Q(first_name__icontains=query) | Q(email__icontains=query)
            | Q(organization__name__icontains=query) | Q(country__name__icontains=query)
        )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "core/manage/people.html", {"page": page, "q": query})


@secretariat_required
def organizations(request):
    query = request.GET.get("q", "").strip()
    rows = Organization.objects.select_related("country")
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(acronym__icontains=query))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "core/manage/organizations.html", {"page": page, "q": query})

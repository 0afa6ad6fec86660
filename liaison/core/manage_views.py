from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liaison.groups.models import Group

from .decorators import secretariat_required
from .forms import OrganizationForm, PersonForm
from .models import Organization, Person


@secretariat_required
def dashboard(request):
    return render(
        request,
        "core/manage/dashboard.html",
        {"groups": Group.objects.all(), "people": Person.objects.count(), "organizations": Organization.objects.count()},
    )


def _create(request, form_class, title):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        messages.success(request, _("“%(name)s” saved.") % {"name": obj})
        return redirect(request.GET.get("next") or "manage:dashboard")
    return render(request, "core/manage/form.html", {"form": form, "title": title})


@secretariat_required
def person_create(request):
    return _create(request, PersonForm, _("New person"))


@secretariat_required
def organization_create(request):
    return _create(request, OrganizationForm, _("New organization"))

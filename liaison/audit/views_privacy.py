from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from liaison.core.decorators import secretariat_required
from liaison.core.models import Person

from . import personal_data


@login_required
def my_data(request):
    response = HttpResponse(personal_data.export_json(request.user), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@secretariat_required
def anonymise(request, pk):
    person = get_object_or_404(Person.objects.select_related("user", "country"), pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        personal_data.anonymise(person, request.user)
        messages.success(request, _("The person is anonymised: kept in past attendance as “Participant”, contact details erased, account deactivated."))
        return redirect("manage:audit_trail")
    return render(request, "audit/anonymise.html", {"person": person, "invalid": request.method == "POST"})

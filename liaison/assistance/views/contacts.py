"""The mechanism's home and its points of contact: who they are (contact details by role), recording
a new one, and who has not submitted one with an e-mail to ask them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, ngettext

from liaison.core.decorators import secretariat_required

from .. import access, services
from ..forms import PointOfContactForm
from ..models import Mechanism, PointOfContact
from .common import errors


def home(request):
    user = request.user
    return render(request, "assistance/home.html", {
        "mechanisms": Mechanism.objects.select_related("body", "group"), "audiences": access.audiences(user),
        "secretariat": access.is_secretariat(user), "partner": bool(access.partner_keys(user)),
    })


def contacts(request, slug):
    """Everyone sees who the points of contact are; contact details by role (``access``)."""
    mechanism = get_object_or_404(Mechanism, slug=slug)
    records = list(PointOfContact.objects.filter(mechanism=mechanism).select_related("person", "country", "organization")
                   .order_by("country__name", "organization__name", "-submitted_on", "-pk"))
    parties = {}
    for poc in records:
        poc.show_contact = access.can_see_contact_details(request.user, poc)
        entry = parties.setdefault(poc.party_key, {"party": poc.party, "current": None, "history": []})
        if poc.current and entry["current"] is None:
            entry["current"] = poc
        else:
            entry["history"].append(poc)
    return render(request, "assistance/contacts.html", {
        "mechanism": mechanism, "parties": list(parties.values()),
        "can_record": access.is_secretariat(request.user) or bool(access.partner_keys(request.user)),
        "secretariat": access.is_secretariat(request.user),
    })


@login_required
def contact_new(request, slug):
    mechanism = get_object_or_404(Mechanism, slug=slug)
    keys = None if access.is_secretariat(request.user) else access.contact_keys(request.user, mechanism.pk)
    if keys is not None and not keys:
        raise PermissionDenied(_("Only the secretariat or a current point of contact records a point of contact."))
    form = PointOfContactForm(request.POST or None, party_keys=keys)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_point_of_contact(mechanism, data["person"], data["body"], by=request.user, level=data["level"],
                                             role=data["role"], submitted_on=data["submitted_on"], note=data["note"], **data["party"])
        except ValidationError as error:
            form.add_error(None, errors(error))
        else:
            messages.success(request, _("Point of contact recorded; the previous one is kept as history."))
            return redirect("assistance:contacts", slug=slug)
    return render(request, "assistance/form.html", {"form": form, "title": _("Record a point of contact"), "mechanism": mechanism})


@secretariat_required
def contacts_missing(request, slug):
    mechanism = get_object_or_404(Mechanism, slug=slug)
    if request.method == "POST":
        keys = request.POST.getlist("party")
        if not keys:
            messages.error(request, _("Choose at least one state or organization to ask."))
        else:
            sent, problems = services.ask_for_contacts(mechanism, keys, by=request.user)
            messages.success(request, ngettext("%(n)d e-mail sent.", "%(n)d e-mails sent.", sent) % {"n": sent})
            for problem in problems:
                messages.warning(request, problem)
        return redirect("assistance:contacts_missing", slug=slug)
    rows = services.missing_contacts(mechanism)
    return render(request, "assistance/contacts_missing.html", {"mechanism": mechanism, "rows": rows})

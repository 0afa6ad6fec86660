"""Assistance requests: the list, submitting one, its page and lifecycle, the secretariat's proposal
of an offer; the consolidated list for an audience (page, PDF, XLSX) and its briefing e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.core import jobs
from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required
from liaison.groups.models import Group

from .. import access, exports, services
from ..forms import RequestForm, TransitionForm
from ..models import AssistanceRequest, Mechanism, Offer, RequestStatus
from .common import briefing_messages, errors, visible_request


@login_required
def requests_list(request):
    qs = access.visible_requests(request.user, AssistanceRequest.objects.select_related("country", "mechanism").prefetch_related("areas"))
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-received_on", "-pk"), 50).get_page(request.GET.get("page"))
    mechanisms = [m for m in Mechanism.objects.filter(receives_requests=True) if access.can_submit_request(request.user, m)]
    return render(request, "assistance/requests.html", {"page": page, "status": status, "statuses": RequestStatus.choices,
                                                        "mechanisms": mechanisms})


@login_required
def request_new(request, slug):
    mechanism = get_object_or_404(Mechanism, slug=slug, receives_requests=True)
    if not access.can_submit_request(request.user, mechanism):
        raise PermissionDenied(_("A state submits requests through its current point of contact."))
    form = RequestForm(request.POST or None, mechanism=mechanism, countries=services.requesting_countries(request.user, mechanism))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            req = services.submit_request(mechanism, d["country"], by=request.user, title=d["title"], description=d["description"],
                                          areas=d["areas"], types=d["types"], languages=d["languages"], start=d["start"], end=d["end"])
        except ValidationError as error:
            form.add_error(None, errors(error))
        else:
            messages.success(request, _("Request received. The committee will consider it for sharing."))
            return redirect(req)
    return render(request, "assistance/form.html", {"form": form, "title": _("Submit an assistance request"), "mechanism": mechanism})


@login_required
def request_detail(request, pk):
    req = visible_request(request.user, pk)
    user = request.user
    secretariat = access.is_secretariat(user)
    proposals_q = access.proposals_q(user)
    proposals = req.proposals.select_related("offer", "offer__country", "offer__organization")
    if proposals_q is not None:
        proposals = proposals.filter(proposals_q)
    show_shares = secretariat or access.is_requester(user, req)
    return render(request, "assistance/request.html", {
        "req": req, "events": req.events.select_related("by"), "proposals": proposals,
        "shares": req.shares.select_related("audience") if show_shares else [],
        "transitions": services.allowed_transitions(user, req), "groups": Group.objects.all(),
        "secretariat": secretariat, "offers": Offer.objects.filter(mechanism=req.mechanism, active=True) if secretariat else [],
    })


@login_required
@require_POST
def request_move(request, pk):
    req = visible_request(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect(req)
    d = form.cleaned_data
    try:
        services.move(req, d["to"], by=request.user, expected_version=d["version"], note=d["note"], feedback=d["feedback"],
                      lessons=d["lessons"], audiences=d["audiences"])
    except VersionConflict:
        messages.error(request, _("Someone else changed this request meanwhile; nothing was changed. Look again and retry."))
    except services.TransitionRefused as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, errors(error))
    else:
        messages.success(request, _("Status of the request: %(status)s.") % {"status": req.get_status_display()})
        if d["to"] == RequestStatus.APPROVED:
            for group in d["audiences"]:
                briefing_messages(request, *services.brief(group, by=request.user), group=group)
    return redirect(req)


@secretariat_required
@require_POST
def request_propose(request, pk):
    req = get_object_or_404(AssistanceRequest, pk=pk)
    offer = get_object_or_404(Offer, pk=request.POST.get("offer") or 0, mechanism=req.mechanism)
    try:
        services.propose(req, offer, by=request.user)
        messages.success(request, _("Proposed to %(partner)s.") % {"partner": offer.party})
    except services.TransitionRefused as error:
        messages.error(request, str(error))
    return redirect(req)


# --- the consolidated list ---------------------------------------------------------------------
@login_required
def consolidated(request, slug, fmt="html"):
    group = get_object_or_404(Group, slug=slug)
    if not access.can_see_audience(request.user, group):
        raise Http404
    name = f"consolidated-requests-{group.slug}"
    # a long list is made by the worker: counted by the database, not loaded to be counted
    if fmt in ("xlsx", "pdf") and services.consolidated(group).count() > jobs.inline_rows():
        job = jobs.start_export("liaison.assistance.exports.consolidated_file", {"group": group.pk, "fmt": fmt}, owner=request.user,
                                title=_("Consolidated requests for the %(group)s (%(format)s)") % {
                                    "group": group.acronym or group.local_name, "format": fmt.upper()},
                                filename=f"{name}.{fmt}", access="liaison.assistance.exports.can_see_consolidated")
        return redirect("job", pk=job.pk)
    requests = list(services.consolidated(group))
    if fmt == "xlsx":
        return exports.xlsx_response(exports.consolidated_rows(requests), name, title=_("Requests"))
    if fmt == "pdf":
        response = HttpResponse(exports.consolidated_pdf(group, requests, timezone.localdate()), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "assistance/consolidated.html", {"group": group, "requests": requests,
                                                            "unbriefed": services.unbriefed(group, requests),
                                                            "secretariat": access.is_secretariat(request.user)})


@secretariat_required
@require_POST
def consolidated_brief(request, slug):
    group = get_object_or_404(Group, slug=slug)
    sent, problems, briefed = services.brief(group, by=request.user)
    if not briefed:
        messages.info(request, _("No new requests to brief the members on."))
    briefing_messages(request, sent, problems, briefed)
    return redirect("assistance:consolidated", slug=slug)

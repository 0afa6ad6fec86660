"""Pages of the coordination mechanism. Views parse input and render; services write; ``access``
decides who sees what (a record one may not see answers 404, so its existence is not disclosed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required
from liaison.core.models import Country
from liaison.groups.models import Group

from . import access, engine, exports, iati, services, stats
from .forms import (
    AnswerForm, FlagDecisionForm, InitiativeFilter, InitiativeForm, MatchRunForm, OfferForm, PointOfContactForm, RequestForm,
    TransitionForm,
)
from .models import (
    AssistanceRequest, DuplicationFlag, FlagStatus, Initiative, MatchSession, Mechanism, Offer, PointOfContact, Proposal,
    ProposalStatus, RequestStatus, Share,
)


def _errors(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(f"{m}" for msgs in error.message_dict.values() for m in msgs)
    return " ".join(error.messages)


def home(request):
    mechanisms = Mechanism.objects.select_related("body", "group")
    user = request.user
    audiences = Group.objects.filter(pk__in=access.member_group_ids(user)) if user.is_authenticated else Group.objects.none()
    if access.is_secretariat(user):
        audiences = Group.objects.filter(request_shares__isnull=False).distinct()
    return render(request, "assistance/home.html", {
        "mechanisms": mechanisms, "audiences": audiences, "secretariat": access.is_secretariat(user),
        "partner": bool(access.partner_keys(user)),
    })


# --- points of contact -------------------------------------------------------------------------
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
    keys = None if access.is_secretariat(request.user) else {(k, p) for m, k, p in access._contacts(request.user) if m == mechanism.pk}
    if keys is not None and not keys:
        raise PermissionDenied("Only the secretariat or a current point of contact records a point of contact.")
    form = PointOfContactForm(request.POST or None, party_keys=keys)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_point_of_contact(mechanism, data["person"], data["body"], by=request.user, level=data["level"],
                                             role=data["role"], submitted_on=data["submitted_on"], note=data["note"], **data["party"])
        except ValidationError as error:
            form.add_error(None, _errors(error))
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
            messages.success(request, _("%(n)d e-mail(s) sent.") % {"n": sent})
            for problem in problems:
                messages.warning(request, problem)
        return redirect("assistance:contacts_missing", slug=slug)
    rows = services.missing_contacts(mechanism)
    return render(request, "assistance/contacts_missing.html", {"mechanism": mechanism, "rows": rows})


# --- requests ----------------------------------------------------------------------------------
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
        raise PermissionDenied("A state submits requests through its current point of contact.")
    countries = (Country.objects.exclude(regional_group="") if access.is_secretariat(request.user)
                 else Country.objects.filter(pk__in=access.contact_countries(request.user, mechanism.pk)))
    form = RequestForm(request.POST or None, mechanism=mechanism, countries=countries)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            req = services.submit_request(mechanism, d["country"], by=request.user, title=d["title"], description=d["description"],
                                          areas=d["areas"], types=d["types"], languages=d["languages"], start=d["start"], end=d["end"])
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("Request received. The committee will consider it for sharing."))
            return redirect(req)
    return render(request, "assistance/form.html", {"form": form, "title": _("Submit an assistance request"), "mechanism": mechanism})


def _visible_request(user, pk):
    req = get_object_or_404(AssistanceRequest.objects.select_related("country", "mechanism").prefetch_related("areas"), pk=pk)
    if not access.can_see_request(user, req):
        raise Http404
    return req


@login_required
def request_detail(request, pk):
    req = _visible_request(request.user, pk)
    user = request.user
    proposals_q = access.proposals_q(user)
    proposals = req.proposals.select_related("offer", "offer__country", "offer__organization")
    if proposals_q is not None:
        proposals = proposals.filter(proposals_q)
    show_shares = access.is_secretariat(user) or access.is_requester(user, req)
    return render(request, "assistance/request.html", {
        "req": req, "events": req.events.select_related("by"), "proposals": proposals,
        "shares": req.shares.select_related("audience") if show_shares else [],
        "transitions": services.allowed_transitions(user, req), "groups": Group.objects.all(),
        "secretariat": access.is_secretariat(user), "offers": Offer.objects.filter(mechanism=req.mechanism, active=True) if access.is_secretariat(user) else [],
    })


@login_required
@require_POST
def request_move(request, pk):
    req = _visible_request(request.user, pk)
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
    except (services.TransitionRefused, ValidationError) as error:
        messages.error(request, _errors(error) if isinstance(error, ValidationError) else str(error))
    else:
        messages.success(request, _("The request is now %(status)s.") % {"status": req.get_status_display().lower()})
        if d["to"] == RequestStatus.APPROVED:
            for group in d["audiences"]:
                _brief(request, group)
    return redirect(req)


def _brief(request, group):
    sent, problems, briefed = services.brief(group, by=request.user)
    if briefed:
        messages.info(request, _("Briefing on %(n)d new request(s) e-mailed to %(m)d current member(s) of %(group)s.")
                      % {"n": len(briefed), "m": sent, "group": group})
    for problem in problems:
        messages.warning(request, _("Not sent: %(problem)s") % {"problem": problem})


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


# --- consolidated list -------------------------------------------------------------------------
def _audience(request, slug):
    if not request.user.is_authenticated:
        return None
    group = get_object_or_404(Group, slug=slug)
    if not access.can_see_audience(request.user, group):
        raise Http404
    return group


@login_required
def consolidated(request, slug, fmt="html"):
    group = _audience(request, slug)
    requests = list(services.consolidated(group))
    name = f"consolidated-requests-{group.slug}"
    if fmt == "xlsx":
        return exports.xlsx_response(exports.consolidated_rows(requests), name, title="Requests")
    if fmt == "pdf":
        response = HttpResponse(exports.consolidated_pdf(group, requests, timezone.localdate()), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    unbriefed = Share.objects.filter(audience=group, briefed_on__isnull=True, request__in=[r.pk for r in requests]).count()
    return render(request, "assistance/consolidated.html", {"group": group, "requests": requests, "unbriefed": unbriefed,
                                                            "secretariat": access.is_secretariat(request.user)})


@secretariat_required
@require_POST
def consolidated_brief(request, slug):
    group = get_object_or_404(Group, slug=slug)
    sent, problems, briefed = services.brief(group, by=request.user)
    if not briefed:
        messages.info(request, _("No new requests to brief the members on."))
    else:
        _brief_messages = _("Briefing on %(n)d new request(s) e-mailed to %(m)d current member(s).") % {"n": len(briefed), "m": sent}
        messages.success(request, _brief_messages)
    for problem in problems:
        messages.warning(request, _("Not sent: %(problem)s") % {"problem": problem})
    return redirect("assistance:consolidated", slug=slug)


# --- offers ------------------------------------------------------------------------------------
@login_required
def offers_list(request):
    if not access.can_offer(request.user):
        raise PermissionDenied("Offers are for the secretariat and the partners' points of contact.")
    qs = Offer.objects.select_related("country", "organization", "mechanism").prefetch_related("areas")
    q = access.offers_q(request.user)
    if q is not None:
        qs = qs.filter(q)
    left = services.remaining_capacity(list(qs))
    offers = list(qs)
    for offer in offers:
        offer.left = left[offer.pk]
    return render(request, "assistance/offers.html", {"offers": offers, "mechanisms": Mechanism.objects.filter(receives_requests=True)})


def _party_keys(user):
    return None if access.is_secretariat(user) else access.partner_keys(user)


@login_required
def offer_new(request, slug):
    mechanism = get_object_or_404(Mechanism, slug=slug, receives_requests=True)
    if not access.can_offer(request.user):
        raise PermissionDenied("A partner makes offers through its current point of contact.")
    form = OfferForm(request.POST or None, mechanism=mechanism, party_keys=_party_keys(request.user), initial={"capacity": 1, "active": True})
    return _save_offer(request, form, mechanism, None, _("Make an offer"))


@login_required
def offer_detail(request, pk):
    offer = get_object_or_404(Offer.objects.select_related("country", "organization", "mechanism"), pk=pk)
    if not access.can_see_offer(request.user, offer):
        raise Http404
    initial = {"party": f"{offer.party_key[0]}:{offer.party_key[1]}", "title": offer.title, "description": offer.description,
               "areas": list(offer.areas.all()), "types": offer.type_list, "languages": offer.language_list,
               "eligible_countries": list(offer.eligible_countries.all()), "eligible_regions": offer.region_list,
               "capacity": offer.capacity, "start": offer.start, "end": offer.end, "active": offer.active, "version": offer.version}
    form = OfferForm(request.POST or None, mechanism=offer.mechanism, party_keys=_party_keys(request.user), initial=initial)
    proposals = offer.proposals.select_related("request", "request__country")
    return _save_offer(request, form, offer.mechanism, offer, str(offer), proposals=proposals)


def _save_offer(request, form, mechanism, offer, title, proposals=()):
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            offer = services.save_offer(
                mechanism, by=request.user, title=d["title"], description=d["description"], areas=d["areas"], types=d["types"],
                languages=d["languages"], eligible_countries=d["eligible_countries"], eligible_regions=d["eligible_regions"],
                capacity=d["capacity"], start=d["start"], end=d["end"], active=d["active"], offer=offer,
                expected_version=d.get("version") or None, **d["party"])
        except VersionConflict:
            form.add_error(None, _("Someone else saved this offer while you were editing it. Your changes are below but were not saved."))
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("Offer saved."))
            return redirect(offer)
    return render(request, "assistance/offer.html", {"form": form, "title": title, "offer": offer, "proposals": proposals,
                                                     "mechanism": mechanism})


# --- proposals and sessions --------------------------------------------------------------------
@login_required
def proposals_list(request):
    if not access.can_offer(request.user):
        raise PermissionDenied
    qs = Proposal.objects.select_related("request", "request__country", "offer", "offer__country", "offer__organization")
    q = access.proposals_q(request.user)
    if q is not None:
        qs = qs.filter(q)
    return render(request, "assistance/proposals.html", {"proposals": qs})


@login_required
def proposal_detail(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("request", "request__country", "request__mechanism", "offer",
                                                                 "offer__country", "offer__organization"), pk=pk)
    if not access.can_see_proposal(request.user, proposal):
        raise Http404
    form = AnswerForm(request.POST or None, initial={"version": proposal.version})
    if request.method == "POST":
        if not access.can_answer_proposal(request.user, proposal):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.answer(proposal, by=request.user, accept=d["decision"] == "accept", reason=d["reason"], expected_version=d["version"])
            except VersionConflict:
                form.add_error(None, _("This proposal was answered meanwhile."))
            except services.TransitionRefused as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                form.add_error("reason", _errors(error))
            else:
                messages.success(request, _("Answer recorded."))
                return redirect(proposal)
    return render(request, "assistance/proposal.html", {"proposal": proposal, "form": form,
                                                        "can_answer": proposal.status == ProposalStatus.PROPOSED
                                                        and access.can_answer_proposal(request.user, proposal)})


@secretariat_required
def matching(request, slug):
    mechanism = get_object_or_404(Mechanism, slug=slug, receives_requests=True)
    form = MatchRunForm(request.POST or None, initial={"top_k": 10})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        session = engine.run_session(mechanism, d["audience"], by=request.user, meeting=d["meeting"], title=d["title"], top_k=d["top_k"])
        messages.success(request, _("%(n)d proposal(s) made to partners.") % {"n": session.proposals.count()})
        return redirect(session)
    sessions = MatchSession.objects.filter(mechanism=mechanism).select_related("audience", "meeting")
    return render(request, "assistance/matching.html", {"mechanism": mechanism, "form": form, "sessions": sessions})


@login_required
def session_detail(request, pk):
    """The match-making session for a meeting: the audience's consolidated list with the proposals
    each viewer may see (the secretariat all, a partner its own)."""
    session = get_object_or_404(MatchSession.objects.select_related("audience", "meeting", "mechanism"), pk=pk)
    if not access.can_see_audience(request.user, session.audience):
        raise Http404
    proposals = Proposal.objects.filter(session=session).select_related("offer", "offer__country", "offer__organization")
    q = access.proposals_q(request.user)
    if q is not None:
        proposals = proposals.filter(q)
    requests = list(services.consolidated(session.audience).filter(mechanism=session.mechanism).prefetch_related(
        Prefetch("proposals", queryset=proposals, to_attr="visible_proposals")))
    return render(request, "assistance/session.html", {"session": session, "requests": requests,
                                                       "secretariat": access.is_secretariat(request.user)})


# --- initiatives -------------------------------------------------------------------------------
def _filtered_initiatives(request):
    form = InitiativeFilter(request.GET or None)
    qs = Initiative.objects.select_related("implementer", "mechanism", "mechanism__body").prefetch_related(
        "recipients", "areas", "donor_countries", "donor_organizations")
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(title__icontains=d["q"]) | Q(description__icontains=d["q"]) | Q(identifier__icontains=d["q"]))
        if d["recipient"]:
            qs = qs.filter(recipients=d["recipient"])
        if d["region"]:
            qs = qs.filter(recipients__regional_group=d["region"])
        if d["area"]:
            qs = qs.filter(areas=d["area"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["donor"]:
            kind, _, pid = d["donor"].partition(":")
            qs = qs.filter(**{"donor_countries" if kind == "country" else "donor_organizations": int(pid)})
        if d["year"]:
            qs = qs.filter(start__year__lte=d["year"]).filter(Q(end__isnull=True) | Q(end__year__gte=d["year"]))
    return form, qs.distinct()


def initiatives(request):
    form, qs = _filtered_initiatives(request)
    page = Paginator(qs.order_by("-start", "title", "pk"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "assistance/initiatives.html", {"form": form, "page": page, "query": query.urlencode(),
                                                           "secretariat": access.is_secretariat(request.user),
                                                           "mechanisms": Mechanism.objects.all()})


def initiatives_xml(request):
    _, qs = _filtered_initiatives(request)
    return HttpResponse(iati.activities_xml(qs.order_by("identifier")), content_type="application/xml; charset=utf-8")


def initiative_detail(request, pk):
    initiative = get_object_or_404(Initiative.objects.select_related("implementer", "mechanism"), pk=pk)
    return render(request, "assistance/initiative.html", {"initiative": initiative, "secretariat": access.is_secretariat(request.user)})


def initiative_xml(request, pk):
    initiative = get_object_or_404(Initiative.objects.select_related("implementer", "mechanism", "mechanism__body"), pk=pk)
    return HttpResponse(iati.activities_xml([initiative]), content_type="application/xml; charset=utf-8")


@secretariat_required
def initiative_edit(request, slug=None, pk=None):
    instance = get_object_or_404(Initiative, pk=pk) if pk else None
    mechanism = instance.mechanism if instance else get_object_or_404(Mechanism, slug=slug)
    form = InitiativeForm(request.POST or None, instance=instance, mechanism=mechanism)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            saved = services.save_initiative(mechanism, data, by=request.user, instance=instance, expected_version=version or None)
        except VersionConflict:
            form.add_error(None, _("Someone else saved this initiative while you were editing it. Your changes are below but were not saved."))
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("Initiative saved."))
            return redirect(saved)
    return render(request, "assistance/form.html", {"form": form, "title": str(instance) if instance else _("New initiative"),
                                                    "mechanism": mechanism})


def stocktaking(request):
    data = stats.stocktaking()
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        rows = [["Dimension", "Value", "Initiatives", "Budgets"]]
        for name, table in data["tables"].items():
            rows += [[name, label, n, "; ".join(f"{cur} {amount:,.2f}" for cur, amount in budgets)] for label, n, budgets in table]
        return exports.csv_response(rows, "stocktaking") if fmt == "csv" else exports.xlsx_response(rows, "stocktaking", "Stock-taking")
    return render(request, "assistance/stocktaking.html", {"data": data, "dimensions": [
        ("area", _("By objective (area)")), ("region", _("By recipient region")), ("donor", _("By donor")), ("year", _("By year of activity"))]})


# --- duplication -------------------------------------------------------------------------------
@secretariat_required
def duplicates(request):
    if request.method == "POST":
        new, found = engine.scan_duplicates(by=request.user)
        messages.success(request, _("%(found)d possible duplication(s) found, %(new)d new.") % {"found": found, "new": new})
        return redirect("assistance:duplicates")
    flags = DuplicationFlag.objects.select_related("initiative", "other_initiative", "request", "request__country", "decided_by")
    return render(request, "assistance/duplicates.html", {"flags": flags, "form": FlagDecisionForm()})


@secretariat_required
@require_POST
def duplicate_decide(request, pk):
    flag = get_object_or_404(DuplicationFlag, pk=pk)
    form = FlagDecisionForm(request.POST)
    if form.is_valid():
        engine.decide_flag(flag, form.cleaned_data["decision"], by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Decision kept: %(status)s.") % {"status": FlagStatus(flag.status).label})
    else:
        messages.error(request, _("Confirm or dismiss the flag."))
    return redirect("assistance:duplicates")


# --- trends ------------------------------------------------------------------------------------
def trends(request, fmt="html"):
    """Public: aggregate counts only."""
    data = stats.trends()
    if fmt == "csv":
        return exports.csv_response(stats.trend_rows(data), "assistance-trends")
    if fmt == "xlsx":
        return exports.xlsx_response(stats.trend_rows(data), "assistance-trends", "Trends")
    return render(request, "assistance/trends.html", {"data": data, "dimensions": [
        ("year", _("Requests by year received")), ("region", _("By regional group of the requesting state")),
        ("area", _("By area")), ("type", _("By type of assistance")), ("status", _("By status"))]})

"""Offers from partners, the proposals made to them (accepted or declined with a reason), the
secretariat's match-making runs and the match-making session of a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required

from .. import access, services
from ..forms import AnswerForm, MatchRunForm, OfferForm
from ..models import MatchSession, Mechanism, Offer, Proposal, ProposalStatus
from .common import errors


@login_required
def offers_list(request):
    if not access.can_offer(request.user):
        raise PermissionDenied(_("Offers are for the secretariat and the partners' points of contact."))
    qs = Offer.objects.select_related("country", "organization", "mechanism").prefetch_related("areas")
    q = access.offers_q(request.user)
    if q is not None:
        qs = qs.filter(q)
    offers = list(qs)
    left = services.remaining_capacity(offers)
    for offer in offers:
        offer.left = left[offer.pk]
    return render(request, "assistance/offers.html", {"offers": offers, "mechanisms": Mechanism.objects.filter(receives_requests=True)})


def _party_keys(user):
    return None if access.is_secretariat(user) else access.partner_keys(user)


@login_required
def offer_new(request, slug):
    mechanism = get_object_or_404(Mechanism, slug=slug, receives_requests=True)
    if not access.can_offer(request.user):
        raise PermissionDenied(_("A partner makes offers through its current point of contact."))
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
            form.add_error(None, errors(error))
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
                form.add_error("reason", errors(error))
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
        job = services.start_match_run(mechanism, d["audience"], by=request.user, meeting=d["meeting"], title=d["title"], top_k=d["top_k"])
        return redirect("job", pk=job.pk)  # the worker runs it; its page shows the progress, then the session
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

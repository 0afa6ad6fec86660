"""The capacity-building initiatives database (search, IATI XML, editing), the donors' stock-taking,
the duplication flags with their evidence and the secretariat's decisions, and the public trends."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from liaison.core.concurrency import VersionConflict
from liaison.core.dates import day_month_year
from liaison.core.decorators import secretariat_required
from liaison.core.models import Country

from .. import access, exports, iati, services, stats
from ..forms import FlagDecisionForm, InitiativeFilter, InitiativeForm
from ..models import Area, DuplicationFlag, FlagDecision, FlagStatus, Initiative, Mechanism
from .common import errors


def _search(request):
    form = InitiativeFilter(request.GET or None)
    return form, services.search_initiatives(form.cleaned_data if form.is_valid() else None)


def initiatives(request):
    form, qs = _search(request)
    page = Paginator(qs.order_by("-start", "title", "pk"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "assistance/initiatives.html", {"form": form, "page": page, "query": query.urlencode(),
                                                           "secretariat": access.is_secretariat(request.user),
                                                           "mechanisms": Mechanism.objects.all()})


def initiatives_xml(request):
    _form, qs = _search(request)
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
            form.add_error(None, errors(error))
        else:
            messages.success(request, _("Initiative saved."))
            return redirect(saved)
    return render(request, "assistance/form.html", {"form": form, "title": str(instance) if instance else _("New initiative"),
                                                    "mechanism": mechanism})


def stocktaking(request):
    data = stats.stocktaking()
    fmt = request.GET.get("format")
    if fmt == "csv":
        return exports.csv_response(stats.stocktaking_rows(data), "stocktaking")
    if fmt == "xlsx":
        return exports.xlsx_response(stats.stocktaking_rows(data), "stocktaking", _("Stock-taking"))
    return render(request, "assistance/stocktaking.html", {"data": data, "dimensions": [
        ("area", _("By objective (area)")), ("region", _("By recipient region")), ("donor", _("By donor")), ("year", _("By year of activity"))]})


# --- duplication -------------------------------------------------------------------------------
def _day(value):
    day = parse_date(value) if value else None
    return day_month_year(day) if day else None


def _period(period):
    start, end = _day(period.get("from")), _day(period.get("to"))
    if start and end:
        text = f"{start} – {end}"
    else:
        text = _("from %(start)s, open-ended") % {"start": start} if start else _("until %(end)s") % {"end": end} if end else _("open on both sides")
    days = period.get("days")
    return ngettext("%(period)s (%(n)d day)", "%(period)s (%(n)d days)", days) % {"period": text, "n": days} if days else text


def evidence_items(flag, countries, areas):
    """A flag's evidence as (label, text) for the page: names instead of codes, dates in words."""
    names = lambda codes, table: ", ".join(table.get(c, c) for c in codes)  # noqa: E731
    items = []
    for key, value in (flag.evidence or {}).items():
        if key == "shared_recipients":
            items.append((ngettext("Same recipient state", "Same recipient states", len(value)), names(value, countries)))
        elif key == "recipient":
            items.append((_("Requesting state, a recipient of the initiative"), names([value], countries)))
        elif key == "shared_areas":
            items.append((ngettext("Same area", "Same areas", len(value)), names(value, areas)))
        elif key == "overlapping_period" and isinstance(value, dict):
            items.append((_("Overlapping period"), _period(value)))
        elif key == "text_similarity":
            threshold = (flag.evidence or {}).get("threshold")
            text = f"{value:.2f}"
            if isinstance(threshold, (int, float)):
                text = _("%(value)s (flagged from %(threshold)s)") % {"value": text, "threshold": f"{threshold:.2f}"}
            items.append((_("Text similarity (TF-IDF cosine, 0 to 1)"), text))
        elif key != "threshold":
            items.append((key.replace("_", " "), str(value)))
    return items


@secretariat_required
def duplicates(request):
    if request.method == "POST":
        counts = services.scan_duplicates(by=request.user)
        messages.success(request, ngettext(
            "%(found)d possible duplication found (new: %(new)d; reopened because the evidence changed: %(reopened)d; "
            "no longer found: %(gone)d).",
            "%(found)d possible duplications found (new: %(new)d; reopened because the evidence changed: %(reopened)d; "
            "no longer found: %(gone)d).", counts["found"]) % counts)
        return redirect("assistance:duplicates")
    flags = list(DuplicationFlag.objects.select_related(
        "initiative", "other_initiative", "request", "request__country", "decided_by").prefetch_related(
        Prefetch("decisions", queryset=FlagDecision.objects.select_related("by"))))
    countries = {c.iso3: c.local_name for c in Country.objects.only("iso3", "name")}
    area_names = {code: name for code, name in Area.objects.values_list("code", "name")}
    for flag in flags:
        flag.items = evidence_items(flag, countries, area_names)
    status = request.GET.get("status", "")
    shown = [f for f in flags if f.status == status] if status in FlagStatus.values else flags
    return render(request, "assistance/duplicates.html", {"flags": shown, "status": status, "statuses": FlagStatus.choices,
                                                          "open": sum(f.status == FlagStatus.OPEN and f.present for f in flags)})


@secretariat_required
@require_POST
def duplicate_decide(request, pk):
    flag = get_object_or_404(DuplicationFlag, pk=pk)
    form = FlagDecisionForm(request.POST)
    if form.is_valid():
        flag = services.decide_flag(flag, form.cleaned_data["decision"], by=request.user, reason=form.cleaned_data["reason"])
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
        return exports.xlsx_response(stats.trend_rows(data), "assistance-trends", _("Trends"))
    return render(request, "assistance/trends.html", {"data": data, "dimensions": [
        ("year", _("Requests by year received")), ("region", _("By regional group of the requesting state")),
        ("area", _("By area")), ("type", _("By type of assistance")), ("status", _("By status"))]})

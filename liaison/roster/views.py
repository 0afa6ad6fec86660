from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.core import jobs
from liaison.core.decorators import secretariat_required
from liaison.core.models import RegionalGroup
from liaison.core.spreadsheets import csv_response, xlsx_response
from liaison.groups.access import is_secretariat
from liaison.groups.models import Group

from . import access, bulk, exports, services
from .forms import ExpertForm, ReviewForm, UploadForm
from .models import Decision, Expert, ExpertiseArea, Stakeholder, Status


def roster(request, group_slug):
    """The public roster: approved experts, searchable, with no contact details."""
    group = get_object_or_404(Group, slug=group_slug)
    experts = Expert.objects.filter(group=group, status=Status.APPROVED).select_related("person", "nationality").prefetch_related("areas")
    filters = {
        "region": ("nationality__regional_group", request.GET.get("region", "")),
        "country": ("nationality__iso3", request.GET.get("country", "")),
        "stakeholder": ("stakeholder", request.GET.get("stakeholder", "")),
        "gender": ("person__gender", request.GET.get("gender", "")),
        "area": ("areas__code", request.GET.get("area", "")),
    }
    for lookup, value in filters.values():
        if value:
            experts = experts.filter(**{lookup: value})
    language = request.GET.get("language", "").strip()
    if language:
        experts = experts.filter(languages__icontains=language)
    query = request.GET.get("q", "").strip()
    if filters["area"][1]:
        experts = experts.distinct()  # an expert with several areas would come once per area
    scores = {}
    if query:  # rank ids by relevance, then load only the page's experts
        ranked = services.rank(experts, query, group_id=group.pk, filtered=any(v for _, v in filters.values()) or bool(language))
        scores = dict(ranked)
        page = Paginator([pk for pk, _ in ranked], 50).get_page(request.GET.get("page"))
        loaded = {e.pk: e for e in Expert.objects.filter(pk__in=list(page.object_list)).select_related("person", "nationality").prefetch_related("areas")}
        page.object_list = [loaded[pk] for pk in page.object_list]
        for expert in page.object_list:
            expert.score = scores[expert.pk]
    else:
        page = Paginator(experts.order_by("person__last_name", "person__first_name", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "roster/roster.html", {
        "group": group, "page": page, "q": query, "filters": {k: v for k, (_, v) in filters.items()},
        "language": language, "areas": ExpertiseArea.objects.filter(group=group), "regions": RegionalGroup.choices,
        "stakeholders": Stakeholder.choices, "can_nominate": access.can_nominate(request.user, group),
    })


def expert(request, group_slug, pk):
    record = get_object_or_404(Expert.objects.select_related("person", "nationality", "country_of_work", "nominating_country", "group"), pk=pk, group__slug=group_slug)
    if record.status != Status.APPROVED and not access.can_edit(request.user, record):
        raise Http404("No such expert on the roster.")
    return render(request, "roster/expert.html", {
        "expert": record, "contact": access.can_see_contact(request.user, record), "can_edit": access.can_edit(request.user, record),
        "missing": services.missing(record) if access.can_edit(request.user, record) else [],
        "events": record.events.select_related("by") if access.can_edit(request.user, record) else [],
    })


def _nominating_countries(user, group):
    return None if is_secretariat(user) else access.focal_point_countries(user, group)


@login_required
def nominate(request, group_slug):
    group = get_object_or_404(Group, slug=group_slug)
    if not access.can_nominate(request.user, group):
        raise PermissionDenied(_("Only focal points and the secretariat nominate experts."))
    form = ExpertForm(request.POST or None, group=group, nominating_countries=_nominating_countries(request.user, group))
    if request.method == "POST" and form.is_valid():
        record = services.nominate(form, request.user)
        messages.success(request, _("Nomination saved as a draft. Check what is missing, then submit it for review."))
        return redirect("roster_edit", group_slug=group.slug, pk=record.pk)
    return render(request, "roster/form.html", {"form": form, "group": group, "title": _("Nominate an expert")},
                  status=400 if form.errors else 200)


@login_required
def edit(request, group_slug, pk):
    record = get_object_or_404(Expert.objects.select_related("person", "group"), pk=pk, group__slug=group_slug)
    if not access.can_edit(request.user, record):
        raise PermissionDenied
    form = ExpertForm(request.POST or None, instance=record, group=record.group,
                      nominating_countries=_nominating_countries(request.user, record.group) if not access.is_own(request.user, record) else None)
    status, before = 400 if form.errors else 200, record.status
    if request.method == "POST" and form.is_valid():
        saved = services.save_edit(form, request.user)
        if saved is not None:
            if saved.status == Status.SUBMITTED and before == Status.APPROVED:
                messages.success(request, _("Saved. The record was on the roster, so it goes back to the secretariat for review."))
            else:
                messages.success(request, _("Saved."))
            return redirect("roster_edit", group_slug=group_slug, pk=pk)
        status = 409
    return render(request, "roster/form.html", {
        "form": form, "group": record.group, "expert": record, "missing": services.missing(record),
        "title": _("Roster record of %(name)s") % {"name": record.person.formal_name},
    }, status=status)


@login_required
@require_POST
def submit(request, group_slug, pk):
    record = get_object_or_404(Expert, pk=pk, group__slug=group_slug)
    if not access.can_edit(request.user, record):
        raise PermissionDenied
    try:
        services.submit(record, request.user)
        messages.success(request, _("Submitted for review by the secretariat."))
    except services.ReviewRefused as refused:
        messages.error(request, _("Not submitted: %(why)s") % {"why": refused})
    return redirect("roster_edit", group_slug=group_slug, pk=pk)


@secretariat_required
def review(request, group_slug):
    """Decide on submitted nominations. A refused decision (no reason to reject, say) comes back with
    the decision and the reason the reviewer gave, never reset to the first choice."""
    group = get_object_or_404(Group, slug=group_slug)
    failed = None
    if request.method == "POST":
        record = get_object_or_404(Expert, pk=request.POST.get("expert"), group=group)
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review(record, form.cleaned_data["decision"], request.user, form.cleaned_data["reason"])
                messages.success(request, _("%(name)s: %(status)s.") % {"name": record.person, "status": record.get_status_display()})
                return redirect("manage:roster_review", group_slug=group_slug)
            except services.ReviewRefused as refused:
                form.add_error("reason", str(refused))
        failed = {"expert": record.pk, "decision": request.POST.get("decision", ""), "reason": request.POST.get("reason", ""),
                  "errors": [e for errors in form.errors.values() for e in errors]}
    pending = Expert.objects.filter(group=group, status=Status.SUBMITTED).select_related("person", "nationality", "nominating_country")
    rows = [(e, services.missing(e)) for e in pending]
    counts = {label: Expert.objects.filter(group=group, status=value).count() for value, label in Status.choices}
    return render(
        request, "roster/review.html",
        {"group": group, "rows": rows, "decisions": Decision.choices, "counts": counts, "failed": failed},
        status=400 if failed else 200,
    )


@secretariat_required
def usage(request, group_slug):
    group = get_object_or_404(Group, slug=group_slug)
    if request.GET.get("format") == "csv" and exports.is_long(group):  # a long table is made by the worker
        job = jobs.start_export("liaison.roster.exports.usage_file", {"group": group.pk}, owner=request.user,
                                title=_("Roster usage of the %(group)s (CSV)") % {"group": group.acronym or group.local_name}, filename=exports.usage_filename(group),
                                access="liaison.roster.exports.can_see_usage")
        return redirect("job", pk=job.pk)
    rows = services.usage(group)
    if request.GET.get("format") == "csv":
        return csv_response(exports.usage_filename(group), exports.USAGE_HEADER, exports.usage_rows(rows))
    return render(request, "roster/usage.html", {"group": group, "rows": rows, "regions": services.usage_by_region(rows)})


@login_required
def upload(request, group_slug):
    """Bulk nominations: all rows are checked; if any has a problem nothing is saved."""
    group = get_object_or_404(Group, slug=group_slug)
    if not access.can_nominate(request.user, group):
        raise PermissionDenied(_("Only focal points and the secretariat nominate experts."))
    form = UploadForm(request.POST or None, request.FILES or None)
    problems, created = [], []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            bulk.check_size(upload_file.size)  # before reading a byte of it
            data = upload_file.read()
            rows = bulk.read_rows(upload_file.name, data)
            if len(rows) > bulk.INLINE_ROWS:  # a long sheet: the worker does it, with a progress bar
                job = bulk.start_job(upload_file.name, data, group, request.user, _nominating_countries(request.user, group))
                return redirect("job", pk=job.pk)
            created, problems = bulk.nominate(rows, group, request.user, _nominating_countries(request.user, group))
        except bulk.SheetError as error:
            form.add_error("file", str(error))
        if created:
            messages.success(request, _("%(n)d nominations saved as drafts. Submit each for review once complete.") % {"n": len(created)})
    status = 400 if (problems or form.errors) else 200
    return render(request, "roster/upload.html", {
        "group": group, "form": form, "problems": problems, "created": [(e, services.missing(e)) for e in created],
        "columns": bulk.COLUMNS, "areas": ExpertiseArea.objects.filter(group=group).order_by("code"),
    }, status=status)


def upload_template(request, group_slug, part, fmt):
    """The sheet to fill for a bulk nomination (XLSX: the columns, the area codes and a guide; CSV:
    the columns, or the area codes as a second file)."""
    group = get_object_or_404(Group, slug=group_slug)
    if not access.can_nominate(request.user, group):
        raise PermissionDenied(_("Only focal points and the secretariat nominate experts."))
    sheets = bulk.template_sheets(group)  # nominations, areas of expertise, guide: named in the reader's language
    if fmt == "xlsx" and part == "template":
        return xlsx_response(f"{group.slug}-nominations.xlsx", sheets)
    if fmt == "csv":
        header, rows = list(sheets.values())[0 if part == "template" else 1]
        return csv_response(f"{group.slug}-{'nominations' if part == 'template' else 'areas'}.csv", header, rows)
    raise Http404("No such file.")

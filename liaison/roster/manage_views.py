"""The composition planner page of a meeting: rules in, proposal with its balance table and reasons,
swaps with their effect, then invitations through the meeting's invitation flow."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, ngettext

from liaison.core.decorators import secretariat_required
from liaison.meetings import invitation_views
from liaison.meetings.models import Meeting

from . import lottery_jobs, panels, planner_jobs, services
from .forms import LotteryForm, PanelForm
from .models import Expert, Status


def _invite(request, meeting, people, origin=""):
    """The panel (or the drawn members) goes to the meeting's invitation flow: the e-mail is
    previewed, its message may be edited, and the invitations leave only when sent from there."""
    return invitation_views.preview_for(request, meeting, people, origin=origin)


def _done_job(request, meeting, pk, kind: str, key: str):
    """The finished job ``pk`` of this kind for this meeting, if this user may see it; else 404."""
    import uuid

    from liaison.core import jobs
    from liaison.core.models import Job, JobStatus

    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        raise Http404 from None
    job = Job.objects.filter(pk=pk, kind=kind, status=JobStatus.DONE, params__meeting=meeting.pk).first()
    if job is None or not jobs.visible(job, request.user) or key not in job.result:
        raise Http404
    return job


def _planned(request, meeting, pk):
    """The planner page with the panel a worker proposed (roster/planner_jobs.py)."""
    job = _done_job(request, meeting, pk, planner_jobs.KIND, "plan")
    form = PanelForm(planner_jobs.form_data(job.params["post"]), meeting=meeting)
    form.is_valid()
    result = planner_jobs.stored(job)
    if job.result.get("error"):
        messages.error(request, job.result["error"])
    by_id = {str(e.pk): e for e in Expert.objects.filter(group=meeting.group, status=Status.APPROVED).select_related("person", "nationality")}
    result.panel = [i for i in result.panel if i in by_id]  # records that left the roster since are not offered
    on_panel = set(result.panel)
    return render(request, "roster/panel.html", {
        "meeting": meeting, "form": form, "result": result, "experts": by_id,
        "panel_rows": [(by_id[i], result.reasons.get(i, []), None) for i in result.panel],
        "runners_up": [by_id[i] for i in result.runners_up if i in by_id],
        "uncovered": [a.name for a in form.cleaned_data.get("areas", []) if a.code in result.uncovered],
        "others": sorted((e for i, e in by_id.items() if i not in on_panel), key=lambda e: e.person.last_name),
    })


@secretariat_required
def panel(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    if request.method == "GET" and request.GET.get("job"):
        return _planned(request, meeting, request.GET["job"])
    form = PanelForm(request.POST or None, meeting=meeting)
    context = {"meeting": meeting, "form": form}
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "plan")
        if action == "invite":  # the panel's approved records, in the page's order: nothing to score
            wanted = request.POST.getlist("panel")
            chosen = {str(e.pk): e for e in Expert.objects.filter(group=meeting.group, status=Status.APPROVED,
                                                                  pk__in=[i for i in wanted if i.isdigit()]).select_related("person")}
            if chosen:
                return _invite(request, meeting, [chosen[i].person for i in dict.fromkeys(wanted) if i in chosen])
        if planner_jobs.is_large(meeting):  # a large roster: the worker plans or swaps (it scores the roster)
            return redirect("job", pk=planner_jobs.start(meeting, request.POST, request.user).pk)
        rules = form.rules()
        experts, candidates = services.candidates(meeting, form.cleaned_data["topics"], rules.topics)
        by_id = {str(e.pk): e for e in experts}
        current = [i for i in request.POST.getlist("panel") if i in by_id]
        if action == "swap" and current:
            try:
                result = panels.swap(candidates, rules, current, request.POST.get("out", ""), request.POST.get("in", ""))
            except ValueError as error:
                messages.error(request, str(error))
                result = panels.describe(candidates, rules, current)
        else:
            result = panels.plan(candidates, rules)
        on_panel = set(result.panel)
        context.update({
            "result": result, "experts": by_id,
            "panel_rows": [(by_id[i], result.reasons.get(i, []), next(c for c in candidates if c.id == i)) for i in result.panel],
            "runners_up": [by_id[i] for i in result.runners_up],
            "uncovered": [a.name for a in form.cleaned_data["areas"] if a.code in result.uncovered],
            "others": sorted((e for i, e in by_id.items() if i not in on_panel), key=lambda e: e.person.last_name),
        })
    return render(request, "roster/panel.html", context)


@secretariat_required
def lottery_page(request, pk):
    """Fair rotation: chances as equal as the quotas allow (leximin), and a draw anyone can verify.
    A large pool's chances are computed by the worker (roster/lottery_jobs.py); the page then draws
    and invites from the distribution the job kept."""
    from . import lottery

    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    job_id = request.GET.get("job") if request.method == "GET" else request.POST.get("job") if request.POST.get("action") == "invite" else None
    job = _done_job(request, meeting, job_id, lottery_jobs.KIND, "distribution") if job_id else None
    form = LotteryForm(request.POST or (planner_jobs.form_data(job.params["post"]) if job else None), meeting=meeting)
    context = {"meeting": meeting, "form": form, "job": job}
    if (request.method == "POST" or job) and form.is_valid():
        data = form.cleaned_data
        if job:
            result = lottery_jobs.Stored(job.result)
            by_pk = Expert.objects.select_related("person", "nationality").in_bulk(result.experts)
            experts = [by_pk.get(pk) for pk in result.experts]  # None for a record deleted since
        else:
            experts, people, limits = lottery_jobs.pool(meeting, data)
            if len(experts) > lottery_jobs.inline_limit():  # a large pool: the worker computes the chances
                return redirect("job", pk=lottery_jobs.start(meeting, request.POST, request.user).pk)
            try:
                if data["size"] > len(experts):
                    raise lottery.InfeasibleQuotas(ngettext(
                        "Not enough experts qualify for %(k)d seat: %(n)d.", "Not enough experts qualify for %(k)d seats: %(n)d.",
                        data["size"]) % {"n": len(experts), "k": data["size"]})
                result = lottery.solve(people, data["quotas"], data["size"], limits=limits)
            except lottery.InfeasibleQuotas as error:
                form.add_error(None, error.translated(_))
                return render(request, "roster/lottery.html", context, status=400)
        drawn = [experts[i] for i in result.draw(data["seed"]) if experts[i] is not None]
        if request.POST.get("action") == "invite":  # each drawn expert is marked selected when the invitations are sent
            return _invite(request, meeting, [e.person for e in drawn], origin=services.draw_origin(meeting, data["seed"]))
        context.update({
            "result": result, "drawn": drawn,
            "rows": sorted(((e, p) for e, p in zip(experts, result.probabilities) if e is not None), key=lambda row: (row[1], row[0].person.last_name)),
        })
    return render(request, "roster/lottery.html", context)

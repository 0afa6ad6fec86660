"""A planner run over a large roster is long work for the worker (core/jobs.py).

Proposing a panel scores every approved record of the group against the topics (a TF-IDF over the
whole roster) and solves the program; for a roster of more than ``INLINE_PLANNER_EXPERTS`` approved
records the page hands that to the worker: the job's page shows the progress, then leads back to
the planner page with the proposed panel. A swap on such a roster scores the roster again, so it
goes to the worker the same way (the page's POST names the panel, who leaves and who comes in);
invitations go on inside the request. Only the secretariat sees such a job, as only the secretariat
plans."""

from dataclasses import asdict

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.core import jobs
from liaison.core.access import is_secretariat

from . import panels
from .models import Expert, Status

KIND = "liaison.roster.planner_jobs.run"


def inline_limit() -> int:
    return int(getattr(settings, "INLINE_PLANNER_EXPERTS", 2000))


def is_large(meeting) -> bool:
    return Expert.objects.filter(group=meeting.group, status=Status.APPROVED).count() > inline_limit()


def start(meeting, post, user):
    """Keep the page's rules (its POST, without the CSRF token) and let the worker plan with them,
    or, when the POST asks for a swap, describe the panel with the swap made."""
    data = {key: post.getlist(key) for key in post if key != "csrfmiddlewaretoken"}
    names = {"meeting": meeting.local_title,
             "group": meeting.group.acronym or meeting.group.local_name}
    title = (_("Swap on the panel for %(meeting)s (%(group)s)") if post.get("action") == "swap"
             else _("Panel for %(meeting)s (%(group)s)")) % names
    return jobs.start(KIND, owner=user, access="liaison.roster.planner_jobs.can_see", title=title,
                      params={"meeting": meeting.pk, "post": data})


def can_see(job, user) -> bool:
    return is_secretariat(user)


def form_data(post: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in post.items():
        data.setlist(key, values)
    return data


def run(job, progress):
    """The worker's side of :func:`start`: the same rules, candidates and program as the page."""
    from liaison.meetings.models import Meeting

    from . import services
    from .forms import PanelForm

    meeting = Meeting.objects.select_related("group").get(pk=job.params["meeting"])
    form = PanelForm(form_data(job.params["post"]), meeting=meeting)
    if not form.is_valid():
        errors = [_("%(field)s: %(problems)s") % {"field": form[field].label if field in form.fields else field, "problems": " ".join(messages)}
                  for field, messages in form.errors.items()]
        return {"message": _("The rules were refused; correct them on the planner page."), "errors": errors,
                "url": reverse("manage:panel", args=[meeting.pk]), "link_text": _("The planner")}
    rules = form.rules()
    progress(0, 2, _("Scoring the roster against the topics"))
    _experts, candidates = services.candidates(meeting, form.cleaned_data["topics"], rules.topics)
    post = job.params["post"]
    current = [i for i in post.get("panel", []) if i in {c.id for c in candidates}]
    if _one(post, "action") == "swap" and current:
        progress(1, 2, _("Describing the panel with the swap"))
        error = ""
        try:
            result = panels.swap(candidates, rules, current, _one(post, "out"), _one(post, "in"))
        except ValueError as refused:
            error = str(refused)
            result = panels.describe(candidates, rules, current)
        message = (_("Not swapped: %(reason)s") % {"reason": error} if error else
                   _("The panel of %(n)d with the swap made.") % {"n": len(result.panel)})
        return {"message": message, "plan": asdict(result), "error": error,
                "url": reverse("manage:panel", args=[meeting.pk]) + f"?job={job.pk}", "link_text": _("The panel")}
    progress(1, 2, _("Composing the panel"))
    result = panels.plan(candidates, rules)
    message = (_("A panel of %(n)d proposed.") % {"n": len(result.panel)} if result.panel
               else _("No panel satisfies every rule.") if result.conflicts else _("No panel was found."))
    return {"message": message, "plan": asdict(result), "url": reverse("manage:panel", args=[meeting.pk]) + f"?job={job.pk}",
            "link_text": _("The proposed panel")}


def _one(post: dict, key: str) -> str:
    values = post.get(key) or [""]
    return str(values[-1])


def stored(job) -> panels.Plan:
    """The plan the worker made, as the page shows a plan made at once."""
    data = dict(job.result["plan"])
    data["balance"] = [panels.BalanceRow(**row) for row in data.get("balance", [])]
    data["conflicts"] = [panels.Conflict(**row) for row in data.get("conflicts", [])]
    return panels.Plan(**data)

"""A lottery over a large pool is long work for the worker (core/jobs.py).

Computing the chances (maximin/leximin by column generation) takes seconds to minutes for thousands
of people (README: 21 s for 10,000 with loose quotas, 197 s tight); with more than
``INLINE_LOTTERY_PEOPLE`` qualified experts the lottery page hands it to the worker. The job keeps
the published distribution (its hash is what makes a draw verifiable), the chances and the pool's
order; the page then draws from that distribution with the seed, and invites from it, without
computing it again. Only the secretariat sees such a job."""

from django.conf import settings
from django.utils.formats import number_format
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.core import jobs
from liaison.core.access import is_secretariat

from . import lottery, services
from .models import Expert, Status
from .planner_jobs import form_data

KIND = "liaison.roster.lottery_jobs.run"


def inline_limit() -> int:
    return int(getattr(settings, "INLINE_LOTTERY_PEOPLE", 300))


def pool(meeting, data):
    """The qualified experts (in a fixed order), their quota features and the page's limits."""
    experts = Expert.objects.filter(group=meeting.group, status=Status.APPROVED).select_related("person", "nationality")
    if data["areas"]:
        experts = experts.filter(areas__in=data["areas"]).distinct()
    experts = sorted(experts, key=lambda e: e.pk)
    returning = services.previous_attendees(meeting)
    include, exclude = {e.pk for e in data["include"]}, {e.pk for e in data["exclude"]}
    limits = lottery.Limits(
        max_per_country=data.get("max_per_country"), countries=tuple(e.nationality.iso3 for e in experts),
        min_returning=data.get("min_returning") or 0, returning=tuple(e.person_id in returning for e in experts),
        include=frozenset(i for i, e in enumerate(experts) if e.pk in include),
        exclude=frozenset(i for i, e in enumerate(experts) if e.pk in exclude),
    )
    return experts, [e.quota_features() for e in experts], limits


def start(meeting, post, user):
    data = {key: post.getlist(key) for key in post if key not in ("csrfmiddlewaretoken", "job")}
    return jobs.start(KIND, owner=user, access="liaison.roster.lottery_jobs.can_see",
                      title=_("Lottery for %(meeting)s (%(group)s)") % {
                          "meeting": meeting.local_title,
                          "group": meeting.group.acronym or meeting.group.local_name},
                      params={"meeting": meeting.pk, "post": data})


def can_see(job, user) -> bool:
    return is_secretariat(user)


class Stored:
    """A lottery the worker computed, with what the page shows and draws from."""

    def __init__(self, result: dict):
        self.distribution, self.probabilities = result["distribution"], result["probabilities"]
        self.minimum, self.experts = result["minimum"], result["experts"]
        self.digest = lottery.distribution_digest(self.distribution)

    def draw(self, seed):
        return lottery.draw(self.distribution, seed)


def run(job, progress):
    """The worker's side of :func:`start`: the same pool, quotas and limits as the page."""
    from liaison.meetings.models import Meeting

    from .forms import LotteryForm

    meeting = Meeting.objects.select_related("group").get(pk=job.params["meeting"])
    form = LotteryForm(form_data(job.params["post"]), meeting=meeting)
    back = reverse("manage:lottery", args=[meeting.pk])
    if not form.is_valid():
        return {"message": _("The rules were refused; correct them on the lottery page."), "url": back, "link_text": _("The lottery")}
    data = form.cleaned_data
    experts, people, limits = pool(meeting, data)
    progress(0, 1, ngettext("Computing the chances of %(n)d expert", "Computing the chances of %(n)d experts", len(experts)) % {"n": len(experts)})
    try:
        if data["size"] > len(experts):
            raise lottery.InfeasibleQuotas(ngettext("Only %(n)d expert qualifies for %(seats)d seats.", "Only %(n)d experts qualify for %(seats)d seats.",
                                                len(experts)) % {"n": len(experts), "seats": data["size"]})
        result = lottery.solve(people, data["quotas"], data["size"], limits=limits)
    except lottery.InfeasibleQuotas as error:
        refusal = error.translated(_)
        return {"message": refusal, "errors": [refusal], "url": back, "link_text": _("The lottery")}
    return {"message": ngettext("Chances computed for %(n)d expert; lowest chance %(chance)s.",
                                "Chances computed for %(n)d experts; lowest chance %(chance)s.", len(experts))
            % {"n": len(experts), "chance": number_format(float(result.minimum), 3)},
            "distribution": result.distribution(), "probabilities": [float(p) for p in result.probabilities],
            "minimum": float(result.minimum), "experts": [e.pk for e in experts],
            "url": f"{back}?job={job.pk}", "link_text": _("Draw with the seed")}

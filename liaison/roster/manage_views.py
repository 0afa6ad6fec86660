"""The composition planner page of a meeting: rules in, proposal with its balance table and reasons,
swaps with their effect, then invitations through the meeting's invitation flow."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core.decorators import secretariat_required
from liaison.meetings import invitations
from liaison.meetings.models import Meeting

from . import panels, services
from .models import Expert, ExpertiseArea, Status
from .quotas import Quota

REGIONS = ["african", "asia_pacific", "eastern_european", "latin_american_caribbean", "western_european_others"]


def default_quotas(size: int) -> str:
    low, high = max(0, size // 5 - 1), size // 5 + 2
    lines = [f"region={r} {low} {high}" for r in REGIONS]
    lines += [f"gender=female {size * 2 // 5} {size - size * 2 // 5}", f"gender=male {size * 2 // 5} {size - size * 2 // 5}"]
    return "\n".join(lines)


class PanelForm(forms.Form):
    size = forms.IntegerField(label=gettext_lazy("Seats"), min_value=1, max_value=200, initial=10)
    topics = forms.CharField(label=gettext_lazy("Topics of the agenda (free text, for relevance)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    areas = forms.ModelMultipleChoiceField(label=gettext_lazy("Areas to cover"), queryset=ExpertiseArea.objects.none(), required=False, widget=forms.CheckboxSelectMultiple)
    quotas = forms.CharField(label=gettext_lazy("Quotas, one per line: category=value min max"), widget=forms.Textarea(attrs={"rows": 7}), required=False,
                             help_text=gettext_lazy("Categories: region, stakeholder, gender."))
    max_per_country = forms.IntegerField(label=gettext_lazy("At most per country"), min_value=1, initial=1, required=False)
    min_returning = forms.IntegerField(label=gettext_lazy("At least from the previous meeting"), min_value=0, initial=0, required=False)
    include = forms.ModelMultipleChoiceField(label=gettext_lazy("Must be included"), queryset=Expert.objects.none(), required=False)
    exclude = forms.ModelMultipleChoiceField(label=gettext_lazy("Must not be included (e.g. declared conflict of interest)"), queryset=Expert.objects.none(), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        approved = Expert.objects.filter(group=meeting.group, status=Status.APPROVED).select_related("person")
        self.fields["areas"].queryset = ExpertiseArea.objects.filter(group=meeting.group)
        for name in ("include", "exclude"):
            self.fields[name].queryset = approved
            self.fields[name].label_from_instance = lambda e: e.person.formal_name
        if not self.is_bound:
            self.fields["quotas"].initial = default_quotas(self.fields["size"].initial)
            self.fields["topics"].initial = "; ".join(i.title for i in meeting.agenda_items.all())

    def clean_quotas(self):
        parsed = []
        for number, line in enumerate(self.cleaned_data["quotas"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                label, low, high = line.split()
                category, value = label.split("=", 1)
                quota = Quota(category.strip(), value.strip(), int(low), int(high))
            except ValueError:
                raise forms.ValidationError(_("Line %(n)d: write category=value min max, e.g. region=african 1 3.") % {"n": number}) from None
            if quota.category not in ("region", "stakeholder", "gender") or quota.min > quota.max:
                raise forms.ValidationError(_("Line %(n)d: use region, stakeholder or gender, with min ≤ max.") % {"n": number})
            parsed.append(quota)
        return parsed

    def rules(self):
        data = self.cleaned_data
        return panels.Rules(
            size=data["size"], quotas=data["quotas"], topics=[a.code for a in data["areas"]],
            max_per_country=data.get("max_per_country"), min_returning=data.get("min_returning") or 0,
            include={str(e.pk) for e in data["include"]}, exclude={str(e.pk) for e in data["exclude"]},
        )


def _invite(request, meeting, people):
    """Invite the panel (or the drawn members) through the invitations service, say what happened,
    and show the meeting's invitations."""
    sent, problems = invitations.invite_all(meeting, people)
    if sent:
        messages.success(request, _("%(n)d invitation(s) queued for sending.") % {"n": sent})
    for problem in problems:
        messages.warning(request, problem)
    return redirect("manage:invitations", pk=meeting.pk)


@secretariat_required
def panel(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    form = PanelForm(request.POST or None, meeting=meeting)
    context = {"meeting": meeting, "form": form}
    if request.method == "POST" and form.is_valid():
        rules = form.rules()
        experts, candidates = services.candidates(meeting, form.cleaned_data["topics"], rules.topics)
        by_id = {str(e.pk): e for e in experts}
        action = request.POST.get("action", "plan")
        current = [i for i in request.POST.getlist("panel") if i in by_id]
        if action == "invite" and current:
            return _invite(request, meeting, [by_id[i].person for i in current])
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
            "others": sorted((e for i, e in by_id.items() if i not in on_panel), key=lambda e: e.person.last_name),
        })
    return render(request, "roster/panel.html", context)


class LotteryForm(forms.Form):
    size = forms.IntegerField(label=gettext_lazy("Seats"), min_value=1, max_value=200, initial=10)
    quotas = forms.CharField(label=gettext_lazy("Quotas, one per line: category=value min max"), widget=forms.Textarea(attrs={"rows": 7}), required=False)
    areas = forms.ModelMultipleChoiceField(label=gettext_lazy("Only experts in these areas (none: all)"), queryset=ExpertiseArea.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    seed = forms.CharField(label=gettext_lazy("Published seed"), max_length=100,
                           help_text=gettext_lazy("Announce it before the draw (e.g. a public lottery result): anyone can then redo the draw."))
    # The planner's rules, as constraints of every panel the lottery can draw (issue 10, item 14).
    max_per_country = PanelForm.base_fields["max_per_country"]
    min_returning = PanelForm.base_fields["min_returning"]
    include = PanelForm.base_fields["include"]
    exclude = PanelForm.base_fields["exclude"]

    clean_quotas = PanelForm.clean_quotas

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = ExpertiseArea.objects.filter(group=meeting.group)
        approved = Expert.objects.filter(group=meeting.group, status=Status.APPROVED).select_related("person")
        for name in ("include", "exclude"):
            self.fields[name].queryset = approved
            self.fields[name].label_from_instance = lambda e: e.person.formal_name
        if not self.is_bound:
            self.fields["quotas"].initial = default_quotas(self.fields["size"].initial)


@secretariat_required
def lottery_page(request, pk):
    """Fair rotation: chances as equal as the quotas allow (leximin), and a draw anyone can verify."""
    from . import lottery

    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    form = LotteryForm(request.POST or None, meeting=meeting)
    context = {"meeting": meeting, "form": form}
    if request.method == "POST" and form.is_valid():
        experts = Expert.objects.filter(group=meeting.group, status=Status.APPROVED).select_related("person", "nationality")
        if form.cleaned_data["areas"]:
            experts = experts.filter(areas__in=form.cleaned_data["areas"]).distinct()
        experts = sorted(experts, key=lambda e: e.pk)
        people = [{"region": e.nationality.regional_group, "stakeholder": e.stakeholder, "gender": e.person.gender or "undisclosed"} for e in experts]
        data = form.cleaned_data
        returning = services.previous_attendees(meeting)
        include, exclude = {e.pk for e in data["include"]}, {e.pk for e in data["exclude"]}
        limits = lottery.Limits(
            max_per_country=data.get("max_per_country"), countries=tuple(e.nationality.iso3 for e in experts),
            min_returning=data.get("min_returning") or 0, returning=tuple(e.person_id in returning for e in experts),
            include=frozenset(i for i, e in enumerate(experts) if e.pk in include),
            exclude=frozenset(i for i, e in enumerate(experts) if e.pk in exclude),
        )
        try:
            if data["size"] > len(experts):
                raise lottery.InfeasibleQuotas(_("Only %(n)d experts qualify for %(k)d seats.") % {"n": len(experts), "k": data["size"]})
            result = lottery.solve(people, data["quotas"], data["size"], limits=limits)
        except lottery.InfeasibleQuotas as error:
            form.add_error(None, str(error))
            return render(request, "roster/lottery.html", context, status=400)
        drawn = [experts[i] for i in result.draw(form.cleaned_data["seed"])]
        if request.POST.get("action") == "invite":
            for expert in drawn:
                services.record_event(expert, "selected", request.user, f"Drawn for {meeting} with seed {form.cleaned_data['seed']!r}")
            return _invite(request, meeting, [e.person for e in drawn])
        context.update({
            "result": result, "drawn": drawn,
            "rows": sorted(zip(experts, result.probabilities), key=lambda row: (row[1], row[0].person.last_name)),
        })
    return render(request, "roster/lottery.html", context)

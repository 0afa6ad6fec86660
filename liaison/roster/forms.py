from django import forms
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from liaison.core import regions
from liaison.core.concurrency import VersionConflict
from liaison.core.forms import VersionedModelForm
from liaison.core.models import Gender, Person

from . import panels, quotas
from .models import Decision, Expert, ExpertiseArea, Status

PERSON_FIELDS = ["honorific", "first_name", "last_name", "gender", "email", "phone"]

# The longest text each free-text field of a roster record takes (characters): enough for a full
# CV, not for a 4.5 MB paste that every public search would then have to read.
TEXT_LIMITS = {"profile": 5000, "education": 3000, "publications": 10000, "references": 3000}


class ExpertForm(VersionedModelForm):
    """A nomination: the person (with private contact details) and their roster record.

    An edit saves only if neither the record nor the person changed since the form was opened
    (``version`` and ``person_version``); otherwise ``save_or_conflict`` says so and keeps the input."""

    person_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    honorific = forms.CharField(label=_("Honorific"), max_length=40, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—")] + list(Gender.choices), required=False)
    email = forms.EmailField(label=_("E-mail (private)"), required=False)
    phone = forms.CharField(label=_("Telephone (private)"), max_length=60, required=False)

    class Meta:
        model = Expert
        fields = ["nationality", "country_of_work", "nominating_country", "stakeholder", "languages", "areas",
                  "keywords", "profile", "highest_degree", "education", "years_experience", "publications", "references"]
        widgets = {"areas": forms.CheckboxSelectMultiple, "profile": forms.Textarea(attrs={"rows": 5}),
                   "education": forms.Textarea(attrs={"rows": 3}), "publications": forms.Textarea(attrs={"rows": 3}),
                   "references": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, group, nominating_countries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["areas"].queryset = ExpertiseArea.objects.filter(group=group)
        if nominating_countries is not None:  # a focal point nominates for their own country only
            self.fields["nominating_country"].queryset = self.fields["nominating_country"].queryset.filter(pk__in=nominating_countries)
        if self.instance.pk:
            for name in PERSON_FIELDS:
                self.fields[name].initial = getattr(self.instance.person, name)
            self.fields["person_version"].initial = self.instance.person.version
        for name, limit in TEXT_LIMITS.items():
            field = self.fields[name]
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs["maxlength"] = str(limit)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and not self.instance.pk and Expert.objects.filter(group=self.group, person__email__iexact=email).exists():
            self.add_error("email", _("An expert with this e-mail address is already on this roster."))
        return cleaned

    def save(self, by=None):
        """Save the person and the record together; raises VersionConflict (changing nothing) when
        an edit started from an older version of either."""
        expert = forms.ModelForm.save(self, commit=False)
        with transaction.atomic():
            person = expert.person if expert.pk else Person()
            for name in PERSON_FIELDS:
                setattr(person, name, self.cleaned_data.get(name) or "")
            person.country = self.cleaned_data["nationality"]
            if expert.pk:
                expert.save_versioned(expected_version=self.cleaned_data.get("version") or expert.version)
                person.save_versioned(expected_version=self.cleaned_data.get("person_version") or person.version)
            else:
                person.save()
                expert.person = person
                expert.group = self.group
                expert.nominated_by = by if getattr(by, "is_authenticated", False) else None
                expert.save()
            self.save_m2m()
        return expert

    def save_or_conflict(self, by=None):
        try:
            return self.save(by=by)
        except VersionConflict:
            self.add_error(None, _(
                "Someone else saved this record while you were editing it. Your changes are below but "
                "were not saved: open the record again in another tab, compare, and save again."))
            return None


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Sheet (.csv or .xlsx)"), help_text=_("One nomination per row; the first row names the columns."))


def default_quotas(size: int) -> list[quotas.Quota]:
    """A starting point for a panel of ``size``: each UN regional group about a fifth of the seats,
    and at least two fifths women and two fifths men."""
    low, high = max(0, size // 5 - 1), size // 5 + 2
    rules = [quotas.Quota("region", code, low, high) for code in regions.REGIONAL_GROUPS]
    balance = size * 2 // 5
    return rules + [quotas.Quota("gender", value, balance, size - balance) for value in (Gender.FEMALE, Gender.MALE)]


class RulesForm(forms.Form):
    """The rules the planner and the lottery share: seats, quotas, at most m per country, at least c
    returning from the previous meeting, experts who must or must not sit (among the group's roster)."""

    size = forms.IntegerField(label=_("Seats"), min_value=1, max_value=200, initial=10)
    quotas = forms.CharField(label=_("Quotas, one per line: category=value min max"), widget=forms.Textarea(attrs={"rows": 7}), required=False,
                             help_text=_("Categories: region, stakeholder, gender."))
    max_per_country = forms.IntegerField(label=_("At most per country"), min_value=1, initial=1, required=False)
    min_returning = forms.IntegerField(label=_("At least from the previous meeting"), min_value=0, initial=0, required=False)
    include = forms.ModelMultipleChoiceField(label=_("Must be included"), queryset=Expert.objects.none(), required=False)
    exclude = forms.ModelMultipleChoiceField(label=_("Must not be included (e.g. declared conflict of interest)"), queryset=Expert.objects.none(), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        approved = Expert.objects.filter(group=meeting.group, status=Status.APPROVED).select_related("person")
        self.fields["areas"].queryset = ExpertiseArea.objects.filter(group=meeting.group)
        for name in ("include", "exclude"):
            self.fields[name].queryset = approved
            self.fields[name].label_from_instance = lambda e: e.person.formal_name
        if not self.is_bound:
            self.fields["quotas"].initial = quotas.format_lines(default_quotas(self.fields["size"].initial))

    def clean_quotas(self):
        try:
            return quotas.parse_lines(self.cleaned_data["quotas"])
        except quotas.QuotaLineError as error:
            if error.kind == "syntax":
                raise forms.ValidationError(_("Line %(n)d: write category=value min max, e.g. region=african 1 3.") % {"n": error.line}) from None
            raise forms.ValidationError(_("Line %(n)d: use region, stakeholder or gender, with min ≤ max.") % {"n": error.line}) from None


class PanelForm(RulesForm):
    field_order = ["size", "topics", "areas", "quotas"]
    topics = forms.CharField(label=_("Topics of the agenda (free text, for relevance)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    areas = forms.ModelMultipleChoiceField(label=_("Areas to cover"), queryset=ExpertiseArea.objects.none(), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, meeting=meeting, **kwargs)
        if not self.is_bound:
            self.fields["topics"].initial = "; ".join(i.title for i in meeting.agenda_items.all())

    def rules(self):
        data = self.cleaned_data
        return panels.Rules(
            size=data["size"], quotas=data["quotas"], topics=[a.code for a in data["areas"]],
            max_per_country=data.get("max_per_country"), min_returning=data.get("min_returning") or 0,
            include={str(e.pk) for e in data["include"]}, exclude={str(e.pk) for e in data["exclude"]},
        )


class LotteryForm(RulesForm):
    field_order = ["size", "quotas", "areas", "seed"]
    areas = forms.ModelMultipleChoiceField(label=_("Only experts in these areas (none: all)"), queryset=ExpertiseArea.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    seed = forms.CharField(label=_("Published seed"), max_length=100,
                           help_text=_("Announce it before the draw (e.g. a public lottery result): anyone can then redo the draw."))

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from liaison.core import regions
from liaison.core.concurrency import VersionConflict
from liaison.core.forms import VersionedModelForm
from liaison.core.models import Gender, Person, RegionalGroup

from . import panels, quotas
from .models import Decision, Expert, ExpertiseArea, Stakeholder, Status

PERSON_FIELDS = ["honorific", "first_name", "last_name", "gender", "email", "phone", "language"]

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
    language = forms.ChoiceField(
        label=_("Language for e-mails and letters"), required=False,
        choices=[("", _("The account's language (English without an account)"))] + list(settings.LANGUAGES),
    )

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


def quota_vocabulary() -> dict[str, tuple[str, dict[str, str]]]:
    """Per quota category (quotas.CATEGORIES): its name and the names of its values, as people read
    them. The UN regional groups come from core.regions (through RegionalGroup)."""
    return {
        "region": (_("UN regional group"), dict(RegionalGroup.choices)),
        "stakeholder": (_("Stakeholder type"), dict(Stakeholder.choices)),
        "gender": (_("Gender"), dict(Gender.choices)),
    }


def quota_name(category: str, value: str) -> str:
    """``African Group``, ``Gender: Female``, ``Stakeholder type: Academia / research``."""
    title, values = quota_vocabulary()[category]
    label = str(values.get(value, value))
    return label if category == "region" else f"{title}: {label}"


def named(quota: quotas.Quota) -> quotas.Quota:
    return quotas.Quota(quota.category, quota.value, quota.min, quota.max, name=quota_name(quota.category, quota.value))


def default_quotas(size: int) -> list[quotas.Quota]:
    """A starting point for a panel of ``size``: each UN regional group about a fifth of the seats,
    and at least two fifths women and two fifths men."""
    low, high = max(0, size // 5 - 1), size // 5 + 2
    rules = [quotas.Quota("region", code, low, high) for code in regions.REGIONAL_GROUPS]
    balance = size * 2 // 5
    return [named(q) for q in rules + [quotas.Quota("gender", value, balance, size - balance) for value in (Gender.FEMALE, Gender.MALE)]]


class QuotaRowForm(forms.Form):
    """One row of the quota table: at least ``min`` and at most ``max`` seats for one value of a
    category. A row left blank is ignored; a row filled in part is refused."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    value = forms.ChoiceField(label=_("Value"), required=False)
    min = forms.IntegerField(label=_("At least"), min_value=0, max_value=200, required=False)
    max = forms.IntegerField(label=_("At most"), min_value=0, max_value=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocabulary = quota_vocabulary()
        self.fields["category"].choices = [("", "—")] + [(code, title) for code, (title, _values) in vocabulary.items()]
        self.fields["value"].choices = [("", "—")] + [(title, list(values.items())) for title, values in vocabulary.values()]
        self.fields["category"].widget.attrs["data-quota-category"] = ""
        for name in ("min", "max"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "class": "quota-number"})

    def clean(self):
        data = super().clean()
        filled = [data.get(name) not in (None, "") for name in ("category", "value", "min", "max")]
        if not any(filled) or data.get("DELETE"):
            data["quota"] = None
            return data
        if not all(filled):
            if not self.errors:
                raise forms.ValidationError(_("Give the category, the value, at least and at most, or remove the row."))
            return data
        category, value = data["category"], data["value"]
        vocabulary = quota_vocabulary()
        if value not in vocabulary[category][1]:
            label = next(str(values[value]) for _title, values in vocabulary.values() if value in values)
            raise forms.ValidationError(_("“%(value)s” is not a value of %(category)s.") % {"value": label, "category": vocabulary[category][0]})
        if data["min"] > data["max"]:
            raise forms.ValidationError(_("At least %(min)d cannot be more than at most %(max)d.") % {"min": data["min"], "max": data["max"]})
        data["quota"] = named(quotas.Quota(category, value, data["min"], data["max"]))
        return data


class BaseQuotaFormSet(forms.BaseFormSet):
    def quotas(self) -> list[quotas.Quota]:
        return [form.cleaned_data["quota"] for form in self.forms if form.cleaned_data.get("quota")]


QuotaFormSet = forms.formset_factory(QuotaRowForm, formset=BaseQuotaFormSet, extra=2, can_delete=True, max_num=60, validate_max=True)


def quota_rows(rules: list[quotas.Quota], prefix: str = "quota") -> dict[str, str]:
    """The POST data of the quota table holding ``rules`` (for tests and scripts)."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rules)), f"{prefix}-INITIAL_FORMS": "0"}
    for n, q in enumerate(rules):
        data.update({f"{prefix}-{n}-category": q.category, f"{prefix}-{n}-value": q.value, f"{prefix}-{n}-min": str(q.min), f"{prefix}-{n}-max": str(q.max)})
    return data


class RulesForm(forms.Form):
    """The rules the planner and the lottery share: seats, quotas (a table, ``self.quota_table``), at
    most m per country, at least c returning from the previous meeting, experts who must or must not
    sit (among the group's roster)."""

    size = forms.IntegerField(label=_("Seats"), min_value=1, max_value=200, initial=10)
    max_per_country = forms.IntegerField(label=_("At most per country"), min_value=1, initial=1, required=False)
    min_returning = forms.IntegerField(label=_("At least from the previous meeting"), min_value=0, initial=0, required=False)
    include = forms.ModelMultipleChoiceField(label=_("Must be included"), queryset=Expert.objects.none(), required=False)
    exclude = forms.ModelMultipleChoiceField(label=_("Must not be included (e.g. declared conflict of interest)"), queryset=Expert.objects.none(), required=False)

    def __init__(self, data=None, *args, meeting, **kwargs):
        super().__init__(data, *args, **kwargs)
        approved = Expert.objects.filter(group=meeting.group, status=Status.APPROVED).select_related("person")
        self.fields["areas"].queryset = ExpertiseArea.objects.filter(group=meeting.group)
        for name in ("include", "exclude"):
            self.fields[name].queryset = approved
            self.fields[name].label_from_instance = lambda e: e.person.formal_name
        initial = None if self.is_bound else [
            {"category": q.category, "value": q.value, "min": q.min, "max": q.max} for q in default_quotas(self.fields["size"].initial)]
        self.quota_table = QuotaFormSet(data, prefix="quota", initial=initial)

    def clean(self):
        cleaned = super().clean()
        if self.quota_table.is_valid():
            cleaned["quotas"] = self.quota_table.quotas()
        else:
            self.add_error(None, _("Correct the quotas: each row needs a category, a value of it, and at least ≤ at most."))
        return cleaned


class PanelForm(RulesForm):
    field_order = ["size", "topics", "areas"]
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
            names={str(e.pk): e.person.formal_name for e in [*data["include"], *data["exclude"]]},
            translations=translation,
        )


class LotteryForm(RulesForm):
    field_order = ["size", "areas", "seed"]
    areas = forms.ModelMultipleChoiceField(label=_("Only experts in these areas (none: all)"), queryset=ExpertiseArea.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    seed = forms.CharField(label=_("Published seed"), max_length=100,
                           help_text=_("Announce it before the draw (e.g. a public lottery result): anyone can then redo the draw."))

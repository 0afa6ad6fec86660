"""Forms of the secretariat's plan editor. Each edit form carries the version it was opened at."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _, gettext_lazy

from liaison.groups.models import Decision
from liaison.meetings.models import Meeting

from . import services
from .models import Indicator, Target

ITEM_KINDS = [("outcome", gettext_lazy("Outcome")), ("indicator", gettext_lazy("Indicator")),
              ("result", gettext_lazy("Result/output")), ("activity", gettext_lazy("Activity"))]


class VersionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


def parse_targets(text: str) -> dict[int, Decimal]:
    """'2016: 50' per line (or separated by ';') -> {2016: Decimal('50')}; a clear error otherwise."""
    targets = {}
    for line in text.replace(";", "\n").splitlines():
        if not line.strip():
            continue
        year, sep, value = line.partition(":")
        if not sep or not year.strip().isdigit():
            raise forms.ValidationError(_("Write each target as “year: value”, e.g. “2020: 100” (not “%(line)s”).") % {"line": line.strip()[:40]})
        number = int(year)
        if not 1990 <= number <= 2100:
            raise forms.ValidationError(_("%(year)s is not a year between 1990 and 2100.") % {"year": number})
        try:
            amount = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or abs(amount) >= Decimal("1e14"):
            raise forms.ValidationError(_("The target for %(year)s is not a number.") % {"year": number})
        if number in targets:
            raise forms.ValidationError(_("%(year)s has two targets.") % {"year": number})
        targets[number] = amount.quantize(Decimal("0.01"))
    return targets


class IndicatorForm(VersionForm):
    targets = forms.CharField(
        label=gettext_lazy("Targets by year"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line, “year: value”, e.g. “2016: 50”. Empty: no targets."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["targets"] = "\n".join(
                f"{t.year}: {services.amount(t.value)}" for t in Target.objects.filter(indicator=self.instance).order_by("year"))

    def clean_targets(self):
        return parse_targets(self.cleaned_data.get("targets") or "")


def record_form(kind):
    model, fields = services.EDITABLE[kind]
    return forms.modelform_factory(model, form=IndicatorForm if model is Indicator else VersionForm, fields=list(fields))


class ItemForm(forms.Form):
    """A new outcome, indicator, result or activity at the end of its objective's list."""

    item = forms.ChoiceField(label=gettext_lazy("Add"), choices=ITEM_KINDS)
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    number = forms.CharField(label=gettext_lazy("Number (results only)"), max_length=10, required=False,
                             help_text=gettext_lazy("1.6"))
    heading = forms.CharField(label=gettext_lazy("Grouping heading (activities only)"), max_length=200, required=False)

    def fields_for_service(self):
        data = self.cleaned_data
        fields = {"text": data["text"]}
        if data["item"] == "result" and data["number"]:
            fields["number"] = data["number"]
        if data["item"] == "activity" and data["heading"]:
            fields["heading"] = data["heading"]
        return fields


class ObjectiveForm(forms.Form):
    short_title = forms.CharField(label=gettext_lazy("Short title"), max_length=200)
    statement = forms.CharField(label=gettext_lazy("Statement"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReviseForm(forms.Form):
    """A decision (or a meeting) revised the plan: keep it as it stands, open the next revision."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Why the plan is revised"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000, help_text=gettext_lazy("Revised by decision BS-VI/3 to align with …"))
    decision = forms.ModelChoiceField(label=gettext_lazy("Decision that revised it"), queryset=Decision.objects.none(), required=False)
    meeting = forms.ModelChoiceField(label=gettext_lazy("Meeting at which it was revised"), queryset=Meeting.objects.none(), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(group=plan.group)
        self.fields["meeting"].queryset = Meeting.objects.filter(group=plan.group).order_by("-start_date")

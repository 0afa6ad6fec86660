"""Forms parse input only; the services write (and check who may)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.models import Country, Organization, Person, RegionalGroup
from liaison.groups.models import Group
from liaison.meetings.models import Meeting

from .models import LANGUAGES, Area, AssistanceType, FlagStatus, Initiative, InitiativeStatus, Level

LANGUAGE_CHOICES = [(code, name) for code, name in LANGUAGES.items()]


class PartyField(forms.ChoiceField):
    """A state or an organization, as 'country:ID' or 'organization:ID'."""

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = [("", "—")] + list(parties or [])

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        kind, _, pk = value.partition(":")
        model = {"country": Country, "organization": Organization}[kind]
        return {kind: model.objects.get(pk=int(pk))}


def party_choices(keys=None):
    """All states and organizations, or only the (kind, id) keys given."""
    countries = Country.objects.exclude(regional_group="")
    organizations = Organization.objects.all()
    if keys is not None:
        countries = countries.filter(pk__in=[pid for kind, pid in keys if kind == "country"])
        organizations = organizations.filter(pk__in=[pid for kind, pid in keys if kind == "organization"])
    return [(f"country:{c.pk}", c.local_name) for c in countries] + [(f"organization:{o.pk}", o.label) for o in organizations]


class PointOfContactForm(forms.Form):
    party = PartyField(label=_("State or organization"))
    person = forms.ModelChoiceField(Person.objects.all(), label=_("Person"), help_text=_("Add the person to the registry first if they are not listed."))
    body = forms.CharField(label=_("Body"), max_length=250, help_text=_("Ministry, agency or office"))
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    submitted_on = forms.DateField(label=_("Date submitted"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, party_keys=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—")] + party_choices(party_keys)


class RequestForm(forms.Form):
    country = forms.ModelChoiceField(Country.objects.none(), label=_("Requesting state"))
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    areas = forms.ModelMultipleChoiceField(Area.objects.none(), label=_("Areas"), widget=forms.CheckboxSelectMultiple)
    types = forms.MultipleChoiceField(label=_("Types of assistance"), choices=AssistanceType.choices, widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple)
    start = forms.DateField(label=_("Wanted from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Wanted until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, mechanism, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(mechanism=mechanism)
        self.fields["country"].queryset = countries


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=[("approved", "approved"), ("in_progress", "in_progress"), ("completed", "completed"), ("withdrawn", "withdrawn")])
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    audiences = forms.ModelMultipleChoiceField(Group.objects.all(), label=_("Share with"), required=False, widget=forms.CheckboxSelectMultiple)
    feedback = forms.CharField(label=_("Feedback"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lessons = forms.CharField(label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class OfferForm(forms.Form):
    party = PartyField(label=_("Partner (state or organization)"))
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}))
    areas = forms.ModelMultipleChoiceField(Area.objects.none(), label=_("Areas"), widget=forms.CheckboxSelectMultiple)
    types = forms.MultipleChoiceField(label=_("Types of assistance"), choices=AssistanceType.choices, widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple)
    eligible_countries = forms.ModelMultipleChoiceField(Country.objects.exclude(regional_group=""), label=_("Eligible states"), required=False,
                                                        help_text=_("Leave empty, with no region, for any state."))
    eligible_regions = forms.MultipleChoiceField(label=_("Eligible regional groups"), choices=RegionalGroup.choices, required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    capacity = forms.IntegerField(label=_("Capacity (requests it can take on)"), min_value=1, max_value=1000, initial=1)
    start = forms.DateField(label=_("Available from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Available until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    active = forms.BooleanField(label=_("Open to proposals"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, mechanism, party_keys=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(mechanism=mechanism)
        self.fields["party"].choices = [("", "—")] + party_choices(party_keys)


class MatchRunForm(forms.Form):
    audience = forms.ModelChoiceField(Group.objects.all(), label=_("Audience"))
    meeting = forms.ModelChoiceField(Meeting.objects.all(), label=_("Meeting"), required=False)
    title = forms.CharField(label=_("Title of the session"), max_length=250, required=False)
    top_k = forms.IntegerField(label=_("Candidates per request"), min_value=1, max_value=50, initial=10)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Answer"), choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Required when declining."))
    version = forms.IntegerField(widget=forms.HiddenInput)


class InitiativeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = ["identifier", "title", "description", "implementer", "donor_countries", "donor_organizations", "recipients",
                  "areas", "start", "end", "budget", "currency", "status"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"}),
                   "areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, mechanism, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(mechanism=mechanism)
        for name in ("donor_countries", "recipients"):
            self.fields[name].queryset = Country.objects.exclude(regional_group="")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_currency(self):
        value = self.cleaned_data["currency"].upper()
        if len(value) != 3 or not value.isalpha():
            raise forms.ValidationError(_("Use the ISO 4217 code, e.g. USD, EUR."))
        return value


class InitiativeFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    recipient = forms.ModelChoiceField(Country.objects.exclude(regional_group=""), label=_("Recipient"), required=False)
    donor = forms.ChoiceField(label=_("Donor"), required=False)
    area = forms.ModelChoiceField(Area.objects.all(), label=_("Area"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "—")] + list(InitiativeStatus.choices), required=False)
    region = forms.ChoiceField(label=_("Recipient regional group"), choices=[("", "—")] + list(RegionalGroup.choices), required=False)
    year = forms.IntegerField(label=_("Active in year"), required=False, min_value=1900, max_value=2200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].choices = [("", "—")] + party_choices()


class FlagDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[(FlagStatus.CONFIRMED, _("Confirm")), (FlagStatus.DISMISSED, _("Dismiss"))])
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

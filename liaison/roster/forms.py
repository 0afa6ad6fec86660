from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.models import Gender, Person

from .models import Expert, ExpertiseArea

PERSON_FIELDS = ["honorific", "first_name", "last_name", "gender", "email", "phone"]


class ExpertForm(forms.ModelForm):
    """A nomination: the person (with private contact details) and their roster record."""

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

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and not self.instance.pk and Expert.objects.filter(group=self.group, person__email__iexact=email).exists():
            self.add_error("email", _("An expert with this e-mail address is already on this roster."))
        return cleaned

    def save(self, by=None):
        expert = super().save(commit=False)
        person = expert.person if expert.pk else Person()
        for name in PERSON_FIELDS:
            setattr(person, name, self.cleaned_data.get(name) or "")
        person.country = self.cleaned_data["nationality"]
        person.save()
        expert.person = person
        expert.group = self.group
        if not expert.pk:
            expert.nominated_by = by if getattr(by, "is_authenticated", False) else None
        expert.save()
        self.save_m2m()
        return expert


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("changes", _("Request changes")), ("reject", _("Reject"))])
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import PartForm, TranslationsMixin, VersionedModelForm

from .models import Decision, Group, Membership, Task, TermsOfReference


class GroupForm(TranslationsMixin, VersionedModelForm):
    """The group's fields; its name and mandate in the other languages too (core.forms.TranslationsMixin)."""

    class Meta:
        model = Group
        fields = ["name", "slug", "acronym", "kind", "former_name", "convened_by", "mandate", "core_members", "members_open_discussions", "individual_capacity"]
        widgets = {"core_members": forms.SelectMultiple(attrs={"size": 8})}


class MembershipForm(PartForm):
    parent_field = "group"

    class Meta:
        model = Membership
        fields = ["person", "role", "since", "until"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"}), "until": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        cleaned = super().clean()
        person, role = cleaned.get("person"), cleaned.get("role")
        if person and role and self.duplicate(person=person, role=role):
            raise forms.ValidationError(_("%(person)s already has that role in this group.") % {"person": person})
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end cannot be before the start."))
        return cleaned


class DecisionForm(PartForm):
    parent_field = "group"

    class Meta:
        model = Decision
        fields = ["symbol", "effect", "year", "summary", "position"]
        labels = {"position": _("Position")}

    def clean_symbol(self):
        symbol = self.cleaned_data["symbol"].strip()
        if self.duplicate(symbol=symbol):
            raise forms.ValidationError(_("Decision %(symbol)s is recorded already.") % {"symbol": symbol})
        return symbol


class TermsForm(VersionedModelForm):
    class Meta:
        model = TermsOfReference
        fields = ["title", "status", "introduction", "procedures"]


class TaskForm(PartForm):
    parent_field = "terms"

    class Meta:
        model = Task
        fields = ["label", "text", "position"]
        labels = {"position": _("Position")}

    def clean_label(self):
        label = self.cleaned_data["label"].strip().strip("().")
        if not label:
            raise forms.ValidationError(_("Give the task a label such as a, b, c or 1, 2, 3."))
        if self.duplicate(label=label):
            raise forms.ValidationError(_("Task (%(label)s) exists already.") % {"label": label})
        return label

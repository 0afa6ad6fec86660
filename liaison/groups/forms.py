from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VersionedModelForm

from .models import Group, Membership


class GroupForm(VersionedModelForm):
    class Meta:
        model = Group
        fields = ["name", "slug", "acronym", "kind", "former_name", "convened_by", "mandate", "core_members"]
        widgets = {"core_members": forms.SelectMultiple(attrs={"size": 8})}


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "since", "until"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"}), "until": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group

    def clean(self):
        cleaned = super().clean()
        person, role = cleaned.get("person"), cleaned.get("role")
        if person and role and Membership.objects.filter(group=self.group, person=person, role=role).exists():
            raise forms.ValidationError(_("%(person)s already has that role in this group.") % {"person": person})
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end cannot be before the start."))
        return cleaned

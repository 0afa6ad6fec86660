from django import forms
from django.utils.translation import gettext_lazy as _

from django.conf import settings

from . import uploads
from .concurrency import VersionConflict
from .models import Organization, Person


def checked_upload(upload):
    """An uploaded file whose content matches its type and whose size is within LIAISON_MAX_UPLOAD_MB;
    raises a form error that says what is wrong otherwise (see uploads.py)."""
    if not upload:
        return upload

    def whole():
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        return data

    head = upload.read(4096)
    upload.seek(0)
    try:
        uploads.check(upload.name, head, upload.size, settings.MAX_UPLOAD_MB * 1_048_576, whole)
    except uploads.UploadRefused as refused:
        raise forms.ValidationError(str(refused)) from None
    return upload


class VersionedModelForm(forms.ModelForm):
    """An edit form that refuses to overwrite changes saved by someone else meanwhile.

    The version the editor started from travels in a hidden field; ``save_or_conflict`` saves only
    if the row is still at that version and otherwise puts a form error, keeping the input.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def save_or_conflict(self):
        instance = self.save(commit=False)
        try:
            instance.save_versioned(expected_version=self.cleaned_data.get("version") or instance.version)
        except VersionConflict:
            self.add_error(
                None,
                _(
                    "Someone else saved this record while you were editing it. Your changes are below but "
                    "were not saved: open the record again in another tab, compare, and save again."
                ),
            )
            return None
        self.save_m2m()
        return instance


class PartForm(forms.ModelForm):
    """A row added to a part of a record (see parts.py); ``parent_field`` names the row's link to it."""

    parent_field = ""

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        setattr(self.instance, self.parent_field, parent)

    def duplicate(self, **lookup) -> bool:
        return type(self.instance)._default_manager.filter(**{self.parent_field: self.parent}, **lookup).exists()


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = ["honorific", "first_name", "last_name", "gender", "organization", "job_title", "country", "email", "phone", "address"]


class OrganizationForm(VersionedModelForm):
    class Meta:
        model = Organization
        fields = ["name", "acronym", "type", "country", "website"]

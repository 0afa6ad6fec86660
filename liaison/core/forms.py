from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy as _

from django.conf import settings

from . import multilingual, uploads
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
        raise forms.ValidationError(refused.translated(gettext)) from None
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


class TranslationsMixin:
    """An edit form of a Multilingual record (core/multilingual.py) with, for each of its translated
    fields in the form, one optional input per other UN language (``name_fr``, ``mandate_zh_hans`` …),
    marked with the language and its direction (``lang="ar" dir="rtl"``). They are left out of
    ``visible_fields`` and grouped by language in ``translation_groups``, which ``form_fields.html``
    shows as one <details> per language after the other fields. Saved with the record (one versioned
    save: a stale save is refused and keeps these inputs too)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        stored = self.instance.translations or {}
        self.translation_inputs = {}  # form field name -> (language, field)
        for code, _own_name in multilingual.other_languages():
            info = translation.get_language_info(code)
            for field in model.translated_fields:
                base = self.fields.get(field)
                if base is None:
                    continue
                attrs = {"lang": code, "dir": "rtl" if info["bidi"] else "ltr"}
                if isinstance(base.widget, forms.Textarea):
                    widget = forms.Textarea(attrs={**attrs, "rows": 4})
                else:
                    widget = forms.TextInput(attrs=attrs)
                name = f"{field}_{code.replace('-', '_')}"
                self.fields[name] = forms.CharField(
                    label=_("%(field)s in %(language)s") % {"field": base.label, "language": info["name_translated"]},
                    required=False, max_length=getattr(base, "max_length", None), widget=widget,
                    initial=(stored.get(code) or {}).get(field, ""),
                )
                self.translation_inputs[name] = (code, field)

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name not in self.translation_inputs]

    def translation_groups(self):
        """[{code, own_name, name, dir, fields, given, open}] per other language, for the template."""
        groups = []
        for code, own_name in multilingual.other_languages():
            info = translation.get_language_info(code)
            fields = [self[name] for name, (language, _field) in self.translation_inputs.items() if language == code]
            if not fields:
                continue
            given = any(field.value() for field in fields)
            groups.append({
                "code": code, "own_name": own_name, "name": info["name_translated"], "dir": "rtl" if info["bidi"] else "ltr",
                "fields": fields, "given": given, "open": given or any(field.errors for field in fields),
            })
        return groups

    def _post_clean(self):
        super()._post_clean()
        values = {code: dict(fields) for code, fields in (self.instance.translations or {}).items() if isinstance(fields, dict)}
        for name, (code, field) in self.translation_inputs.items():
            if name in self.cleaned_data:
                values.setdefault(code, {})[field] = self.cleaned_data[name]
        try:
            self.instance.set_translations(values)
        except ValidationError as error:
            self.add_error(None, error)


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
        fields = ["honorific", "first_name", "last_name", "gender", "organization", "job_title", "country", "email", "phone", "address", "language"]


class OrganizationForm(VersionedModelForm):
    class Meta:
        model = Organization
        fields = ["name", "acronym", "type", "country", "website"]

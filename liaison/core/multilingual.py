"""Content in several languages: a record's own words (a group's name and mandate, a meeting's title)
given per language by the secretariat and read in the reader's language, English when not given.

English is the record's own field (``name``, ``mandate``, ``title``): required, unique where it was,
and what slugs, ordering, search, the audit trail and the API's writes use. The other languages are
one JSON column per record, ``translations`` = ``{"fr": {"name": "…", "mandate": "…"}, "ar": {…}}``,
read with the row: no join, no extra query on any page, list or export. ``translated(field)`` is the
one accessor (the models name it ``local_name``, ``local_mandate``, ``local_title`` as Country has
``local_name``); it follows ``translation.get_language()``, so it also works inside
``translation.override`` (an e-mail in its recipient's language, a document in its own).
See docs/architecture.md ("Content in several languages") for why not django-modeltranslation.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .languages import normalised

REFERENCE = "en"


def other_languages() -> list[tuple[str, str]]:
    """(code, name in itself) of every offered language but English, in the switcher's order."""
    return [(code, name) for code, name in settings.LANGUAGES if code != REFERENCE]


def language_key(language: str | None) -> str:
    """The LANGUAGES code a Django language code reads in ("fr-ca" → "fr", "zh-Hans" → "zh-hans");
    English for a language the site does not offer."""
    code = normalised(language or REFERENCE)
    if code in dict(settings.LANGUAGES):
        return code
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return REFERENCE


class Multilingual(models.Model):
    """A record whose ``translated_fields`` may be given in the other languages (an abstract base)."""

    translated_fields: tuple[str, ...] = ()

    translations = models.JSONField(
        _("translations"), default=dict, blank=True, editable=False,
        help_text=_("The record's words in the other UN languages: {language: {field: text}}; English is the field itself."),
    )

    class Meta:
        abstract = True

    def stored_translation(self, field: str, language: str | None) -> str:
        """What was given for ``field`` in ``language`` ("" when nothing; English is the field itself)."""
        key = language_key(language)
        if key == REFERENCE:
            return getattr(self, field)
        return ((self.translations or {}).get(key) or {}).get(field) or ""

    def translated(self, field: str, language: str | None = None) -> str:
        """``field`` in ``language`` (default: the active one), in English when not given."""
        return self.stored_translation(field, language or translation.get_language()) or getattr(self, field)

    def falls_back(self, field: str, language: str | None = None) -> bool:
        """Whether ``field`` shows in English to a reader of another ``language`` (default: the active one)."""
        key = language_key(language or translation.get_language())
        return key != REFERENCE and not self.stored_translation(field, key) and bool(getattr(self, field))

    def all_translations(self) -> dict[str, dict[str, str]]:
        """Every language given, English first: {"en": {"name": …}, "fr": {"name": …}}; the API's ``translations``."""
        given = {REFERENCE: {field: getattr(self, field) for field in self.translated_fields}}
        for code, _name in other_languages():
            values = {f: v for f, v in ((self.translations or {}).get(code) or {}).items() if v and f in self.translated_fields}
            if values:
                given[code] = values
        return given

    def merged_translations(self, changes: dict | None) -> dict:
        """What is stored with ``changes`` ({language: {field: text}}) applied over it: a language or
        field left out is kept, an empty text (or null) removes it. Checked on save (``clean_fields``)."""
        merged = {code: dict(fields) for code, fields in (self.translations or {}).items() if isinstance(fields, dict)}
        if changes is None:
            return merged
        if not isinstance(changes, dict):
            return changes  # refused by clean_translations with a message
        for code, fields in changes.items():
            key = normalised(code)
            if not isinstance(fields, dict):
                merged[key] = fields
                continue
            merged.setdefault(key, {}).update(fields)
        return merged

    def set_translations(self, values: dict) -> None:
        """Replace the other languages' values (``{language: {field: text}}``, English ignored:
        it is the field itself); checked with the record's rules (``clean_translations``)."""
        self.translations = clean_translations(type(self), values)

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not exclude or "translations" not in exclude:
            try:
                self.translations = clean_translations(type(self), self.translations)
            except ValidationError as error:
                errors.setdefault("translations", []).extend(error.messages)
        if errors:
            raise ValidationError(errors)


def clean_translations(model, values) -> dict:
    """``values`` as stored: known languages and fields only, text stripped, empty values dropped,
    each no longer than its English field allows. ValidationError otherwise."""
    if values in (None, ""):
        return {}
    if not isinstance(values, dict):
        raise ValidationError(_("Translations are an object of languages, each an object of fields."))
    languages = dict(other_languages())
    cleaned = {}
    for code, fields in values.items():
        key = normalised(code)
        if key == REFERENCE:
            continue  # English is the field itself
        if key not in languages:
            raise ValidationError(_("“%(code)s” is not one of the site's languages.") % {"code": code})
        if fields in (None, ""):
            continue
        if not isinstance(fields, dict):
            raise ValidationError(_("The translations in “%(code)s” are an object of fields.") % {"code": code})
        for field, text in fields.items():
            if field not in model.translated_fields:
                raise ValidationError(_("“%(field)s” cannot be translated.") % {"field": field})
            if text is None:
                continue
            if not isinstance(text, str):
                raise ValidationError(_("The %(field)s in “%(code)s” must be text.") % {"field": field, "code": code})
            if "\x00" in text:
                raise ValidationError(_("The %(field)s in “%(code)s” contains a NUL character.") % {"field": field, "code": code})
            text = text.strip()
            limit = model._meta.get_field(field).max_length
            if limit and len(text) > limit:
                raise ValidationError(
                    _("The %(field)s in “%(code)s” is longer than %(limit)s characters.") % {"field": field, "code": code, "limit": limit}
                )
            if text:
                cleaned.setdefault(key, {})[field] = text
    return cleaned

"""Optimistic concurrency: two people editing one record never silently overwrite each other.

A versioned record carries a ``version`` number. An edit form or API call sends back the version
it started from; the save is an ``UPDATE … WHERE version = <that number>``, so the second of two
concurrent saves changes no row and raises :class:`VersionConflict` instead of overwriting.
"""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext, gettext_lazy as _


class VersionConflict(Exception):
    def __init__(self, instance, expected_version):
        self.instance = instance
        self.expected_version = expected_version
        current = type(instance)._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        self.current_version = current
        super().__init__(
            gettext("%(record)s was changed by someone else (version %(current)s, you edited version %(expected)s).")
            % {"record": instance._meta.verbose_name, "current": current, "expected": expected_version}
        )


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save_versioned(self, expected_version: int | None = None) -> None:
        """Save; for an existing row only if it is still at ``expected_version`` (default: ours)."""
        if self._state.adding or self.pk is None:
            self.version = 1
            self.save()
            return
        expected = self.version if expected_version is None else int(expected_version)
        model = type(self)
        values = {
            field.attname: field.pre_save(self, False)
            for field in model._meta.concrete_fields
            if not field.primary_key and field.attname != "version"
        }
        updated = model._default_manager.filter(pk=self.pk, version=expected).update(
            version=F("version") + 1, **values
        )
        if not updated:
            raise VersionConflict(self, expected)
        self.version = expected + 1
        # The UPDATE is a save: those who follow saves (the audit trail) hear of it as of any other.
        models.signals.post_save.send(
            sender=model, instance=self, created=False, update_fields=None, raw=False, using=self._state.db or "default"
        )

"""Uploaded files leave storage with their records.

When a row holding a ``FileField`` is deleted (directly, by a cascade, by the parts editor or the
admin), or its file is replaced, the old file is removed from storage once the transaction commits
(``transaction.on_commit``): a rolled-back deletion keeps its file, and no file outlives its record.
Every model of every app is covered, so a new model with a file needs nothing more."""

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _remove_later(storage, name):
    if name:
        transaction.on_commit(lambda: storage.exists(name) and storage.delete(name))


def _deleted(sender, instance, **kwargs):
    for field in _file_fields(sender):
        value = getattr(instance, field.attname)
        if value:
            _remove_later(value.storage, value.name)


def _remember_old(sender, instance, **kwargs):
    if instance.pk is None or instance._state.adding:
        return
    fields = _file_fields(sender)
    old = sender._default_manager.filter(pk=instance.pk).values(*[f.attname for f in fields]).first() or {}
    instance._liaison_old_files = {f.attname: old.get(f.attname) for f in fields}


def _replaced(sender, instance, **kwargs):
    old = getattr(instance, "_liaison_old_files", None)
    if not old:
        return
    for field in _file_fields(sender):
        before, now = old.get(field.attname), getattr(instance, field.attname)
        if before and before != (now.name if now else ""):
            _remove_later(field.storage, before)
    instance._liaison_old_files = None


def connect() -> None:
    for model in apps.get_models():
        if _file_fields(model):
            uid = f"liaison-files-{model._meta.label}"
            post_delete.connect(_deleted, sender=model, dispatch_uid=uid + "-delete")
            pre_save.connect(_remember_old, sender=model, dispatch_uid=uid + "-old")
            post_save.connect(_replaced, sender=model, dispatch_uid=uid + "-replaced")

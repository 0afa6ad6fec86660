"""One-file backups of an installation: every row of every table and every uploaded file.

The archive (``.tar.gz``) holds ``manifest.json`` (format, date, database engine, the migrations
applied, the number of rows per model, each file's size and SHA-256), ``data.json`` (Django's
serialisation of every model, primary keys kept, so it restores on SQLite or PostgreSQL whichever
made it) and ``files/<name>`` for each file of the default storage. ``restore`` rebuilds an empty,
migrated installation from it in one transaction and checks the files it wrote."""

import hashlib
import io
import json
import tarfile
from datetime import UTC, datetime, time

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "liaison-backup/1"
# Models whose rows make an installation "not empty" (the migrations alone fill countries).
CONTENT_MODELS = ["accounts.User", "core.Person", "core.Organization", "groups.Group"]


class BackupError(Exception):
    pass


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder rounds times to milliseconds; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _models():
    """Every table's model, the many-to-many tables Django makes included (so their ids are kept)."""
    return [model for model in apps.get_models(include_auto_created=True) if model._meta.managed and not model._meta.proxy]


def _applied(using=DEFAULT_DB_ALIAS):
    return sorted([app, name] for app, name in MigrationRecorder(connections[using]).applied_migrations())


def storage_files(storage=default_storage, directory=""):
    """Every file name in ``storage``, recursively, sorted."""
    if directory and not storage.exists(directory):
        return []
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}/{name}" if directory else name for name in files]
    for folder in folders:
        names += storage_files(storage, f"{directory}/{folder}" if directory else folder)
    return sorted(names)


def _add(archive, name, data: bytes):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(path, using=DEFAULT_DB_ALIAS) -> dict:
    """Write the archive at ``path``; returns its manifest."""
    models = _models()
    with transaction.atomic(using=using):  # one consistent snapshot (repeatable on PostgreSQL)
        if connections[using].vendor == "postgresql":
            with connections[using].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        rows, counts = [], {}
        for model in models:
            queryset = model._base_manager.using(using).order_by("pk")
            counts[model._meta.label] = queryset.count()
            rows.append(queryset)
        data = serializers.serialize("json", (obj for queryset in rows for obj in queryset.iterator()), cls=ExactEncoder)
        applied = _applied(using)
    files = {}
    with tarfile.open(path, "w:gz") as archive:
        for name in storage_files():
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            files[name] = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            _add(archive, f"files/{name}", content)
        _add(archive, "data.json", data.encode())
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": connections[using].vendor,
            "migrations": applied,
            "rows": counts,
            "files": files,
            "data_sha256": hashlib.sha256(data.encode()).hexdigest(),
        }
        _add(archive, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
    return manifest


def read_manifest(path) -> dict:
    with tarfile.open(path, "r:gz") as archive:
        return json.load(archive.extractfile("manifest.json"))


def is_empty(using=DEFAULT_DB_ALIAS) -> bool:
    return not any(apps.get_model(label)._base_manager.using(using).exists() for label in CONTENT_MODELS) and not storage_files()


def restore(path, using=DEFAULT_DB_ALIAS) -> dict:
    """Rebuild this (migrated, empty) installation from the archive at ``path``."""
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a Liaison backup: {error}") from None
    with archive:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))
            data = archive.extractfile("data.json").read()
        except (KeyError, ValueError) as error:
            raise BackupError(f"{path} is not a Liaison backup: {error}") from None
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}; this version reads {FORMAT}.")
        if hashlib.sha256(data).hexdigest() != manifest["data_sha256"]:
            raise BackupError("The database dump in the archive is damaged (checksum mismatch).")
        missing = sorted({tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in _applied(using)})
        if missing:
            raise BackupError(
                "The backup was made by a newer version (migrations not applied here: "
                + ", ".join(f"{app}.{name}" for app, name in missing[:5]) + "). Upgrade, run `liaison migrate`, then restore."
            )
        if not is_empty(using):
            raise BackupError("This installation is not empty: restore only into a new, migrated database with no uploaded files.")
        contents = {}
        for name, meta in manifest["files"].items():
            try:
                content = archive.extractfile(f"files/{name}").read()
            except KeyError:
                raise BackupError(f"The archive lacks the file {name}.") from None
            if hashlib.sha256(content).hexdigest() != meta["sha256"]:
                raise BackupError(f"The file {name} in the archive is damaged (checksum mismatch).")
            contents[name] = content
    with transaction.atomic(using=using):
        # Rows the migrations made (countries, content types, permissions) give way to the backup's,
        # whose primary keys the other rows point to.
        call_command("flush", database=using, interactive=False, inhibit_post_migrate=True, verbosity=0)
        objects = list(serializers.deserialize("json", data, using=using, ignorenonexistent=False))
        with connections[using].constraint_checks_disabled():
            for obj in objects:
                obj.m2m_data = {}  # the many-to-many rows come as rows of their own table, ids kept
                obj.save(using=using)
        connections[using].check_constraints()
        sequences = connections[using].ops.sequence_reset_sql(_no_style(), _models())
        if sequences:
            with connections[using].cursor() as cursor:
                for sql in sequences:
                    cursor.execute(sql)
    written = []
    try:
        for name, content in contents.items():
            saved = default_storage.save(name, ContentFile(content))
            written.append(saved)
            if saved != name:
                raise BackupError(f"The storage renamed {name} to {saved}.")
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    return manifest


def _no_style():
    from django.core.management.color import no_style

    return no_style()

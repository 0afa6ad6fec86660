"""Reading the audit trail: entries of every tracked model and every deletion, filtered by model,
user and date, newest first, each with its old and new values. A fixed number of queries whatever
the size of the trail: two per tracked model (the page's versions, then the versions before them)
and one for deletions."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .models import TRACKED, Deletion

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}  # in the reader's language
SKIPPED_MODELS = {"audit.deletion", "sessions.session", "accounts.loginfailure", "contenttypes.contenttype",
                  "auth.permission", "admin.logentry",
                  # operational bookkeeping pruned daily (core/prune.py), not records of the secretariat's work
                  "core.outboxmessage", "core.scheduledrun", "core.job", "django_tasks_db.dbtaskresult"}


@dataclass
class Entry:
    at: datetime
    user: str
    model: str
    object_pk: str
    action: str
    changes: list = field(default_factory=list)  # (field, old, new)

    def changes_text(self) -> str:
        return "; ".join(f"{name}: {old!s} → {new!s}" for name, old, new in self.changes)


def _user_of_request():
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _plain(value):
    return DjangoJSONEncoder().default(value) if not isinstance(value, (str, int, float, bool, type(None))) else value


def record_deletion(sender, instance, **kwargs):
    """post_delete of any model: keep what was deleted, by whom."""
    label = sender._meta.label_lower
    # Tracked models have their deletion in their own history, with the values.
    if label in SKIPPED_MODELS or label in TRACKED or label.startswith("audit.") or not sender._meta.managed:
        return
    values = {}
    for f in sender._meta.concrete_fields:
        value = getattr(instance, f.attname)
        if isinstance(f, models.FileField):
            value = value.name if value else ""
        try:
            values[f.attname] = _plain(value)
        except TypeError:
            values[f.attname] = str(value)
    try:
        text = str(instance)[:300]
    except Exception:  # a __str__ reaching a row deleted in the same cascade
        text = f"{sender._meta.verbose_name} {instance.pk}"
    Deletion.objects.using(kwargs.get("using") or "default").create(
        user=_user_of_request(), model=label, object_pk=str(instance.pk), text=text, values=values
    )


def _fields(history_model):
    return [f.attname for f in history_model._meta.concrete_fields if not f.attname.startswith("history_")]


def _user_text(user):
    return user.email if user is not None else "—"


def _filtered(queryset, date_field, *, user_field, user_id, since, until):
    if user_id:
        queryset = queryset.filter(**{user_field: user_id})
    if since:
        queryset = queryset.filter(**{f"{date_field}__date__gte": since})
    if until:
        queryset = queryset.filter(**{f"{date_field}__date__lte": until})
    return queryset


def count(*, model: str = "", user_id=None, since=None, until=None, cap: int = 5000) -> int:
    """How many entries match the filters, counted up to ``cap`` per kind of record (an export's size:
    is it short enough to be made inside the request?)."""
    total = 0
    for label, tracked in TRACKED.items():
        if not model or model == label:
            queryset = _filtered(tracked.history.model.objects.all(), "history_date", user_field="history_user_id",
                                 user_id=user_id, since=since, until=until)
            total += queryset[:cap].count()
    if not model or model == "deletions":
        total += _filtered(Deletion.objects.all(), "at", user_field="user_id", user_id=user_id, since=since, until=until)[:cap].count()
    return total


def entries(*, model: str = "", user_id=None, since=None, until=None, limit: int = 200) -> list[Entry]:
    """The newest ``limit`` entries matching the filters."""
    result: list[Entry] = []
    for label, tracked in TRACKED.items():
        if model and model != label:
            continue
        history = tracked.history.model
        queryset = history.objects.select_related("history_user").order_by("-history_date", "-history_id")
        if user_id:
            queryset = queryset.filter(history_user_id=user_id)
        if since:
            queryset = queryset.filter(history_date__date__gte=since)
        if until:
            queryset = queryset.filter(history_date__date__lte=until)
        rows = list(queryset[:limit])
        names = [f for f in _fields(history) if f != "id"]
        previous = {}
        if rows:
            earlier = history.objects.filter(id__in={r.id for r in rows}, history_date__lt=max(r.history_date for r in rows)).order_by("history_date", "history_id")
            by_object = {}
            for version in list(earlier) + rows:
                by_object.setdefault(version.id, {})[version.history_id] = version
            for object_id, versions in by_object.items():
                ordered = sorted(versions.values(), key=lambda v: (v.history_date, v.history_id))
                for before, after in zip(ordered, ordered[1:]):
                    previous[after.history_id] = before
        for row in rows:
            before = previous.get(row.history_id)
            changes = []
            if row.history_type == "~" and before is not None:
                changes = [(n, getattr(before, n), getattr(row, n)) for n in names if getattr(before, n) != getattr(row, n)]
            elif row.history_type == "+":
                changes = [(n, "", getattr(row, n)) for n in names if getattr(row, n) not in (None, "")]
            elif row.history_type == "-":
                changes = [(n, getattr(row, n), "") for n in names if getattr(row, n) not in (None, "")]
            action = str(ACTIONS[row.history_type]) + (f" ({row.history_change_reason})" if row.history_change_reason else "")
            result.append(Entry(row.history_date, _user_text(row.history_user), label, str(row.id), action, changes))
    if not model or model == "deletions":
        queryset = Deletion.objects.select_related("user")
        if user_id:
            queryset = queryset.filter(user_id=user_id)
        if since:
            queryset = queryset.filter(at__date__gte=since)
        if until:
            queryset = queryset.filter(at__date__lte=until)
        for row in queryset[:limit]:
            changes = [(name, value, "") for name, value in row.values.items() if value not in (None, "")]
            result.append(Entry(row.at, _user_text(row.user), row.model, row.object_pk, str(ACTIONS["-"]), changes))
    result.sort(key=lambda e: e.at, reverse=True)
    return result[:limit]

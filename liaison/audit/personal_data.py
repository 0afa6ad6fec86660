"""Personal-data rights: what is held about a person, as JSON; and anonymisation by the secretariat.

The export follows every relation of the person record and of their user account (memberships,
participation, invitations, roster records, posts, votes, subscriptions, tokens …), so a new model
that points to a person or a user is included without change here. Secrets are left out (the
password hash, token digests, invitation nonces).

Anonymising keeps the person in past attendance as "Participant" (country and affiliation stay, so
the counts of past meetings do not change), erases their name and contact details (from the audit
trail's copies too), withdraws their roster records, revokes invitation links and deactivates
their account (no password, no tokens, an address that cannot receive mail). The trail records
who anonymised whom and when."""

import secrets

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from liaison.core.models import Person

SECRET_FIELDS = {"password", "digest", "nonce"}
ANONYMOUS_NAME = "Participant"
ERASED = {"honorific": "", "first_name": "", "last_name": ANONYMOUS_NAME, "gender": "", "job_title": "",
          "email": "", "phone": "", "address": ""}


def _row(obj) -> dict:
    values = {"_model": obj._meta.label_lower}
    for f in obj._meta.concrete_fields:
        if f.attname in SECRET_FIELDS:
            continue
        value = getattr(obj, f.attname)
        if isinstance(f, models.FileField):
            value = value.name if value else ""
        values[f.attname] = value
    return values


def _related(obj) -> dict:
    found = {}
    for relation in obj._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label == "audit" and not model._meta.label_lower.startswith("audit.historical"):
            continue
        accessor = relation.get_accessor_name()
        if relation.one_to_one:
            target = getattr(obj, accessor, None) if hasattr(obj, accessor) else None
            rows = [target] if target is not None else []
        else:
            rows = list(getattr(obj, accessor).all())
        if rows:
            found.setdefault(model._meta.label_lower, []).extend(_row(r) for r in rows)
    return found


def export(user) -> dict:
    """Everything held about ``user`` and their person record."""
    person = getattr(user, "person", None)
    data = {
        "generated": timezone.now(),
        "account": _row(user),
        "account_records": _related(user),
        "person": _row(person) if person else None,
        "person_records": _related(person) if person else {},
    }
    if person is not None:  # the audit trail's copies of their records
        from .models import TRACKED

        for label, model in TRACKED.items():
            history = model.history.model
            if label == "core.person":
                rows = history.objects.filter(id=person.pk)
            elif any(f.attname == "person_id" for f in history._meta.concrete_fields):
                rows = history.objects.filter(person_id=person.pk)
            else:
                continue
            if rows.exists():
                data["person_records"][history._meta.label_lower] = [_row(r) for r in rows]
    return data


def export_json(user) -> str:
    import json

    return json.dumps(export(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def anonymise(person: Person, by) -> Person:
    from liaison.meetings.models import Invitation
    from liaison.roster.models import Expert

    for name, value in ERASED.items():
        setattr(person, name, value)
    person._change_reason = f"anonymised by {by.email}"
    if hasattr(person, "save_versioned"):
        person.save_versioned()
    else:
        person.save()
    # The trail's earlier copies of this person lose the name and contact details too.
    person.history.update(**ERASED)
    for expert in Expert.objects.filter(person=person):
        expert.delete()  # a roster record is a CV: withdrawn, its deletion kept in the trail
    Invitation.objects.filter(person=person).update(email="anonymised@invalid", nonce=secrets.token_hex(16))
    user = person.user
    if user is not None:
        user.is_active = False
        user.set_unusable_password()
        user.first_name = user.last_name = ""
        user.email = f"anonymised-{user.pk}@invalid"
        user.save()
        user.api_tokens.all().delete()
        from django.contrib.sessions.models import Session

        for session in Session.objects.all():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                session.delete()
    return person

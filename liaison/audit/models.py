"""The audit trail: django-simple-history keeps every version of the records whose changes matter
(people, experts, meetings, documents, memberships), with who and when; ``Deletion`` keeps every
row deleted from any table, with its values. The historical tables live in this app, so the apps
they follow need no change."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register

from liaison.core.models import Person
from liaison.groups.models import Membership
from liaison.meetings.models import Meeting, MeetingDocument
from liaison.roster.models import Expert

# The model label and its name in the trail's filter. Version counters are bookkeeping, not content.
TRACKED = {
    "core.person": Person,
    "roster.expert": Expert,
    "meetings.meeting": Meeting,
    "meetings.meetingdocument": MeetingDocument,
    "groups.membership": Membership,
}
EXCLUDED = ["version"]

for _model in TRACKED.values():
    register(_model, app="liaison.audit", excluded_fields=EXCLUDED)


class Deletion(models.Model):
    """One row deleted from any table (cascades included): what it was, who deleted it, when."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    model = models.CharField(max_length=100, db_index=True)
    object_pk = models.CharField(max_length=64)
    text = models.CharField(max_length=300)
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("deletion")

    def __str__(self):
        return f"{self.model} {self.object_pk} deleted"

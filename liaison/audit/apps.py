from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "liaison.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from django.db.models.signals import post_delete

        from .trail import record_deletion

        post_delete.connect(record_deletion, dispatch_uid="liaison-audit-deletion")

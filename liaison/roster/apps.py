from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "liaison.roster"
    label = "roster"
    verbose_name = "Roster of experts"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from liaison.core import schedule

        from liaison.meetings.signals import invited

        from . import index, services
        from .models import Expert

        # The experts of a draw by lot are marked selected when their invitations are sent.
        invited.connect(services.record_draw, dispatch_uid="roster-record-draw")

        # A change of the roster enqueues the rebuild of its search index (the worker builds it).
        post_save.connect(index.roster_changed, sender=Expert, dispatch_uid="roster-index-save")
        post_delete.connect(index.roster_changed, sender=Expert, dispatch_uid="roster-index-delete")

        if index.warm not in schedule.EVERY_BEAT:
            schedule.EVERY_BEAT.append(index.warm)
            schedule.AT_SERVER_START.append(index.preload)

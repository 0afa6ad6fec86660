from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "liaison.roster"
    label = "roster"
    verbose_name = "Roster of experts"

    def ready(self):
        from liaison.core import schedule

        from . import index

        if index.warm not in schedule.EVERY_BEAT:
            schedule.EVERY_BEAT.append(index.warm)
            schedule.AT_SERVER_START.append(index.preload)

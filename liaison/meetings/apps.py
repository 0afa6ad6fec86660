from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "liaison.meetings"
    label = "meetings"
    verbose_name = "Meetings"

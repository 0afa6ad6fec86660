from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "liaison.assistance"
    verbose_name = "Assistance and capacity-building coordination"

from django.apps import AppConfig


class ActionPlanConfig(AppConfig):
    name = "liaison.actionplan"
    label = "actionplan"
    verbose_name = "Action plans and the coordination mechanism"

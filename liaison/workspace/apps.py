from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "liaison.workspace"
    label = "workspace"
    verbose_name = "Members' workspace"

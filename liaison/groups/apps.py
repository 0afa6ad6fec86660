from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "liaison.groups"
    label = "groups"
    verbose_name = "Groups"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "liaison.core"
    label = "core"
    verbose_name = "Registry"

    def ready(self):
        from . import files

        files.connect()  # files of deleted (or replaced) uploads leave storage on commit

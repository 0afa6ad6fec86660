from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "liaison.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import backends  # noqa: F401  (connects the login throttle's signal receivers)
        from . import idle, language  # noqa: F401  (language: applies the saved choice at login)

        idle.connect()

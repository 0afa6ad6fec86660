from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project-level pages that combine several apps: home, dashboard, profile, group and meeting pages."""

    name = "liaison.portal"
    label = "portal"
    verbose_name = "Portal"

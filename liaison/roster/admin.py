from django.contrib import admin

from liaison.core.admin import SecretariatAdmin

from .models import ExpertiseArea, RosterPolicy


@admin.register(RosterPolicy)
class RosterPolicyAdmin(SecretariatAdmin):
    """Minimum requirements and years on the roster, per group (docs/operations.md sends the secretariat here)."""

    list_display = ["group", "minimum_degree", "minimum_years", "minimum_references", "minimum_areas", "years_on_roster"]


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(SecretariatAdmin):
    list_display = ["name", "code", "group"]
    list_filter = ["group"]
    search_fields = ["name", "code"]

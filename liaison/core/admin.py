from django.contrib import admin

from .models import Country, Organization, Person


class SecretariatAccess:
    """The secretariat (active staff users) works in the admin on the records it runs, without
    per-model permissions to hand out: ``secretariat_may`` says which of view, add, change and
    delete. Superusers keep every permission; accounts (``User``) stay the superusers' alone, so a
    secretariat user cannot raise anyone's rights."""

    secretariat_may = ("view", "add", "change", "delete")

    @staticmethod
    def _secretariat(request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff)

    def _may(self, request, action, allowed):
        return allowed or (self._secretariat(request) and action in self.secretariat_may)

    def has_module_permission(self, request):
        return self._may(request, "view", super().has_module_permission(request))

    def has_view_permission(self, request, obj=None):
        return self._may(request, "view", super().has_view_permission(request, obj))

    def has_add_permission(self, request, *args):
        return self._may(request, "add", super().has_add_permission(request, *args))

    def has_change_permission(self, request, obj=None):
        return self._may(request, "change", super().has_change_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        return self._may(request, "delete", super().has_delete_permission(request, obj))


class SecretariatAdmin(SecretariatAccess, admin.ModelAdmin):
    pass


class SecretariatTabularInline(SecretariatAccess, admin.TabularInline):
    pass


@admin.register(Country)
class CountryAdmin(SecretariatAdmin):
    secretariat_may = ("view",)  # the ISO table is loaded by a migration
    list_display = ["name", "iso3", "regional_group", "m49_region", "m49_subregion"]
    list_filter = ["regional_group", "m49_region"]
    search_fields = ["name", "iso3", "official_name"]


@admin.register(Organization)
class OrganizationAdmin(SecretariatAdmin):
    list_display = ["name", "acronym", "type", "country"]
    list_filter = ["type"]
    search_fields = ["name", "acronym"]


@admin.register(Person)
class PersonAdmin(SecretariatAdmin):
    list_display = ["last_name", "first_name", "organization", "country", "user"]
    search_fields = ["last_name", "first_name", "email"]
    autocomplete_fields = ["organization", "country"]
    raw_id_fields = ["user"]

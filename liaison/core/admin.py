from django.contrib import admin

from .models import Country, Organization, Person


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "iso3", "regional_group", "m49_region", "m49_subregion"]
    list_filter = ["regional_group", "m49_region"]
    search_fields = ["name", "iso3", "official_name"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "type", "country"]
    list_filter = ["type"]
    search_fields = ["name", "acronym"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organization", "country", "user"]
    search_fields = ["last_name", "first_name", "email"]
    autocomplete_fields = ["organization", "country"]
    raw_id_fields = ["user"]

from django.contrib import admin

from liaison.core.admin import SecretariatAdmin, SecretariatTabularInline

from .models import Decision, Group, Membership, Task, TermsOfReference


class DecisionInline(SecretariatTabularInline):
    model = Decision
    extra = 0


class MembershipInline(SecretariatTabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Group)
class GroupAdmin(SecretariatAdmin):
    list_display = ["name", "slug", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["core_members"]
    inlines = [DecisionInline, MembershipInline]


class TaskInline(SecretariatTabularInline):
    model = Task
    extra = 0


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(SecretariatAdmin):
    list_display = ["title", "group", "status"]
    inlines = [TaskInline]

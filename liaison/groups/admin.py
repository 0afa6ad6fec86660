from django.contrib import admin

from .models import Decision, Group, Membership, Task, TermsOfReference


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["core_members"]
    inlines = [DecisionInline, MembershipInline]


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "status"]
    inlines = [TaskInline]

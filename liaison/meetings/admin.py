from django.contrib import admin

from .models import AgendaItem, Delegation, Meeting, MeetingDocument, Participant


class DelegationInline(admin.TabularInline):
    model = Delegation
    extra = 0
    autocomplete_fields = ["country", "organization"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class DocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "start_date", "city", "country"]
    list_filter = ["group", "mode"]
    search_fields = ["title", "city"]
    inlines = [DelegationInline, ParticipantInline, AgendaItemInline, DocumentInline]

from django.contrib import admin

from liaison.core.admin import SecretariatAdmin, SecretariatTabularInline

from .models import AgendaItem, Delegation, Meeting, MeetingDocument, Participant


class DelegationInline(SecretariatTabularInline):
    model = Delegation
    extra = 0
    autocomplete_fields = ["country", "organization"]


class ParticipantInline(SecretariatTabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person"]


class AgendaItemInline(SecretariatTabularInline):
    model = AgendaItem
    extra = 0


class DocumentInline(SecretariatTabularInline):
    model = MeetingDocument
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SecretariatAdmin):
    list_display = ["title", "group", "start_date", "city", "country"]
    list_filter = ["group", "mode"]
    search_fields = ["title", "city"]
    inlines = [DelegationInline, ParticipantInline, AgendaItemInline, DocumentInline]

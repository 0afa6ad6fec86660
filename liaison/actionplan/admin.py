from django.contrib import admin

from . import models


class OutcomeInline(admin.TabularInline):
    model = models.Outcome
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = models.Indicator
    extra = 0
    fields = ("text", "kind", "unit", "aggregation", "baseline", "baseline_year", "position")


class ResultInline(admin.TabularInline):
    model = models.Result
    extra = 0


class ActivityInline(admin.TabularInline):
    model = models.Activity
    extra = 0


class ObjectiveInline(admin.TabularInline):
    model = models.Objective
    extra = 0
    fields = ("number", "short_title")
    show_change_link = True


@admin.register(models.ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "period", "status", "revision")
    list_filter = ("group", "status")
    inlines = [ObjectiveInline]


@admin.register(models.Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan")
    list_filter = ("plan",)
    inlines = [OutcomeInline, IndicatorInline, ResultInline, ActivityInline]


class TargetInline(admin.TabularInline):
    model = models.Target
    extra = 0


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("text", "objective", "kind", "aggregation")
    list_filter = ("kind", "objective__plan")
    inlines = [TargetInline]


@admin.register(models.Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ("changed_at", "plan", "record", "record_id", "field", "changed_by")
    readonly_fields = [f.name for f in models.Change._meta.fields]


class ElementInline(admin.TabularInline):
    model = models.Element
    extra = 0
    fields = ("number", "name", "merged_into", "position")
    fk_name = "mechanism"


@admin.register(models.CoordinationMechanism)
class MechanismAdmin(admin.ModelAdmin):
    inlines = [ElementInline]
    prepopulated_fields = {"slug": ("name",)}


class ElementEventInline(admin.TabularInline):
    model = models.ElementEvent
    fk_name = "element"
    extra = 0


@admin.register(models.Element)
class ElementAdmin(admin.ModelAdmin):
    list_display = ("label", "mechanism", "merged_into")
    filter_horizontal = ("groups", "objectives", "meetings")
    inlines = [ElementEventInline]


@admin.register(models.ReportingCycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "year", "deadline", "status")
    filter_horizontal = ("indicators",)


class ValueInline(admin.TabularInline):
    model = models.Value
    extra = 0


@admin.register(models.Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "submitted_at")
    list_filter = ("cycle", "status")
    inlines = [ValueInline]


class QuestionInline(admin.TabularInline):
    model = models.Question
    extra = 0


@admin.register(models.Section)
class SectionAdmin(admin.ModelAdmin):
    inlines = [QuestionInline]


@admin.register(models.NeedsAssessment)
class NeedsAssessmentAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "year", "status")


@admin.register(models.NeedsResponse)
class NeedsResponseAdmin(admin.ModelAdmin):
    list_display = ("assessment", "country", "status")

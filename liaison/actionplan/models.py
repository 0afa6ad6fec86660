"""The coordination mechanism, part 1: a group's results-oriented action plan (objectives, outcomes,
indicators with baselines and targets, results and activities), reporting cycles in which Parties and
organizations report against the indicators, and needs assessments.

Every write goes through ``services.py``; every read that depends on who asks goes through ``access.py``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.core.concurrency import Versioned
from liaison.core.models import Country, Organization
from liaison.groups.models import Decision, Group
from liaison.meetings.models import Meeting


# --- the plan ------------------------------------------------------------------------------------
class PlanStatus(models.TextChoices):
    """A draft is the secretariat's alone; every other status is public. An adopted plan that a
    decision revises is *under revision*: still public, its reporting cycles, needs assessments and
    dashboard going on, while the secretariat edits the next revision in place (the text as adopted is
    kept as a version, readable by all) until it sets the plan adopted again."""

    DRAFT = "draft", pgettext_lazy("action plan status", "Draft")
    ADOPTED = "adopted", pgettext_lazy("action plan status", "Adopted")
    REVISING = "revising", pgettext_lazy("action plan status", "Under revision")
    SUPERSEDED = "superseded", _("Superseded")


class ActionPlan(Versioned):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="action_plans")
    title = models.CharField(_("title"), max_length=300)
    aligned_with = models.CharField(
        _("strategic plan it is aligned with"), max_length=300, blank=True,
        help_text=_("The Strategic Plan for the Cartagena Protocol on Biosafety"),
    )
    period_start = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    adopted_at = models.ForeignKey(
        Meeting, verbose_name=_("adopted or revised at"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="action_plans",
    )
    adopted_by = models.ForeignKey(
        Decision, verbose_name=_("adopted or revised by decision"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="action_plans",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    parties = models.ManyToManyField(
        Country, blank=True, related_name="+", verbose_name=_("Parties reporting under the plan"),
        help_text=_("Empty: every country in a UN regional group."),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-period_start", "-id"]

    def __str__(self):
        return self.title

    @property
    def period(self):
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        if self.period_end:
            from django.utils.translation import gettext

            return gettext("up to %(end)s") % {"end": self.period_end}
        return ""


class PlanVersion(models.Model):
    """The plan as it stood at one revision: written once when the plan is revised, never changed."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveSmallIntegerField()
    content = models.JSONField()
    reason = models.TextField(blank=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "revision"]
        constraints = [models.UniqueConstraint(fields=["plan", "revision"], name="unique_plan_revision")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A plan version is written once and never changed.")
        super().save(*args, **kwargs)


class Objective(Versioned):
    """An operational objective: 'Operational objective 1 — National Biosafety Frameworks: To further …'."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField(_("number"))
    short_title = models.CharField(_("short title"), max_length=200)
    statement = models.TextField(_("statement"), blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_objective_number")]

    def __str__(self):
        return f"{self.number}. {self.short_title}"


OperationalObjective = Objective  # the name other apps (assistance areas) know it by


class Outcome(Versioned):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["objective", "position", "id"]

    def __str__(self):
        return self.text[:80]


class IndicatorKind(models.TextChoices):
    PARTIES = "parties", _("Count of Parties")
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage of Parties")
    RATIO = "ratio", _("Ratio")
    YES_NO = "yes_no", _("Yes/no")


class Aggregation(models.TextChoices):
    """How the values of many Parties add up to the indicator's value for a year."""

    COUNT_YES = "count_yes", _("Number of Parties answering yes")
    SHARE_YES = "share_yes", _("Percentage of reporting Parties answering yes")
    SUM = "sum", _("Sum of the values reported")
    MEAN = "mean", _("Mean of the values reported")
    RATIO_OF_SUMS = "ratio_of_sums", _("Sum of numerators over sum of denominators")


# What a Party answers for each kind, and how the answers add up unless the secretariat says otherwise.
DEFAULT_AGGREGATION = {
    IndicatorKind.PARTIES: Aggregation.COUNT_YES,
    IndicatorKind.PERCENTAGE: Aggregation.SHARE_YES,
    IndicatorKind.YES_NO: Aggregation.COUNT_YES,
    IndicatorKind.NUMBER: Aggregation.SUM,
    IndicatorKind.RATIO: Aggregation.RATIO_OF_SUMS,
}
YES_NO_ANSWERS = (Aggregation.COUNT_YES, Aggregation.SHARE_YES)


class Indicator(Versioned):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    text = models.TextField(_("indicator"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=IndicatorKind.choices, blank=True,
        help_text=_("Left empty when the plan does not say."),
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("Parties, people, laboratories, USD …"))
    aggregation = models.CharField(
        _("how Parties' values add up"), max_length=16, choices=Aggregation.choices, blank=True
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["objective", "position", "id"]

    def __str__(self):
        return self.text[:80]

    @property
    def effective_aggregation(self):
        return self.aggregation or DEFAULT_AGGREGATION.get(self.kind, Aggregation.SUM)

    @property
    def aggregation_label(self):
        return Aggregation(self.effective_aggregation).label

    @property
    def answers_yes_no(self) -> bool:
        return self.effective_aggregation in YES_NO_ANSWERS

    @property
    def answers_ratio(self) -> bool:
        return self.effective_aggregation == Aggregation.RATIO_OF_SUMS


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="unique_target_year")]

    def __str__(self):
        return f"{self.year}: {self.value}"


class Result(Versioned):
    """A result/output, numbered '1.1' where the plan numbers it (objectives 1–3), unnumbered otherwise."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="results")
    number = models.CharField(_("number"), max_length=10, blank=True)
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["objective", "position", "id"]

    def __str__(self):
        return f"{self.number} {self.text[:70]}".strip()


class Activity(Versioned):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    heading = models.CharField(
        _("grouping heading"), max_length=200, blank=True, help_text=_("Related to the checkpoints …")
    )
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["objective", "position", "id"]
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.text[:80]


class Change(models.Model):
    """One in-place edit of the plan: which record and field, the old and new value, who and when."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="changes")
    record = models.CharField(max_length=40, help_text=_("objective, indicator, result …"))
    record_id = models.PositiveIntegerField()
    field = models.CharField(max_length=60)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]


# --- the coordination mechanism ------------------------------------------------------------------
class CoordinationMechanism(models.Model):
    name = models.CharField(_("name"), max_length=250, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    established_by = models.CharField(_("established by"), max_length=120, blank=True, help_text=_("decision BS-I/5"))
    description = models.TextField(_("description"), blank=True)
    plans = models.ManyToManyField(ActionPlan, blank=True, related_name="mechanisms")

    def __str__(self):
        return self.name


class Element(models.Model):
    """An element of the mechanism. Merged elements stay, pointing at the element they became part of."""

    mechanism = models.ForeignKey(CoordinationMechanism, on_delete=models.CASCADE, related_name="elements")
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True, help_text=_("As numbered by the decision, if stated."))
    name = models.CharField(_("name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_elements"
    )
    groups = models.ManyToManyField(Group, blank=True, related_name="mechanism_elements")
    objectives = models.ManyToManyField(Objective, blank=True, related_name="mechanism_elements")
    meetings = models.ManyToManyField(Meeting, blank=True, related_name="mechanism_elements")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["mechanism", "position", "number", "id"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        from django.utils.translation import gettext

        if self.number and self.name:
            return gettext("Element %(number)s: %(name)s") % {"number": self.number, "name": self.name}
        if self.number:
            return gettext("Element %(number)s") % {"number": self.number}
        return self.name

    @property
    def current(self) -> bool:
        return self.merged_into_id is None


class ElementEventKind(models.TextChoices):
    ESTABLISHED = "established", _("Established")
    MERGED = "merged", _("Merged into another element")
    ABSORBED = "absorbed", _("Took in another element")
    FORMED = "formed", _("Formed by a merger")
    RENAMED = "renamed", _("Renamed")


class ElementEvent(models.Model):
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=ElementEventKind.choices)
    other = models.ForeignKey(Element, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(_("source"), max_length=250, blank=True, help_text=_("report of the ninth meeting, para. 15 (a)"))
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["element", "year", "id"]


# --- reporting against the indicators ------------------------------------------------------------
class CycleStatus(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("reporting cycle status", "Preparing")
    OPEN = "open", _("Open for reports")
    CLOSED = "closed", pgettext_lazy("reporting cycle status", "Closed")
    PUBLISHED = "published", _("Published")


class ReportingCycle(Versioned):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="cycles")
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year reported on"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(max_length=10, choices=CycleStatus.choices, default=CycleStatus.PREPARING)
    indicators = models.ManyToManyField(Indicator, related_name="cycles")
    opened_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-year", "-id"]
        constraints = [models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="cycle_period_order")]

    def __str__(self):
        return self.title


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("national report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("national report status", "Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", pgettext_lazy("national report status", "Accepted")


class Submission(Versioned):
    """One Party's (or one organization's) report in a cycle."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="submissions")
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    returned_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cycle", "country__name", "organization__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(country__isnull=False) & Q(organization__isnull=True))
                | (Q(country__isnull=True) & Q(organization__isnull=False)),
                name="submission_by_country_or_organization",
            ),
            models.UniqueConstraint(fields=["cycle", "country"], condition=Q(country__isnull=False), name="one_submission_per_country"),
            models.UniqueConstraint(
                fields=["cycle", "organization"], condition=Q(organization__isnull=False), name="one_submission_per_organization"
            ),
        ]

    def __str__(self):
        return f"{self.reporter} — {self.cycle}"

    @property
    def reporter(self):
        return self.country or self.organization


class Value(models.Model):
    """What one reporter says for one indicator: a value (yes = 1, no = 0), a narrative and evidence links."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    narrative = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True, help_text=_("Links, one per entry."))

    class Meta:
        ordering = ["submission", "indicator"]
        constraints = [models.UniqueConstraint(fields=["submission", "indicator"], name="unique_value_per_indicator")]


class Rollup(models.Model):
    """The sums of a published cycle's accepted values per indicator and UN regional group (empty for
    organizations), written when the cycle is published: the dashboard reads these few rows, however
    many Parties reported. A published cycle's reports cannot change, so the sums stay true."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="rollups")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rollups")
    regional_group = models.CharField(max_length=32, blank=True)
    reporters = models.PositiveIntegerField()
    total = models.DecimalField(max_digits=20, decimal_places=2)
    denominator = models.DecimalField(max_digits=20, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "indicator", "regional_group"], name="one_rollup_per_cell")
        ]


class SubmissionEvent(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=10, choices=SubmissionStatus.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "at", "id"]


class Reminder(models.Model):
    """One reminder e-mail sent: the unique key makes `liaison remind-reports` safe to run twice."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reminders")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    days_before = models.SmallIntegerField()
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "country", "days_before"], name="one_reminder_per_step")
        ]


# --- needs assessments ---------------------------------------------------------------------------
class AssessmentStatus(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("needs assessment status", "Preparing")
    OPEN = "open", _("Open for responses")
    CLOSED = "closed", pgettext_lazy("needs assessment status", "Closed")


class NeedsAssessment(Versioned):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="assessments")
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.PREPARING)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-year", "-id"]

    def __str__(self):
        return self.title


class Section(models.Model):
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="sections")
    objective = models.ForeignKey(Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=250)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "position", "id"]

    def __str__(self):
        return self.title


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes/no")
    CHOICE = "choice", _("Choice")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")
    PRIORITY = "priority", _("Priority scale")


# The priority scale: a need is a priority need at HIGH_PRIORITY or above.
PRIORITY_SCALE = [(0, _("Not a need")), (1, _("Low")), (2, _("Medium")), (3, _("High"))]
HIGH_PRIORITY = 3


class Question(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.TextField(_("question"))
    choices = models.JSONField(default=list, blank=True, help_text=_("For choice questions: the options."))
    required = models.BooleanField(default=False)
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="needs", help_text=_("Activities of the plan that answer this need.")
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["section", "position", "id"]

    def __str__(self):
        return self.text[:80]


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("needs assessment response status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("needs assessment response status", "Submitted")


class NeedsResponse(Versioned):
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="responses")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "country__name"]
        constraints = [models.UniqueConstraint(fields=["assessment", "country"], name="one_response_per_country")]


class Answer(models.Model):
    response = models.ForeignKey(NeedsResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)
    number = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

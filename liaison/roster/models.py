"""The roster of experts of a group: nominations by governments' focal points, quality control by
the secretariat, and the records that stay on the roster for a number of years."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.core.concurrency import Versioned
from liaison.core.models import Country, Gender, Person
from liaison.groups.models import Group


class Stakeholder(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    IGO = "igo", _("Intergovernmental organization")
    NGO = "ngo", _("Non-governmental organization")
    INDUSTRY = "industry", _("Industry")
    ACADEMIA = "academia", _("Academia / research")
    IPLC = "iplc", _("Indigenous peoples and local communities")
    OTHER = "other", pgettext_lazy("stakeholder type", "Other")


class Degree(models.IntegerChoices):
    NONE = 0, pgettext_lazy("degree", "None")
    BACHELOR = 1, _("Bachelor's degree")
    MASTER = 2, _("Master's degree")
    DOCTORATE = 3, _("Doctorate")


class ExpertiseArea(models.Model):
    """The controlled vocabulary of a group's roster (for Biosafety: the operational objectives)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="expertise_areas")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="unique_area_per_group")]

    def __str__(self):
        return self.name


class RosterPolicy(models.Model):
    """A group's minimum requirements for nominations and how long a record stays on the roster."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="roster_policy")
    minimum_degree = models.IntegerField(_("minimum degree"), choices=Degree.choices, default=Degree.MASTER)
    minimum_years = models.PositiveSmallIntegerField(_("minimum years of experience"), default=5)
    minimum_references = models.PositiveSmallIntegerField(_("minimum references"), default=2)
    minimum_areas = models.PositiveSmallIntegerField(_("minimum areas of expertise"), default=1)
    years_on_roster = models.PositiveSmallIntegerField(_("years on the roster before re-confirmation"), default=4)

    class Meta:
        verbose_name = _("roster policy")
        verbose_name_plural = _("roster policies")

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("Roster policy of %(group)s") % {"group": self.group}


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("nomination status", "Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES = "changes", _("Changes requested")
    APPROVED = "approved", _("On the roster")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired: awaiting re-confirmation")


class Decision(models.TextChoices):
    """The secretariat's decision on a submitted nomination (services.review)."""

    APPROVE = "approve", _("Approve")
    CHANGES = "changes", _("Request changes")
    REJECT = "reject", _("Reject")


class ReviewAction(models.TextChoices):
    """What a ReviewEvent records. A decision is kept under its decision's value."""

    NOMINATED = "nominated", pgettext_lazy("roster review event", "Nominated")
    CORRECTED = "corrected", _("Corrected")
    RESUBMITTED = "resubmitted", _("Back to review after a change")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVE = Decision.APPROVE.value, pgettext_lazy("roster review event", "Approved")
    CHANGES = Decision.CHANGES.value, _("Changes requested")
    REJECT = Decision.REJECT.value, _("Rejected")
    EXPIRED = "expired", _("Expired")
    SELECTED = "selected", _("Selected for a meeting")


# The states from which a nomination may be submitted (again) for review.
SUBMITTABLE = (Status.DRAFT, Status.CHANGES, Status.EXPIRED)


class Expert(Versioned):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="experts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="expert_records")
    nationality = models.ForeignKey(Country, verbose_name=_("nationality"), on_delete=models.PROTECT, related_name="+")
    country_of_work = models.ForeignKey(Country, verbose_name=_("country of work"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    nominating_country = models.ForeignKey(Country, verbose_name=_("nominating government"), on_delete=models.PROTECT, related_name="+")
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stakeholder = models.CharField(_("stakeholder type"), max_length=12, choices=Stakeholder.choices)
    languages = models.CharField(_("languages"), max_length=200, blank=True, help_text=_("e.g. English, French"))
    areas = models.ManyToManyField(ExpertiseArea, verbose_name=_("areas of expertise"), blank=True, related_name="experts")
    keywords = models.CharField(_("keywords"), max_length=400, blank=True)
    profile = models.TextField(_("short profile / CV"), blank=True)
    highest_degree = models.IntegerField(_("highest degree"), choices=Degree.choices, default=Degree.NONE)
    education = models.TextField(_("education"), blank=True, help_text=_("One entry per line: title, institution, year."))
    years_experience = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    publications = models.TextField(_("publications"), blank=True)
    references = models.TextField(_("references"), blank=True, help_text=_("One referee per line: name, e-mail."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="one_roster_record_per_group")]

    def __str__(self):
        return f"{self.person} ({self.nationality})"

    @property
    def submittable(self) -> bool:
        return self.status in SUBMITTABLE

    @property
    def returned(self) -> bool:
        return self.status == Status.CHANGES

    @property
    def expired(self) -> bool:
        return self.status == Status.EXPIRED

    @property
    def regional_group(self) -> str:
        return self.nationality.regional_group

    def reference_count(self) -> int:
        return sum(1 for line in self.references.splitlines() if line.strip())

    def search_text(self) -> str:
        from .search import document

        return document(self.profile, self.keywords, (a.name for a in self.areas.all()), self.publications)

    def quota_features(self) -> dict[str, str]:
        """The record's value in each quota category (quotas.CATEGORIES) of the planner and the lottery."""
        return {"region": self.nationality.regional_group, "stakeholder": self.stakeholder,
                "gender": self.person.gender or Gender.UNDISCLOSED.value}


class ReviewEvent(models.Model):
    """What happened to a nomination, with the reason given: kept for the record. ``reason`` is what
    a person wrote (a reviewer's reason), kept as written; what the platform itself records about the
    event is kept as data in ``details`` and written in the reader's language when shown (``note``):
    a draw by lot keeps its meeting and seed, {"draw": {"meeting": pk, "meeting_title": …, "seed": …}}."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=ReviewAction.choices)
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    @property
    def note(self) -> str:
        """What to show after the action: the platform's own record of it in the active language, or
        the reason a person gave."""
        draw = (self.details or {}).get("draw")
        if draw:
            from liaison.meetings.models import Meeting

            meeting = Meeting.objects.filter(pk=draw.get("meeting")).first() if draw.get("meeting") else None
            return _("drawn by lot for %(meeting)s (seed “%(seed)s”)") % {
                "meeting": meeting.local_title if meeting else draw.get("meeting_title", ""), "seed": draw.get("seed", "")}
        return self.reason

"""The registry every group draws on: countries, organizations and people."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import countries, regions
from .concurrency import Versioned


class RegionalGroup(models.TextChoices):
    AFRICAN = regions.AFRICAN, _("African Group")
    ASIA_PACIFIC = regions.ASIA_PACIFIC, _("Asia-Pacific Group")
    EASTERN_EUROPEAN = regions.EASTERN_EUROPEAN, _("Eastern European Group")
    LATIN_AMERICAN_CARIBBEAN = regions.LATIN_AMERICAN_CARIBBEAN, _("Latin American and Caribbean Group")
    WESTERN_EUROPEAN_OTHERS = regions.WESTERN_EUROPEAN_OTHERS, _("Western European and Others Group")


# Each group's short name, where a chart's axis has no room for the full one (the UN's own usage:
# GRULAC, WEOG), translated like the full names.
REGIONAL_GROUP_SHORT = {
    RegionalGroup.AFRICAN: pgettext_lazy("short name of a UN regional group", "African"),
    RegionalGroup.ASIA_PACIFIC: pgettext_lazy("short name of a UN regional group", "Asia-Pacific"),
    RegionalGroup.EASTERN_EUROPEAN: pgettext_lazy("short name of a UN regional group", "Eastern European"),
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN: pgettext_lazy("short name of a UN regional group", "GRULAC"),
    RegionalGroup.WESTERN_EUROPEAN_OTHERS: pgettext_lazy("short name of a UN regional group", "WEOG"),
}


# regions.balance (pure, English) names the five groups as RegionalGroup's labels do, and this row for
# countries outside every group; pages translate its names with {% translate name %}.
NO_REGIONAL_GROUP = _("No regional group")


class Country(models.Model):
    """A country of ISO 3166, loaded from pycountry by a data migration."""

    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    regional_group = models.CharField(
        _("UN regional group"), max_length=32, choices=RegionalGroup.choices, blank=True
    )
    regional_group_note = models.CharField(max_length=300, blank=True)
    m49_region = models.CharField(_("UN M49 region"), max_length=40, blank=True)
    m49_subregion = models.CharField(_("UN M49 sub-region"), max_length=60, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.local_name

    @property
    def local_name(self) -> str:
        """The name in the active language (core/countries.py); ``name`` in English."""
        return countries.local_name(self.iso3, self.name, translation.get_language())


class OrganizationType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    UN_IGO = "un_igo", _("UN body / intergovernmental organization")
    NGO = "ngo", _("Non-governmental organization")
    INDUSTRY = "industry", _("Industry")
    ACADEMIA = "academia", _("Academia / research")
    OTHER = "other", pgettext_lazy("organization type", "Other")


class Organization(Versioned):
    name = models.CharField(_("name"), max_length=250, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganizationType.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """'Food and Agriculture Organization of the United Nations (FAO)', as reports write it."""
        if self.acronym and f"({self.acronym})" not in self.name and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", pgettext_lazy("gender", "Other")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class Person(Versioned):
    """Someone who takes part in a group's work. Contact fields are private (secretariat and self)."""

    honorific = models.CharField(_("honorific"), max_length=40, blank=True, help_text=_("Mr., Ms., Dr., Ambassador …"))
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("affiliation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    job_title = models.CharField(_("title or function"), max_length=200, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT)
    # Contact details: never shown to anyone but the secretariat and the person themselves.
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # The language e-mails and letters are written to this person in ("" = the account's saved
    # language when the person has an account, else English); see core/languages.py.
    language = models.CharField(
        _("language for e-mails and letters"), max_length=10, blank=True, default="", choices=settings.LANGUAGES,
        help_text=_("Leave blank to use the language of the person's account (English without an account)."),
    )

    CONTACT_FIELDS = ("email", "phone", "address")

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def formal_name(self):
        """'Mr. Andreas Heissenberger'."""
        return " ".join(part for part in (self.honorific, self.full_name) if part)

    @property
    def correspondence_language(self) -> str:
        """The language e-mails and letters are written to this person in (core/languages.py)."""
        from .languages import of_person

        return of_person(self)


# --- Operations: the e-mail outbox, the daily schedule and long jobs with progress -----------------
class OutboxStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("outgoing e-mail status", "queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", pgettext_lazy("outgoing e-mail status", "failed")


class OutboxMessage(models.Model):
    """One e-mail as it will go on the wire (every header, alternative and attachment, in MIME), kept
    until the mail server has accepted it. Retried with exponential backoff; see core/outbox.py."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    from_email = models.CharField(max_length=400)
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=400, blank=True)
    mime = models.BinaryField()
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.recipients)} ({self.status})"


class ScheduledRun(models.Model):
    """One daily job on one day: the unique pair makes the schedule run each job once a day however
    many workers are running."""

    job = models.CharField(max_length=60)
    day = models.DateField()
    started_at = models.DateTimeField(auto_now_add=True)
    output = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="scheduled_run_once_a_day")]
        ordering = ["-day", "job"]


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("background job status", "queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", pgettext_lazy("background job status", "failed")


class Job(models.Model):
    """Long work done by the worker (a bulk sheet, a large document, a planner run) with its progress,
    shown on a page that can be left and come back to."""

    id = models.UUIDField(primary_key=True, editable=False)
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    # None for a shared job (e.g. the PDF of an adopted report, made once for every reader): then
    # only its access rule (params["_access"]) says who may see it.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", null=True, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    params = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

"""Groups: liaison groups, inter-agency groups and working groups, with their mandates and members."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.core.concurrency import Versioned
from liaison.core.models import Organization, Person
from liaison.core.multilingual import Multilingual


class GroupKind(models.TextChoices):
    LIAISON_GROUP = "liaison", _("Liaison group of experts")
    INTER_AGENCY = "inter_agency", _("Inter-agency liaison group")
    WORKING_GROUP = "working", _("Working group of states and organizations")


class Group(Versioned, Multilingual):
    # The name and the mandate may be given in each UN language (core/multilingual.py): ``name`` and
    # ``mandate`` are the English, the reference (unique name, slug, ordering); pages, the API,
    # calendars, exports and e-mails read ``local_name`` and ``local_mandate``.
    translated_fields = ("name", "mandate")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=40, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices, default=GroupKind.LIAISON_GROUP)
    former_name = models.CharField(_("former name"), max_length=200, blank=True)
    convened_by = models.CharField(_("convened by"), max_length=200, blank=True, default="the Executive Secretary")
    mandate = models.TextField(_("mandate"), blank=True)
    core_members = models.ManyToManyField(
        Organization, verbose_name=_("core member organizations"), blank=True, related_name="core_member_of"
    )
    members_open_discussions = models.BooleanField(
        _("members may open discussions"), default=False,
        help_text=_("In the members' workspace, any member may open an e-discussion; otherwise only the Chair and the secretariat."),
    )
    individual_capacity = models.BooleanField(
        _("participants serve in their individual capacity"), default=False,
        help_text=_("As the terms of reference say: pages, letters and reports then write “nominated by Cameroon”, not “representing Cameroon”."),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.local_name

    @property
    def local_name(self) -> str:
        """The name in the active language, English when not given."""
        return self.translated("name")

    @property
    def local_mandate(self) -> str:
        return self.translated("mandate")

    def get_absolute_url(self):
        return reverse("portal:group", args=[self.slug])


class DecisionEffect(models.TextChoices):
    ESTABLISHED = "established", _("Established the group")
    MANDATE = "mandate", _("Set or changed the mandate")
    RENAMED = "renamed", _("Renamed the group")
    REQUEST = "request", _("Requested work of the group")
    OTHER = "other", pgettext_lazy("decision effect", "Other")


class Decision(models.Model):
    """A decision of a governing body that established or changed a group (BS-I/5, CP-9/7 …)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="decisions")
    symbol = models.CharField(_("symbol"), max_length=40)
    effect = models.CharField(_("effect"), max_length=20, choices=DecisionEffect.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "symbol"], name="unique_decision_per_group")]

    def __str__(self):
        return self.symbol


class Distribution(models.TextChoices):
    """Who may see a record (a meeting's document, say): groups/access.py visible_distributions."""

    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the group")
    SECRETARIAT = "secretariat", _("Secretariat only")


class TermsStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("terms of reference status", "Draft")
    ADOPTED = "adopted", pgettext_lazy("terms of reference status", "Adopted")


class TermsOfReference(Versioned):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="terms_of_reference")
    title = models.CharField(_("title"), max_length=250)
    status = models.CharField(_("status"), max_length=10, choices=TermsStatus.choices, default=TermsStatus.DRAFT)
    introduction = models.TextField(_("introduction"), blank=True)
    procedures = models.TextField(
        _("operational procedures"), blank=True, help_text=_("One paragraph per line.")
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = _("terms of reference")

    def __str__(self):
        return self.title

    def procedure_paragraphs(self):
        return [line.strip() for line in self.procedures.splitlines() if line.strip()]


class Task(models.Model):
    """One task of the terms of reference: '(a) Provide advice on conceptual frameworks …'."""

    terms = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="tasks")
    label = models.CharField(_("label"), max_length=8)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"({self.label}) {self.text[:60]}"


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    FOCAL_POINT = "focal_point", _("Focal point")
    OBSERVER = "observer", _("Observer")


# Roles that open a group's members-only content; observers follow the public record only.
MEMBER_ROLES = (Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.FOCAL_POINT)


class MembershipQuerySet(models.QuerySet):
    def current(self, today=None):
        """Memberships in force ``today``: started (``since`` empty or not after today) and not ended
        (``until`` empty or not before today). The one rule of "is a member now": access, e-mails,
        contact details, drafts and nominations all ask it (see access.py)."""
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.filter(models.Q(since__isnull=True) | models.Q(since__lte=today)).filter(
            models.Q(until__isnull=True) | models.Q(until__gte=today)
        )

    def members(self, today=None):
        """Current memberships in a role that opens the members-only content (not observers)."""
        return self.current(today).filter(role__in=MEMBER_ROLES)


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person", "role"], name="unique_role_per_person_and_group")
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.group}"

    def is_current(self, today=None) -> bool:
        from django.utils import timezone

        today = today or timezone.localdate()
        return (self.since is None or self.since <= today) and (self.until is None or self.until >= today)

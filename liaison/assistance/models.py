"""The coordination mechanism: points of contact, assistance requests and offers, match-making
proposals, the capacity-building initiatives database and its duplication flags.

A *party* is a state (``country``) or an organization: exactly one of the two is set wherever a
record belongs to a party (a point of contact, an offer's provider). Lists of codes (types,
languages, regions) are stored as ``;``-separated codes with a leading and trailing ``;`` so that
``types__contains=";training;"`` filters them on every database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.core.concurrency import Versioned
from liaison.core.models import Country, Organization, Person
from liaison.groups.models import Group


def encode_codes(codes) -> str:
    codes = [c.strip() for c in codes if c and c.strip()]
    return ";" + ";".join(dict.fromkeys(codes)) + ";" if codes else ""


def decode_codes(value: str) -> list[str]:
    return [c for c in (value or "").split(";") if c]


class AssistanceType(models.TextChoices):
    EQUIPMENT = "equipment", _("Equipment")
    EXPERTISE = "expertise", _("Expertise")
    TRAINING = "training", _("Training")
    LEGISLATIVE = "legislative", _("Legislative drafting")
    FINANCIAL = "financial", _("Financial")


LANGUAGES = {
    "ar": _("Arabic"), "zh": _("Chinese"), "en": _("English"), "fr": _("French"), "ru": _("Russian"), "es": _("Spanish"),
    "pt": _("Portuguese"), "de": _("German"), "ja": _("Japanese"),
}


class Mechanism(models.Model):
    """A coordination mechanism that keeps points of contact and, perhaps, receives requests:
    the 1540 Committee, the Global Partnership Working Group, the Biosafety focal points …"""

    slug = models.SlugField(_("short name in addresses"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    body = models.ForeignKey(Organization, verbose_name=_("body"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(Group, verbose_name=_("group"), null=True, blank=True, on_delete=models.PROTECT, related_name="mechanisms",
                              help_text=_("The group whose vocabulary and members the mechanism uses, if any."))
    receives_requests = models.BooleanField(_("receives assistance requests"), default=False)
    contact_role = models.CharField(_("title of the point of contact"), max_length=120, default="Point of contact")
    expects_member_states = models.BooleanField(_("every UN Member State is asked for a point of contact"), default=False)
    expected_countries = models.ManyToManyField(Country, blank=True, related_name="+", verbose_name=_("states asked for a point of contact"))
    expected_organizations = models.ManyToManyField(Organization, blank=True, related_name="+",
                                                    verbose_name=_("organizations asked for a point of contact"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Area(models.Model):
    """A mechanism's vocabulary of assistance areas (for a group with an action plan: its objectives)."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=250)
    position = models.PositiveSmallIntegerField(default=0)
    objective = models.ForeignKey("actionplan.Objective", null=True, blank=True, on_delete=models.SET_NULL, related_name="assistance_areas",
                                  help_text=_("The action plan's operational objective this area stands for, if any."))

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["mechanism", "code"], name="unique_assistance_area_code")]

    def __str__(self):
        return self.name


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")


def _one_party(prefix=""):
    country, organization = f"{prefix}country", f"{prefix}organization"
    return Q(**{f"{country}__isnull": False, f"{organization}__isnull": True}) | Q(
        **{f"{country}__isnull": True, f"{organization}__isnull": False}
    )


class Party(models.Model):
    """A state or an organization (exactly one)."""

    country = models.ForeignKey(Country, verbose_name=pgettext_lazy("country", "state"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    @property
    def party(self):
        return self.country or self.organization

    @property
    def party_key(self) -> tuple[str, int]:
        return ("country", self.country_id) if self.country_id else ("organization", self.organization_id)


class PointOfContact(Party, Versioned):
    """One submission of a point of contact. A new submission for the same party and mechanism ends
    the previous one (``ended_on``), which stays as history."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="points_of_contact")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="points_of_contact")
    body = models.CharField(_("body"), max_length=250, help_text=_("Ministry, agency or office"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.NATIONAL)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("e.g. National focal point"))
    submitted_on = models.DateField(_("date submitted"))
    ended_on = models.DateField(_("replaced or withdrawn on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("point of contact")
        verbose_name_plural = _("points of contact")
        constraints = [models.CheckConstraint(condition=_one_party(), name="poc_state_or_organization")]

    def __str__(self):
        return f"{self.person} — {self.party}, {self.mechanism}"

    @property
    def current(self) -> bool:
        return self.ended_on is None


class ContactReminder(Party):
    """An e-mail asking a party for its point of contact: kept to show who was asked when."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.CheckConstraint(condition=_one_party(), name="reminder_state_or_organization")]


class RequestStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("assistance request status", "Received")
    APPROVED = "approved", _("Approved for sharing")
    MATCHED = "matched", pgettext_lazy("assistance request status", "Matched")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AssistanceRequest(Versioned):
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="requests")
    country = models.ForeignKey(Country, verbose_name=_("requesting state"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"))
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), related_name="requests")
    types = models.CharField(_("types of assistance"), max_length=200)
    languages = models.CharField(_("languages"), max_length=100)
    start = models.DateField(_("wanted from"), null=True, blank=True)
    end = models.DateField(_("wanted until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED)
    received_on = models.DateField(_("received on"))
    approved_on = models.DateField(null=True, blank=True)
    matched_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    audiences = models.ManyToManyField(Group, through="Share", related_name="shared_requests", blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    synthetic = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("assistance request")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assistance:request", args=[self.pk])

    @property
    def type_list(self):
        return decode_codes(self.types)

    @property
    def language_list(self):
        return decode_codes(self.languages)

    def type_labels(self):
        return [str(AssistanceType(t).label) for t in self.type_list if t in AssistanceType.values]

    def language_labels(self):
        return [str(LANGUAGES.get(code, code)) for code in self.language_list]


class Share(models.Model):
    """The committee's approval to share a request with an audience, and when it was briefed."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="shares")
    audience = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="request_shares")
    shared_on = models.DateField()
    briefed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["shared_on", "id"]
        constraints = [models.UniqueConstraint(fields=["request", "audience"], name="share_once_per_audience")]


class RequestEvent(models.Model):
    """Every step of a request's lifecycle, with the note given: kept for the record. ``note`` is what
    a person wrote; what the platform records about the step is data in ``details``, written in the
    reader's language when shown (``shown_note``): a partner's acceptance keeps its proposal,
    {"accepted": {"proposal": pk}}."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, choices=RequestStatus.choices)
    note = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    @property
    def shown_note(self) -> str:
        """The platform's record of the step in the active language, then the note a person wrote."""
        accepted = (self.details or {}).get("accepted")
        if accepted:
            proposal = Proposal.objects.select_related("offer").filter(pk=accepted.get("proposal")).first()
            if proposal is not None:
                said = _("Accepted by %(party)s: %(offer)s.") % {"party": proposal.offer.party, "offer": proposal.offer.title}
                return f"{said} {self.note}".strip()
        return self.note


class Offer(Party, Versioned):
    """What a partner (a state or an organization) can offer, and how many requests it can take on."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="offers")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"))
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), related_name="offers")
    types = models.CharField(_("types of assistance"), max_length=200)
    eligible_countries = models.ManyToManyField(Country, blank=True, related_name="+", verbose_name=_("eligible states"),
                                                help_text=_("None (and no region) means any state."))
    eligible_regions = models.CharField(_("eligible regional groups"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=100)
    start = models.DateField(_("available from"), null=True, blank=True)
    end = models.DateField(_("available until"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity (requests it can take on)"), default=1)
    active = models.BooleanField(pgettext_lazy("offer is open", "open"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    synthetic = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["title", "id"]
        constraints = [models.CheckConstraint(condition=_one_party(), name="offer_state_or_organization"),
                       models.CheckConstraint(condition=Q(capacity__gte=1), name="offer_capacity_positive")]

    def __str__(self):
        return f"{self.title} ({self.party})"

    def get_absolute_url(self):
        return reverse("assistance:offer", args=[self.pk])

    @property
    def type_list(self):
        return decode_codes(self.types)

    @property
    def language_list(self):
        return decode_codes(self.languages)

    @property
    def region_list(self):
        return decode_codes(self.eligible_regions)


class MatchSession(models.Model):
    """One run of the engine, for a meeting of an audience (the GPWG worked through the list)."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="sessions")
    audience = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey("meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=250)
    run_at = models.DateTimeField(auto_now_add=True)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    total_score = models.FloatField(default=0)
    seconds = models.FloatField(default=0)
    top_k = models.PositiveSmallIntegerField(default=10)

    class Meta:
        ordering = ["-run_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assistance:session", args=[self.pk])


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("proposal status", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("proposal status", "Accepted")
    DECLINED = "declined", pgettext_lazy("proposal status", "Declined")


class Proposal(Versioned):
    """The engine's (or the secretariat's) proposal of an offer for a request, answered by the partner."""

    session = models.ForeignKey(MatchSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="proposals")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="proposals")
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    reason = models.TextField(_("reason"), blank=True)
    proposed_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-proposed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["request", "offer"], name="one_proposal_per_pair")]

    def get_absolute_url(self):
        return reverse("assistance:proposal", args=[self.pk])


class InitiativeStatus(models.TextChoices):
    """IATI ActivityStatus codes."""

    PIPELINE = "1", _("Pipeline / identification")
    IMPLEMENTATION = "2", _("Implementation")
    FINALISATION = "3", _("Finalisation")
    CLOSED = "4", pgettext_lazy("initiative status", "Closed")
    CANCELLED = "5", _("Cancelled")
    SUSPENDED = "6", _("Suspended")


class Initiative(Versioned):
    """A capacity-building initiative or project (BCH), exported as an IATI activity."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="initiatives")
    identifier = models.CharField(_("IATI identifier"), max_length=120, unique=True,
                                  help_text=_("The reporting organization's identifier, a hyphen, and the project number"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    implementer = models.ForeignKey(Organization, verbose_name=_("implementing organization"), on_delete=models.PROTECT, related_name="+")
    donor_countries = models.ManyToManyField(Country, blank=True, related_name="+", verbose_name=_("donor states"))
    donor_organizations = models.ManyToManyField(Organization, blank=True, related_name="+", verbose_name=_("donor organizations"))
    recipients = models.ManyToManyField(Country, related_name="+", verbose_name=_("recipient states"))
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), related_name="initiatives")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    status = models.CharField(_("status"), max_length=1, choices=InitiativeStatus.choices, default=InitiativeStatus.IMPLEMENTATION)
    request = models.ForeignKey(AssistanceRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiatives",
                                verbose_name=_("answers request"))
    updated = models.DateTimeField(auto_now=True)
    synthetic = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-start", "title"]
        constraints = [models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="initiative_ends_after_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assistance:initiative", args=[self.pk])


class FlagKind(models.TextChoices):
    OVERLAP = "overlap", _("Initiatives overlap")
    COVERED = "covered", _("Request already covered by an initiative")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("To review")
    CONFIRMED = "confirmed", _("Confirmed duplication")
    DISMISSED = "dismissed", _("Dismissed")


class DuplicationFlag(models.Model):
    """A possible duplication found by the check, with its evidence, for the secretariat to confirm
    or dismiss. ``status`` is the latest decision (each one is kept in :class:`FlagDecision`); a
    decision stands through later checks until the evidence's ``fingerprint`` changes, which
    reopens the flag."""

    kind = models.CharField(max_length=10, choices=FlagKind.choices)
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="flags")
    other_initiative = models.ForeignKey(Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(AssistanceRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="flags")
    evidence = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(auto_now_add=True)
    fingerprint = models.CharField(max_length=64, blank=True, help_text=_("Digest of the facts behind the flag (duplicates.fingerprint)."))
    present = models.BooleanField(_("found by the latest check"), default=True)
    checked_at = models.DateTimeField(_("latest check"), null=True, blank=True)

    class Meta:
        ordering = ["-present", "status", "-found_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "initiative", "other_initiative"], condition=Q(request__isnull=True), name="one_overlap_flag_per_pair"),
            models.UniqueConstraint(fields=["kind", "initiative", "request"], condition=Q(request__isnull=False), name="one_covered_flag_per_pair"),
        ]


class FlagDecision(models.Model):
    """One decision on a duplication flag (confirmed, dismissed, or reopened by a check because the
    evidence changed), with the evidence it was taken on: the flag's history."""

    REOPENED = "reopened"
    DECISIONS = [*FlagStatus.choices[1:], (REOPENED, _("Reopened: the evidence changed"))]

    flag = models.ForeignKey(DuplicationFlag, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=10, choices=DECISIONS)
    reason = models.TextField(blank=True)
    evidence = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=64, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

"""Meetings of a group: when and where, who took part (by name or by delegation), officers,
agenda and documents. The attendance sentence is derived from these records (see attendance.py)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.core.concurrency import Versioned
from liaison.core.models import Country, Organization, Person
from liaison.core.multilingual import Multilingual
from liaison.groups.models import Distribution, Group

from . import attendance, formatting, times


class Mode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class AgendaStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("agenda status", "Draft")
    PROVISIONAL = "provisional", _("Provisional (issued)")
    ADOPTED = "adopted", pgettext_lazy("agenda status", "Adopted")


class Meeting(Versioned, Multilingual):
    # The title may be given in each UN language (core/multilingual.py); ``title`` is the English,
    # the reference. Pages, the API, calendars, exports and e-mails read ``local_title``.
    translated_fields = ("title",)

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("ordinal number"), null=True, blank=True)
    slug = models.SlugField(
        _("short name in addresses"), max_length=40, help_text=_("Defaults to the ordinal number.")
    )
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    start_time = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("On the first day, at the venue. Leave both times empty for an all-day meeting."),
    )
    end_time = models.TimeField(_("ends at"), null=True, blank=True, help_text=_("On the last day, at the venue."))
    time_zone = models.CharField(
        _("venue's time zone"), max_length=64, blank=True,
        help_text=_("The IANA name of the venue's zone, e.g. America/Toronto; for an online meeting, the organizers'."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    host = models.CharField(_("host"), max_length=250, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    opened_by = models.CharField(_("opened by"), max_length=250, blank=True)
    reported_participants = models.PositiveIntegerField(
        _("participants (as reported)"), null=True, blank=True,
        help_text=_("The total a report gives. Leave empty to count the records."),
    )
    reported_governments = models.PositiveIntegerField(
        _("governments (as reported)"), null=True, blank=True,
        help_text=_("Used only while no government delegations are recorded."),
    )
    reported_organizations = models.PositiveIntegerField(
        _("organizations (as reported)"), null=True, blank=True,
        help_text=_("Used only while no organization delegations are recorded."),
    )
    summary = models.TextField(_("outcomes"), blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True)
    invitation_message = models.TextField(
        _("message of the invitation e-mail"), blank=True, max_length=5000,
        help_text=_("Edited on the invitations page before sending; empty: the standard text."),
    )
    agenda_status = models.CharField(
        _("agenda"), max_length=12, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT, editable=False
    )
    agenda_issued = models.JSONField(_("provisional agenda as issued"), default=list, blank=True, editable=False)
    agenda_adopted_on = models.DateField(_("agenda adopted on"), null=True, blank=True, editable=False)
    agenda_changes = models.JSONField(_("changes made at adoption"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "slug"], name="unique_meeting_slug_per_group"),
            models.UniqueConstraint(
                fields=["group", "number"], condition=Q(number__isnull=False), name="unique_meeting_number_per_group"
            ),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="meeting_ends_after_start"),
        ]

    def __str__(self):
        return self.local_title

    @property
    def local_title(self) -> str:
        """The title in the active language, English when not given."""
        return self.translated("title")

    def get_absolute_url(self):
        return reverse("portal:meeting", args=[self.group.slug, self.slug])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        problems = times.check(self.start_date, self.end_date, self.start_time, self.end_time, self.time_zone)
        if problems:
            raise ValidationError({field: _(text) for field, text in problems.items()})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = str(self.number) if self.number else self.start_date.isoformat()
        super().save(*args, **kwargs)

    # --- derived text -------------------------------------------------------------------
    @property
    def dates(self) -> str:
        return formatting.date_range(self.start_date, self.end_date)

    @property
    def all_day(self) -> bool:
        return self.start_time is None or times.zone(self.time_zone) is None

    @property
    def starts_at(self):
        """The aware moment the meeting starts (None for an all-day meeting)."""
        return None if self.all_day else times.at(self.start_date, self.start_time, self.time_zone)

    @property
    def ends_at(self):
        return None if self.all_day else times.at(self.end_date, self.end_time, self.time_zone)

    def when(self, zone_name: str | None = None) -> str:
        """'15 March 2027, 10:00 – 16 March 2027, 17:00' at the venue (or in ``zone_name``);
        the dates alone for an all-day meeting."""
        if self.all_day:
            return self.dates
        return times.span(self.starts_at, self.ends_at, times.zone(zone_name))

    @property
    def when_text(self) -> str:
        """For e-mails and letters: the venue's time with its zone, and UTC beside it."""
        if self.all_day:
            return self.dates
        return f"{self.when()} ({self.time_zone}; {self.when('UTC')} UTC)"

    @property
    def dates_phrase(self) -> str:
        return formatting.held_phrase(self.start_date, self.end_date)

    @property
    def place(self) -> str:
        """The city and the country, the country in the active language (English by default)."""
        return ", ".join(part for part in (self.city, self.country.local_name if self.country_id else "") if part)

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def has_started(self, today=None) -> bool:
        """Whether the meeting's first day has come: before it, nobody has attended and nothing was adopted."""
        from django.utils import timezone

        return self.start_date <= (today or timezone.localdate())

    def is_under_way(self, today=None) -> bool:
        """Whether today is one of the meeting's days (when its officers are elected)."""
        from django.utils import timezone

        return self.start_date <= (today or timezone.localdate()) <= self.end_date

    def held_sentence(self, language: str | None = None) -> str:
        """'The ninth meeting of … was held from 15 to 16 March 2012 in Prague, Czechia.' A meeting
        still to come 'will be held', one under way 'is being held': a future meeting never reads as held.
        In the active language (or ``language``): a whole sentence per case, which a translator may
        reorder; the title is lower-cased after "The" in English only."""
        from django.utils import timezone, translation

        language = language or translation.get_language() or "en"
        with translation.override(language):
            today = timezone.localdate()
            tense = "past" if self.end_date < today else ("present" if self.start_date <= today else "future")
            start, end = formatting.held_dates(self.start_date, self.end_date, language)
            where = "online" if self.mode == Mode.ONLINE else ("place" if self.place else "")
            place = self.place
            title = formatting.in_sentence(self.local_title) if language.split("-")[0] == "en" else self.local_title
            message = _held_sentences()[tense, "range" if end else "day", where]
            return message % {"title": title, "start": start, "end": end, "date": start, "place": place}

    def attendance(self) -> attendance.Attendance:
        """Counted from prefetched delegations and participants (no extra queries when prefetched), or
        as counted in the database by ``selectors.meetings_with_attendance``."""
        if getattr(self, "_attendance", None) is not None:
            return self._attendance
        delegations = list(self.delegations.all())
        participants = [p for p in self.participants.all() if p.attended]
        named = {}
        for participant in participants:
            if participant.delegation_id:
                named[participant.delegation_id] = named.get(participant.delegation_id, 0) + 1
        records = [
            attendance.DelegationRecord(
                kind=attendance.GOVERNMENT if d.country_id else attendance.ORGANIZATION,
                headcount=d.headcount,
                named=named.get(d.pk, 0),
                observer=d.is_observer,
            )
            for d in delegations
        ]
        return attendance.count(
            records,
            individual_participants=sum(1 for p in participants if not p.delegation_id),
            reported_participants=self.reported_participants,
            reported_governments=self.reported_governments,
            reported_organizations=self.reported_organizations,
        )

    def attendance_sentence(self) -> str:
        """'It was attended by …' — nothing for a meeting that has not started (nobody has attended it)."""
        from django.utils import translation

        if not self.has_started():
            return ""
        return attendance.sentence(self.attendance(), translations=translation)


class Delegation(models.Model):
    """A country or an organization represented at a meeting, with its headcount when reported."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegations")
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True, on_delete=models.PROTECT
    )
    headcount = models.PositiveSmallIntegerField(_("headcount"), null=True, blank=True)
    is_observer = models.BooleanField(_("observer"), default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(country__isnull=False) & Q(organization__isnull=True))
                | (Q(country__isnull=True) & Q(organization__isnull=False)),
                name="delegation_of_a_country_or_an_organization",
            ),
            models.UniqueConstraint(fields=["meeting", "country"], name="one_delegation_per_country"),
            models.UniqueConstraint(fields=["meeting", "organization"], name="one_delegation_per_organization"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The country in the active language (English by default), or the organization."""
        return self.country.local_name if self.country_id else self.organization.label

    @property
    def is_government(self) -> bool:
        return self.country_id is not None

    def clean(self):
        if bool(self.country_id) == bool(self.organization_id):
            raise ValidationError(_("A delegation represents either a country or an organization."))


class Capacity(models.TextChoices):
    GOVERNMENT = "government", _("Government delegate")
    ORGANIZATION = "organization", _("Organization representative")
    EXPERT = "expert", _("Individual expert")


class Office(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-Chair")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class Participant(models.Model):
    """A person who took part. Officers are participants holding an office, so an officer is
    always a participant of that very meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    capacity = models.CharField(_("capacity"), max_length=20, choices=Capacity.choices, default=Capacity.EXPERT)
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="members",
    )
    office = models.CharField(_("office"), max_length=20, choices=Office.choices, blank=True)
    elected_on = models.DateField(_("elected on"), null=True, blank=True)
    nominated_by = models.ForeignKey(
        "self", verbose_name=_("nominated by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Records of past meetings list people who attended; people registered through an invitation
    # attend once checked in.
    attended = models.BooleanField(_("attended"), default=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_participation_per_person"),
            models.UniqueConstraint(
                fields=["meeting", "office"],
                condition=Q(office__in=[Office.CHAIR, Office.RAPPORTEUR]),
                name="one_chair_and_one_rapporteur_per_meeting",
            ),
        ]

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("%(person)s at %(meeting)s") % {"person": self.person, "meeting": self.meeting}

    @property
    def represents(self) -> str:
        if self.delegation_id:
            return self.delegation.name
        return self.person.country.local_name if self.person.country_id else ""

    @property
    def capacity_label(self) -> str:
        """The capacity as pages show it: in a group whose participants serve in their individual
        capacity nobody is a "delegate" or a "representative", only an expert nominated by someone."""
        if not self.meeting.group.individual_capacity:
            return self.get_capacity_display()
        return {
            Capacity.GOVERNMENT: _("Expert nominated by a Government"),
            Capacity.ORGANIZATION: _("Expert nominated by an organization"),
        }.get(self.capacity, Capacity.EXPERT.label)

    @property
    def affiliation(self) -> str:
        """How pages, letters and reports name who a participant comes from: "nominated by Cameroon"
        in a group whose participants serve in their individual capacity, "representing Cameroon"
        otherwise; empty when nobody is known."""
        source = self.represents
        if not source:
            return ""
        if self.meeting.group.individual_capacity:
            return _("nominated by %(source)s") % {"source": source}
        return _("representing %(source)s") % {"source": source}

    def clean(self):
        if self.delegation_id and self.meeting_id and self.delegation.meeting_id != self.meeting_id:
            raise ValidationError({"delegation": _("That delegation belongs to another meeting.")})


class AgendaItem(Versioned):
    """An item of a meeting's agenda. Its number follows from its place and depth (an item or a
    sub-item of the item before it): the services renumber the agenda after every change."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("number"), max_length=10, help_text=_("1, 2, 2.1 …"))
    title = models.CharField(_("title"), max_length=400)
    annotation = models.TextField(_("annotation"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="unique_agenda_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def depth(self) -> int:
        return self.number.count(".")


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


def document_path(instance, filename):
    """Stored under a random name: the uploaded name never reaches the file system."""
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:10]
    return f"documents/{instance.meeting_id}/{uuid.uuid4().hex}{suffix}"


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    symbol = models.CharField(_("symbol"), max_length=80, blank=True, help_text=_("UNEP/CBD/BS/LG-CB/9/1/Add.1"))
    title = models.CharField(_("title"), max_length=400)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=document_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH)
    version = models.CharField(_("version"), max_length=20, blank=True, help_text=_("Rev.1, 2 …"))
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    distribution = models.CharField(
        _("distribution"), max_length=20, choices=Distribution.choices, default=Distribution.PUBLIC
    )
    position = models.PositiveSmallIntegerField(default=0)

    def get_download_url(self):
        return reverse("meeting_document", args=[self.pk]) if self.file else self.url

    class Meta:
        ordering = ["position", "symbol"]

    def __str__(self):
        return self.symbol or self.title


class Session(models.Model):
    """One session of the organization of work: a time slot and the agenda items it takes up."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start = models.TimeField(_("starts"))
    end = models.TimeField(_("ends"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    items = models.ManyToManyField(AgendaItem, verbose_name=_("agenda items"), blank=True, related_name="sessions")

    class Meta:
        ordering = ["date", "start"]

    def __str__(self):
        return f"{self.date} {self.start:%H:%M}–{self.end:%H:%M} {self.title}".strip()

    # Times are the venue's, in the meeting's time zone.
    @property
    def starts_at(self):
        return times.at(self.date, self.start, self.meeting.time_zone)

    @property
    def ends_at(self):
        return times.at(self.date, self.end, self.meeting.time_zone)


class InvitationStatus(models.TextChoices):
    INVITED = "invited", pgettext_lazy("invitation status", "Invited")
    ACCEPTED = "accepted", pgettext_lazy("invitation status", "Accepted")
    DECLINED = "declined", pgettext_lazy("invitation status", "Declined")


class Invitation(models.Model):
    """An invitation to a meeting, answered through a link that needs no login.

    The link carries the invitation's id and nonce, signed with the secret key (see invitations.py);
    the invitee may answer, and change the answer, until ``expires_at`` (the reply deadline).
    Changing the nonce revokes every link sent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    nonce = models.CharField(max_length=32, editable=False)
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.INVITED)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_invitation_per_person")]

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("%(person)s to %(meeting)s") % {"person": self.person, "meeting": self.meeting}


# --- elections ---------------------------------------------------------------------------------
class ElectionState(models.TextChoices):
    NOMINATING = "nominating", _("Nominations open")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", pgettext_lazy("election status", "Closed")
    PUBLISHED = "published", _("Results published")


class BallotMethod(models.TextChoices):
    SHOW_OF_HANDS = "hands", _("Show of hands (counted by the secretariat)")
    SECRET = "secret", _("Secret ballot (participants vote online, once each)")


class Majority(models.TextChoices):
    ABSOLUTE = "absolute", _("Absolute majority of the votes cast")
    RELATIVE = "relative", _("Most votes (relative majority)")


class Election(Versioned):
    """The election of one officer of a meeting: candidates are nominated, a ballot is held (a show
    of hands counted by the secretariat, or a secret ballot online), the result recorded; the
    winner then holds the office (Participant.office). States: nominating → voting → closed →
    published; a closed ballot without a winner (a tie) may be held again."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="elections")
    office = models.CharField(_("office"), max_length=20, choices=Office.choices)
    method = models.CharField(_("ballot"), max_length=10, choices=BallotMethod.choices, default=BallotMethod.SHOW_OF_HANDS)
    majority = models.CharField(_("majority"), max_length=10, choices=Majority.choices, default=Majority.ABSOLUTE)
    state = models.CharField(pgettext_lazy("election status", "state"), max_length=12, choices=ElectionState.choices, default=ElectionState.NOMINATING, editable=False)
    ballot = models.PositiveSmallIntegerField(_("ballot number"), default=1, editable=False)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True, editable=False)
    # What the ballot decided, as data (meetings/outcomes.py); ``outcome`` keeps it written in English for the record.
    outcome = models.CharField(_("outcome"), max_length=300, blank=True, editable=False)
    outcome_data = models.JSONField(default=dict, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    elected = models.ForeignKey("Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    earlier_ballots = models.JSONField(_("earlier ballots"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "office"], name="one_election_per_office")]

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("%(office)s of %(meeting)s") % {"office": self.get_office_display(), "meeting": self.meeting}

    @property
    def outcome_text(self) -> str:
        """The outcome in the active language (the English kept in ``outcome`` for a ballot closed
        before outcomes were kept as data)."""
        from .outcomes import words

        return words(self.outcome_data) or self.outcome

    @property
    def earlier_ballots_shown(self) -> list[dict]:
        """The earlier ballots, each with its outcome in the active language."""
        from .outcomes import of_ballot

        return [{**record, "outcome": of_ballot(record)} for record in self.earlier_ballots]


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="candidacies")
    nominated_by = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)

    class Meta:
        ordering = ["participant__person__last_name", "participant__person__first_name"]
        constraints = [models.UniqueConstraint(fields=["election", "participant"], name="one_candidacy_per_election")]

    def __str__(self):
        return str(self.participant.person)


class BallotCast(models.Model):
    """That a participant has voted in a secret ballot (once per ballot). What they voted is kept
    apart, in SecretVote, with no link to the voter."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="voters")
    ballot = models.PositiveSmallIntegerField()
    voter = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "ballot", "voter"], name="one_vote_per_participant_per_ballot")]


class SecretVote(models.Model):
    """One anonymous vote: for a candidate, or an abstention (no candidate). Its key is random, so
    not even the order of the rows links a vote to the voters recorded in BallotCast."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="secret_votes")
    ballot = models.PositiveSmallIntegerField()
    candidate = models.ForeignKey(Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="+")


def _held_sentences():
    """Every form of Meeting.held_sentence, whole, in the active language."""
    from django.utils.translation import gettext

    return {
        ("past", "day", ""): gettext("The %(title)s was held on %(date)s."),
        ("past", "day", "place"): gettext("The %(title)s was held on %(date)s in %(place)s."),
        ("past", "day", "online"): gettext("The %(title)s was held on %(date)s online."),
        ("past", "range", ""): gettext("The %(title)s was held from %(start)s to %(end)s."),
        ("past", "range", "place"): gettext("The %(title)s was held from %(start)s to %(end)s in %(place)s."),
        ("past", "range", "online"): gettext("The %(title)s was held from %(start)s to %(end)s online."),
        ("present", "day", ""): gettext("The %(title)s is being held on %(date)s."),
        ("present", "day", "place"): gettext("The %(title)s is being held on %(date)s in %(place)s."),
        ("present", "day", "online"): gettext("The %(title)s is being held on %(date)s online."),
        ("present", "range", ""): gettext("The %(title)s is being held from %(start)s to %(end)s."),
        ("present", "range", "place"): gettext("The %(title)s is being held from %(start)s to %(end)s in %(place)s."),
        ("present", "range", "online"): gettext("The %(title)s is being held from %(start)s to %(end)s online."),
        ("future", "day", ""): gettext("The %(title)s will be held on %(date)s."),
        ("future", "day", "place"): gettext("The %(title)s will be held on %(date)s in %(place)s."),
        ("future", "day", "online"): gettext("The %(title)s will be held on %(date)s online."),
        ("future", "range", ""): gettext("The %(title)s will be held from %(start)s to %(end)s."),
        ("future", "range", "place"): gettext("The %(title)s will be held from %(start)s to %(end)s in %(place)s."),
        ("future", "range", "online"): gettext("The %(title)s will be held from %(start)s to %(end)s online."),
    }

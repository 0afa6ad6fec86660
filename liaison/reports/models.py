"""Meeting reports: paragraphs under agenda items, numbered when shown, annexes, and the adopted
versions, which are kept as they were adopted and never change."""

from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from liaison.actionplan.models import ActionPlan
from liaison.core.concurrency import Versioned
from liaison.core.models import Person
from liaison.meetings.models import AgendaItem, Meeting


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("meeting report status", "Draft")
    REVIEW = "review", _("Under review by participants")
    ADOPTED = "adopted", pgettext_lazy("meeting report status", "Adopted")
    CONVEYED = "conveyed", _("Conveyed to the Executive Secretary")


LOCKED = (ReportStatus.ADOPTED, ReportStatus.CONVEYED)


class Report(Versioned):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="report")
    symbol = models.CharField(_("symbol"), max_length=80, blank=True, help_text=_("UNEP/CBD/BS/LG-CB/9/3"))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    conveyed_on = models.DateField(_("conveyed on"), null=True, blank=True)
    conveyed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_deadline = models.DateField(
        _("comments until"), null=True, blank=True,
        help_text=_("Participants comment on the draft until the end of this day."),
    )

    def __str__(self):
        from django.utils.translation import gettext

        return gettext("Report of the %(meeting)s") % {"meeting": self.meeting}

    @property
    def locked(self) -> bool:
        return self.status in LOCKED


class Paragraph(Versioned):
    """A paragraph of the report; its number is its place in the report, computed when shown."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="paragraphs")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="report_paragraphs",
        help_text=_("Empty for the introduction."),
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:60]


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Not yet considered")
    TAKEN = "taken", _("Taken into account")
    NOT_TAKEN = "not_taken", _("Not taken into account")


class ReportComment(Versioned):
    """A participant's comment on one paragraph of the draft sent for review, and the secretariat's
    answer (as the workspace's peer review of documents). The paragraph's text when commented is
    kept, so a comment still reads right after the paragraph is rewritten or deleted."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.ForeignKey(Paragraph, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    quoted = models.TextField(_("paragraph as commented"))
    revision = models.PositiveSmallIntegerField(default=1)
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="report_comments")
    text = models.TextField(_("comment"))
    status = models.CharField(_("decision"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    reply = models.TextField(_("answer of the secretariat"), blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return self.text[:60]


class Annex(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="annexes")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    table = models.JSONField(_("table"), default=list, blank=True, help_text=_("Rows of cells; the first row is the header."))
    action_plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), null=True, blank=True, on_delete=models.PROTECT, related_name="annexes",
        help_text=_("When the annex is an action plan, the plan's records are shown as its tables."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = _("annexes")

    def __str__(self):
        return self.title


class ReportVersion(models.Model):
    """The text of a report as adopted: written once, never updated."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveSmallIntegerField()
    adopted_on = models.DateField()
    content = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-revision"]
        constraints = [models.UniqueConstraint(fields=["report", "revision"], name="one_version_per_revision")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("An adopted version of a report is never changed.")
        super().save(*args, **kwargs)

"""The life of a report: drafted (partly from the records), reviewed by participants, adopted
(its text then frozen as a version), conveyed by the Chair to the Executive Secretary."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language, gettext as _

from liaison.actionplan import services as plan_services
from liaison.core.concurrency import VersionConflict
from liaison.core.dates import day_month_year
from liaison.meetings.formatting import in_sentence
from liaison.meetings.models import AgendaItem, AgendaStatus, Office, Participant

from . import numbering
from .models import Annex, Paragraph, Report, ReportStatus, ReportVersion


class ReportLocked(Exception):
    def __init__(self, report):
        super().__init__(
            _("The report was %(status)s on %(day)s and cannot be changed. Start a revision to correct it; the adopted "
              "text stays on record.") % {"status": report.get_status_display().lower(),
                                          "day": day_month_year(report.adopted_on, get_language())}
        )


class TransitionRefused(Exception):
    pass


def report_for(meeting) -> Report:
    report, _ = Report.objects.get_or_create(meeting=meeting)
    return report


def ensure_editable(report):
    if report.locked:
        raise ReportLocked(report)


# --- reading -----------------------------------------------------------------------------------
def sections(report):
    """[(agenda item or None, [(number, paragraph), …]), …] in report order: 3 queries."""
    items = list(AgendaItem.objects.filter(meeting_id=report.meeting_id))
    paragraphs = list(report.paragraphs.all())
    numbers = numbering.number([(p.pk, p.agenda_item_id, p.position) for p in paragraphs], [i.pk for i in items])
    by_item = {}
    for paragraph in sorted(paragraphs, key=lambda p: numbers[p.pk]):
        by_item.setdefault(paragraph.agenda_item_id, []).append((numbers[paragraph.pk], paragraph))
    return [(None, by_item.get(None, []))] + [(item, by_item.get(item.pk, [])) for item in items]


def content(report) -> dict:
    """Everything an export needs, as plain data (also what an adopted version stores)."""
    meeting = report.meeting
    return {
        "title": f"Report of the {in_sentence(meeting.title)}",
        "symbol": report.symbol,
        "status": report.status,
        "revision": report.revision,
        "adopted_on": report.adopted_on.isoformat() if report.adopted_on else None,
        "meeting": {"title": meeting.title, "dates": meeting.dates, "place": meeting.place},
        "attendance": f"{meeting.held_sentence()} {meeting.attendance_sentence()}".strip(),
        "sections": [
            {
                "number": item.number if item else "",
                "title": item.title if item else "Introduction",
                "depth": item.depth if item else 0,
                "paragraphs": [{"number": n, "text": p.text} for n, p in rows],
            }
            for item, rows in sections(report)
        ],
        "annexes": [
            {
                "title": a.title, "body": a.body, "table": a.table,
                "action_plan": plan_services.content(plan_services.plan_queryset().get(pk=a.action_plan_id))
                if a.action_plan_id else None,
            }
            for a in report.annexes.all()
        ],
    }


# --- writing -----------------------------------------------------------------------------------
def add_annex(report, annex) -> Annex:
    """Attach ``annex`` (from AnnexForm, unsaved) to a report that is still editable."""
    ensure_editable(report)
    annex.report = report
    annex.save()
    return annex


def add_paragraph(report, text, agenda_item=None) -> Paragraph:
    ensure_editable(report)
    if agenda_item is not None and agenda_item.meeting_id != report.meeting_id:
        raise ValueError(_("That agenda item belongs to another meeting."))
    last = report.paragraphs.filter(agenda_item=agenda_item).aggregate(Max("position"))["position__max"]
    return Paragraph.objects.create(report=report, agenda_item=agenda_item, text=text.strip(), position=(last or 0) + 10)


def edit_paragraph(paragraph, text, expected_version):
    ensure_editable(paragraph.report)
    paragraph.text = text.strip()
    paragraph.save_versioned(expected_version=expected_version)
    return paragraph


def delete_paragraph(paragraph):
    ensure_editable(paragraph.report)
    paragraph.delete()


@transaction.atomic
def move_paragraph(paragraph, step: int):
    """Swap with the previous (step=-1) or next (+1) paragraph under the same item."""
    ensure_editable(paragraph.report)
    siblings = list(paragraph.report.paragraphs.filter(agenda_item_id=paragraph.agenda_item_id))
    index = next(i for i, p in enumerate(siblings) if p.pk == paragraph.pk)
    other = index + step
    if not 0 <= other < len(siblings):
        return
    for i, sibling in enumerate(siblings):  # renumber positions 10, 20, … then swap
        sibling.position = (i + 1) * 10
    siblings[index].position, siblings[other].position = siblings[other].position, siblings[index].position
    Paragraph.objects.bulk_update(siblings, ["position"])


def _item(meeting, *words):
    for item in meeting.agenda_items.all():
        title = item.title.lower()
        if all(word in title for word in words):
            return item
    return None


def _join(names):
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def draft_introduction(report) -> list[Paragraph]:
    """Paragraphs drafted from the records: when and where, attendance, countries and organizations
    represented, who opened the meeting, the officers elected, the agenda adopted. Skips any whose
    text is already in the report. The report is written in English (LANGUAGE_CODE), whatever the
    language of the secretariat's page that asks for the draft: its sentences, dates and countries'
    names never mix two languages in one stored paragraph."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _draft_introduction(report)


def _draft_introduction(report) -> list[Paragraph]:
    ensure_editable(report)
    meeting = report.meeting
    delegations = list(meeting.delegations.select_related("country", "organization"))
    countries = sorted(d.name for d in delegations if d.country_id)
    organizations = sorted((d.name for d in delegations if d.organization_id), key=str.casefold)
    officers = {p.office: p for p in meeting.participants.exclude(office="").select_related("person", "delegation__country", "person__country")}
    items = list(meeting.agenda_items.all())

    drafts = [(None, f"{meeting.held_sentence()} {meeting.attendance_sentence()}".strip())]
    individual = meeting.group.individual_capacity  # the terms of reference: experts, not representatives
    if countries:
        drafts.append((None, f"Participants were nominated by the following countries: {_join(countries)}." if individual
                       else f"The countries represented were: {_join(countries)}."))
    if organizations:
        drafts.append((None, f"Participants were nominated by the following organizations: {_join(organizations)}." if individual
                       else f"The organizations represented were: {_join(organizations)}."))
    if meeting.opened_by:
        drafts.append((_item(meeting, "opening"), f"The meeting was opened by {meeting.opened_by}."))
    elected = [
        f"{p.person.formal_name}{f' ({p.affiliation if individual else p.represents})' if p.represents else ''} to serve as {p.get_office_display()}"
        for office in Office
        if (p := officers.get(office))
    ]
    if elected:
        target = _item(meeting, "election") or _item(meeting, "organizational")
        drafts.append((target, f"The participants elected {_join(elected)}."))
    if items and meeting.agenda_status == AgendaStatus.ADOPTED:
        agenda = "; ".join(f"{i.number}. {i.title}" for i in items)
        drafts.append((_item(meeting, "adoption", "agenda") or _item(meeting, "organizational"), f"The meeting adopted the following agenda: {agenda}."))

    existing = set(report.paragraphs.values_list("text", flat=True))
    return [add_paragraph(report, text, item) for item, text in drafts if text and text not in existing]


# --- states ------------------------------------------------------------------------------------
def _transition(report, expected_version, allowed_from, to, **fields):
    if report.status not in allowed_from:
        raise TransitionRefused(
            _("The report cannot become “%(to)s”. Its status: %(status)s.") % {"to": ReportStatus(to).label, "status": report.get_status_display()}
        )
    report.status = to
    for name, value in fields.items():
        setattr(report, name, value)
    report.save_versioned(expected_version=expected_version)


def send_for_review(report, expected_version, deadline=None):
    """The change of state alone; ``review.send`` also sets the deadline and tells the participants."""
    _transition(report, expected_version, [ReportStatus.DRAFT], ReportStatus.REVIEW, review_deadline=deadline)


def default_adoption_date(meeting):
    """A report is adopted on its meeting's last day, or today while the meeting is under way."""
    return min(meeting.end_date, timezone.localdate())


@transaction.atomic
def adopt(report, expected_version, on=None):
    """Adopt the report on ``on`` (default: the meeting's last day, or today if the meeting is still
    under way): a day from the meeting's opening on, never one still to come."""
    if not report.paragraphs.exists():
        raise TransitionRefused(_("A report with no paragraphs cannot be adopted."))
    meeting = report.meeting
    today = timezone.localdate()
    on = on or default_adoption_date(meeting)
    if on < meeting.start_date:
        raise TransitionRefused(_("A report is adopted at or after its meeting, which opened on %(day)s.") % {"day": day_month_year(meeting.start_date, get_language())})
    if on > today:
        raise TransitionRefused(_("A report cannot be adopted on %(day)s: that day is still to come.") % {"day": day_month_year(on, get_language())})
    _transition(report, expected_version, [ReportStatus.DRAFT, ReportStatus.REVIEW], ReportStatus.ADOPTED, adopted_on=on)
    ReportVersion.objects.create(report=report, revision=report.revision, adopted_on=on, content=content(report))


def convey(report, expected_version, by: Participant):
    if by.meeting_id != report.meeting_id or by.office != Office.CHAIR:
        raise TransitionRefused(_("The Chair of the meeting conveys its report."))
    _transition(report, expected_version, [ReportStatus.ADOPTED], ReportStatus.CONVEYED,
                conveyed_on=timezone.localdate(), conveyed_by=by.person)


def start_revision(report, expected_version):
    """Reopen an adopted report as a new draft; the adopted versions stay as they were."""
    _transition(report, expected_version, [ReportStatus.ADOPTED, ReportStatus.CONVEYED], ReportStatus.DRAFT,
                revision=report.revision + 1, adopted_on=None, conveyed_on=None, conveyed_by=None)


__all__ = ["ReportLocked", "TransitionRefused", "VersionConflict"]


def save_symbol(report, form):
    """Save the report's own fields (its symbol) from a valid ReportForm; raises ReportLocked for an
    adopted report, and returns None when someone else changed the report meanwhile."""
    from liaison.core.services import save_record

    ensure_editable(report)
    return save_record(form)

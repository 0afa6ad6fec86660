"""Reporting against the plan's indicators: cycles opened by the secretariat, each Party's (or
organization's) report filled in by hand or from an XLSX sheet, submitted, returned with a reason or
accepted; reminders before the deadline; the cycle published for the dashboard.

Every write is here; views and the API parse input and call these functions.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from liaison.core import mail
from liaison.core.models import Country
from liaison.core.spreadsheets import FORMULA_STARTS, xlsx_bytes
from liaison.groups.models import Membership, Role

from .models import (
    YES_NO_ANSWERS,
    Aggregation,
    CycleStatus,
    Indicator,
    IndicatorKind,
    Reminder,
    ReportingCycle,
    Rollup,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    Value,
)

REMINDER_DAYS = (14, 7, 1)  # e-mails this many days before the deadline (the latest step due is sent)
MAX_NARRATIVE = 5000
MAX_LINKS = 10


class Refused(ValueError):
    """A step the record's state does not allow, with the reason."""


class RowErrors(ValueError):
    """Some rows are not valid; nothing was saved. ``errors`` is [(row label, message), …]."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(_("%(where)s: %(problem)s") % {"where": label, "problem": message} for label, message in errors))


# --- cycles ---------------------------------------------------------------------------------------
CYCLE_STEPS = {
    "open": ((CycleStatus.PREPARING, CycleStatus.CLOSED), CycleStatus.OPEN),
    "close": ((CycleStatus.OPEN,), CycleStatus.CLOSED),
    "publish": ((CycleStatus.OPEN, CycleStatus.CLOSED), CycleStatus.PUBLISHED),
    "unpublish": ((CycleStatus.PUBLISHED,), CycleStatus.CLOSED),
}


@transaction.atomic
def create_cycle(plan, *, title, year, period_start, period_end, deadline, indicators) -> ReportingCycle:
    indicators = list(indicators)
    if not indicators:
        raise Refused(_("A reporting cycle needs at least one indicator."))
    if any(i.objective.plan_id != plan.pk for i in indicators):
        raise Refused(_("Every indicator of the cycle must belong to the plan."))
    cycle = ReportingCycle(plan=plan, title=title, year=year, period_start=period_start, period_end=period_end,
                           deadline=deadline)
    cycle.full_clean()
    cycle.save()
    cycle.indicators.set(indicators)
    return cycle


def move_cycle(cycle, step: str, expected_version=None) -> ReportingCycle:
    allowed, to = CYCLE_STEPS[step]
    if cycle.status not in allowed:
        raise Refused(_("The cycle cannot be moved that way (%(step)s). Its status: %(status)s.") % {"status": cycle.get_status_display(), "step": step})
    cycle.status = to
    today = timezone.localdate()
    if step == "open" and cycle.opened_on is None:
        cycle.opened_on = today
    if step == "publish":
        cycle.published_on = today
    if step == "unpublish":
        cycle.published_on = None
    with transaction.atomic():
        cycle.save_versioned(expected_version)
        Rollup.objects.filter(cycle=cycle).delete()
        if to == CycleStatus.PUBLISHED:
            write_rollup(cycle)
    return cycle


def write_rollup(cycle) -> int:
    """Sum the cycle's accepted values per indicator and regional group into Rollup rows (1 query + 1 insert)."""
    rows = (
        Value.objects.filter(submission__cycle=cycle, submission__status=SubmissionStatus.ACCEPTED, value__isnull=False)
        .values("indicator_id", "submission__country__regional_group")
        .annotate(n=Count("id"), total=Sum("value"), den=Sum("denominator"))
    )
    created = Rollup.objects.bulk_create(
        Rollup(cycle=cycle, indicator_id=r["indicator_id"], regional_group=r["submission__country__regional_group"] or "",
               reporters=r["n"], total=r["total"] or 0, denominator=r["den"] or 0)
        for r in rows
    )
    return len(created)


# --- one report -------------------------------------------------------------------------------------
def submission_for(cycle, *, country=None, organization=None) -> Submission:
    """The reporter's report in the cycle, created as a draft on first use (only while the cycle is open)."""
    lookup = {"country": country} if country is not None else {"organization": organization}
    found = Submission.objects.filter(cycle=cycle, **lookup).first()
    if found:
        return found
    if cycle.status != CycleStatus.OPEN:
        raise Refused(_("The cycle is not open for reports."))
    try:
        with transaction.atomic():
            return Submission.objects.create(cycle=cycle, **lookup)
    except IntegrityError:  # created by a colleague at the same moment
        return Submission.objects.get(cycle=cycle, **lookup)


def answer_kind(indicator) -> IndicatorKind:
    """What a reporter enters for the indicator: YES_NO, RATIO, PERCENTAGE or NUMBER (values of
    IndicatorKind, which the report form's template compares with)."""
    rule = indicator.effective_aggregation
    if rule in YES_NO_ANSWERS:
        return IndicatorKind.YES_NO
    if rule == Aggregation.RATIO_OF_SUMS:
        return IndicatorKind.RATIO
    if indicator.kind == IndicatorKind.PERCENTAGE:
        return IndicatorKind.PERCENTAGE
    return IndicatorKind.NUMBER


YES = {"yes", "y", "1", "true", "oui", "sí", "si"}
NO = {"no", "n", "0", "false", "non"}
ANSWER_WORDS = (gettext_noop("yes"), gettext_noop("no"))  # as the sheet writes them, in its reader's language


def in_every_language(words) -> list[list[str]]:
    """``words`` (English messages) as each of the site's languages writes them: a sheet downloaded
    in one language is read back whatever the language of the page it is uploaded from."""
    from django.conf import settings

    found = [list(words)]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.append([_(w) for w in words])
    return found


def _yes_no(word: str) -> bool | None:
    if word in YES:
        return True
    if word in NO:
        return False
    for yes, no in in_every_language(ANSWER_WORDS)[1:]:
        if word == yes.strip().lower():
            return True
        if word == no.strip().lower():
            return False
    return None


NUMBER_PROBLEMS = {  # what is wrong with a number, as a whole sentence for each of the two numbers a row holds
    "value": {
        "not": gettext_lazy("the value “%(raw)s” is not a number"),
        "negative": gettext_lazy("the value cannot be negative"),
        "large": gettext_lazy("the value is too large"),
    },
    "denominator": {
        "not": gettext_lazy("the denominator “%(raw)s” is not a number"),
        "negative": gettext_lazy("the denominator cannot be negative"),
        "large": gettext_lazy("the denominator is too large"),
    },
}


def _number(raw, which):
    """``raw`` as a number; ``which`` ("value" or "denominator") names it in the error."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    problems = NUMBER_PROBLEMS[which]
    if isinstance(raw, bool):
        raise ValueError(problems["not"] % {"raw": raw})
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(problems["not"] % {"raw": raw}) from None
    if not value.is_finite():
        raise ValueError(problems["not"] % {"raw": raw})
    if value < 0:
        raise ValueError(str(problems["negative"]))
    if value >= Decimal("1e14"):
        raise ValueError(str(problems["large"]))
    return value.quantize(Decimal("0.01"))


@dataclass
class CleanRow:
    value: Decimal | None
    denominator: Decimal | None
    narrative: str
    evidence: list[str]

    @property
    def empty(self):
        return self.value is None and self.denominator is None and not self.narrative and not self.evidence


def clean_row(indicator, *, value=None, denominator=None, narrative="", evidence=()) -> CleanRow:
    """One answer checked against its indicator; raises ValueError saying what is wrong."""
    kind = answer_kind(indicator)
    if kind == IndicatorKind.YES_NO:
        if value is None or (isinstance(value, str) and not value.strip()):
            parsed = None
        elif isinstance(value, bool):
            parsed = Decimal(int(value))
        else:
            answer = _yes_no(str(value).strip().lower())
            if answer is None:
                raise ValueError(_("answer “%(answer)s” must be yes or no") % {"answer": value})
            parsed = Decimal(int(answer))
    else:
        parsed = _number(value, "value")
        if kind == IndicatorKind.PERCENTAGE and parsed is not None and parsed > 100:
            raise ValueError(_("a percentage cannot exceed 100"))
    parsed_denominator = None
    if kind == IndicatorKind.RATIO:
        parsed_denominator = _number(denominator, "denominator")
        if (parsed is None) != (parsed_denominator is None):
            raise ValueError(_("a ratio needs both its numerator and its denominator"))
        if parsed_denominator == 0:
            raise ValueError(_("the denominator cannot be zero"))
    elif denominator not in (None, ""):
        raise ValueError(_("only ratios take a denominator"))
    narrative = (narrative or "").strip()
    if len(narrative) > MAX_NARRATIVE:
        raise ValueError(_("the narrative is longer than %(n)d characters") % {"n": MAX_NARRATIVE})
    links = [link.strip() for link in evidence if link and link.strip()]
    if len(links) > MAX_LINKS:
        raise ValueError(_("at most %(n)d evidence links") % {"n": MAX_LINKS})
    check = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            check(link)
        except ValidationError:
            raise ValueError(_("evidence link “%(link)s” is not an http(s) address") % {"link": link}) from None
    return CleanRow(parsed, parsed_denominator, narrative, links)


def split_links(text) -> list[str]:
    return [part for part in str(text or "").replace(",", " ").split() if part]


def _editable(submission):
    if submission.cycle.status != CycleStatus.OPEN:
        raise Refused(_("The cycle is not open for reports: nothing can change."))
    if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise Refused(_("The report can no longer change. Its status: %(status)s.") % {"status": submission.get_status_display()})


@transaction.atomic
def save_values(submission, rows: dict, *, user=None, expected_version=None) -> Submission:
    """Save the answers {indicator id: {value, denominator, narrative, evidence}} of a draft or returned
    report. Every row is checked first; if any is wrong, RowErrors lists them and nothing is saved."""
    submission = Submission.objects.select_for_update().select_related("cycle").get(pk=submission.pk)
    _editable(submission)
    indicators = {i.pk: i for i in submission.cycle.indicators.select_related("objective")}
    errors, cleaned = [], {}
    for key, raw in rows.items():
        label = raw.get("label") or _("indicator %(id)s") % {"id": key}
        try:
            indicator = indicators[int(key)]
        except (KeyError, TypeError, ValueError):
            errors.append((label, _("this indicator is not part of the cycle")))
            continue
        try:
            cleaned[indicator.pk] = clean_row(
                indicator, value=raw.get("value"), denominator=raw.get("denominator"),
                narrative=raw.get("narrative", ""), evidence=raw.get("evidence") or (),
            )
        except ValueError as error:
            errors.append((label, str(error)))
    if errors:
        raise RowErrors(errors)
    existing = {v.indicator_id: v for v in submission.values.all()}
    for indicator_id, row in cleaned.items():
        value = existing.get(indicator_id)
        if row.empty:
            if value is not None:
                value.delete()
            continue
        if value is None:
            value = Value(submission=submission, indicator_id=indicator_id)
        value.value, value.denominator, value.narrative, value.evidence = row.value, row.denominator, row.narrative, row.evidence
        value.save()
    submission.save_versioned(expected_version)
    return submission


def missing_answers(submission) -> list[Indicator]:
    answered = set(submission.values.exclude(value__isnull=True).values_list("indicator_id", flat=True))
    return [i for i in submission.cycle.indicators.all() if i.pk not in answered]


def _step(submission, to, *, user, reason="", expected_version=None, **fields):
    submission.status = to
    for name, value in fields.items():
        setattr(submission, name, value)
    submission.save_versioned(expected_version)
    SubmissionEvent.objects.create(submission=submission, status=to, reason=reason, by=user)
    return submission


@transaction.atomic
def submit(submission, *, user, expected_version=None) -> Submission:
    _editable(submission)
    missing = missing_answers(submission)
    if missing:
        raise Refused(
            ngettext("%(n)d indicator has no value yet: %(indicators)s", "%(n)d indicators have no value yet: %(indicators)s", len(missing))
            % {"n": len(missing), "indicators": "; ".join(i.text[:60] for i in missing[:5])}
        )
    return _step(submission, SubmissionStatus.SUBMITTED, user=user, expected_version=expected_version,
                 submitted_at=timezone.now(), submitted_by=user, returned_reason="")


@transaction.atomic
def accept(submission, *, user, expected_version=None) -> Submission:
    if submission.status != SubmissionStatus.SUBMITTED:
        raise Refused(_("Only a submitted report can be accepted."))
    _step(submission, SubmissionStatus.ACCEPTED, user=user, expected_version=expected_version,
          reviewed_at=timezone.now(), reviewed_by=user)
    if submission.cycle.status == CycleStatus.PUBLISHED:  # accepted after publication: the sums follow
        Rollup.objects.filter(cycle=submission.cycle).delete()
        write_rollup(submission.cycle)
    return submission


@transaction.atomic
def return_report(submission, *, user, reason, expected_version=None) -> Submission:
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why the report is returned: the reporters read it."))
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED):
        raise Refused(_("Only a submitted or accepted report can be returned."))
    if submission.cycle.status == CycleStatus.PUBLISHED:
        raise Refused(_("The cycle is published; unpublish it before returning a report."))
    return _step(submission, SubmissionStatus.RETURNED, user=user, reason=reason, expected_version=expected_version,
                 reviewed_at=timezone.now(), reviewed_by=user, returned_reason=reason)


# --- the XLSX sheet -------------------------------------------------------------------------------
# Written in the reader's language (sheet_header); an upload is read whichever of the site's languages its header is in.
SHEET_HEADER = [gettext_noop("Indicator id"), gettext_noop("Objective"), gettext_noop("Indicator"), gettext_noop("Answer"),
                gettext_noop("Value"), gettext_noop("Denominator"), gettext_noop("Narrative"), gettext_noop("Evidence links")]
ANSWER_HELP = {
    IndicatorKind.YES_NO: gettext_lazy("yes or no"), IndicatorKind.RATIO: gettext_lazy("numerator (Value) and denominator"),
    IndicatorKind.PERCENTAGE: gettext_lazy("a percentage, 0-100"), IndicatorKind.NUMBER: gettext_lazy("a number"),
}


def sheet_bytes(rows) -> bytes:
    """The report's sheet (header and rows) as XLSX, named and headed in the active language."""
    return xlsx_bytes({_("Report"): (sheet_header(), rows)})


def sheet_header() -> list[str]:
    return [_(name) for name in SHEET_HEADER]


def sheet(submission) -> bytes:
    """The report as an XLSX sheet to fill in: one row per indicator, with what is saved so far."""
    values = {v.indicator_id: v for v in submission.values.all()}
    yes, no = (_(word) for word in ANSWER_WORDS)
    rows = []
    for indicator in submission.cycle.indicators.select_related("objective").order_by("objective__number", "position", "id"):
        value = values.get(indicator.pk)
        kind = answer_kind(indicator)
        shown = None
        if value is not None and value.value is not None:
            shown = (yes if value.value else no) if kind == IndicatorKind.YES_NO else float(value.value)
        rows.append([
            indicator.pk, indicator.objective.number, indicator.text, ANSWER_HELP[kind], shown,
            float(value.denominator) if value is not None and value.denominator is not None else None,
            value.narrative if value else "", " ".join(value.evidence) if value else "",
        ])
    return sheet_bytes(rows)


def read_sheet(data: bytes) -> dict:
    """Rows of an uploaded sheet as save_values expects them; raises RowErrors for a sheet not ours."""
    import io
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise RowErrors([(_("file"), _("not an XLSX workbook (%(error)s)") % {"error": error.__class__.__name__})]) from None
    sheet_ = book.worksheets[0]
    lines = list(sheet_.iter_rows(values_only=True))
    if not lines or [str(c or "").strip() for c in lines[0][: len(SHEET_HEADER)]] not in in_every_language(SHEET_HEADER):
        raise RowErrors([(_row(1), _("the header is not the one of the downloaded sheet: %(header)s") % {"header": ", ".join(sheet_header())})])
    rows, errors = {}, []
    for number, line in enumerate(lines[1:], start=2):
        cells = list(line) + [None] * (len(SHEET_HEADER) - len(line))
        if all(c in (None, "") for c in cells):
            continue
        try:
            key = int(cells[0])
        except (TypeError, ValueError):
            errors.append((_row(number), _("indicator id “%(id)s” is not a number") % {"id": cells[0]}))
            continue
        if key in rows:
            errors.append((_row(number), _("indicator %(id)s appears twice") % {"id": key}))
            continue
        rows[key] = {
            "label": _row(number), "value": _unquoted(cells[4]), "denominator": cells[5],
            "narrative": _unquoted(str(cells[6] or "")), "evidence": split_links(cells[7]),
        }
    if errors:
        raise RowErrors(errors)
    return rows


def _row(number) -> str:
    """A row of the uploaded sheet, as its errors name it."""
    return _("row %(number)d") % {"number": number}


def _unquoted(value):
    """A text our sheet wrote neutralised ("'=…") reads back as it was written."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


# --- reminders -------------------------------------------------------------------------------------
def focal_point_emails(group, today=None) -> dict[int, list[str]]:
    """{country id: [e-mail, …]} of the group's current focal points with an active account."""
    found: dict[int, list[str]] = {}
    memberships = (
        Membership.objects.current(today)
        .filter(group=group, role=Role.FOCAL_POINT, person__country__isnull=False, person__user__is_active=True)
        .values_list("person__country_id", "person__user__email")
    )
    for country_id, email in memberships:
        found.setdefault(country_id, []).append(email)
    return found


def due_step(days_left: int) -> int | None:
    """The reminder step due when ``days_left`` days remain (None before the first one or after the deadline)."""
    if days_left < 0:
        return None
    steps = [s for s in REMINDER_DAYS if s >= days_left]
    return min(steps) if steps else None


def send_reminders(today=None) -> int:
    """E-mail the focal points of every Party that has not submitted in an open cycle whose deadline
    is near. Each (cycle, Party, step) is sent once, however often this runs. Returns e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    cycles = ReportingCycle.objects.filter(status=CycleStatus.OPEN, deadline__gte=today,
                                           deadline__lte=today + timedelta(days=max(REMINDER_DAYS)))
    for cycle in cycles.select_related("plan__group"):
        step = due_step((cycle.deadline - today).days)
        if step is None:
            continue
        group = cycle.plan.group
        done = set(
            cycle.submissions.filter(country__isnull=False)
            .exclude(status__in=(SubmissionStatus.DRAFT, SubmissionStatus.RETURNED))
            .values_list("country_id", flat=True)
        )
        already = set(cycle.reminders.filter(days_before=step).values_list("country_id", flat=True))
        countries = {c.pk: c for c in Country.objects.filter(pk__in=focal_point_emails(group, today).keys())}
        for country_id, emails in focal_point_emails(group, today).items():
            if country_id in done or country_id in already:
                continue
            with transaction.atomic():
                reminder, created = Reminder.objects.get_or_create(
                    cycle=cycle, country_id=country_id, days_before=step, defaults={"recipients": len(emails)}
                )
                if not created:
                    continue
                days = (cycle.deadline - today).days
                mail.send("actionplan/email/report_reminder",
                          {"group": group, "cycle": cycle, "country": countries[country_id], "days": days}, emails)
                sent += len(emails)
    return sent


def reporting_countries(plan):
    """The Parties that report under the plan: its own list, else every country in a UN regional group."""
    parties = plan.parties.all()
    if parties.exists():
        return parties
    return Country.objects.exclude(regional_group="")


def open_cycles_for(user, group):
    return ReportingCycle.objects.filter(plan__group=group).filter(Q(status=CycleStatus.OPEN))

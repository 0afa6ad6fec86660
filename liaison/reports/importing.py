"""Turn a parsed report into records, after the secretariat has looked at the proposal.

Everything is created in one transaction: a failure leaves nothing behind. Countries and
organizations are matched to the registry; an organization not yet known is created with the type
"other" for the secretariat to correct. Named officers become participants (and people if new).
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core.models import Country, Organization, OrganizationType, Person
from liaison.core.services import find_organization
from liaison.meetings.models import AgendaItem, AgendaStatus, Capacity, Delegation, Meeting, Office, Participant

from liaison.actionplan import services as plan_services
from liaison.actionplan.models import PlanStatus

from .models import Annex, Paragraph, Report, ReportStatus
from .parsing import ParsedReport


class ImportRefused(ValueError):
    pass


def _organization(label: str) -> Organization:
    import re

    acronym = re.search(r"\(([^()]+)\)\s*$", label)
    name = re.sub(r"\s*\([^()]+\)\s*$", "", label).strip()
    found = find_organization(name) or (find_organization(acronym.group(1)) if acronym else None)
    if found:
        return found
    return Organization.objects.create(name=name, acronym=acronym.group(1) if acronym else "", type=OrganizationType.OTHER)


def _person(officer) -> Person:
    first, _space, last = officer.name.rpartition(" ")
    country = Country.objects.filter(iso3=officer.iso3).first() if officer.iso3 else None
    person = Person.objects.filter(first_name=first, last_name=last).first()
    return person or Person.objects.create(first_name=first, last_name=last, honorific=officer.honorific, country=country)


def existing_meeting(parsed: ParsedReport, group) -> Meeting | None:
    """The group's recorded meeting that this report is about: the same number, or the same dates
    (a group does not meet twice on the same days). An import never duplicates it silently."""
    if parsed.ordinal:
        found = group.meetings.filter(number=parsed.ordinal).first()
        if found:
            return found
    if parsed.start_date and parsed.end_date:
        return group.meetings.filter(start_date=parsed.start_date, end_date=parsed.end_date).first()
    return None


@transaction.atomic
def create_meeting(parsed: ParsedReport, group, title: str | None = None) -> Meeting:
    if parsed.start_date is None or parsed.end_date is None:
        raise ImportRefused(_("The report's dates were not found; enter the meeting by hand."))
    existing = existing_meeting(parsed, group)
    if existing is not None:
        if parsed.ordinal and existing.number == parsed.ordinal:
            refusal = _("%(group)s already has a meeting number %(number)d; update that meeting from the report instead of creating another.")
        else:
            refusal = _("%(group)s already has a meeting on these dates (%(meeting)s); update that meeting from the report instead of creating another.")
        raise ImportRefused(refusal % {"group": group, "number": parsed.ordinal or 0, "meeting": existing.title})
    ordinal_title = title or (
        f"{_ordinal_word(parsed.ordinal).capitalize()} meeting of the {parsed.group_name or group.name}" if parsed.ordinal
        else f"Meeting of the {parsed.group_name or group.name}, {parsed.start_date:%B %Y}"
    )
    meeting = Meeting(
        group=group, number=parsed.ordinal, title=ordinal_title[:300],
        start_date=parsed.start_date, end_date=parsed.end_date, city=parsed.city or "",
        country=Country.objects.filter(iso3=parsed.country_iso3).first() if parsed.country_iso3 else None,
        reported_participants=parsed.participants,
        reported_governments=parsed.governments if not parsed.countries else None,
        reported_organizations=parsed.organizations if not parsed.organization_names else None,
        agenda_status=AgendaStatus.ADOPTED if parsed.agenda else AgendaStatus.DRAFT,
        agenda_adopted_on=parsed.start_date if parsed.agenda else None,
        slug=str(parsed.ordinal) if parsed.ordinal else parsed.start_date.isoformat(),
    )
    meeting.full_clean()
    meeting.save()

    delegations = {}
    for code in parsed.country_codes:
        if code and code not in delegations:
            delegations[code] = Delegation.objects.create(meeting=meeting, country=Country.objects.get(iso3=code))
    for label in parsed.organization_names:
        organization = _organization(label)
        if not meeting.delegations.filter(organization=organization).exists():
            Delegation.objects.create(meeting=meeting, organization=organization)
    for office, officer in ((Office.CHAIR, parsed.chair), (Office.RAPPORTEUR, parsed.rapporteur)):
        if officer:
            Participant.objects.create(
                meeting=meeting, person=_person(officer), capacity=Capacity.GOVERNMENT if officer.iso3 else Capacity.EXPERT,
                delegation=delegations.get(officer.iso3), office=office, elected_on=parsed.start_date,
            )
    items = {}
    for position, (number, title_text) in enumerate(parsed.agenda):
        items[number] = AgendaItem.objects.create(meeting=meeting, number=number, title=title_text[:400], position=position)
    if parsed.paragraphs:
        report = Report.objects.create(meeting=meeting, status=ReportStatus.DRAFT)
        Paragraph.objects.bulk_create(
            Paragraph(report=report, agenda_item=items.get(p.agenda_item) or items.get((p.agenda_item or "").split(".")[0]),
                      position=p.number * 10, text=p.text)
            for p in parsed.paragraphs
        )
        _annex_plan(report, parsed)
    return meeting


@transaction.atomic
def update_meeting(parsed: ParsedReport, meeting: Meeting) -> list[str]:
    """Complete a recorded meeting from its report: only what the record lacks is filled in (place,
    reported counts, delegations not yet listed, officers, the agenda if none, the report's paragraphs
    if it has no report); nothing recorded is overwritten. Returns what was added, for the message."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    added: list[str] = []
    fields = []
    if not meeting.city and parsed.city:
        meeting.city = parsed.city
        fields.append("city")
    if meeting.country_id is None and parsed.country_iso3:
        meeting.country = Country.objects.filter(iso3=parsed.country_iso3).first()
        fields.append("country")
    for field, value in (("reported_participants", parsed.participants),
                         ("reported_governments", parsed.governments if not parsed.countries else None),
                         ("reported_organizations", parsed.organizations if not parsed.organization_names else None)):
        if getattr(meeting, field) is None and value is not None:
            setattr(meeting, field, value)
            fields.append(field)
    if fields:
        meeting.save_versioned()
        added.extend(str(Meeting._meta.get_field(name).verbose_name) for name in fields)

    delegations = {d.country.iso3: d for d in meeting.delegations.select_related("country") if d.country_id}
    new_delegations = 0
    for code in parsed.country_codes:
        if code and code not in delegations:
            delegations[code] = Delegation.objects.create(meeting=meeting, country=Country.objects.get(iso3=code))
            new_delegations += 1
    for label in parsed.organization_names:
        organization = _organization(label)
        if not meeting.delegations.filter(organization=organization).exists():
            Delegation.objects.create(meeting=meeting, organization=organization)
            new_delegations += 1
    if new_delegations:
        added.append(f"{new_delegations} delegations")
    for office, officer in ((Office.CHAIR, parsed.chair), (Office.RAPPORTEUR, parsed.rapporteur)):
        if officer and not meeting.participants.filter(office=office).exists():
            person = _person(officer)
            participant = meeting.participants.filter(person=person).first()
            if participant is None:
                Participant.objects.create(
                    meeting=meeting, person=person, capacity=Capacity.GOVERNMENT if officer.iso3 else Capacity.EXPERT,
                    delegation=delegations.get(officer.iso3), office=office, elected_on=parsed.start_date,
                )
            else:
                participant.office, participant.elected_on = office, parsed.start_date
                participant.save(update_fields=["office", "elected_on"])
            added.append(office)
    items = {item.number: item for item in meeting.agenda_items.all()}
    if parsed.agenda and not items:
        for position, (number, title_text) in enumerate(parsed.agenda):
            items[number] = AgendaItem.objects.create(meeting=meeting, number=number, title=title_text[:400], position=position)
        added.append("agenda")
    if parsed.paragraphs and not Report.objects.filter(meeting=meeting).exists():
        report = Report.objects.create(meeting=meeting, status=ReportStatus.DRAFT)
        Paragraph.objects.bulk_create(
            Paragraph(report=report, agenda_item=items.get(p.agenda_item) or items.get((p.agenda_item or "").split(".")[0]),
                      position=p.number * 10, text=p.text)
            for p in parsed.paragraphs
        )
        added.append(f"report of {len(parsed.paragraphs)} paragraphs (draft)")
        if _annex_plan(report, parsed):
            added.append("annexed action plan")
    return added


def _annex_plan(report, parsed: ParsedReport):
    """The action plan annexed to the report, as the report's annex and the group's (draft) plan."""
    if not (parsed.action_plan and parsed.action_plan.get("objectives")):
        return None
    meeting = report.meeting
    plan, _created = plan_services.create_from_parsed(meeting.group, parsed.action_plan, meeting=meeting, status=PlanStatus.DRAFT)
    Annex.objects.create(report=report, title=plan.title, action_plan=plan, position=1)
    return plan


def _ordinal_word(n: int) -> str:
    from liaison.meetings.formatting import ordinal_word

    return ordinal_word(n)


def _without_nul(value):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(item) for item in value]
    return value


def parsed_from_dict(data: dict) -> ParsedReport:
    """Rebuild a ParsedReport from ``as_dict()`` (the confirm step of the upload form)."""
    from .parsing import Officer, Paragraph as ParsedParagraph

    data = _without_nul(dict(data))  # a proposal made before parse() dropped them
    for key in ("start_date", "end_date"):
        data[key] = date.fromisoformat(data[key]) if data.get(key) else None
    for key in ("chair", "rapporteur"):
        data[key] = Officer(**data[key]) if data.get(key) else None
    data["agenda"] = [(item["number"], item["title"]) for item in data.get("agenda", [])]
    data["paragraphs"] = [ParsedParagraph(**p) for p in data.get("paragraphs", [])]
    return ParsedReport(**data)

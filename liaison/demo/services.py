"""Load the demo installation built from the seed documents (``liaison demo``).

The data files under ``data/`` transcribe the seeds: what a seed gives only as a count stays a
count, and no person is invented. Loading is one transaction and idempotent: running it again
updates the same records instead of duplicating them.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from liaison.actionplan import services as plan_services
from liaison.actionplan.models import CoordinationMechanism, Element, ElementEvent, ElementEventKind, PlanStatus
from liaison.core.countries import strip_observer
from liaison.core.models import Organization, Person
from liaison.core.services import get_country
from liaison.groups.models import Decision, Group, Membership, Role, Task, TermsOfReference
from liaison.meetings.models import AgendaItem, AgendaStatus, Delegation, Meeting, MeetingDocument, Participant
from liaison.reports import services as report_services
from liaison.reports.models import Annex, Report
from liaison.reports.models import Paragraph as ReportParagraph
from liaison.roster.models import ExpertiseArea, RosterPolicy

DATA_DIR = Path(__file__).with_name("data")
GROUP_FILES = ("lg_biosafety.json", "ias.json", "gpwg.json")
MEETING9_FILE = "lg_biosafety_meeting9.json"


def _read(name):
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


class Registry:
    """Organizations by name, acronym and alias, as the seeds write them."""

    def __init__(self):
        self.by_key = {}

    def load(self, entries):
        for entry in entries:
            org, _ = Organization.objects.update_or_create(
                name=entry["name"], defaults={"acronym": entry.get("acronym", ""), "type": entry["type"]}
            )
            for key in [entry["name"], entry.get("acronym", ""), *entry.get("aliases", [])]:
                if key:
                    self.by_key[key.casefold()] = org

    def organization(self, name):
        try:
            return self.by_key[name.casefold()]
        except KeyError:
            raise LookupError(f"Organization {name!r} is not in organizations.json") from None


def _load_group(data, registry):
    spec = data["group"]
    group, _ = Group.objects.update_or_create(slug=spec["slug"], defaults={k: v for k, v in spec.items() if k != "slug"})
    group.core_members.set([registry.organization(name) for name in data["core_members"]])

    for position, item in enumerate(data["decisions"]):
        Decision.objects.update_or_create(
            group=group, symbol=item["symbol"],
            defaults={"effect": item["effect"], "year": item.get("year"), "summary": item["summary"], "position": position},
        )

    terms = data.get("terms_of_reference")
    if terms:
        tor, _ = TermsOfReference.objects.update_or_create(
            group=group, title=terms["title"],
            defaults={
                "status": terms["status"],
                "introduction": terms["introduction"],
                "procedures": "\n".join(terms["procedures"]),
            },
        )
        tor.tasks.all().delete()
        Task.objects.bulk_create(
            Task(terms=tor, label=task["label"], text=task["text"], position=i) for i, task in enumerate(terms["tasks"])
        )

    for spec in data["meetings"]:
        _load_meeting(group, spec, registry)
    for code, name in data.get("expertise_areas", []):
        ExpertiseArea.objects.update_or_create(group=group, code=code, defaults={"name": name})
    if data.get("roster_policy"):
        RosterPolicy.objects.update_or_create(group=group, defaults=data["roster_policy"])
    return group


def _person(spec, registry):
    person, _ = Person.objects.update_or_create(
        first_name=spec["first_name"], last_name=spec["last_name"],
        defaults={
            "honorific": spec.get("honorific", ""),
            "gender": spec.get("gender", ""),
            "job_title": spec.get("job_title", ""),
            "country": get_country(spec["country"]) if spec.get("country") else None,
            "organization": registry.organization(spec["organization"]) if spec.get("organization") else None,
        },
    )
    return person


def _load_meeting(group, spec, registry):
    fields = {
        key: spec.get(key)
        for key in ("number", "title", "city", "mode", "host", "opened_by", "summary",
                    "reported_participants", "reported_governments", "reported_organizations")
    }
    fields = {k: (v if v is not None or k.startswith("reported") or k == "number" else "") for k, v in fields.items()}
    fields["start_date"] = date.fromisoformat(spec["start_date"])
    fields["end_date"] = date.fromisoformat(spec["end_date"])
    fields["country"] = get_country(spec["country"]) if spec.get("country") else None
    if spec.get("agenda"):
        # A past meeting's report gives the agenda it adopted ("The meeting adopted the following agenda"):
        # adopted at the opening, so it is public like any adopted agenda.
        fields["agenda_status"] = AgendaStatus.ADOPTED
        fields["agenda_adopted_on"] = fields["start_date"]
    slug = spec.get("slug") or str(spec["number"])
    meeting, _ = Meeting.objects.update_or_create(group=group, slug=slug, defaults=fields)

    meeting.participants.all().delete()
    meeting.delegations.all().delete()
    delegations = {}
    for item in spec.get("delegations", []):
        if "country" in item:
            name, observer = strip_observer(item["country"])
            delegation = Delegation.objects.create(
                meeting=meeting, country=get_country(name), is_observer=observer, headcount=item.get("headcount")
            )
        else:
            name, observer = item["organization"], False
            delegation = Delegation.objects.create(
                meeting=meeting, organization=registry.organization(name), headcount=item.get("headcount")
            )
        delegations[name] = delegation

    for item in spec.get("participants", []):
        Participant.objects.create(
            meeting=meeting,
            person=_person(item, registry),
            capacity=item["capacity"],
            delegation=delegations.get(item.get("delegation")),
            office=item.get("office", ""),
            elected_on=date.fromisoformat(item["elected_on"]) if item.get("elected_on") else None,
        )

    # Items are updated in place: a report's paragraphs stand under them.
    agenda = spec.get("agenda", [])
    meeting.agenda_items.exclude(number__in=[number for number, _ in agenda]).delete()
    for i, (number, title) in enumerate(agenda):
        AgendaItem.objects.update_or_create(meeting=meeting, number=number, defaults={"title": title, "position": i})
    meeting.documents.all().delete()
    MeetingDocument.objects.bulk_create(
        MeetingDocument(meeting=meeting, position=i, **doc) for i, doc in enumerate(spec.get("documents", []))
    )
    return meeting


def _load_meeting9(data):
    """The ninth meeting's adopted report (paragraphs 1–19), its annexed action plan and the
    Coordination Mechanism with the mergers the report records. Idempotent: an adopted report
    and an existing plan are left as they are."""
    group = Group.objects.get(slug=data["group"])
    meeting = Meeting.objects.get(group=group, number=data["meeting"])
    if data.get("agenda_adopted") and meeting.agenda_status != AgendaStatus.ADOPTED:
        Meeting.objects.filter(pk=meeting.pk).update(agenda_status=AgendaStatus.ADOPTED)
        meeting.refresh_from_db()
    adopted_on = date.fromisoformat(data["report"]["adopted_on"])
    plan, _ = plan_services.create_from_parsed(
        group, data["action_plan"], meeting=meeting, adopted_on=adopted_on, status=PlanStatus.ADOPTED
    )
    report, _ = Report.objects.get_or_create(meeting=meeting)
    if not report.locked:
        report.paragraphs.all().delete()
        report.annexes.all().delete()
        items = {item.number: item for item in meeting.agenda_items.all()}
        ReportParagraph.objects.bulk_create(
            ReportParagraph(report=report, agenda_item=items.get(p["agenda_item"]) if p["agenda_item"] else None,
                            position=p["number"] * 10, text=p["text"])
            for p in data["report"]["paragraphs"]
        )
        Annex.objects.create(report=report, title=data["report"]["annex_title"], action_plan=plan, position=1)
        report_services.adopt(report, report.version, on=adopted_on)
    _load_mechanism(data["mechanism"], plan)


def _load_mechanism(spec, plan):
    mechanism, _ = CoordinationMechanism.objects.update_or_create(
        slug=spec["slug"],
        defaults={"name": spec["name"], "established_by": spec["established_by"], "description": spec["description"]},
    )
    mechanism.plans.add(plan)
    elements = {}
    for position, item in enumerate(spec["elements"]):
        element, _ = Element.objects.update_or_create(
            mechanism=mechanism, number=item["number"], name=item["name"],
            defaults={"description": item.get("description", ""), "position": position},
        )
        element.groups.add(*Group.objects.filter(slug__in=item.get("groups", [])))
        elements[item["key"]] = element
    for item in spec["elements"]:
        element = elements[item["key"]]
        merger = next((m for m in spec["mergers"] if m["into"] == item["key"]), None)
        if item.get("formed_by_merger") and merger:
            ElementEvent.objects.get_or_create(
                element=element, kind=ElementEventKind.FORMED,
                defaults={"year": merger["year"], "source": merger["source"], "note": merger["note"]},
            )
        else:
            ElementEvent.objects.get_or_create(
                element=element, kind=ElementEventKind.ESTABLISHED,
                defaults={"year": spec["year"], "source": f"{spec['established_by']}; {item['source']}"},
            )
    for merger in spec["mergers"]:
        plan_services.merge_elements(
            [elements[key] for key in merger["from"]], elements[merger["into"]],
            year=merger["year"], source=merger["source"], note=merger["note"],
        )


DEMO_ACCOUNTS = (
    # e-mail, first name, last name, staff?, (group slug, role) or None
    ("secretariat@liaison.example", "Sam", "Secretariat", True, None),
    ("member@liaison.example", "Mina", "Member", False, ("lg-biosafety", Role.MEMBER)),
    ("observer@liaison.example", "Oscar", "Observer", False, ("lg-biosafety", Role.OBSERVER)),
    ("ias.member@liaison.example", "Ines", "Agency", False, ("ias", Role.MEMBER)),
    ("focal.point@liaison.example", "Fatou", "Focal", False, ("lg-biosafety", Role.FOCAL_POINT)),
)


def _load_accounts():
    User = get_user_model()
    for email, first, last, staff, membership in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, settings.DEMO_PASSWORD, first_name=first, last_name=last, is_staff=staff)
        person, _ = Person.objects.update_or_create(
            user=user, defaults={"first_name": first, "last_name": last, "email": email}
        )
        if membership and membership[1] == Role.FOCAL_POINT and person.country is None:
            person.country = get_country("Senegal")  # the demo focal point nominates for Senegal
            person.save(update_fields=["country"])
        if membership:
            Membership.objects.get_or_create(group=Group.objects.get(slug=membership[0]), person=person, role=membership[1])


@transaction.atomic
def load_demo(accounts: bool = True) -> list[Group]:
    registry = Registry()
    registry.load(_read("organizations.json")["organizations"])
    groups = [_load_group(_read(name), registry) for name in GROUP_FILES]
    _load_meeting9(_read(MEETING9_FILE))
    if accounts:
        _load_accounts()
    return groups

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from liaison.groups.models import Group
from liaison.core.extract import ExtractError, text_from_bytes
from liaison.reports import importing
from liaison.reports.parsing import parse


class Command(BaseCommand):
    help = (
        "Read a meeting report (.txt, .docx or .pdf) and propose the meeting record: ordinal, dates, place, "
        "counts, countries, organizations, officers, agenda, paragraphs. Fields the report does not state are "
        "left empty and listed under 'missing'. With --group and without --dry-run, create the meeting."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--group", help="slug of the group the meeting belongs to (needed to import)")
        parser.add_argument("--dry-run", action="store_true", help="only show what was read; write nothing")
        parser.add_argument("--json", action="store_true", help="print what was read as JSON")

    def handle(self, *args, file, group=None, dry_run=False, json=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            parsed = parse(text_from_bytes(path.name, path.read_bytes()))
        except ExtractError as error:
            raise CommandError(f"{path.name}: {error}") from None
        if json:
            import json as json_module

            data = parsed.as_dict()
            data["paragraph_count"] = len(parsed.paragraphs)
            self.stdout.write(json_module.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self._summary(parsed))
        if dry_run:
            return
        if not group:
            raise CommandError("Give --group SLUG to import, or --dry-run to only read.")
        target = Group.objects.filter(slug=group).first()
        if target is None:
            raise CommandError(f"No group with the slug {group!r}.")
        try:
            meeting = importing.create_meeting(parsed, target)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        except (importing.ImportRefused, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stderr.write(self.style.SUCCESS(f"Created {meeting} (id {meeting.pk})."))

    @staticmethod
    def _summary(parsed):
        def show(value):
            return "— (not found)" if value in (None, "", []) else value

        officer = lambda o: f"{o.honorific} {o.name} ({o.country})".strip() if o else None  # noqa: E731
        lines = [
            f"Meeting:        {show(parsed.ordinal)} — {show(parsed.group_name)}",
            f"Dates:          {show(parsed.start_date)} to {show(parsed.end_date)}",
            f"Place:          {show(parsed.city)}, {show(parsed.country)}",
            f"Participants:   {show(parsed.participants)} (governments {show(parsed.governments)}, "
            f"organizations {show(parsed.organizations)}, institutions {show(parsed.institutions)})",
            f"Countries:      {len(parsed.countries)}: {', '.join(parsed.countries)}",
            f"Organizations:  {len(parsed.organization_names)}: {'; '.join(parsed.organization_names)}",
            f"Chair:          {show(officer(parsed.chair))}",
            f"Rapporteur:     {show(officer(parsed.rapporteur))}",
            f"Agenda:         {len(parsed.agenda)} items, {sum(1 for n, _ in parsed.agenda if '.' not in n)} top-level",
            f"Paragraphs:     {len(parsed.paragraphs)}",
            f"Action plan:    {_plan_summary(parsed.action_plan)}",
            f"Not found:      {', '.join(parsed.missing) or 'nothing'}",
        ]
        return "\n".join(lines)


def _plan_summary(plan):
    if not plan:
        return "— (no annexed action plan)"
    objectives = plan.get("objectives", [])
    counts = [sum(len(o[k]) for o in objectives) for k in ("indicators", "results", "activities")]
    return (f"{plan.get('title', '')}: {len(objectives)} operational objectives, {counts[0]} indicators, "
            f"{counts[1]} results, {counts[2]} activities; not stated: {', '.join(plan.get('missing', [])) or 'nothing'}")

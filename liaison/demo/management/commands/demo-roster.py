"""Synthetic experts for trying the planner and the lottery on the demo (the seeds name no experts).
Every record is marked as synthetic in its name and profile; run it only on a demo installation."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from liaison.core.models import Country, Person
from liaison.groups.models import Group
from liaison.roster.models import Expert, ExpertiseArea, Stakeholder, Status

TOPICS = {
    "national-frameworks": "national biosafety framework, regulations, administrative systems",
    "risk-assessment": "risk assessment and risk management of living modified organisms",
    "handling-transport": "handling, transport, packaging, detection and identification of LMOs, customs",
    "liability-redress": "liability and redress, Supplementary Protocol, damage and response measures",
    "public-awareness": "public awareness, education and participation in decision-making",
    "information-sharing": "Biosafety Clearing-House, information sharing, national websites",
    "education-training": "biosafety education and training, curricula, e-learning",
    "coordination": "coordination of capacity-building, donors, needs assessments",
}


class Command(BaseCommand):
    help = (
        "Make sure a demo group's roster holds the approved synthetic experts \"Synthetic Expert 001\" … up to "
        "--count. Idempotent: running it again adds nothing; a larger --count adds only the missing ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--group", default="lg-biosafety")
        parser.add_argument("--count", type=int, default=120)
        parser.add_argument("--seed", type=int, default=2026)

    @transaction.atomic
    def handle(self, *args, group, count, seed, **options):
        target = Group.objects.filter(slug=group).first()
        if target is None:
            raise CommandError(f"No group {group!r}; run `liaison demo` first.")
        areas = list(ExpertiseArea.objects.filter(group=target))
        if not areas:
            raise CommandError("This group has no areas of expertise.")
        countries = list(Country.objects.exclude(regional_group="").order_by("iso3"))
        present = set(
            Expert.objects.filter(group=target, person__first_name="Synthetic", person__last_name__startswith="Expert ")
            .values_list("person__last_name", flat=True)
        )
        today = timezone.localdate()
        added = 0
        for number in range(1, count + 1):
            if f"Expert {number:03d}" in present:
                continue
            rng = random.Random(f"{seed}-{number}")  # each record the same whatever was there before
            country = rng.choice(countries)
            person = Person.objects.create(first_name="Synthetic", last_name=f"Expert {number:03d}", gender=rng.choice(["female", "male"]),
                                           country=country, email=f"synthetic.expert.{number:03d}@example.invalid")
            chosen = rng.sample(areas, rng.randint(1, 3))
            expert = Expert.objects.create(
                group=target, person=person, nationality=country, nominating_country=country,
                stakeholder=rng.choice(Stakeholder.values), languages=rng.choice(["English", "French, English", "Spanish, English"]),
                profile="Synthetic demo record. Works on " + "; ".join(TOPICS.get(a.code, a.name) for a in chosen) + ".",
                highest_degree=rng.choice([2, 3]), years_experience=rng.randint(5, 30), references="Referee A\nReferee B",
                status=Status.APPROVED, approved_on=today, expires_on=today.replace(year=today.year + 4),
            )
            expert.areas.set(chosen)
            added += 1
        total = Expert.objects.filter(group=target, person__first_name="Synthetic").count()
        self.stdout.write(self.style.SUCCESS(
            f"{added} synthetic experts added to the roster of {target}; it holds {total} synthetic experts."
        ))

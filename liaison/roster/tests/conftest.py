"""Fixtures shared by the roster's tests: ten approved experts, one per country, and a meeting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.models import Country, Person
from liaison.meetings.models import Meeting
from liaison.roster.models import Expert, ExpertiseArea, Status

PEOPLE = [  # name, gender, nationality, area
    ("Amina Diallo", "female", "SEN", "risk-assessment"), ("Kofi Mensah", "male", "GHA", "liability-redress"),
    ("Mei Lin", "female", "CHN", "information-sharing"), ("Raj Kumar", "male", "IND", "risk-assessment"),
    ("Ana Lima", "female", "BRA", "public-awareness"), ("Luis Ortega", "male", "PER", "coordination"),
    ("Eva Novak", "female", "CZE", "education-training"), ("Ivan Petrov", "male", "RUS", "handling-transport"),
    ("Kari Nordmann", "female", "NOR", "national-frameworks"), ("Hans Muller", "male", "DEU", "risk-assessment"),
]


@pytest.fixture
def roster(demo):
    group = demo["lg-biosafety"]
    experts = []
    for name, gender, iso3, area in PEOPLE:
        first, last = name.split()
        person = Person.objects.create(first_name=first, last_name=last, gender=gender, email=f"{first.lower()}@example.org", country=Country.objects.get(iso3=iso3))
        expert = Expert.objects.create(group=group, person=person, nationality=person.country, nominating_country=person.country,
                                       stakeholder="government", profile=f"Works on {area.replace('-', ' ')}.", highest_degree=2,
                                       years_experience=8, references="a\nb", status=Status.APPROVED)
        expert.areas.add(ExpertiseArea.objects.get(group=group, code=area))
        experts.append(expert)
    return experts


@pytest.fixture
def meeting(demo):
    start = timezone.localdate() + timedelta(days=60)
    return Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting", start_date=start, end_date=start)

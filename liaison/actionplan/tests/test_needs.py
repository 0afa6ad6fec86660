"""Needs assessments: the builder (a section per objective; yes/no, choice, number, text and
priority questions), sending to the focal points, one response per country (draft, submitted),
the heat map of priority needs per objective and UN regional group, and whether the plan has
activities for each need."""

from datetime import date

import pytest

from liaison.actionplan import needs
from liaison.actionplan.models import AssessmentStatus, NeedsAssessment, NeedsResponse, QuestionKind
from liaison.actionplan.reporting import Refused, RowErrors
from liaison.core.models import Country


@pytest.fixture
def assessment(plan):
    assessment = needs.create_assessment(plan, title="Capacity-building needs 2025", year=2025)
    first, third = assessment.sections.get(objective__number=1), assessment.sections.get(objective__number=3)
    guide = first.objective.activities.first()
    needs.add_question(first, kind=QuestionKind.PRIORITY, text="Priority of a best practice guide", activities=[guide])
    needs.add_question(first, kind=QuestionKind.YES_NO, text="Is a biosafety law in force?", required=True)
    needs.add_question(third, kind=QuestionKind.PRIORITY, text="Priority of detection laboratories")
    needs.add_question(third, kind=QuestionKind.CHOICE, text="Main obstacle", choices=["Funding", "Staff"])
    needs.add_question(third, kind=QuestionKind.NUMBER, text="Laboratories in operation")
    needs.add_question(third, kind=QuestionKind.TEXT, text="Anything else?")
    return assessment


def q(assessment, text):
    return assessment.sections.get(questions__text=text).questions.get(text=text)


def test_builder_makes_a_section_per_objective(assessment):
    assert assessment.sections.count() == 8
    assert assessment.sections.first().title == "1. National Biosafety Frameworks"
    with pytest.raises(Refused):
        needs.add_question(assessment.sections.first(), kind=QuestionKind.CHOICE, text="One option", choices=["Only"])


def test_sending_e_mails_the_focal_points_and_freezes_the_questions(assessment, people, mailoutbox):
    sent = needs.move(assessment, "open")
    assert sent == 2 and sorted(m.to[0] for m in mailoutbox) == ["fp@kenya.example", "fp@senegal.example"]
    with pytest.raises(Refused):
        needs.add_question(assessment.sections.first(), kind=QuestionKind.TEXT, text="Late")
    needs.move(assessment, "close")
    needs.move(assessment, "open")  # reopening sends nothing again
    assert len(mailoutbox) == 2


def test_the_questionnaire_e_mail_names_the_assessment_its_deadline_and_its_page(assessment, people, mailoutbox, settings):
    group = assessment.plan.group
    tag = group.acronym or group.name
    assessment.deadline = date(2027, 3, 1)
    assessment.save()
    needs.move(assessment, "open")
    assert {m.subject for m in mailoutbox} == {f"[{tag}] Needs assessment: Capacity-building needs 2025"}
    assert mailoutbox[0].body == ("Please answer the needs assessment “Capacity-building needs 2025” for your country by 1 March 2027:\n"
                                  f"{settings.SITE_URL}/plans/needs/{assessment.pk}/\n")


def test_without_a_deadline_the_questionnaire_e_mail_gives_none(assessment, people, mailoutbox):
    needs.move(assessment, "open")
    assert mailoutbox[0].body.startswith("Please answer the needs assessment “Capacity-building needs 2025” for your country:\n")


def test_focal_point_answers_once_for_their_country(client_as, assessment, people):
    needs.move(assessment, "open")
    client = client_as(people["senegal"])
    url = f"/plans/needs/{assessment.pk}/responses/SEN/"
    law, guide = q(assessment, "Is a biosafety law in force?"), q(assessment, "Priority of a best practice guide")
    obstacle = q(assessment, "Main obstacle")
    bad = client.post(url, {"version": 1, "action": "save", f"q{obstacle.pk}": "Weather", f"q{guide.pk}": "3"})
    assert bad.status_code == 400 and "not one of the options" in bad.content.decode()
    assert not NeedsResponse.objects.filter(answers__isnull=False).exists()
    incomplete = client.post(url, {"version": 1, "action": "submit", f"q{guide.pk}": "3"})
    assert incomplete.status_code == 400 and "an answer is required" in incomplete.content.decode()
    ok = client.post(url, {"version": 1, "action": "submit", f"q{guide.pk}": "3", f"q{law.pk}": "yes",
                           f"q{obstacle.pk}": "Funding"})
    assert ok.status_code == 302
    response = NeedsResponse.objects.get()
    assert response.status == "submitted" and response.answers.count() == 3
    assert client.post(url, {"version": response.version, "action": "save"}).status_code == 403  # submitted: frozen
    assert client_as(people["kenya"]).get(url).status_code == 404
    assert client_as(people["observer"]).get(url).status_code == 404
    assert client_as(people["secretariat"]).get(url).status_code == 200


def test_heat_map_counts_high_priority_needs_by_region_and_names_the_activities(client_as, assessment, people):
    needs.move(assessment, "open")
    guide, labs = q(assessment, "Priority of a best practice guide"), q(assessment, "Priority of detection laboratories")
    law = q(assessment, "Is a biosafety law in force?")
    for iso3, answers in (("SEN", {guide.pk: 3, labs.pk: 3, law.pk: "no"}), ("KEN", {guide.pk: 3, labs.pk: 1, law.pk: "yes"}),
                          ("FRA", {guide.pk: 2, labs.pk: 3, law.pk: "yes"})):
        response = needs.response_for(assessment, Country.objects.get(iso3=iso3))
        needs.save_answers(response, answers, submit=True)
    draft = needs.response_for(assessment, Country.objects.get(iso3="BRA"))
    needs.save_answers(draft, {guide.pk: 3})  # a draft does not count
    data = needs.heat_map(assessment)
    regions = [code for code, _ in data["regions"]]
    rows = {section.objective.number: [c for c, _ in cells] for section, cells, _ in data["rows"]}
    assert rows[1][regions.index("african")] == 2 and rows[3][regions.index("african")] == 1
    assert rows[3][regions.index("western_european_others")] == 1 and rows[1][regions.index("latin_american_caribbean")] == 0
    needs_rows = {question.text: (n, [a.text for a in activities]) for question, n, activities in data["needs"]}
    assert needs_rows["Priority of a best practice guide"] == (2, ["Development of a best practice guide on:"])
    assert needs_rows["Priority of detection laboratories"] == (2, [])
    # results: public only once closed
    url = f"/plans/needs/{assessment.pk}/results/"
    assert client_as(None).get(url).status_code == 404
    assert "None: the plan has no activity for this need" in client_as(people["secretariat"]).get(url).content.decode()
    needs.move(NeedsAssessment.objects.get(pk=assessment.pk), "close")
    html = client_as(None).get(url).content.decode()
    assert 'id="heat-map"' in html and "African Group" in html
    csv = client_as(None).get(f"/plans/needs/{assessment.pk}/results.csv").content.decode()
    assert "1. National Biosafety Frameworks,2,0,0,0,0,2" in csv


def test_answers_are_checked_by_kind(assessment):
    needs.move(assessment, "open")
    response = needs.response_for(assessment, Country.objects.get(iso3="SEN"))
    labs, number = q(assessment, "Priority of detection laboratories"), q(assessment, "Laboratories in operation")
    with pytest.raises(RowErrors) as raised:
        needs.save_answers(response, {labs.pk: 7, number.pk: "many"})
    assert len(raised.value.errors) == 2
    needs.save_answers(response, {labs.pk: 0, number.pk: "4"})
    assert {a.number for a in response.answers.all()} == {0, 4}


def test_only_the_secretariat_builds(client_as, plan, people, assessment):
    assert client_as(people["senegal"]).post(f"/plans/{plan.pk}/needs/", {"title": "x", "year": 2025}).status_code == 403
    assert client_as(people["senegal"]).get(f"/plans/needs/{assessment.pk}/").status_code == 404  # not sent yet
    staff = client_as(people["secretariat"])
    section = assessment.sections.get(objective__number=2)
    staff.post(f"/plans/needs/{assessment.pk}/sections/{section.pk}/questions/",
               {f"s{section.pk}-kind": "priority", f"s{section.pk}-text": "Priority of risk assessment training"})
    assert section.questions.get().text == "Priority of risk assessment training"
    staff.post(f"/plans/needs/{assessment.pk}/open/", {"version": assessment.version, "confirm": "yes"})
    assert NeedsAssessment.objects.get(pk=assessment.pk).status == AssessmentStatus.OPEN
    page = client_as(people["senegal"]).get(f"/plans/needs/{assessment.pk}/").content.decode()
    assert "Your country" in page and "Senegal" in page

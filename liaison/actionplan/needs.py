"""Needs assessments: a questionnaire with a section per operational objective, sent to the focal
points, answered once per country (draft, then submitted), and aggregated into priority needs per
objective and UN regional group, with, for each need, the plan's activities that answer it."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import mail
from liaison.core.models import RegionalGroup

from .models import (
    HIGH_PRIORITY,
    PRIORITY_SCALE,
    Answer,
    AssessmentStatus,
    NeedsAssessment,
    NeedsResponse,
    Question,
    QuestionKind,
    ResponseStatus,
    Section,
)
from .reporting import Refused, RowErrors, focal_point_emails

MAX_TEXT = 5000
ASSESSMENT_STEPS = {
    "open": ((AssessmentStatus.PREPARING, AssessmentStatus.CLOSED), AssessmentStatus.OPEN),
    "close": ((AssessmentStatus.OPEN,), AssessmentStatus.CLOSED),
}


@transaction.atomic
def create_assessment(plan, *, title, year, deadline=None, introduction="") -> NeedsAssessment:
    """A questionnaire with one section per operational objective of the plan (and none else yet)."""
    assessment = NeedsAssessment(plan=plan, title=title, year=year, deadline=deadline, introduction=introduction)
    assessment.full_clean()
    assessment.save()
    Section.objects.bulk_create(
        Section(assessment=assessment, objective=o, title=f"{o.number}. {o.short_title}", position=o.number * 10)
        for o in plan.objectives.all()
    )
    return assessment


def _building(assessment):
    if assessment.status != AssessmentStatus.PREPARING:
        raise Refused(_("The questionnaire has been sent; its questions can no longer change."))


def add_question(section, *, kind, text, choices=(), required=False, activities=()) -> Question:
    _building(section.assessment)
    text = (text or "").strip()
    if not text:
        raise Refused(_("A question needs its text."))
    if kind not in QuestionKind.values:
        raise Refused(_("Unknown kind of question %(kind)r.") % {"kind": kind})
    choices = [c.strip() for c in choices if c and c.strip()]
    if kind == QuestionKind.CHOICE and len(choices) < 2:
        raise Refused(_("A choice question needs at least two options."))
    if kind != QuestionKind.CHOICE:
        choices = []
    plan_id = section.assessment.plan_id
    activities = list(activities)
    if any(a.objective.plan_id != plan_id for a in activities):
        raise Refused(_("The activities must be the plan's."))
    last = section.questions.aggregate(m=Max("position"))["m"] or 0
    question = Question.objects.create(section=section, kind=kind, text=text, choices=choices, required=required,
                                       position=last + 10)
    question.activities.set(activities)
    return question


def remove_question(question):
    _building(question.section.assessment)
    question.delete()


def move(assessment, step, expected_version=None):
    """Open (sending the questionnaire to the focal points by e-mail) or close an assessment."""
    allowed, to = ASSESSMENT_STEPS[step]
    if assessment.status not in allowed:
        raise Refused(_("The assessment cannot be moved that way. Its status: %(status)s.") % {"status": assessment.get_status_display()})
    if step == "open" and not Question.objects.filter(section__assessment=assessment).exists():
        raise Refused(_("Add at least one question before sending the questionnaire."))
    first_opening = step == "open" and assessment.status == AssessmentStatus.PREPARING
    assessment.status = to
    assessment.save_versioned(expected_version)
    sent = 0
    if first_opening:
        group = assessment.plan.group
        emails = sorted({e for found in focal_point_emails(group).values() for e in found})
        if emails:
            for email in emails:  # one message each: focal points do not see each other's addresses
                mail.send("actionplan/email/needs_assessment", {"group": group, "assessment": assessment}, [email])
                sent += 1
    return sent


def response_for(assessment, country) -> NeedsResponse:
    found = NeedsResponse.objects.filter(assessment=assessment, country=country).first()
    if found:
        return found
    if assessment.status != AssessmentStatus.OPEN:
        raise Refused(_("The assessment is not open for responses."))
    try:
        with transaction.atomic():
            return NeedsResponse.objects.create(assessment=assessment, country=country)
    except IntegrityError:
        return NeedsResponse.objects.get(assessment=assessment, country=country)


YES = {"yes", "1", "true"}
NO = {"no", "0", "false"}


def clean_answer(question, raw) -> tuple[str, Decimal | None] | None:
    """(text, number) for one answer, None when empty; raises ValueError saying what is wrong."""
    raw = "" if raw is None else str(raw).strip()
    if not raw:
        return None
    kind = question.kind
    if kind == QuestionKind.YES_NO:
        if raw.lower() in YES:
            return "", Decimal(1)
        if raw.lower() in NO:
            return "", Decimal(0)
        raise ValueError(_("answer yes or no"))
    if kind == QuestionKind.CHOICE:
        if raw not in question.choices:
            raise ValueError(_("“%(answer)s” is not one of the options") % {"answer": raw})
        return raw, None
    if kind in (QuestionKind.NUMBER, QuestionKind.PRIORITY):
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ValueError(_("“%(answer)s” is not a number") % {"answer": raw}) from None
        if not number.is_finite() or abs(number) >= Decimal("1e14"):
            raise ValueError(_("“%(answer)s” is not a number") % {"answer": raw})
        if kind == QuestionKind.PRIORITY and number not in {Decimal(v) for v, _ in PRIORITY_SCALE}:
            raise ValueError(_("choose a priority on the scale"))
        return "", number.quantize(Decimal("0.01"))
    if len(raw) > MAX_TEXT:
        raise ValueError(_("longer than %(n)d characters") % {"n": MAX_TEXT})
    return raw, None


@transaction.atomic
def save_answers(response, answers: dict, *, user=None, submit=False, expected_version=None) -> NeedsResponse:
    """Save {question id: raw answer}; every answer is checked first and nothing is saved if one is wrong."""
    response = NeedsResponse.objects.select_for_update().select_related("assessment").get(pk=response.pk)
    if response.assessment.status != AssessmentStatus.OPEN:
        raise Refused(_("The assessment is not open for responses."))
    if response.status != ResponseStatus.DRAFT:
        raise Refused(_("The response was submitted; it can no longer change."))
    questions = {q.pk: q for q in Question.objects.filter(section__assessment=response.assessment).select_related("section")}
    errors, cleaned = [], {}
    for key, raw in answers.items():
        question = questions.get(int(key))
        if question is None:
            errors.append((_("question %(id)s") % {"id": key}, _("not part of this assessment")))
            continue
        try:
            cleaned[question.pk] = clean_answer(question, raw)
        except ValueError as error:
            errors.append((question.text[:60], str(error)))
    if submit:
        missing = [q for q in questions.values() if q.required and cleaned.get(q.pk) is None
                   and not (q.pk not in answers and response.answers.filter(question=q).exists())]
        errors += [(q.text[:60], "an answer is required") for q in missing]
    if errors:
        raise RowErrors(errors)
    existing = {a.question_id: a for a in response.answers.all()}
    for question_id, value in cleaned.items():
        answer = existing.get(question_id)
        if value is None:
            if answer:
                answer.delete()
            continue
        answer = answer or Answer(response=response, question_id=question_id)
        answer.text, answer.number = value
        answer.save()
    if submit:
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by = user
    response.save_versioned(expected_version)
    return response


# --- the aggregation -----------------------------------------------------------------------------------
def heat_map(assessment):
    """Priority needs per objective x UN regional group among submitted responses (3 queries):
    {"regions": [(code, label)], "rows": [(section, [count per region], total)], "responses": {region: n},
     "needs": [(question, high-priority count, [activities])]}"""
    regions = [(code, str(label)) for code, label in RegionalGroup.choices]
    sections = list(assessment.sections.select_related("objective"))
    high = (
        Answer.objects.filter(response__assessment=assessment, response__status=ResponseStatus.SUBMITTED,
                              question__kind=QuestionKind.PRIORITY, number__gte=HIGH_PRIORITY)
        .values("question__section_id", "response__country__regional_group")
        .annotate(countries=Count("response__country", distinct=True))
    )
    counts = {(r["question__section_id"], r["response__country__regional_group"]): r["countries"] for r in high}
    per_question = dict(
        Answer.objects.filter(response__assessment=assessment, response__status=ResponseStatus.SUBMITTED,
                              question__kind=QuestionKind.PRIORITY, number__gte=HIGH_PRIORITY)
        .values_list("question_id").annotate(n=Count("response", distinct=True))
    )
    responses = dict(
        assessment.responses.filter(status=ResponseStatus.SUBMITTED)
        .values_list("country__regional_group").annotate(n=Count("id"))
    )
    rows = []
    for section in sections:
        cells = [counts.get((section.pk, code), 0) for code, _ in regions]
        rows.append((section, cells, sum(cells)))
    top = max((c for _, cells, _ in rows for c in cells), default=0) or 1
    rows = [(section, [(c, min(4, round(4 * c / top)) if c else 0) for c in cells], total) for section, cells, total in rows]
    questions = list(
        Question.objects.filter(section__assessment=assessment, kind=QuestionKind.PRIORITY)
        .select_related("section").prefetch_related("activities")
    )
    needs = [(q, per_question.get(q.pk, 0), list(q.activities.all())) for q in questions]
    return {"regions": regions, "rows": rows, "responses": [responses.get(code, 0) for code, _ in regions],
            "needs": needs}

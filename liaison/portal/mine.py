""""My Liaison": what is a signed-in person's to do, read across the apps in a fixed number of queries
(one per kind of item, however many meetings, nominations, cycles or consultations there are).

Every list applies the same rules as the page it links to: invitations and actions are the person's
own; nominations are the person's own record and those they may follow as a current focal point of
the nominating government (roster/access.py), plus, for the secretariat, those they entered; reports are due from the Parties the person is a current focal point
of, in open cycles whose plan asks them (actionplan, read only); consultations and documents come
only from groups where the person is a current member (not an observer)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from liaison.actionplan.models import (
    AssessmentStatus,
    CycleStatus,
    NeedsAssessment,
    NeedsResponse,
    ReportingCycle,
    ResponseStatus,
    Submission,
    SubmissionStatus,
)
from liaison.core.models import Person
from liaison.groups.models import MEMBER_ROLES, Membership, Role
from liaison.meetings.invitations import path as invitation_path
from liaison.meetings.models import Invitation, InvitationStatus, MeetingDocument
from liaison.reports.models import Report, ReportStatus
from liaison.roster.models import Expert, ReviewEvent
from liaison.workspace.models import Action, ActionStatus, Poll, Vote

@dataclass
class ReportDue:
    cycle: ReportingCycle
    country: object
    submission: Submission | None

    @property
    def state(self) -> str:
        from django.utils.translation import gettext

        return self.submission.get_status_display() if self.submission else gettext("Not started")

    @property
    def reporter(self) -> str:
        return self.country.iso3


@dataclass
class ToDo:
    person: Person | None
    memberships: list = field(default_factory=list)
    invitations: list = field(default_factory=list)
    nominations: list = field(default_factory=list)
    reports: list[ReportDue] = field(default_factory=list)
    questionnaires: list = field(default_factory=list)  # (needs assessment, country, response or None)
    actions: list = field(default_factory=list)
    consultations: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    reports_to_review: list = field(default_factory=list)

    @property
    def reports_due(self) -> int:
        return len(self.reports) + len(self.questionnaires)

    @property
    def to_review(self) -> int:
        return len(self.documents) + len(self.reports_to_review)

    @property
    def empty(self) -> bool:
        return not any((self.invitations, self.nominations, self.reports, self.questionnaires, self.actions, self.consultations, self.documents,
                        self.reports_to_review))


def todo(user, now: datetime | None = None) -> ToDo:
    now = now or timezone.now()
    today = timezone.localdate(now)
    person = Person.objects.filter(user=user).select_related("country").first()
    if person is None:
        return ToDo(None)
    memberships = list(Membership.objects.current(today).filter(person=person).select_related("group").order_by("group__name", "role"))
    member_groups = {m.group_id for m in memberships if m.role in MEMBER_ROLES}
    focal = {(m.group_id, person.country_id) for m in memberships if m.role == Role.FOCAL_POINT and person.country_id}
    result = ToDo(person, memberships)

    invitations = list(
        Invitation.objects.filter(person=person, status=InvitationStatus.INVITED, expires_at__gt=now)
        .select_related("meeting__group").order_by("meeting__start_date")
    )
    result.invitations = [(invitation, invitation_path(invitation)) for invitation in invitations]  # relative: the page works at any address

    followed = Q(person=person)  # the expert's own record; the focal points' nominations (roster/access.py)
    if getattr(user, "is_secretariat", False):
        followed |= Q(nominated_by=user)
    for group_id, country_id in focal:
        followed |= Q(group_id=group_id, nominating_country_id=country_id)
    decisions = ReviewEvent.objects.filter(action__in=("changes", "reject")).order_by("-at")
    result.nominations = list(
        Expert.objects.filter(followed)
        .select_related("person", "group", "nominating_country")
        .prefetch_related(Prefetch("events", queryset=decisions, to_attr="decisions"))
        .order_by("group__name", "person__last_name", "pk")
    )

    if focal:
        cycles = list(
            ReportingCycle.objects.filter(status=CycleStatus.OPEN, plan__group_id__in={g for g, _ in focal})
            .select_related("plan__group").prefetch_related("plan__parties").order_by("deadline")
        )
        countries = {c for _, c in focal}
        submissions = {
            (s.cycle_id, s.country_id): s
            for s in Submission.objects.filter(cycle__in=[c.pk for c in cycles], country_id__in=countries).select_related("country")
        }
        country_by_id = {person.country_id: person.country} if person.country_id else {}
        for cycle in cycles:
            parties = {p.pk for p in cycle.plan.parties.all()}
            for group_id, country_id in sorted(focal):
                if group_id != cycle.plan.group_id or (parties and country_id not in parties):
                    continue
                submission = submissions.get((cycle.pk, country_id))
                if submission is None or submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
                    result.reports.append(ReportDue(cycle, country_by_id[country_id], submission))

        # Needs assessments sent to the focal points: each country answers once.
        assessments = list(
            NeedsAssessment.objects.filter(status=AssessmentStatus.OPEN, plan__group_id__in={g for g, _ in focal})
            .select_related("plan__group").order_by("deadline", "pk")
        )
        responses = {
            (r.assessment_id, r.country_id): r
            for r in NeedsResponse.objects.filter(assessment__in=[a.pk for a in assessments], country_id__in=countries)
        }
        for assessment in assessments:
            for group_id, country_id in sorted(focal):
                response = responses.get((assessment.pk, country_id))
                if group_id == assessment.plan.group_id and (response is None or response.status == ResponseStatus.DRAFT):
                    result.questionnaires.append((assessment, country_by_id[country_id], response))

    result.actions = list(
        Action.objects.filter(owner=person, group_id__in=member_groups, status=ActionStatus.OPEN)
        .select_related("group", "meeting").order_by("due", "pk")
    )

    result.consultations = list(
        Poll.objects.filter(group_id__in=member_groups, deadline__gt=now).select_related("group")
        .annotate(answered=Exists(Vote.objects.filter(poll=OuterRef("pk"), user=user))).order_by("deadline")
    )

    result.documents = list(
        MeetingDocument.objects.filter(
            meeting__group_id__in=member_groups, meeting__end_date__gte=today, distribution__in=("public", "members"),
        ).exclude(file="").select_related("meeting__group")
        .annotate(my_comments=Count("review_comments", filter=Q(review_comments__author=user)))
        .order_by("meeting__start_date", "symbol", "pk")
    )

    # Draft reports sent for review to the participants of a meeting the person attended
    # (reports/access.py's reviewers), while comments are still taken.
    result.reports_to_review = list(
        Report.objects.filter(status=ReportStatus.REVIEW, meeting__participants__person=person, meeting__participants__attended=True)
        .filter(Q(review_deadline__isnull=True) | Q(review_deadline__gte=today)).select_related("meeting__group")
        .annotate(my_comments=Count("comments", filter=Q(comments__author=person), distinct=True)).order_by("review_deadline", "pk").distinct()
    )
    return result

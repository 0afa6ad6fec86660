"""The choice enums of every app, in every template rendered with a request, so templates compare a
stored value with its enum member, never with a string literal:
``{% if meeting.agenda_status == AgendaStatus.ADOPTED %}``.

Each enum is exposed under its class name, except where two apps name theirs alike (``Mode``,
``CommentStatus``) or the bare name says nothing (roster's ``Status``, accounts' ``APIToken.Scope``):
those carry their app's word. Django's Choices classes are not called by templates
(``do_not_call_in_templates``), so ``AgendaStatus.ADOPTED`` resolves to the member.

Templates rendered without a request (e-mails, the invitation letter) get no context processor:
their callers pass the enums they use (see ``liaison.meetings.invitations``). The guard test
``portal/tests/test_template_enums.py`` refuses a comparison with a literal."""

from liaison.accounts.models import APIToken
from liaison.actionplan.models import (
    AssessmentStatus, Aggregation, CycleStatus, ElementEventKind, IndicatorKind, PlanStatus, QuestionKind,
    ResponseStatus, SubmissionStatus,
)
from liaison.assistance.models import (
    AssistanceType, FlagKind, FlagStatus, InitiativeStatus, Level, ProposalStatus, RequestStatus,
)
from liaison.core.models import Gender, JobStatus, OrganizationType, OutboxStatus, RegionalGroup
from liaison.groups.models import DecisionEffect, Distribution, GroupKind, Role, TermsStatus
from liaison.meetings.models import (
    AgendaStatus, BallotMethod, Capacity, ElectionState, InvitationStatus, Language, Majority, Office,
)
from liaison.meetings.models import Mode as MeetingMode
from liaison.reports.models import CommentStatus as ReportCommentStatus
from liaison.reports.models import ReportStatus
from liaison.roster.models import Decision, Degree, ReviewAction, Stakeholder
from liaison.roster.models import Status as ExpertStatus
from liaison.workspace.models import ActionStatus, PollKind
from liaison.workspace.models import CommentStatus as WorkspaceCommentStatus
from liaison.workspace.models import Mode as WorkspaceMode

ENUMS = {
    # core, accounts, groups
    "RegionalGroup": RegionalGroup, "OrganizationType": OrganizationType, "Gender": Gender,
    "OutboxStatus": OutboxStatus, "JobStatus": JobStatus, "APITokenScope": APIToken.Scope,
    "GroupKind": GroupKind, "DecisionEffect": DecisionEffect, "Distribution": Distribution,
    "TermsStatus": TermsStatus, "Role": Role,
    # meetings
    "MeetingMode": MeetingMode, "AgendaStatus": AgendaStatus, "Capacity": Capacity, "Office": Office,
    "Language": Language, "InvitationStatus": InvitationStatus, "ElectionState": ElectionState,
    "BallotMethod": BallotMethod, "Majority": Majority,
    # action plan
    "PlanStatus": PlanStatus, "IndicatorKind": IndicatorKind, "Aggregation": Aggregation,
    "ElementEventKind": ElementEventKind, "CycleStatus": CycleStatus, "SubmissionStatus": SubmissionStatus,
    "AssessmentStatus": AssessmentStatus, "QuestionKind": QuestionKind, "ResponseStatus": ResponseStatus,
    # workspace, reports, roster, assistance
    "PollKind": PollKind, "WorkspaceCommentStatus": WorkspaceCommentStatus, "ActionStatus": ActionStatus,
    "WorkspaceMode": WorkspaceMode, "ReportStatus": ReportStatus, "ReportCommentStatus": ReportCommentStatus,
    "Stakeholder": Stakeholder, "ExpertStatus": ExpertStatus, "Decision": Decision, "ReviewAction": ReviewAction,
    "Degree": Degree,
    "AssistanceType": AssistanceType, "Level": Level, "RequestStatus": RequestStatus,
    "ProposalStatus": ProposalStatus, "InitiativeStatus": InitiativeStatus, "FlagKind": FlagKind,
    "FlagStatus": FlagStatus,
}


def enums(request):
    return ENUMS

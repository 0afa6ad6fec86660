"""A one-word status is translated per kind of record: "Draft", "Adopted", "Closed", "Accepted"... name the
state of a plan, an agenda, a report, a nomination, an election, each of its own grammatical gender in
French, Russian, Spanish or Arabic. So when two records' status choices share an English word, each
comes with a context (pgettext) naming its record, and the catalogues hold one entry per record."""

from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.translation import trans_real

CARRIER = "ru"


class ContextShown(trans_real.DjangoTranslation):
    """Every message comes back as "context|message" ("|message" without a context)."""

    def gettext(self, message):
        context, _, text = message.rpartition(trans_real.CONTEXT_SEPARATOR)
        return f"{context}|{text}"


@contextmanager
def contexts_shown():
    previous = trans_real._translations.get(CARRIER)
    trans_real._translations[CARRIER] = ContextShown(CARRIER)
    try:
        with translation.override(CARRIER):
            yield
    finally:
        if previous is None:
            trans_real._translations.pop(CARRIER, None)
        else:
            trans_real._translations[CARRIER] = previous


def status_enums():
    """Every app's choices naming a record's status or state (loaded with the models)."""
    apps.get_models()
    found, todo = [], list(models.Choices.__subclasses__())
    while todo:
        enum = todo.pop()
        todo += enum.__subclasses__()
        if enum.__module__.startswith("liaison.") and enum.__name__.endswith(("Status", "State")):
            found.append(enum)
    return found


def shared_without_context():
    """One-word labels that two status enums share under the same context (or none)."""
    uses = defaultdict(set)
    with contexts_shown():
        for enum in status_enums():
            for member in enum:
                context, _, word = str(member.label).partition("|")
                if " " not in word:
                    uses[(word, context)].add(f"{enum.__module__}.{enum.__name__}")
    return {key: sorted(owners) for key, owners in uses.items() if len(owners) > 1}


def test_status_words_shared_by_two_kinds_of_record_have_a_context_each():
    enums = {enum.__name__ for enum in status_enums()}
    assert {"ReportStatus", "PlanStatus", "AgendaStatus", "TermsStatus", "ElectionState", "ProposalStatus"} <= enums
    assert shared_without_context() == {}


def test_the_check_sees_the_context():
    from liaison.actionplan.models import PlanStatus
    from liaison.reports.models import ReportStatus

    with contexts_shown():
        assert str(ReportStatus.DRAFT.label) == "meeting report status|Draft"
        assert str(PlanStatus.DRAFT.label) == "action plan status|Draft"
    assert str(ReportStatus.DRAFT.label) == str(PlanStatus.DRAFT.label) == "Draft"  # English is unchanged

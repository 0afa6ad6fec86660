"""Templates compare stored values with the apps' choice enums, never with string literals: the
enums' context processor exposes every enum, each under one name; the member a template names
exists; no template compares a status, kind, role... with a literal; and the templates rendered
without a request (the invitation e-mail and letter) are given the enum they use."""

import inspect
import re
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.template import engines
from django.test import RequestFactory

import liaison
from liaison.meetings.models import AgendaStatus, Mode
from liaison.portal.context_processors import ENUMS, enums
from liaison.reports.models import CommentStatus as ReportCommentStatus
from liaison.workspace.models import CommentStatus as WorkspaceCommentStatus
from liaison.workspace.models import Mode as WorkspaceMode

ROOT = Path(liaison.__file__).parent
TEMPLATES = sorted(p for pattern in ("templates/**/*", "*/templates/**/*") for p in ROOT.glob(pattern) if p.suffix in (".html", ".txt"))
FIELDS = (r"status|state|visibility|office|role|kind|mode|method|agenda_status|decision|action|distribution"
          r"|gender|capacity|language|scope|stakeholder|aggregation|level|effect")
LITERAL = r"""(?:"[^"]*"|'[^']*')"""
# A record's field: `x.status == "open"`, `row.kind != 'silence'`, `"failed" == job.status`. A bare
# variable (`kind == "plan"` naming a kind of record in a URL, `step == "open"`) is no stored choice.
STORED = rf"\b\w+(?:\.\w+)*\.(?:\w*_)?(?:{FIELDS})\b"
COMPARED_TO_LITERAL = re.compile(rf"{STORED}\s*(?:==|!=)\s*{LITERAL}|{LITERAL}\s*(?:==|!=)\s*{STORED}")
ENUM_MEMBER = re.compile(r"\b([A-Z][A-Za-z]+)\.([A-Z][A-Z0-9_]*)\b")


def _choices_classes():
    """Every Choices enum declared in a liaison app's models, nested ones (APIToken.Scope) included."""
    found = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("liaison."):
            continue
        try:
            module = import_module(f"{config.name}.models")
        except ModuleNotFoundError:
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            candidates = [value] + [v for _, v in inspect.getmembers(value, inspect.isclass)] if issubclass(value, models.Model) else [value]
            found.update(c for c in candidates if issubclass(c, models.Choices) and c.__module__.startswith("liaison."))
    return found


def test_templates_exist_to_check():
    assert len(TEMPLATES) > 100
    assert {"invitation_body.txt", "base.html", "poll.html"} <= {p.name for p in TEMPLATES}


def test_the_guard_catches_literal_comparisons():
    for bad in ('{% if meeting.agenda_status == "adopted" %}', "{% if poll.kind != 'silence' %}",
                '{% if "failed" == job.status %}', '{% if m.role!="observer" %}', '{% elif election.state == "closed" %}'):
        assert COMPARED_TO_LITERAL.search(bad), bad
    for good in ("{% if meeting.agenda_status == AgendaStatus.ADOPTED %}", '{% if step == "open" %}', '{% if row.value == "yes" %}',
                 '{% if kind == "plan" %}'):
        assert not COMPARED_TO_LITERAL.search(good), good


def test_no_template_compares_a_stored_choice_with_a_literal():
    offending = [f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
                 for path in TEMPLATES
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 for match in COMPARED_TO_LITERAL.finditer(line)]
    assert not offending, "compare with the enum (e.g. AgendaStatus.ADOPTED), not a literal:\n" + "\n".join(offending)


def test_every_enum_member_a_template_names_exists():
    named = 0
    for path in TEMPLATES:
        for enum_name, member in ENUM_MEMBER.findall(path.read_text()):
            if enum_name in ENUMS:
                named += 1
                assert member in ENUMS[enum_name].__members__, f"{path.relative_to(ROOT)}: {enum_name}.{member}"
    assert named > 60


def test_the_context_processor_exposes_every_enum_once():
    assert set(ENUMS.values()) == _choices_classes()
    assert len(set(ENUMS.values())) == len(ENUMS)
    assert enums(RequestFactory().get("/")) is ENUMS
    # the two pairs of like-named enums are told apart
    assert ENUMS["MeetingMode"] is Mode and ENUMS["WorkspaceMode"] is WorkspaceMode
    assert ENUMS["ReportCommentStatus"] is ReportCommentStatus and ENUMS["WorkspaceCommentStatus"] is WorkspaceCommentStatus
    assert "Mode" not in ENUMS and "CommentStatus" not in ENUMS


@pytest.mark.parametrize("stored, shown", [("adopted", "adopted"), ("draft", "draft"), ("provisional", "other")])
def test_templates_compare_with_an_enum_member(stored, shown):
    template = engines["django"].from_string(
        "{% if status == AgendaStatus.ADOPTED %}adopted{% elif status != AgendaStatus.DRAFT %}other{% else %}draft{% endif %}"
        "|{{ AgendaStatus.ADOPTED }}|{{ AgendaStatus.ADOPTED.label }}"
    )
    assert template.render({"status": stored}, RequestFactory().get("/")) == f"{shown}|adopted|Adopted"


def test_a_template_rendered_without_request_has_no_enums():
    # which is why the e-mails and letters rendered without a request are given theirs
    template = engines["django"].from_string("{% if mode == MeetingMode.ONLINE %}online{% else %}elsewhere{% endif %}")
    assert template.render({"mode": "online"}) == "elsewhere"
    assert template.render({"mode": "online", "MeetingMode": Mode}) == "online"


def test_setting_registers_the_context_processor(settings):
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    assert "liaison.portal.context_processors.enums" in processors

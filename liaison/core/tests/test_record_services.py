"""Every state change of the secretariat's pages and of the API goes through a service: a versioned
record saved from its form, a row added to or removed from a part, a record created or updated with
its model's rules, and the domain services built on them (groups, meetings, reports, accounts)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from liaison.accounts import services as account_services
from liaison.accounts.models import APIToken
from liaison.core import services
from liaison.core.concurrency import VersionConflict
from liaison.core.forms import PersonForm
from liaison.core.models import Person
from liaison.groups import services as group_services
from liaison.groups.forms import DecisionForm, GroupForm, TermsForm
from liaison.groups.models import Decision, Group
from liaison.meetings import services as meeting_services
from liaison.meetings.forms import MeetingForm
from liaison.reports import services as report_services
from liaison.reports.forms import ReportForm
from liaison.reports.models import ReportStatus

pytestmark = pytest.mark.django_db


def person_form(person, **changes):
    data = {"first_name": person.first_name, "last_name": person.last_name, "version": person.version, **changes}
    form = PersonForm(data, instance=person)
    assert form.is_valid(), form.errors
    return form


def test_save_record_saves_and_refuses_a_stale_edit_keeping_the_input():
    person = Person.objects.create(first_name="Ana", last_name="Lima")
    stale = person_form(Person.objects.get(pk=person.pk), last_name="Lima-Stale")
    assert services.save_record(person_form(Person.objects.get(pk=person.pk), last_name="Lima-Silva")).last_name == "Lima-Silva"
    assert services.save_record(stale) is None
    assert "Someone else saved this record" in stale.non_field_errors()[0] and stale["last_name"].value() == "Lima-Stale"
    assert Person.objects.get(pk=person.pk).last_name == "Lima-Silva"


def test_rows_are_added_and_removed_through_services(demo):
    group = demo["lg-biosafety"]
    form = DecisionForm({"symbol": "CP-99/1", "effect": "mandate", "position": 9}, parent=group)
    assert form.is_valid(), form.errors
    decision = services.add_row(form)
    assert decision.group == group and Decision.objects.filter(group=group, symbol="CP-99/1").exists()
    twin = Decision(group=group, symbol="CP-99/1", effect="mandate")
    again = DecisionForm({"symbol": "CP-99/2", "effect": "mandate", "position": 9}, parent=group)
    assert again.is_valid()
    again.instance = twin  # a row saved meanwhile with the same symbol
    with pytest.raises(IntegrityError):
        services.add_row(again)
    services.remove_row(decision)
    assert not Decision.objects.filter(symbol="CP-99/1").exists()


def test_create_record_checks_the_model_rules_and_update_record_the_version(demo):
    with pytest.raises(ValidationError):
        services.create_record(Group(name="", slug="no name", kind="liaison"))
    assert not Group.objects.filter(slug="no name").exists()
    group = services.create_record(Group(name="Test Group", slug="test-group", kind="liaison"))
    assert Group.objects.get(slug="test-group").name == "Test Group"
    services.update_record(group, {"acronym": "TG"}, group.version)
    with pytest.raises(VersionConflict):
        services.update_record(Group.objects.get(pk=group.pk), {"acronym": "OLD"}, group.version - 1)
    assert Group.objects.get(pk=group.pk).acronym == "TG"


def test_groups_services_save_the_group_and_its_terms(demo):
    group = demo["lg-biosafety"]
    form = GroupForm({"name": group.name, "slug": group.slug, "kind": group.kind, "acronym": "LG-BS", "version": group.version}, instance=group)
    assert form.is_valid(), form.errors
    assert group_services.save_group(form).acronym == "LG-BS"
    new_group = services.create_record(Group(name="Another", slug="another", kind="working"))
    terms = TermsForm({"title": "Terms of reference", "status": "draft"})
    assert terms.is_valid(), terms.errors
    saved = group_services.save_terms(terms, new_group)
    assert saved.group == new_group and new_group.terms_of_reference.get().title == "Terms of reference"


def test_meetings_service_saves_a_meeting_unless_stale(demo):
    meeting = demo["lg-biosafety"].meetings.get(number=9)
    data = {f: getattr(meeting, f) for f in MeetingForm.Meta.fields if not f.endswith(("country", "documents")) and getattr(meeting, f, None) is not None}
    form = MeetingForm({**data, "country": meeting.country_id, "title": "Ninth meeting (renamed)", "version": meeting.version}, instance=meeting)
    if not form.is_valid():
        pytest.fail(form.errors.as_text())
    other = type(meeting).objects.get(pk=meeting.pk)
    other.save_versioned(expected_version=other.version)  # someone else saved meanwhile
    assert meeting_services.save_meeting(form) is None
    assert type(meeting).objects.get(pk=meeting.pk).title != "Ninth meeting (renamed)"
    fresh = type(meeting).objects.get(pk=meeting.pk)
    form = MeetingForm({**data, "country": meeting.country_id, "title": "Ninth meeting (renamed)", "version": fresh.version}, instance=fresh)
    assert form.is_valid() and meeting_services.save_meeting(form).title == "Ninth meeting (renamed)"


def test_reports_service_refuses_the_symbol_of_an_adopted_report(demo):
    meeting = demo["lg-biosafety"].meetings.get(number=9)
    report = report_services.report_for(meeting)
    report.status = ReportStatus.ADOPTED
    form = ReportForm({"symbol": "X/1", "version": report.version}, instance=report)
    assert form.is_valid()
    with pytest.raises(report_services.ReportLocked):
        report_services.save_symbol(report, form)


def test_tokens_are_issued_and_revoked_through_services(make_user):
    user = make_user("tokens@example.org")
    token, key = account_services.issue_token(user, "sync", "read", 30)
    assert APIToken.find(key) == token
    account_services.revoke_token(token)
    assert APIToken.find(key) is None and not APIToken.objects.filter(pk=token.pk).exists()


def test_views_write_through_services():
    """No page (views, secretariat pages, every app's views package) and no API module holds a save,
    delete or update of its own."""
    import re
    from pathlib import Path

    import liaison

    root = Path(liaison.__file__).parent
    checked = sorted({*root.glob("*/*views*.py"), *root.glob("*/views/*.py"), *root.glob("*/api.py")})
    assert len(checked) >= 30 and root / "workspace" / "followup_views.py" in checked
    # a queryset's update follows a call (".filter(...).update("); a dict's (context.update) does not
    pattern = re.compile(r"\.(save(?!\(commit=False)|save_versioned|save_or_conflict|delete|bulk_create)\(|\)\.update\(|objects\.(create|update)\(")
    offences = [f"{path.relative_to(root)}:{n}" for path in checked
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if pattern.search(line) and not line.lstrip().startswith("#")]
    assert offences == []

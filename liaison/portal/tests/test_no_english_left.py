"""No English left outside the user's data, on every public page and the main signed-in pages
(issue 14: "compare with a pseudo-locale").

Each page is rendered under the pseudo-locale of core/tests/pseudo.py, where every message that goes
through gettext comes back wrapped in ⟦…⟧: any Latin-letter text left on the page that is neither
wrapped nor stored in the database (the user's data) is English that no translator will ever see.
Each page is also rendered once in each of the six languages, to show that none breaks (its
<html lang>, and right to left in Arabic); what the catalogues say is checked apart.

``test_every_page_is_covered`` walks the project's routes: a new page fails it until it is rendered
here (``pages``) or said not to be a page (NOT_PAGES, with the reason). The answers of the planner and
the lottery, and the pages reached only after a step a GET cannot take, are rendered in
test_no_english_left_results.py."""

import re
import uuid
from datetime import date, timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from django.utils.html import escape

from liaison.actionplan.tests.conftest import cycle, indicators, plan  # noqa: F401 (fixtures)
from liaison.assistance.tests import test_authorization_matrix as assistance_matrix
from liaison.assistance.tests.conftest import full, mechanisms, people, world  # noqa: F401 (fixtures)
from liaison.core.tests.pseudo import database_strings, english_left, pseudo_locale
from liaison.roster.tests.conftest import meeting, roster  # noqa: F401 (fixtures)
from liaison.workspace.tests import test_authorization_matrix as workspace_matrix
from liaison.workspace.tests.conftest import workspace  # noqa: F401 (fixture)

LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh-hans"]
ROLES = ["anonymous", "member", "chair", "focal_point", "secretariat", "requester", "partner"]

# Routes that are not pages a person reads in a language: files, POST-only actions, the API.
NOT_PAGES = {
    # files: their language is the document's or the recipient's (reports exports, letters, calendars)
    **dict.fromkeys([
        "portal:meetings_csv", "group_ics", "meeting_ics", "meeting_agenda_docx", "invitation_letter", "meeting_document",
        "meeting_report_docx", "meeting_report_pdf", "roster_upload_template", "privacy:my_data", "job_file",
        "manage:audit_trail_csv", "manage:invitation_letter", "manage:report_comments_xlsx",
        "actionplan:dashboard_csv", "actionplan:dashboard_xlsx", "actionplan:report_sheet", "actionplan:needs_results_csv",
        "assistance:consolidated_pdf", "assistance:consolidated_xlsx", "assistance:initiatives_xml", "assistance:initiative_xml",
        "assistance:trends_csv", "assistance:trends_xlsx", "workspace:attachment", "workspace:review_export",
        "workspace:teleconference_ics",
    ], "a file"),
    # actions answered by a redirect (their messages are checked where they are written)
    **dict.fromkeys([
        "accounts:logout", "accounts:token_create", "accounts:token_revoke", "accounts:language", "roster_submit",
        "manage:person_anonymise", "manage:group_part_delete", "manage:terms_part_delete", "manage:meeting_part_delete",
        "manage:send_reminders", "manage:agenda_reorder", "manage:agenda_item_move", "manage:agenda_item_delete",
        "manage:agenda_action", "manage:report_draft", "manage:paragraph_add", "manage:paragraph_action", "manage:annex_add",
        "manage:report_transition", "manage:report_comment_answer", "outbox_retry_failed", "outbox_retry",
        "actionplan:item_remove", "actionplan:item_add", "actionplan:objective_add", "actionplan:revise",
        "actionplan:cycle_step", "actionplan:report_upload", "actionplan:report_review", "actionplan:needs_question",
        "actionplan:needs_step", "assistance:request_move", "assistance:request_propose", "assistance:duplicate_decide",
        "workspace:moderate", "assistance:consolidated_brief", "workspace:post_edit", "manage:paragraph_edit",
    ], "a POST-only action"),
    # pages reached only after a step that a GET cannot take: rendered in test_no_english_left_results.py
    "accounts:two_factor_verify": "reached only in the middle of a login with a second factor",
    "manage:import_preview": "needs a report file read by the worker",
    "manage:invitation_candidates": "an htmx fragment of the invitations page, answering a search",
}


def pages(s):
    """(role, url, status): every page, as a role that reads it. The workspace's and the coordination
    mechanism's pages come from their authorization matrices (every page a role may read there)."""
    lg, ninth, thirteenth, plan = s["lg"], s["ninth"], s["thirteenth"], s["plan"]
    w, f = s["workspace"], s["full"]
    meetings = [("anonymous", m.get_absolute_url(), 200) for m in s["meetings"]]
    return [
        # --- public -------------------------------------------------------------------------
        ("anonymous", "/", 200),
        *[("anonymous", f"/groups/{slug}/", 200) for slug in ("lg-biosafety", "ias", "gpwg")],
        *meetings,
        ("anonymous", f"{ninth.get_absolute_url()}agenda/", 200),
        ("anonymous", f"{ninth.get_absolute_url()}report/", 200),
        ("anonymous", "/roster/lg-biosafety/", 200),
        ("anonymous", f"/roster/lg-biosafety/{s['experts'][0].pk}/", 200),
        ("anonymous", f"/plans/{plan.pk}/", 200),
        ("anonymous", f"/plans/{plan.pk}/dashboard/", 200),
        ("anonymous", "/api/v1/docs", 200),
        ("anonymous", "/accounts/login/", 200),
        ("anonymous", "/accounts/password-reset/", 200),
        ("anonymous", "/accounts/password-reset/sent/", 200),
        ("anonymous", "/accounts/reset/MQ/abc-123/", 200),
        ("anonymous", "/accounts/reset/done/", 200),
        ("anonymous", f"/invitations/{s['invitation_token']}/", 200),
        ("anonymous", "/invitations/forged-token/", 404),
        ("anonymous", "/report-review/forged-token/", 404),
        ("anonymous", f"/report-review/{s['review_token']}/", 200),
        ("anonymous", "/unsubscribe/forged-token/", 400),
        # --- the workspace's and the coordination mechanism's pages, from their authorization matrices ---
        *from_matrix(workspace_matrix.urls(w), workspace_matrix.expected, ["member", "chair", "secretariat"]),
        *from_matrix(assistance_matrix.urls(f), assistance_matrix.expected, ["anonymous", "requester", "partner", "secretariat"]),
        ("anonymous", "/no/such/page/", 404),
        ("member", "/manage/", 403),
        # --- a member of the group ------------------------------------------------------------------
        ("member", "/my/", 200),
        ("member", "/accounts/profile/", 200),
        ("member", "/accounts/two-factor/", 200),
        ("member", "/jobs/", 200),
        ("member", f"/jobs/{s['job'].pk}/", 200),
        ("member", "/groups/lg-biosafety/", 200),
        ("member", thirteenth.get_absolute_url(), 200),
        ("member", f"{thirteenth.get_absolute_url()}elections/", 200),
        ("member", f"{s['eighth'].get_absolute_url()}report/review/", 200),
        # --- a focal point: nominations, reports on the action plan, needs ---------------------------
        ("focal_point", "/my/", 200),
        ("focal_point", "/roster/lg-biosafety/nominate/", 200),
        ("focal_point", "/roster/lg-biosafety/upload/", 200),
        ("focal_point", f"/roster/lg-biosafety/{s['nomination'].pk}/", 200),
        ("focal_point", f"/roster/lg-biosafety/{s['nomination'].pk}/edit/", 200),
        ("focal_point", f"/plans/cycles/{s['cycle'].pk}/reports/SEN/", 200),
        ("focal_point", f"/plans/needs/{s['assessment'].pk}/responses/SEN/", 200),
        # --- the secretariat ---------------------------------------------------------------------------
        ("secretariat", "/manage/", 200),
        ("secretariat", "/manage/people/", 200),
        ("secretariat", "/manage/people/new/", 200),
        ("secretariat", f"/manage/people/{s['experts'][0].person.pk}/", 200),
        ("secretariat", "/manage/organizations/", 200),
        ("secretariat", "/manage/organizations/new/", 200),
        ("secretariat", f"/manage/organizations/{s['organization'].pk}/", 200),
        ("secretariat", "/manage/audit/", 200),
        ("secretariat", "/manage/groups/new/", 200),
        ("secretariat", "/manage/groups/lg-biosafety/edit/", 200),
        ("secretariat", "/manage/groups/lg-biosafety/terms/", 200),
        *[("secretariat", f"/manage/groups/lg-biosafety/parts/{name}/", 200) for name in ("decisions", "members")],
        ("secretariat", f"/manage/terms/{s['terms'].pk}/tasks/", 200),
        ("secretariat", "/manage/groups/lg-biosafety/meetings/new/", 200),
        ("secretariat", f"/manage/meetings/{ninth.pk}/", 200),
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/", 200),
        *[("secretariat", f"/manage/meetings/{ninth.pk}/{name}/", 200)
          for name in ("delegations", "participants", "sessions", "officers", "documents")],
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/invitations/", 200),
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/check-in/", 200),
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/elections/", 200),
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/agenda/", 200),
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/agenda/{s['agenda_item'].pk}/edit/", 200),
        ("secretariat", "/manage/import/", 200),
        ("secretariat", f"/manage/meetings/{ninth.pk}/report/", 200),
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/report/", 200),
        ("secretariat", f"/manage/meetings/{s['eighth'].pk}/report/", 200),
        ("secretariat", "/manage/roster/lg-biosafety/review/", 200),
        ("secretariat", "/manage/roster/lg-biosafety/usage/", 200),
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/panel/", 200),
        ("secretariat", f"/manage/meetings/{thirteenth.pk}/lottery/", 200),
        ("secretariat", "/manage/outbox/", 200),
        ("secretariat", f"/plans/{plan.pk}/edit/", 200),
        ("secretariat", f"/plans/{plan.pk}/history/", 200),
        ("secretariat", f"/plans/{plan.pk}/versions/1/", 200),
        ("anonymous", f"/plans/{plan.pk}/versions/1/", 200),  # the text as adopted, while the plan is under revision
        ("secretariat", f"/plans/{plan.pk}/edit/indicator/{s['indicator'].pk}/", 200),
        ("secretariat", f"/plans/{plan.pk}/cycles/", 200),
        ("secretariat", f"/plans/cycles/{s['cycle'].pk}/", 200),
        ("secretariat", f"/plans/{plan.pk}/needs/", 200),
        ("secretariat", f"/plans/needs/{s['assessment'].pk}/", 200),
        ("secretariat", f"/plans/needs/{s['assessment'].pk}/results/", 200),
    ]


FILES = re.compile(r"\.(ics|docx|xlsx|pdf|csv|xml|json)$|[?&]format=|/attachments/|^/api/")


def from_matrix(urls, expected, roles):
    """Each page of an authorization matrix ({name: url}, expected(role, name) -> status), once, as the
    first of ``roles`` who may read it; files and the API apart."""
    seen, found = set(), []
    for role in roles:
        for name, url in urls.items():
            if name not in seen and not FILES.search(url) and expected(role, name) == 200:
                seen.add(name)
                found.append((role, url, 200))
    return found


def route_of(url):
    """The route's 'namespace:name', or the error page a URL that no route matches shows."""
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return "404"


def route_names():
    """Every named route of the project, as 'namespace:name' (the admin's and the API's apart)."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in ("admin",) or (pattern.namespace or "").startswith("api-"):
                    continue
                walk(pattern.url_patterns, [*namespace, pattern.namespace] if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(":".join([*namespace, pattern.name]))

    walk(get_resolver().url_patterns, [])
    return names


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(roles, demo, workspace, full, people, cycle, roster, meeting, make_user):  # noqa: F811
    """The demo with something on every page: the workspace, the coordination mechanism, a reporting
    cycle and a needs assessment, the roster with a focal point's nomination, a meeting to come."""
    from liaison.actionplan import needs
    from liaison.actionplan.models import QuestionKind
    from liaison.core.models import Country, Job, JobStatus, Organization
    from liaison.groups.models import Membership, TermsOfReference
    from liaison.meetings import invitations
    from liaison.meetings.models import AgendaItem, Meeting
    from liaison.reports import services as report_services
    from liaison.reports.models import Report
    from liaison.roster.models import Expert, Status

    lg = demo["lg-biosafety"]
    senegal = Country.objects.get(iso3="SEN")
    focal_point = make_user("fp@senegal.example", group=lg, role="focal_point", country=senegal)
    nomination = Expert.objects.create(
        group=lg, person=make_user("nominee@senegal.example").person, nationality=senegal, nominating_country=senegal,
        stakeholder="government", profile="Biosafety officer.", highest_degree=2, years_experience=5, references="a\nb",
        status=Status.DRAFT, nominated_by=focal_point,
    )
    assessment = needs.create_assessment(plan_of(cycle), title="Capacity-building needs 2025", year=2025)
    section = assessment.sections.order_by("pk").first()
    needs.add_question(section, kind=QuestionKind.YES_NO, text="Is a biosafety law in force?", required=True)
    needs.move(assessment, "open")
    thirteenth = meeting
    invitation = invitations.invite(thirteenth, roles["member"].person, expires_at=timezone.now() + timedelta(days=20))
    report, _ = Report.objects.get_or_create(meeting=thirteenth)
    paragraph = report_services.add_paragraph(report, "The meeting was opened.")
    job = Job.objects.create(id=uuid.uuid4(), kind="liaison.core.exports.run", owner=roles["member"], title="Meetings (CSV)",
                             status=JobStatus.DONE)
    Membership.objects.filter(person__user__in=[u for u in roles.values() if u]).update(since=date(2020, 1, 1))
    ninth = Meeting.objects.get(group=lg, number=9)
    call_command("demo-roster", count=12, verbosity=0)
    from liaison.meetings.models import Participant
    from liaison.reports import review

    eighth = Meeting.objects.get(group=lg, number=8)  # a draft report under review, the member among its participants
    draft = report_services.report_for(eighth)
    report_services.add_paragraph(draft, "The Group adopted its work plan.")
    reviewer = Participant.objects.create(meeting=eighth, person=roles["member"].person, attended=True)
    review.send(draft, draft.version, timezone.localdate() + timedelta(days=14))
    from liaison.assistance.models import DuplicationFlag

    DuplicationFlag.objects.filter(pk=full["flag"].pk).update(  # the evidence as the check writes it
        evidence={"shared_recipients": ["KGZ"], "overlapping_period": {"from": "2024-03-01", "to": "2026-02-28", "days": 730},
                  "text_similarity": 0.8, "threshold": 0.5})
    from liaison.actionplan import services as plan_services

    plan_services.revise(plan_of(cycle), reason="Aligned with the new framework")  # version 1 kept, the plan under revision
    return {
        "lg": lg, "ninth": ninth, "thirteenth": thirteenth, "plan": plan_of(cycle), "workspace": workspace, "full": full,
        "meetings": list(Meeting.objects.select_related("group").order_by("group__slug", "start_date")),
        "experts": roster, "nomination": nomination, "assessment": assessment, "cycle": cycle,
        "invitation_token": invitations.token(invitation), "paragraph": paragraph, "job": job,
        "organization": Organization.objects.get(acronym="FAO"), "terms": TermsOfReference.objects.order_by("pk").first(),
        "agenda_item": AgendaItem.objects.create(meeting=thirteenth, number="1", title="Opening of the meeting", position=0), "indicator": cycle.indicators.order_by("pk").first(),
        "eighth": eighth, "review_token": review.token(draft, reviewer),
        "users": {**roles, "focal_point": focal_point, "requester": people["requester"], "partner": people["partner"]},
    }


def json_strings():
    """The strings inside the database's JSON values (a poll's options, a deletion's values): the user's data too."""
    from django.apps import apps
    from django.db import models

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        for row in model._default_manager.values_list(*fields) if fields else []:
            for value in row:
                yield from walk(value)


def file_texts(site):
    """The text of the document under review in the workspace, read from its file: the user's data."""
    document = site["workspace"]["document"]
    with document.file.open("rb") as handle:
        return handle.read().decode().splitlines()


def without_documents(response):
    """The page without the document it shows: a meeting's report is written in the document's language
    (the report's, not the reader's), like the user's data."""
    html = response.content.decode()
    context = response.context
    if context is not None and "document" in context and "content" in context:
        html = html.replace(str(context["document"]), "").replace(escape(context["content"]["title"]), "")
    return html


def plan_of(cycle):  # noqa: F811
    return cycle.plan


def signed_in(client, user):
    client.logout()
    if user is not None:
        user.language = ""  # the browser's language, as a visitor's
        user.save(update_fields=["language"])
        client.force_login(user)
    return client


def test_every_page_is_covered():
    covered = {route_of(url) for _, url, _ in pages_of_every_kind()}
    names = route_names()
    assert not (covered & set(NOT_PAGES)), "a route is both a page and not a page"
    missing = sorted(names - covered - set(NOT_PAGES))
    assert missing == [], "render these routes in pages() or say why they are not pages (NOT_PAGES)"
    assert sorted(set(NOT_PAGES) - names) == [], "NOT_PAGES names routes that no longer exist"


def pages_of_every_kind():
    """pages() with stand-ins for the records, to list the routes without a database."""

    class Anything:
        pk = 1

        def __getitem__(self, key):
            return self

        def __getattr__(self, name):
            return self

        def __iter__(self):
            return iter([self])

        def __call__(self, *args, **kwargs):  # get_absolute_url()
            return "/groups/lg-biosafety/meetings/1/"

        def __str__(self):
            return "1"

    anything = Anything()
    stand_ins = {key: anything for key in ("lg", "ninth", "thirteenth", "plan", "workspace", "full", "meetings", "experts",
                                           "nomination", "assessment", "cycle", "invitation_token", "paragraph",
                                           "organization", "terms", "agenda_item", "indicator", "eighth", "review_token")}
    return pages({**stand_ins, "job": SimpleNamespace(pk=uuid.UUID(int=1))})


def test_no_english_left_outside_the_users_data(client, site):
    """Every page, as the role that reads it, under the pseudo-locale: nothing in Latin letters but
    marked messages and the user's data."""
    from liaison.core.models import Country

    # Countries are locale data, not the user's: a page names them in the reader's language.
    english_names = set(Country.objects.values_list("name", flat=True))
    data = [value for value in [*database_strings(), *json_strings(), *file_texts(site)] if value not in english_names]
    leaks, wrong = {}, {}
    for role in ROLES:
        signed_in(client, site["users"][role])
        for page_role, url, status in pages(site):
            if page_role != role:
                continue
            with pseudo_locale():
                response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
                left = english_left(without_documents(response), [*data, url])
            if response.status_code != status:
                wrong[f"{role} {url}"] = response.status_code
            if left:
                leaks[f"{role} {route_of(url)} {url}"] = left
    assert wrong == {}, f"pages answered with another status than expected: {wrong}"
    assert leaks == {}, "English left outside the user's data:\n" + "\n".join(f"{page}: {left}" for page, left in leaks.items())


LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')
DIR = re.compile(r'<html[^>]*\bdir="([^"]+)"')


def test_every_page_renders_in_each_language(client, site):
    """Every page in the six languages: it answers as it should, in <html lang> and direction of the
    language (what the catalogues say is checked apart)."""
    broken = []
    for role in ROLES:
        signed_in(client, site["users"][role])
        seen_meeting = set()
        for page_role, url, status in pages(site):
            route = route_of(url)
            if page_role != role or url.startswith("/api/"):  # Swagger's page, written by its script
                continue
            if route == "portal:meeting" and role == "anonymous":  # one meeting of each group is enough here
                group = url.split("/")[2]
                if group in seen_meeting:
                    continue
                seen_meeting.add(group)
            for code in LANGUAGES:
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=code)
                html = response.content.decode()
                lang, direction = LANG.search(html), DIR.search(html)
                found = (response.status_code, lang and lang.group(1), direction and direction.group(1))
                if found != (status, code, "rtl" if code == "ar" else "ltr"):
                    broken.append(f"{code} {role} {route} {url}: {found}")
    assert broken == []

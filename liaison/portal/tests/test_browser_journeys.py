"""Each role's journey end to end in Debian's Chromium (issue 10, "done when"): the secretariat, a
focal point, a member and an observer each walk their part of the product through its pages, with
clicks and the keyboard, as a new user would. Only what the role would not do itself (another role's
decision, the data a journey starts from) is set up by service calls. Every new page visited passes
the axe audit, a couple are checked on a 390 px phone, and the e-mails of the journey are read from
the loopback SMTP server."""

import io
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from openpyxl import load_workbook
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import fill_nomination, log_in
from liaison.core.models import Country, Person
from liaison.groups.models import Role
from liaison.meetings import invitations
from liaison.meetings.models import Invitation, Meeting, Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _links_lead_to_the_live_server(settings, live_server):
    """Links in e-mails are absolute (SITE_URL): here they lead to the test's server (My Liaison's are relative)."""
    settings.SITE_URL = live_server.url

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
UN_DATE = r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"

UN_RANGE = r"^\d{1,2}( [A-Z][a-z]+( \d{4})?)?–\d{1,2} [A-Z][a-z]+ \d{4}$|^\d{1,2}( [A-Z][a-z]+( \d{4})?)? – \d{1,2} [A-Z][a-z]+ \d{4}$|^" + UN_DATE + "$"


def audit(page):
    page.wait_for_load_state("networkidle")  # parts loaded by htmx are audited too
    found = Axe().run(page, options=WCAG).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def fits_a_phone(page):
    """No sideways scroll at 390 px (the viewport is put back afterwards)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        page.set_viewport_size(size)


def accept_dialogs(page):
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    return questions


def coming_meeting(group, number=13, days=60):
    start = timezone.localdate() + timedelta(days=days)
    return Meeting.objects.create(
        group=group, number=number, title="Thirteenth meeting of the Liaison Group", start_date=start,
        end_date=start + timedelta(days=2), start_time=time(10), end_time=time(17), time_zone="America/Toronto",
        city="Montreal", country=Country.objects.get(iso3="CAN"),
    )


def numbered(page):
    return [text.split("\n")[0].strip() for text in page.locator("#agenda-items .agenda-text").all_inner_texts()]


def settled(page):
    page.wait_for_function("() => !document.querySelector('[data-focus-id], .htmx-settling, .htmx-request, .htmx-swapping')")


# --- the member ------------------------------------------------------------------------------------
def test_member_journey(page, demo, make_user, smtp_server):
    """A member starts from My Liaison: answers an invitation (declines with a reason, then accepts,
    reading the meeting's time in the venue's zone; her letter says "nominated by Senegal"), answers a consultation and changes her answer,
    comments on a paragraph of a draft report sent for review, and updates the action she owns but
    not another member's; at a meeting under way she votes once in the secret ballot for the Chair."""
    from liaison.reports import review
    from liaison.reports import services as reports
    from liaison.workspace.models import Action, Poll

    group = demo["lg-biosafety"]
    user = make_user("amina@lg.example", group=group, first_name="Amina", last_name="Diallo", country=Country.objects.get(iso3="SEN"))
    other = make_user("pedro@lg.example", group=group, first_name="Pedro", last_name="Alves")
    amina = user.person
    coming = coming_meeting(group)
    invitations.invite(coming, amina)  # the secretariat's part
    past_start = timezone.localdate() - timedelta(days=20)
    twelfth = Meeting.objects.create(group=group, slug="special-session", title="Special session of the Liaison Group", start_date=past_start,
                                     end_date=past_start + timedelta(days=1), city="Bonn", country=Country.objects.get(iso3="DEU"))
    Participant.objects.create(meeting=twelfth, person=amina, attended=True)
    report = reports.report_for(twelfth)
    reports.add_paragraph(report, "The meeting was held in Bonn.", None)
    reports.add_paragraph(report, "The Group agreed on a work plan.", None)
    report.refresh_from_db()
    review.send(report, report.version, timezone.localdate() + timedelta(days=14))
    Poll.objects.create(group=group, question="Meet in June?", options=["Yes", "No"], deadline=timezone.now() + timedelta(days=3))
    Action.objects.create(group=group, title="Circulate the revised draft", owner=amina, due=timezone.localdate() + timedelta(days=5))
    Action.objects.create(group=group, title="Book the rooms", owner=other.person, due=timezone.localdate() + timedelta(days=5))
    from liaison.meetings import services as meetings

    today = timezone.localdate()
    session = Meeting.objects.create(group=group, slug="online-session", title="Online session of the Liaison Group", start_date=today,
                                     end_date=today + timedelta(days=1))
    present = {p.pk: Participant.objects.create(meeting=session, person=p, attended=True) for p in (amina, other.person)}
    election = meetings.create_election(session, "chair", "secret", "relative")
    for candidate in present.values():
        meetings.nominate(election, candidate)
    election.refresh_from_db()
    meetings.open_voting(election, election.version)
    mails = smtp_server.wait_for(2)
    assert sorted(m["message"]["Subject"] for m in mails) == [
        "Draft report for your comments: Special session of the Liaison Group", "Invitation: Thirteenth meeting of the Liaison Group"]
    questions = accept_dialogs(page)

    # My Liaison, from the header: everything that is hers to do.
    log_in(page, "amina@lg.example")
    page.get_by_role("link", name="My Liaison").click()
    page.wait_for_url("**/my/")
    expect(page.locator("#invitations")).to_contain_text("Thirteenth meeting of the Liaison Group")
    expect(page.locator("#invitations")).to_contain_text(re.compile(r"answer by " + UN_DATE))
    expect(page.locator("#consultations")).to_contain_text("not answered yet")
    expect(page.locator("#reports-to-review")).to_contain_text("Draft report of the Special session of the Liaison Group")
    expect(page.locator("#actions")).to_contain_text("Circulate the revised draft")
    expect(page.locator("#actions")).not_to_contain_text("Book the rooms")
    assert audit(page) == []
    assert fits_a_phone(page)

    # The invitation: the time in the venue's zone; declined with a reason, then accepted.
    page.get_by_role("link", name="Thirteenth meeting of the Liaison Group").click()
    expect(page.locator("#meeting-time")).to_contain_text("10:00 – ")
    expect(page.locator("#meeting-time")).to_contain_text("venue's time, America/Toronto")
    assert audit(page) == []
    page.get_by_label("Reason for declining (optional, shown to the secretariat)").fill("I teach that week.")
    page.get_by_role("button", name="Decline").click()
    expect(page.locator("#invitation-status")).to_contain_text("You declined this invitation")
    expect(page.locator("#invitation-status")).to_contain_text("I teach that week.")
    assert questions == ["Decline this invitation?"]
    page.get_by_role("button", name="Accept the invitation").click()
    expect(page.locator("#invitation-status")).to_contain_text("You accepted this invitation")
    assert Invitation.objects.get(person=amina).status == "accepted"
    letter = page.request.get(page.get_by_role("link", name="Letter of invitation (PDF)").evaluate("a => a.href"))
    assert letter.status == 200 and letter.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(letter.body())).pages).split())
    assert "nominated by Senegal" in text  # the group's experts serve in their individual capacity
    assert re.search(UN_DATE, text)

    # The consultation: answered, then the answer changed.
    page.goto("/my/")
    expect(page.locator("#invitations")).to_contain_text("No invitation waits for your answer.")
    page.get_by_role("link", name="Meet in June?").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Answer", exact=True).click()
    expect(page.locator("#my-answer")).to_contain_text("Your answer: Yes")
    assert audit(page) == []
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Comment").fill("June clashes with the SBSTTA.")
    page.get_by_role("button", name="Change your answer").click()
    expect(page.locator("#my-answer")).to_contain_text("Your answer: No — June clashes with the SBSTTA.")
    expect(page.locator("#my-answer")).to_contain_text("changed")

    # The draft report: a comment on paragraph 2.
    page.goto("/my/")
    expect(page.locator("#consultations")).to_contain_text("you have answered")
    page.get_by_role("link", name="Draft report of the Special session of the Liaison Group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft report for your comments")
    assert audit(page) == []
    page.get_by_text("Comment on paragraph 2", exact=True).click()
    box = page.get_by_label("Your comment on paragraph 2")
    box.fill("Name the work plan: the one in Annex I?")
    box.locator("xpath=ancestor::form").get_by_role("button", name="Send the comment").click()
    expect(page.locator(".comment")).to_contain_text("Name the work plan: the one in Annex I?")
    page.goto("/my/")
    expect(page.locator("#reports-to-review")).to_contain_text("1 comment of yours")

    # Her action: she may change its status, not the status of another member's action.
    page.get_by_role("link", name="Circulate the revised draft").click()
    mine = page.locator("#actions tr", has_text="Circulate the revised draft")
    theirs = page.locator("#actions tr", has_text="Book the rooms")
    expect(theirs.get_by_role("combobox")).to_have_count(0)
    mine.get_by_role("combobox").select_option(label="Done")
    with page.expect_navigation():  # the update posts and comes back to the list
        mine.get_by_role("button", name="Update").click()
    expect(page.locator("#actions tr", has_text="Circulate the revised draft").get_by_role("combobox")).to_have_value("done")
    assert Action.objects.get(title="Circulate the revised draft").status == "done"

    # The election of the Chair at the meeting under way: one secret vote, from the meeting's page.
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Elections").click()
    page.get_by_label("Pedro Alves").check()
    assert audit(page) == []
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_text("You have voted in this ballot.")).to_be_visible()
    expect(page.get_by_role("button", name="Cast my vote")).to_have_count(0)
    assert [v.candidate.participant.person.last_name for v in election.secret_votes.select_related("candidate__participant__person")] == ["Alves"]
    assert list(election.voters.values_list("voter__person__last_name", flat=True)) == ["Diallo"]


# --- the focal point -------------------------------------------------------------------------------
def test_focal_point_journey(page, demo, make_user, smtp_server):
    """A focal point downloads the bulk nomination template (with the area codes), nominates an expert
    from the roster page and submits the nomination; the
    secretariat returns it with a reason, which reaches her by e-mail and on My Liaison; she corrects
    and resubmits from there; the approval reaches her by e-mail and My Liaison shows the expert on
    the roster until a date in the UN style."""
    from liaison.roster import services as roster
    from liaison.roster.models import Expert

    group = demo["lg-biosafety"]
    focal = make_user("focal@senegal.example", group=group, role=Role.FOCAL_POINT, first_name="Awa", last_name="Ndiaye",
                      country=Country.objects.get(iso3="SEN"))
    staff = make_user("staff@secretariat.example", staff=True)

    log_in(page, "focal@senegal.example")
    page.get_by_role("link", name="My Liaison").click()
    expect(page.locator("#nominations")).to_contain_text("No nomination to follow.")
    page.goto("/roster/lg-biosafety/")

    # The sheet for nominating several: its template lists the valid area codes.
    page.get_by_role("link", name="Nominate several from a sheet").click()
    expect(page.locator("main table")).to_contain_text("risk-assessment")
    assert audit(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX, with the area codes and a guide to each column").click()
    assert download.value.suggested_filename == "lg-biosafety-nominations.xlsx"
    with open(download.value.path(), "rb") as sheet:
        workbook = load_workbook(sheet)
    codes = [row[0] for row in workbook["Areas of expertise"].iter_rows(min_row=2, values_only=True)]
    assert "risk-assessment" in codes and "liability-redress" in codes
    page.go_back()

    page.get_by_role("link", name="Nominate an expert").click()
    assert audit(page) == []
    fill_nomination(page, "Plant scientist; risk assessment of LMOs since 2012.", "12", "Prof. A, a@example.org\nDr. B, b@example.org")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#nomination-status")).to_have_text("Draft")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("#nomination-status")).to_have_text("Submitted for review")
    expert = Expert.objects.get(person__last_name="Diallo")

    # The secretariat returns it for changes; the reason reaches her by e-mail and on My Liaison.
    roster.review(expert, "changes", staff, "Say which risk assessments she led.")
    mail = smtp_server.wait_for(1)[0]
    assert mail["to"] == ["focal@senegal.example"]
    assert mail["message"]["Subject"].startswith("Nomination returned for changes: Dr. Amina Diallo, roster of the ")
    assert "Say which risk assessments she led." in smtp_server.body(mail)
    page.goto("/my/")
    row = page.locator("#nominations tr", has_text="Dr. Amina Diallo")
    expect(row).to_contain_text("Changes requested: Say which risk assessments she led.")
    expect(row).to_contain_text("Senegal")
    assert audit(page) == []
    assert fits_a_phone(page)

    # She corrects the record from My Liaison and submits it again.
    row.get_by_role("link", name="Dr. Amina Diallo").click()
    page.get_by_label("Short profile / CV").fill("Plant scientist; led the risk assessments of two LMO field trials.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("#nomination-status")).to_have_text("Submitted for review")

    # The approval reaches her by e-mail; My Liaison shows the expert on the roster.
    expert.refresh_from_db()
    roster.review(expert, "approve", staff)
    mail = smtp_server.wait_for(2)[1]
    assert mail["message"]["Subject"].startswith("Nomination approved: Dr. Amina Diallo is on the roster")
    page.goto("/my/")
    row = page.locator("#nominations tr", has_text="Dr. Amina Diallo")
    expect(row).to_contain_text(re.compile(r"On the roster until " + UN_DATE))


# --- the observer ----------------------------------------------------------------------------------
def test_observer_journey(browser, live_server, demo, make_user, settings, tmp_path):
    """An observer, in Berlin, finds her group from My Liaison (nothing to do, no workspace), reads a
    coming meeting's time in the venue's zone and her own, without the members' online link or the
    draft agenda; does not see a draft report under review; reads a past meeting's attendance in the
    group's wording ("nominated by"); the members' workspace, a members' document and the
    secretariat's pages give the site's styled refusal, not a bare error."""
    from django.core.files.base import ContentFile

    from liaison.meetings.models import MeetingDocument
    from liaison.meetings.services import add_agenda_item

    settings.MEDIA_ROOT = tmp_path
    group = demo["lg-biosafety"]
    make_user("observer@ngo.example", group=group, role=Role.OBSERVER, first_name="Olga", last_name="Okafor")
    coming = coming_meeting(group)
    coming.mode, coming.online_link = "hybrid", "https://meet.example.org/lg-13"
    coming.save()
    add_agenda_item(coming, "Opening of the meeting")  # a draft agenda: not public
    ninth = Meeting.objects.get(group=group, number=9)
    document = MeetingDocument.objects.create(meeting=ninth, title="Members' draft", distribution="members",
                                              file=ContentFile(b"Not for observers.", name="draft.txt"))
    start = datetime.combine(coming.start_date, coming.start_time, ZoneInfo("America/Toronto"))
    in_berlin = start.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M")
    from liaison.reports import review
    from liaison.reports import services as reports

    last_week = timezone.localdate() - timedelta(days=7)
    session = Meeting.objects.create(group=group, slug="special-session", title="Special session of the Liaison Group",
                                     start_date=last_week, end_date=last_week)
    draft = reports.report_for(session)
    reports.add_paragraph(draft, "A sentence still under discussion.", None)
    draft.refresh_from_db()
    review.send(draft, draft.version, timezone.localdate() + timedelta(days=7))
    context = browser.new_context(base_url=live_server.url, timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, "observer@ngo.example")
        page.get_by_role("link", name="My Liaison").click()
        expect(page.locator("main")).to_contain_text("Nothing is waiting for you.")
        groups = page.locator("main li", has_text="Observer")
        expect(groups).to_have_count(1)
        expect(groups.get_by_role("link", name="workspace")).to_have_count(0)
        assert audit(page) == []

        # The coming meeting: times in both zones, no online link, no draft agenda.
        groups.get_by_role("link").first.click()
        page.get_by_role("link", name="Thirteenth meeting of the Liaison Group").click()
        when = page.locator("#meeting-time")
        expect(when.locator(".venue-time")).to_contain_text(re.compile(UN_DATE + r", 10:00 – " + UN_DATE + ", 17:00"))
        expect(when).to_contain_text("venue's time, America/Toronto")
        expect(when.locator(".viewer-time")).to_contain_text(in_berlin)
        expect(when.locator(".viewer-time")).to_contain_text("(your time, Europe/Berlin)")
        expect(page.get_by_role("link", name="Join online")).to_have_count(0)
        expect(page.locator("main")).not_to_contain_text("meet.example.org")
        expect(page.locator("#agenda")).to_have_count(0)
        expect(page.locator("main")).not_to_contain_text("was held")
        assert audit(page) == []
        assert fits_a_phone(page)
        page.get_by_role("link", name="Agenda", exact=True).click()
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("Opening of the meeting")
        assert audit(page) == []

        # A past meeting, in the group's wording and the UN's date style.
        page.goto(ninth.get_absolute_url())
        expect(page.locator("section[aria-labelledby=attendance-h] h3").first).to_contain_text(re.compile(r"Participants nominated by \d+ countries"))
        expect(page.locator("dl.facts dd").first).to_have_text(re.compile(UN_RANGE))
        assert fits_a_phone(page)

        # A draft report under review is for the meeting's participants, not for her.
        page.goto(session.get_absolute_url())
        expect(page.get_by_role("link", name="Report", exact=True)).to_have_count(0)
        response = page.goto(session.get_absolute_url() + "report/")
        assert response.status in (403, 404)
        expect(page.locator("body")).not_to_contain_text("A sentence still under discussion.")
        response = page.goto(session.get_absolute_url() + "report/review/")
        assert response.status in (403, 404)
        expect(page.locator("main h1")).to_have_text(re.compile("You may not open this page|Page not found"))

        # The members' spaces are not hers: the site's own pages say so (a 404 keeps the workspace's
        # existence to members), the secretariat's pages refuse with a 403.
        response = page.goto("/groups/lg-biosafety/workspace/")
        assert response.status == 404
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
        expect(page.get_by_role("link", name="My Liaison")).to_be_visible()  # in the site's layout
        response = page.goto(f"/documents/{document.pk}/")
        assert response.status in (403, 404)
        expect(page.locator("main h1")).to_have_text(re.compile("You may not open this page|Page not found"))
        expect(page.locator("body")).not_to_contain_text("Not for observers.")
        response = page.goto("/manage/")
        assert response.status == 403
        expect(page.get_by_role("heading", name="You may not open this page")).to_be_visible()
        assert audit(page) == []
    finally:
        context.close()


# --- the secretariat -------------------------------------------------------------------------------
def test_secretariat_journey(page, browser, live_server, demo, make_user, smtp_server):
    """The secretariat creates the thirteenth meeting with its times and the venue's zone, builds the
    agenda in place and reorders it with the keyboard, issues it (now public), looks at the quota
    table for composing it from the roster, finds invitees by
    searching, previews and sends the invitation (after confirming); the invitee's e-mail arrives, her
    answer (declined, with a reason) shows on the invitations page. Then the report of last week's
    session: the introduction drafted from the records, sent for review by participants (e-mailed),
    a participant's comment answered beside its paragraph, the report adopted on the date entered."""
    make_user("staff@secretariat.example", staff=True)
    senegal = Country.objects.get(iso3="SEN")
    Person.objects.create(honorific="Dr.", first_name="Amina", last_name="Diallo", email="amina@example.org", country=senegal)
    Person.objects.create(honorific="Mr.", first_name="Pedro", last_name="Alves", email="pedro@example.org", country=Country.objects.get(iso3="BRA"))
    start = timezone.localdate() + timedelta(days=90)
    questions = accept_dialogs(page)
    last_week = timezone.localdate() - timedelta(days=7)
    session = Meeting.objects.create(group=demo["lg-biosafety"], slug="special-session", title="Special session of the Liaison Group",
                                     start_date=last_week, end_date=last_week + timedelta(days=1), city="Bonn", country=Country.objects.get(iso3="DEU"))
    for person in Person.objects.filter(email__in=["amina@example.org", "pedro@example.org"]):
        Participant.objects.create(meeting=session, person=person, attended=True)

    # A new meeting, from the dashboard.
    log_in(page, "staff@secretariat.example")
    page.goto("/manage/")
    page.locator("tr", has_text=demo["lg-biosafety"].name).get_by_role("link", name="New meeting").click()
    page.locator("#id_number").fill("13")
    page.locator("#id_title").fill("Thirteenth meeting of the Liaison Group on Capacity-Building for Biosafety")
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill((start + timedelta(days=2)).isoformat())
    page.locator("#id_start_time").fill("10:00")
    page.locator("#id_end_time").fill("17:00")
    page.locator("#id_time_zone").select_option("America/Toronto")
    page.locator("#id_city").fill("Montreal")
    page.locator("#id_country").select_option(label="Canada")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Meeting created.")).to_be_visible()
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=13)
    assert (meeting.start_time, meeting.time_zone) == (time(10), "America/Toronto")
    expect(page.locator("#id_title")).to_have_value("Thirteenth meeting of the Liaison Group on Capacity-Building for Biosafety")

    # The agenda, built in place, reordered with the keyboard.
    agenda = page.locator("#part-agenda")
    for title in ("Opening of the meeting", "Adoption of the agenda", "Closure of the meeting", "Other matters"):
        agenda.get_by_label("Title", exact=True).fill(title)
        agenda.get_by_role("button", name="Add", exact=True).click()
        expect(page.locator("#agenda-items")).to_contain_text(title)
        settled(page)
    assert numbered(page) == ["1. Opening of the meeting", "2. Adoption of the agenda", "3. Closure of the meeting", "4. Other matters"]
    page.get_by_role("button", name="Move up 4 Other matters").focus()
    page.keyboard.press("Enter")
    settled(page)
    expect(page.locator("#agenda-live")).to_have_text("“Other matters” is now item 3, 3 of 4.")
    assert numbered(page) == ["1. Opening of the meeting", "2. Adoption of the agenda", "3. Other matters", "4. Closure of the meeting"]
    assert audit(page) == []
    page.get_by_role("button", name="Issue the provisional agenda").click()
    expect(page.get_by_text("The provisional agenda is issued.")).to_be_visible()
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto("/groups/lg-biosafety/meetings/13/agenda/")
    expect(public.locator("main")).to_contain_text("Other matters")
    public.context.close()

    # Composing from the roster: the quotas are a table in the UN regional groups' names; a row is
    # added with the keyboard.
    page.get_by_role("link", name="Compose from the roster").click()
    quotas = page.locator("#quotas tbody tr")
    expect(quotas.first.get_by_label("Category")).to_have_value("region")
    assert quotas.first.get_by_label("Value").evaluate("s => s.options[s.selectedIndex].text") == "African Group"
    expect(page.locator("#quotas")).not_to_contain_text("region=")
    rows = quotas.count()
    page.get_by_role("button", name="Add a row").focus()
    page.keyboard.press("Enter")
    expect(quotas).to_have_count(rows + 1)
    expect(quotas.nth(rows).get_by_label("Category")).to_be_focused()
    assert audit(page) == []
    page.go_back()

    # Invitations: found by searching, previewed, sent after confirming.
    page.get_by_role("link", name="Invitations", exact=True).click()
    search = page.get_by_label("Search people")
    search.fill("diallo")
    expect(page.locator("#candidates-count")).to_contain_text("1 person matches “diallo”")
    page.get_by_label("Dr. Amina Diallo").check()
    page.get_by_role("button", name="Preview the invitation").click()
    body = page.locator("#email-body")
    expect(body).to_contain_text("Dear Dr. Amina Diallo,")
    expect(body).to_contain_text("(America/Toronto;")
    assert audit(page) == []
    assert fits_a_phone(page)
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("1 invitation queued for sending.")).to_be_visible()
    assert questions == ["Send the invitations now? Each invitee receives an e-mail."]
    mail = smtp_server.wait_for(1)[0]
    assert mail["to"] == ["amina@example.org"]
    assert "Thirteenth meeting" in smtp_server.body(mail)

    # The invitee declines with a reason (her part); the secretariat sees it.
    invitations.answer(Invitation.objects.get(email="amina@example.org"), accept=False, reason="I teach that week.")
    page.reload()
    row = page.locator("#invitations tr", has_text="Amina Diallo")
    expect(row).to_contain_text("Declined")
    expect(row).to_contain_text("Reason: I teach that week.")

    # The report of last week's session, reviewed by its participants and adopted.
    from liaison.reports import review
    from liaison.reports.models import Report

    page.goto(f"/manage/meetings/{session.pk}/")
    page.get_by_role("link", name="Report", exact=True).click()
    page.get_by_role("button", name="Draft the introduction from the records").click()
    expect(page.locator(".paragraph-text").first).to_contain_text("Bonn")
    page.locator("#review-deadline").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Send for review by participants").click()
    expect(page.locator("#report-status")).to_have_text("Under review by participants")
    assert questions[-1].startswith("Send the draft for review?")
    mails = smtp_server.wait_for(3)[1:]
    assert sorted(m["to"][0] for m in mails) == ["amina@example.org", "pedro@example.org"]
    report = Report.objects.get(meeting=session)
    pedro = Participant.objects.get(meeting=session, person__last_name="Alves")
    first = report.paragraphs.order_by("position").first()
    review.comment(report, pedro, first, "Add that the session was held online as well.")  # the participant's part
    page.reload()
    expect(page.locator("#review-state")).to_contain_text("1 comment so far")
    beside = page.locator(f"#paragraph-{first.pk} aside.comments")
    expect(beside).to_contain_text("Add that the session was held online as well.")
    assert audit(page) == []
    beside.get_by_label("Decision").select_option(label="Taken into account")
    beside.get_by_label(re.compile("Answer to")).fill("Done in paragraph 1.")
    beside.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("Answer saved.")).to_be_visible()
    page.locator("#report-adopted-on").fill(session.end_date.isoformat())
    page.get_by_role("button", name="Adopt the report").click()
    expect(page.locator("#report-status")).to_have_text("Adopted")
    assert questions[-1].startswith("Adopt the report?")
    report.refresh_from_db()
    assert report.adopted_on == session.end_date
    expect(page.locator(".warning-box", has_text="Adopted on")).to_contain_text(re.compile("Adopted on " + UN_DATE))

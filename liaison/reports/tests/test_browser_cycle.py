"""The whole cycle of a meeting in Debian's Chromium: the secretariat creates a meeting and invites
two experts (the e-mails arrive at the loopback SMTP server), both accept through their links,
the agenda is adopted, a document uploaded, the experts checked in and elected Chair and
Rapporteur, paragraphs drafted under two items, the report adopted and downloaded as DOCX and PDF
(read back with python-docx and pypdf) and the meeting added to a calendar (parsed by icalendar)."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import log_in
from liaison.core.models import Country, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def add_to_part(page, name, fields, selects=None):
    section = page.locator(f"#part-{name}")
    for label, value in fields.items():
        section.get_by_label(label, exact=True).fill(value)
    for label, value in (selects or {}).items():
        section.get_by_label(label, exact=True).select_option(label=value)
    section.get_by_role("button", name="Add", exact=True).click()
    return section


def test_meeting_from_invitation_to_adopted_report(page, browser, live_server, demo, make_user, smtp_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_user("staff@secretariat.example", staff=True)
    Person.objects.create(honorific="Dr.", first_name="Amina", last_name="Diallo", email="amina@example.org",
                          country=Country.objects.get(iso3="SEN"))
    Person.objects.create(honorific="Mr.", first_name="Pedro", last_name="Alves", email="pedro@example.org",
                          country=Country.objects.get(iso3="BRA"))
    today = timezone.localdate()
    # Irreversible steps ask for confirmation (issue 10, item 8): the secretariat answers OK.
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))

    # The secretariat logs in and creates the meeting.
    log_in(page, "staff@secretariat.example")
    page.goto("/manage/groups/lg-biosafety/meetings/new/")
    page.get_by_label("Ordinal number").fill("13")
    page.get_by_label("Title", exact=True).fill("Thirteenth meeting of the Liaison Group on the Cartagena Protocol on Biosafety")
    page.get_by_label("First day").fill(today.isoformat())
    page.get_by_label("Last day").fill((today + timedelta(days=1)).isoformat())
    page.get_by_label("City").fill("Montreal")
    page.get_by_label("Country").select_option(label="Canada")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thirteenth meeting of the Liaison Group on the Cartagena Protocol on Biosafety")
    meeting_url = page.url

    # Invite two experts; the e-mails arrive at the SMTP server on loopback.
    page.get_by_role("link", name="Invitations").click()
    for query, name in (("Diallo", "Dr. Amina Diallo"), ("Alves", "Mr. Pedro Alves")):
        page.get_by_label("Search people").fill(query)
        expect(page.locator("#candidates-count")).to_contain_text(f"“{query}”")
        page.get_by_label(name).check()
    page.get_by_role("button", name="Preview the invitation").click()
    expect(page.locator("#email-body")).to_contain_text("Dear Dr. Amina Diallo,")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("2 invitations queued for sending.")).to_be_visible()
    mails = smtp_server.wait_for(2)
    links = {m["to"][0]: re.search(r"https?://[^/\s]+(/invitations/\S+/)", smtp_server.body(m)).group(1) for m in mails}

    # Each expert answers through the link, without logging in.
    for email in ("amina@example.org", "pedro@example.org"):
        expert = browser.new_context(base_url=live_server.url)
        expert_page = expert.new_page()
        expert_page.goto(links[email])
        expert_page.get_by_role("button", name="Accept the invitation").click()
        expect(expert_page.locator("#invitation-status")).to_contain_text("You accepted this invitation")
        expert.close()
    page.reload()
    expect(page.locator("#invitations")).to_contain_text("Accepted")

    # Agenda: items, then adoption.
    page.goto(meeting_url)
    for number, title in [("1", "Opening of the meeting"), ("2", "Organizational matters"), ("2.1", "Election of officers"),
                          ("3", "Capacity-building action plan"), ("4", "Closure of the meeting")]:
        section = page.locator("#part-agenda")
        section.get_by_label("Title", exact=True).fill(title)
        if "." in number:
            section.get_by_label("Sub-item of the item before it").check()
        section.get_by_role("button", name="Add", exact=True).click()
        expect(section).to_contain_text(f"{number}. {title}")
    page.get_by_role("button", name="Adopt the agenda").click()
    expect(page.locator("#agenda-status")).to_have_text("Adopted")

    # A pre-session document.
    documents = page.locator("#part-documents")
    documents.get_by_label("Symbol").fill("UNEP/CBD/BS/LG-CB/13/2")
    documents.get_by_label("Title", exact=True).fill("Draft action plan")
    documents.get_by_label("File").set_input_files(files=[{"name": "action-plan.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    documents.get_by_label("Agenda item").select_option(label="3. Capacity-building action plan")
    documents.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#part-documents")).to_contain_text("UNEP/CBD/BS/LG-CB/13/2 Draft action plan")

    # Check-in.
    page.get_by_role("link", name="Check-in").click()
    for name in ("Dr. Amina Diallo", "Mr. Pedro Alves"):
        page.get_by_role("button", name=f"Check in {name}").click()
        expect(page.locator("#check-in")).to_contain_text(name)
    expect(page.locator("#attendance-live")).to_have_text("It was attended by 2 participants.")

    # Elections from among those present.
    page.goto(meeting_url)
    officers = page.locator("#part-officers")
    officers.get_by_label("Office").select_option(label="Chair")
    officers.get_by_label("Elected", exact=True).select_option(label="Dr. Amina Diallo")
    officers.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#part-officers")).to_contain_text("Chair: Dr. Amina Diallo")
    officers = page.locator("#part-officers")
    officers.get_by_label("Office").select_option(label="Rapporteur")
    officers.get_by_label("Elected", exact=True).select_option(label="Mr. Pedro Alves")
    officers.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#part-officers")).to_contain_text("Rapporteur: Mr. Pedro Alves")

    # The report: the introduction from the records, then paragraphs under two items, then adoption.
    page.get_by_role("link", name="Report").first.click()
    page.get_by_role("button", name="Draft the introduction from the records").click()
    expect(page.locator(".report-section").first).to_contain_text("It was attended by 2 participants.")
    for item, text in [("3", "The Liaison Group reviewed the draft action plan."), ("4", "The Chair declared the meeting closed.")]:
        box = page.get_by_label(f"New paragraph under item {item}")
        box.fill(text)
        box.locator("xpath=..").get_by_role("button", name="Add paragraph").click()
        expect(page.locator(".paragraph .paragraph-text", has_text=text)).to_be_visible()
    expect(page.get_by_label("Report adopted on")).to_have_value(today.isoformat())  # the meeting is under way
    page.get_by_role("button", name="Adopt the report").click()
    expect(page.locator("#report-status")).to_have_text("Adopted")
    assert [q.split("?")[0] for q in questions] == ["Send the invitations now", "Adopt the agenda", "Adopt the report"]

    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Download DOCX").click()
    document = Document(docx_download.value.path())
    docx_text = [p.text for p in document.paragraphs]
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download PDF").click()
    with open(pdf_download.value.path(), "rb") as handle:
        pdf_text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages).split())

    numbered = [t for t in docx_text if re.match(r"^\d+\.\t", t)]
    assert [int(t.split(".")[0]) for t in numbered] == list(range(1, len(numbered) + 1))
    assert "It was attended by 2 participants." in numbered[0]
    assert any(t.endswith("The participants elected Dr. Amina Diallo (nominated by Senegal) to serve as Chair and Mr. Pedro Alves (nominated by Brazil) to serve as Rapporteur.") for t in numbered)
    closing = next(t for t in numbered if t.endswith("The Chair declared the meeting closed."))
    assert "It was attended by 2 participants." in pdf_text
    assert f"{closing.split('.')[0]}. The Chair declared the meeting closed." in pdf_text
    assert "The Liaison Group reviewed the draft action plan." in pdf_text

    # The calendar entry.
    page.goto(meeting_url.replace("/manage/meetings/", "/x/"))  # leave the manage page
    ics = page.request.get("/groups/lg-biosafety/meetings/13.ics")
    event = Calendar.from_ical(ics.body()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Thirteenth meeting") and event.decoded("DTSTART") == today

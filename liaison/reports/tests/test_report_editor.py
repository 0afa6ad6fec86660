"""The report editor: paragraphs under items, numbering, the introduction drafted from the records,
states, immutability once adopted, and concurrent edits."""

import pytest

from liaison.core.concurrency import VersionConflict
from liaison.meetings.models import AgendaItem, Meeting
from liaison.reports import services
from liaison.reports.models import Paragraph, Report, ReportStatus, ReportVersion


@pytest.fixture
def ninth(demo):
    meeting = Meeting.objects.get(group=demo["lg-biosafety"], number=9)
    Report.objects.filter(meeting=meeting).delete()  # the demo's adopted report: these tests write their own
    Meeting.objects.filter(pk=meeting.pk).update(agenda_status="adopted")
    return Meeting.objects.get(pk=meeting.pk)


@pytest.fixture
def staff(client_as, roles):
    return client_as(roles["secretariat"])


def item(meeting, number):
    return AgendaItem.objects.get(meeting=meeting, number=number)


def numbered(report):
    return [(n, p.text) for _, rows in services.sections(report) for n, p in rows]


def test_paragraphs_under_two_items_are_numbered_through(staff, ninth):
    url = f"/manage/meetings/{ninth.pk}/report/paragraphs/"
    staff.post(url, {"text": "Under item 4, nothing was raised.", "agenda_item": item(ninth, "4").pk})
    staff.post(url, {"text": "The Group discussed the Action Plan.", "agenda_item": item(ninth, "3.1").pk})
    staff.post(url, {"text": "It recommended a new framework.", "agenda_item": item(ninth, "3.1").pk})
    report = ninth.report
    assert numbered(report) == [
        (1, "The Group discussed the Action Plan."),
        (2, "It recommended a new framework."),
        (3, "Under item 4, nothing was raised."),
    ]
    html = staff.get(f"/manage/meetings/{ninth.pk}/report/").content.decode()
    assert "<strong class=\"num\">3.</strong> Under item 4" in html


def test_moving_and_deleting_keep_numbers_right(staff, ninth):
    report = services.report_for(ninth)
    first = services.add_paragraph(report, "First.", item(ninth, "3.1"))
    second = services.add_paragraph(report, "Second.", item(ninth, "3.1"))
    services.add_paragraph(report, "Third.", item(ninth, "4"))
    staff.post(f"/manage/meetings/{ninth.pk}/report/paragraphs/{second.pk}/up/")
    assert numbered(report) == [(1, "Second."), (2, "First."), (3, "Third.")]
    staff.post(f"/manage/meetings/{ninth.pk}/report/paragraphs/{first.pk}/delete/")
    assert numbered(report) == [(1, "Second."), (2, "Third.")]


def test_introduction_drafted_from_the_records(staff, ninth):
    staff.post(f"/manage/meetings/{ninth.pk}/report/draft/")
    texts = dict((text[:40], (n, text)) for n, text in numbered(ninth.report))
    intro = numbered(ninth.report)
    assert intro[0] == (1, "The ninth meeting of the Liaison Group on Capacity-Building for Biosafety was held from 15 to 16 March 2012 "
                           "in Prague, Czechia. It was attended by 21 participants from 13 governments and 7 organizations.")
    assert intro[1][1].startswith("Participants were nominated by the following countries: Austria, Belize, Bolivia (Plurinational State of), Czechia")
    assert intro[1][1].endswith("Serbia and Slovenia.")
    assert intro[2][1].startswith("Participants were nominated by the following organizations: ECOROPA, Food and Agriculture Organization")
    assert any("opened by Mr. Charles Gbedemah" in text for _, text in intro)
    elected = next(p for p in Paragraph.objects.filter(report=ninth.report) if "elected" in p.text)
    assert elected.text == ("The participants elected Mr. Andreas Heissenberger (nominated by Austria) to serve as Chair and "
                            "Ms. Ranjini Warrier (nominated by India) to serve as Rapporteur.")
    assert elected.agenda_item.number == "2.1"
    assert any(t.startswith("The meeting adopted the following agenda: 1. Opening of the meeting;") for _, t in intro)
    # drafting again adds nothing twice
    count = Paragraph.objects.count()
    staff.post(f"/manage/meetings/{ninth.pk}/report/draft/")
    assert Paragraph.objects.count() == count and texts


def test_a_secretariat_working_in_french_drafts_the_same_english_report(staff, ninth):
    """The drafted paragraphs are the report's text (English): the page's language must not put
    French dates or countries' names into English sentences."""
    staff.post(f"/manage/meetings/{ninth.pk}/report/draft/", HTTP_ACCEPT_LANGUAGE="fr")
    intro = [text for _, text in numbered(ninth.report)]
    assert intro[0].startswith("The ninth meeting of the Liaison Group on Capacity-Building for Biosafety was held from 15 to 16 March 2012")
    assert intro[1].startswith("Participants were nominated by the following countries: Austria, Belize, Bolivia (Plurinational State of), Czechia")
    assert not any(word in " ".join(intro) for word in ("mars", "Autriche", "Tchéquie", "réunion"))


def test_adopted_report_cannot_be_edited(staff, ninth):
    report = services.report_for(ninth)
    paragraph = services.add_paragraph(report, "Agreed text.", item(ninth, "5"))
    staff.post(f"/manage/meetings/{ninth.pk}/report/adopt/", {"version": report.version})
    report.refresh_from_db()
    assert report.status == ReportStatus.ADOPTED
    version = ReportVersion.objects.get(report=report)
    assert version.content["sections"][-2]["paragraphs"] == [{"number": 1, "text": "Agreed text."}]

    response = staff.post(f"/manage/meetings/{ninth.pk}/report/paragraphs/{paragraph.pk}/",
                          {"text": "Changed after adoption", "version": paragraph.version}, follow=True)
    assert "cannot be changed" in response.content.decode()
    staff.post(f"/manage/meetings/{ninth.pk}/report/paragraphs/", {"text": "New", "agenda_item": item(ninth, "4").pk})
    staff.post(f"/manage/meetings/{ninth.pk}/report/paragraphs/{paragraph.pk}/delete/")
    assert list(report.paragraphs.values_list("text", flat=True)) == ["Agreed text."]
    with pytest.raises(services.ReportLocked):
        services.edit_paragraph(paragraph, "x", paragraph.version)
    with pytest.raises(ValueError):
        version.content = {}
        version.save()


def test_revision_keeps_the_adopted_version(staff, ninth):
    report = services.report_for(ninth)
    services.add_paragraph(report, "Original.", item(ninth, "5"))
    services.adopt(report, report.version)
    services.start_revision(report, report.version)
    paragraph = report.paragraphs.get()
    services.edit_paragraph(paragraph, "Corrected.", paragraph.version)
    services.adopt(report, report.version)
    texts = {v.revision: v.content["sections"][-2]["paragraphs"][0]["text"] for v in report.versions.all()}
    assert texts == {1: "Original.", 2: "Corrected."}


def test_concurrent_paragraph_edits_never_overwrite(staff, ninth):
    report = services.report_for(ninth)
    paragraph = services.add_paragraph(report, "Draft.", item(ninth, "3.1"))
    stale_version = paragraph.version
    staff.post(f"/manage/meetings/{ninth.pk}/report/paragraphs/{paragraph.pk}/", {"text": "Alice's wording.", "version": stale_version})
    response = staff.post(f"/manage/meetings/{ninth.pk}/report/paragraphs/{paragraph.pk}/",
                          {"text": "Bob's wording.", "version": stale_version}, follow=True)
    html = response.content.decode()
    assert "Someone else changed this paragraph" in html and "Bob&#x27;s wording." in html  # Bob's text is kept for him
    assert Paragraph.objects.get(pk=paragraph.pk).text == "Alice's wording."


def test_concurrent_state_change_is_refused(ninth):
    report = services.report_for(ninth)
    services.add_paragraph(report, "Text.", None)
    stale = report.version
    services.send_for_review(report, stale)
    with pytest.raises(VersionConflict):
        services.adopt(services.report_for(ninth), stale)


def test_states_follow_their_order(ninth):
    report = services.report_for(ninth)
    with pytest.raises(services.TransitionRefused, match="no paragraphs"):
        services.adopt(report, report.version)
    services.add_paragraph(report, "Text.", None)
    with pytest.raises(services.TransitionRefused):
        services.convey(report, report.version, ninth.participants.get(office="chair"))
    services.adopt(report, report.version)
    with pytest.raises(services.TransitionRefused, match="Chair"):
        services.convey(report, report.version, ninth.participants.get(office="rapporteur"))
    services.convey(report, report.version, ninth.participants.get(office="chair"))
    assert report.status == ReportStatus.CONVEYED and report.conveyed_by.last_name == "Heissenberger"


def test_annex_with_a_table(staff, ninth):
    staff.post(f"/manage/meetings/{ninth.pk}/report/annexes/", {
        "title": "Results-oriented capacity-building action plan", "position": 1,
        "table_csv": "Outcomes,Indicators,Results\nNational frameworks,Number of Parties,1.1 Laws in place",
    })
    annex = ninth.report.annexes.get()
    assert annex.table == [["Outcomes", "Indicators", "Results"], ["National frameworks", "Number of Parties", "1.1 Laws in place"]]
    bad = staff.post(f"/manage/meetings/{ninth.pk}/report/annexes/", {"title": "One row", "position": 2, "table_csv": "only,a,header"}, follow=True)
    assert "header row and at least one row" in bad.content.decode()
    assert ninth.report.annexes.count() == 1


def test_annex_service_refuses_a_locked_report(ninth):
    from liaison.reports.models import Annex

    report = services.report_for(ninth)
    services.add_annex(report, Annex(title="Timetable", position=1, table=[["Day", "Item"], ["1", "Opening"]]))
    services.add_paragraph(report, "Text.", None)
    services.adopt(report, report.version)
    with pytest.raises(services.ReportLocked):
        services.add_annex(report, Annex(title="Late annex", position=2))
    assert list(report.annexes.values_list("title", flat=True)) == ["Timetable"]


def test_adoption_date_is_checked_against_the_meeting(staff, ninth):
    """Issue 10, item 5: adoption once took today's date whatever the meeting's dates."""
    from datetime import date, timedelta

    from django.utils import timezone

    report = services.report_for(ninth)
    services.add_paragraph(report, "Text.", item(ninth, "5"))
    with pytest.raises(services.TransitionRefused, match="opened on 15 March 2012"):
        services.adopt(report, report.version, on=date(2012, 3, 1))
    with pytest.raises(services.TransitionRefused, match="still to come"):
        services.adopt(report, report.version, on=timezone.localdate() + timedelta(days=3))
    services.adopt(report, report.version)  # default: the meeting's last day
    report.refresh_from_db()
    assert report.adopted_on == date(2012, 3, 16) and report.versions.get().adopted_on == date(2012, 3, 16)


def test_adoption_date_typed_in_the_editor(staff, ninth):
    report = services.report_for(ninth)
    services.add_paragraph(report, "Text.", item(ninth, "5"))
    bad = staff.post(f"/manage/meetings/{ninth.pk}/report/adopt/", {"version": report.version, "on": "16/03/2012"}, follow=True)
    assert "is not a date" in bad.content.decode()
    staff.post(f"/manage/meetings/{ninth.pk}/report/adopt/", {"version": report.version, "on": "2012-03-16"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ADOPTED and report.adopted_on.isoformat() == "2012-03-16"


def test_a_refused_state_change_is_one_sentence_in_the_readers_language(ninth):
    from liaison.core.tests.pseudo import OPEN, english_left, pseudo_locale

    report = services.report_for(ninth)
    services.add_paragraph(report, "Text.", None)
    chair = ninth.participants.get(office="chair")
    with pytest.raises(services.TransitionRefused, match="Its status: Draft."):
        services.convey(report, report.version, chair)
    with pseudo_locale(), pytest.raises(services.TransitionRefused) as refused:
        services.convey(report, report.version, chair)
    assert str(refused.value).startswith(OPEN) and english_left(f"<p>{refused.value}</p>") == []

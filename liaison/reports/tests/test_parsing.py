"""The report parser on the seed report and on reports in other wordings (pure module)."""

from datetime import date
from pathlib import Path

import pytest

from liaison.reports.parsing import ReportParseError, parse

SAMPLES = Path(__file__).with_name("samples")  # ninth_meeting_report.txt is seed 001, copied


def read(name):
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ninth():
    return parse(read("ninth_meeting_report.txt"))


def test_ninth_meeting_header(ninth):
    assert ninth.ordinal == 9
    assert ninth.group_name == "Liaison Group on Capacity-Building for Biosafety"
    assert (ninth.start_date, ninth.end_date) == (date(2012, 3, 15), date(2012, 3, 16))
    assert (ninth.city, ninth.country, ninth.country_as_written, ninth.country_iso3) == ("Prague", "Czechia", "Czech Republic", "CZE")
    assert (ninth.participants, ninth.governments, ninth.organizations) == (21, 13, 7)
    assert ninth.missing == []


def test_ninth_meeting_countries_and_organizations(ninth):
    assert len(ninth.countries) == 13
    assert ninth.country_codes == ["AUT", "BLZ", "BOL", "CZE", "DEU", "IND", "LBR", "MYS", "NLD", "NOR", "MDA", "SRB", "SVN"]
    assert ninth.organization_names == [
        "ECOROPA",
        "Food and Agriculture Organization of the United Nations (FAO)",
        "GenØk - Centre for Biosafety",
        "Global Industry Coalition",
        "International Centre for Genetic Engineering and Biotechnology (ICGEB)",
        "Le Groupe - Conseil Baastel Ltee",
        "United Nations Environment Programme (UNEP)",
    ]


def test_ninth_meeting_officers(ninth):
    assert (ninth.chair.honorific, ninth.chair.name, ninth.chair.iso3) == ("Mr.", "Andreas Heissenberger", "AUT")
    assert (ninth.rapporteur.honorific, ninth.rapporteur.name, ninth.rapporteur.iso3) == ("Ms.", "Ranjini Warrier", "IND")


def test_ninth_meeting_agenda_and_paragraphs(ninth):
    assert [n for n, _ in ninth.agenda] == ["1", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "4", "5", "6"]
    assert ninth.agenda[7] == ("3.2", "Measures to improve the Coordination Mechanism")
    assert [p.number for p in ninth.paragraphs] == list(range(1, 20))
    by_number = {p.number: p for p in ninth.paragraphs}
    assert by_number[1].agenda_item is None
    assert by_number[5].agenda_item == "2" and "elected Mr. Andreas Heissenberger" in by_number[5].text
    assert by_number[8].agenda_item == "3.1"
    assert by_number[12].agenda_item == "3.2"
    assert by_number[16].text == "There were no other matters raised."
    assert by_number[19].agenda_item == "6" and by_number[19].text.endswith("Friday, 16 March 2012.")


def test_first_meeting_with_institutions_and_other_officer_wording():
    report = parse(read("first_meeting_report.txt"))
    assert report.ordinal == 1
    assert (report.start_date, report.end_date) == (date(2002, 11, 4), date(2002, 11, 5))
    assert (report.city, report.country_iso3) == ("Montreal", "CAN")
    assert (report.participants, report.institutions) == (63, 56)
    assert report.governments is None and "governments" in report.missing
    assert report.chair.name == "Jane Mwangi" and report.chair.iso3 == "KEN"
    assert report.rapporteur.name == "Luis Ortega" and report.rapporteur.iso3 == "PER"
    assert [n for n, _ in report.agenda] == ["1", "2", "3", "4", "5"]
    assert [p.agenda_item for p in report.paragraphs] == [None, None, "1", "2", "3", "3", "4", "5"]


def test_tromso_wording_with_numbers_in_words():
    report = parse(read("third_meeting_report.txt"))
    assert report.ordinal == 3
    assert (report.start_date, report.end_date) == (date(2006, 1, 20), date(2006, 1, 21))
    assert (report.city, report.country) == ("Tromsø", "Norway")
    assert report.participants == 16
    assert report.countries == ["Trinidad and Tobago", "Bosnia and Herzegovina", "Kenya", "Norway"]
    assert report.country_codes == ["TTO", "BIH", "KEN", "NOR"]
    assert report.chair.name == "Kari Nordmann" and report.rapporteur is None
    assert "rapporteur" in report.missing


def test_dates_across_months_and_us_style():
    report = parse(read("cross_month_report.txt"))
    assert (report.start_date, report.end_date) == (date(2015, 3, 30), date(2015, 4, 2))
    assert (report.city, report.country_iso3) == ("Bonn", "DEU")
    assert (report.participants, report.governments, report.organizations) == (18, 12, 6)
    us = parse("The eighth meeting of the Liaison Group was held on March 15-16, 2012 in Chisinau, Republic of Moldova. "
               "Eighteen participants attended the meeting.")
    assert (us.start_date, us.end_date) == (date(2012, 3, 15), date(2012, 3, 16))
    assert (us.city, us.country) == ("Chisinau", "Republic of Moldova")
    assert us.participants == 18


def test_nothing_is_guessed_when_the_text_is_silent():
    report = parse("The twelfth meeting of the Liaison Group took place in Montreal.\n1. The Group considered the report.")
    assert report.ordinal == 12 and report.city == "Montreal"
    assert report.country is None and report.start_date is None and report.participants is None
    assert {"country", "start_date", "end_date", "participants", "chair", "rapporteur", "agenda"} <= set(report.missing)


@pytest.mark.parametrize("text", ["", "   \n  ", "Shopping list: eggs, milk, bread."])
def test_text_that_is_not_a_report_is_refused(text):
    with pytest.raises(ReportParseError):
        parse(text)


# --- documents that are not the report of one meeting (issue 10, item 10) ----------------------
@pytest.mark.parametrize(
    "name, reason",
    [
        # seed 000: a group's page listing nine meetings; it once read as meeting 1 with meeting 2's 15 participants
        ("group_page_with_history.txt", "describes 9 meetings"),
        # seed 002: draft terms of reference; it once read the place "Annex IV"
        ("draft_terms_of_reference.txt", "names no meeting that was held"),
        # seed 003: an inter-agency group's page; it once read the place "Endangered Species of Wild Fauna"
        ("inter_agency_group_page.txt", "names no meeting that was held"),
    ],
)
def test_a_document_that_is_not_one_meetings_report_is_refused(name, reason):
    with pytest.raises(ReportParseError) as error:
        parse(read(name))
    assert str(error.value).startswith("No meeting report found")
    assert reason in str(error.value)


def test_information_note_reads_its_own_date_and_venue_not_the_background():
    # seed 004: "Date and Venue: 28-29 August 2012, Stockholm, Sweden"; its background mentions the
    # 13-14 March 2012 meeting in Cambridge, Massachusetts, which was once read instead.
    note = parse(read("gpwg_information_note.txt"))
    assert (note.start_date, note.end_date) == (date(2012, 8, 28), date(2012, 8, 29))
    assert (note.city, note.country, note.country_iso3) == ("Stockholm", "Sweden", "SWE")
    assert note.group_name == "Global Partnership Working Group (GPWG)"
    assert note.ordinal is None and note.participants is None
    assert {"ordinal", "participants", "chair", "rapporteur"} <= set(note.missing)


def test_dates_and_place_come_from_the_sentence_that_states_them():
    text = (
        "The second meeting of the Liaison Group was held in Montreal. "
        "The previous meeting took place from 4 to 5 November 2002 in Nairobi, Kenya.\n"
        "1. The Group met."
    )
    report = parse(text)
    assert report.ordinal == 2 and report.city == "Montreal"
    assert report.start_date is None and report.country is None
    assert {"start_date", "end_date", "country"} <= set(report.missing)

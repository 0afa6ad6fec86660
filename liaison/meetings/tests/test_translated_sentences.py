"""Sentences written in Python are translated whole, with named placeholders a translator may
reorder; English stays as it was (issue 14)."""

from datetime import date, timedelta

from django.utils import timezone, translation

from liaison.core import dates
from liaison.core.tests.pseudo import pseudo_locale
from liaison.meetings import rules, tally, times
from liaison.meetings.models import Meeting, Mode
from liaison.roster import requirements


def _meeting(start, end, mode=Mode.FACE_TO_FACE, city="Prague"):
    return Meeting(title="Ninth meeting of the Liaison Group", start_date=start, end_date=end, mode=mode, city=city)


def test_held_sentence_in_english_is_unchanged():
    past = _meeting(date(2012, 3, 15), date(2012, 3, 16))
    assert past.held_sentence() == "The ninth meeting of the Liaison Group was held from 15 to 16 March 2012 in Prague."
    across = _meeting(date(2012, 3, 30), date(2012, 4, 2), mode=Mode.ONLINE)
    assert across.held_sentence() == "The ninth meeting of the Liaison Group was held from 30 March to 2 April 2012 online."
    soon = timezone.localdate() + timedelta(days=30)
    assert _meeting(soon, soon, city="").held_sentence() == (
        f"The ninth meeting of the Liaison Group will be held on {dates.day_month_year(soon)}.")


def test_held_sentence_is_one_message_with_the_title_as_data():
    with pseudo_locale():
        sentence = _meeting(date(2012, 3, 15), date(2012, 3, 16)).held_sentence()
    # one wrapped sentence (not fragments), the title as given (not lower-cased: that is English grammar), Russian dates
    assert sentence.startswith("⟦The Ninth meeting of the Liaison Group was held from 15 to 16 марта 2012")
    assert sentence.endswith("in Prague.⟧") and sentence.count("⟦") == 1


def test_held_dates_give_a_translator_both_ends():
    assert dates.held_dates(date(2012, 3, 15), date(2012, 3, 16)) == ("15", "16 March 2012")
    assert dates.held_dates(date(2012, 3, 30), date(2012, 4, 2)) == ("30 March", "2 April 2012")
    assert dates.held_dates(date(2012, 3, 15), None) == ("15 March 2012", None)
    assert dates.held_dates(date(2012, 3, 15), date(2012, 3, 16), "fr") == ("15", "16 mars 2012")
    assert dates.held_dates(date(2012, 3, 30), date(2012, 4, 2), "fr") == ("30 mars", "2 avril 2012")
    assert dates.held_dates(date(2012, 3, 15), date(2012, 3, 16), "ar")[0] == "١٥"
    # Chinese writes the year first: the first end in full, the second only what differs
    assert dates.held_dates(date(2012, 3, 15), date(2012, 3, 16), "zh-hans") == ("2012年3月15日", "16日")
    assert dates.held_dates(date(2012, 3, 30), date(2012, 4, 2), "zh-hans") == ("2012年3月30日", "4月2日")
    assert dates.held_dates(date(2012, 12, 31), date(2013, 1, 1), "zh-hans") == ("2012年12月31日", "2013年1月1日")


def test_pure_modules_write_english_alone_and_whole_sentences_through_translations():
    planned = rules.PlannedMeeting(date(2027, 3, 1), date(2027, 3, 4), face_to_face=False)
    english = rules.warnings(planned, [], set(), None)
    assert english[0] == "The meeting lasts 4 days; the terms of reference say meetings typically last no more than 2."
    gaps = requirements.missing(requirements.Nomination(1, 3, 1, 0, True, True), requirements.Policy())
    assert gaps[0] == "The roster asks for at least a master's degree; the nomination gives a bachelor's degree."
    assert tally.outcome({"a": 3, "b": 1}).reason == "Elected with 3 of 4 votes cast."
    with pseudo_locale():
        translated = rules.warnings(planned, [], set(), None, translations=translation)
        missing = requirements.missing(requirements.Nomination(1, 3, 1, 0, True, True), requirements.Policy(), translations=translation)
        reason = tally.outcome({"a": 3, "b": 1}, translations=translation).reason
    assert translated[0].startswith("⟦The meeting lasts 4 days;") and translated[0].endswith("⟧")
    assert all(gap.startswith("⟦") and gap.endswith("⟧") for gap in missing)
    assert reason == "⟦Elected with 3 of 4 votes cast.⟧"


def test_time_zones_are_named_in_the_readers_language():
    english = dict(times.zone_choices("en"))
    assert english["America/Toronto"] == "America/Toronto"  # English menus keep the IANA names
    french = dict(times.zone_choices("fr"))
    assert "Toronto" in french["America/Toronto"] and "America/" not in french["America/Toronto"]
    assert "Торонто" in dict(times.zone_choices("ru"))["America/Toronto"]

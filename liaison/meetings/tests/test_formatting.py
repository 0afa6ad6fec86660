from datetime import date

import pytest

from liaison.meetings import formatting


@pytest.mark.parametrize(
    "start, end, text",
    [
        (date(2012, 3, 15), date(2012, 3, 16), "15\u201316 March 2012"),
        (date(2012, 3, 30), date(2012, 4, 2), "30 March \u2013 2 April 2012"),
        (date(2012, 12, 31), date(2013, 1, 1), "31 December 2012 \u2013 1 January 2013"),
        (date(2012, 3, 15), date(2012, 3, 15), "15 March 2012"),
    ],
)
def test_date_range(start, end, text):
    assert formatting.date_range(start, end) == text


@pytest.mark.parametrize(
    "start, end, text",
    [
        (date(2012, 3, 15), date(2012, 3, 16), "from 15 to 16 March 2012"),
        (date(2002, 11, 4), date(2002, 11, 5), "from 4 to 5 November 2002"),
        (date(2012, 3, 30), date(2012, 4, 2), "from 30 March to 2 April 2012"),
        (date(2012, 3, 15), None, "on 15 March 2012"),
    ],
)
def test_held_phrase(start, end, text):
    assert formatting.held_phrase(start, end) == text


def test_a_range_cannot_run_backwards():
    with pytest.raises(ValueError):
        formatting.date_range(date(2012, 3, 16), date(2012, 3, 15))


@pytest.mark.parametrize("number, word", [(1, "first"), (9, "ninth"), (12, "twelfth"), (21, "twenty-first")])
def test_ordinal_word(number, word):
    assert formatting.ordinal_word(number) == word


def test_titles_in_a_sentence_keep_proper_names():
    """Issue 10: 'Global Partnership Working Group' once lost its capital in the attendance sentence."""
    from liaison.meetings.formatting import in_sentence

    assert in_sentence("Ninth meeting of the Liaison Group") == "ninth meeting of the Liaison Group"
    assert in_sentence("Global Partnership Working Group meeting, Stockholm") == "Global Partnership Working Group meeting, Stockholm"
    assert in_sentence("Meeting") == "meeting"


def test_names_sort_as_a_reader_looks_them_up():
    from liaison.meetings.formatting import sort_key

    names = ["Cuba", "Côte d'Ivoire", "Costa Rica", "Åland Islands", "Austria", "Zambia", "Croatia"]
    assert sorted(names, key=sort_key) == ["Åland Islands", "Austria", "Costa Rica", "Côte d'Ivoire", "Croatia", "Cuba", "Zambia"]

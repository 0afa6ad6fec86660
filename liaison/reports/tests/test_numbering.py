from liaison.reports.numbering import number


def test_introduction_first_then_items_in_order():
    paragraphs = [("a", "item2", 10), ("b", None, 20), ("c", "item1", 10), ("d", None, 10), ("e", "item2", 5)]
    assert number(paragraphs, ["item1", "item2"]) == {"d": 1, "b": 2, "c": 3, "e": 4, "a": 5}


def test_moving_a_paragraph_renumbers_everything_after_it():
    before = number([("p1", "x", 10), ("p2", "x", 20), ("p3", "y", 10)], ["x", "y"])
    after = number([("p1", "x", 30), ("p2", "x", 20), ("p3", "y", 10)], ["x", "y"])
    assert (before["p1"], before["p2"]) == (1, 2)
    assert (after["p2"], after["p1"], after["p3"]) == (1, 2, 3)


def test_paragraphs_of_unknown_items_come_last():
    assert number([("p", "gone", 1), ("q", "x", 1)], ["x"]) == {"q": 1, "p": 2}

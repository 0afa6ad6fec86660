import pytest

from liaison.core.charts import bars


def test_bars_scale_to_the_largest_value():
    result = bars([("1", 10, "a"), ("2", 20, "b"), ("3", None, "c")], width=300, height=100)
    assert [b.height for b in result] == [50, 100, 0]
    assert [b.y for b in result] == [50, 0, 100]
    assert result[1].x == pytest.approx(100 + 100 * 0.125)
    assert result[1].width == pytest.approx(75)
    assert result[1].cx == pytest.approx(150)


def test_no_points_no_bars():
    assert bars([]) == []


def test_all_unknown_values_draw_nothing():
    assert [b.height for b in bars([("1", None, ""), ("2", None, "")])] == [0, 0]

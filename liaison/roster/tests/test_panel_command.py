"""``liaison panel lottery|plan`` on CSV files in the format of the sortition examples."""

import json

import pytest
from django.core.management import CommandError, call_command


@pytest.fixture
def files(tmp_path):
    categories = tmp_path / "categories.csv"
    categories.write_text("category,feature,min,max\ngender,female,2,3\ngender,male,2,3\n", encoding="utf-8")
    pool = tmp_path / "pool.csv"
    pool.write_text("gender\n" + "female\n" * 3 + "male\n" * 7, encoding="utf-8")
    return categories, pool


def test_lottery_json(files, capsys):
    call_command("panel", "lottery", *map(str, files), "--size", "5", "--json", "--seed", "42")
    data = json.loads(capsys.readouterr().out)
    probabilities = [p["probability"] for p in data["probabilities"]]
    assert len(probabilities) == 10 and sum(probabilities) == pytest.approx(5)
    assert data["minimum_probability"] == pytest.approx(min(probabilities))
    assert data["minimum_probability"] == pytest.approx(3 / 7)  # women take at least 2 seats: men share at most 3 among 7
    assert len(data["drawn_panel"]) == 5


def test_plan_json(files, capsys):
    call_command("panel", "plan", *map(str, files), "--size", "5", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["feasible"] and len(data["panel"]) == 5


def test_plan_names_conflicting_rules(files, capsys):
    with pytest.raises(CommandError, match="No panel"):
        call_command("panel", "plan", *map(str, files), "--size", "8", "--json")
    data = json.loads(capsys.readouterr().out)
    assert not data["feasible"] and data["conflicts"]


def test_bad_files_give_clear_errors(tmp_path, files):
    bad = tmp_path / "bad.csv"
    bad.write_text("category,feature\nx,y\n", encoding="utf-8")
    with pytest.raises(CommandError, match="header must be"):
        call_command("panel", "lottery", str(bad), str(files[1]), "--size", "2")
    with pytest.raises(CommandError, match="between 1 and the pool size"):
        call_command("panel", "lottery", *map(str, files), "--size", "11")

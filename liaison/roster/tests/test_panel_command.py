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


@pytest.fixture
def roster_files(tmp_path):
    categories = tmp_path / "categories.csv"
    categories.write_text("category,feature,min,max\nregion,afr,1,3\nregion,weog,1,3\n", encoding="utf-8")
    pool = tmp_path / "pool.csv"
    rows = ["id,region,country,returning,topics,relevance",
            "a1,afr,KEN,no,risk,0.9", "a2,afr,KEN,no,risk,0.8", "a3,afr,SEN,yes,liability,0.1", "a4,afr,GHA,no,,0.5",
            "w1,weog,MLT,no,risk,0.95", "w2,weog,MLT,no,,0.85", "w3,weog,MLT,no,,0.7", "w4,weog,NOR,yes,,0.2"]
    pool.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(categories), str(pool)


def test_plan_with_every_rule_of_the_page(roster_files, capsys):
    call_command("panel", "plan", *roster_files, "--size", "4", "--json", "--topics", "risk;liability",
                 "--max-per-country", "1", "--min-returning", "1", "--include", "a4", "--exclude", "a1",
                 "--conflict", "w1,a2")
    data = json.loads(capsys.readouterr().out)
    panel = set(data["panel"])
    assert data["feasible"] and data["proven_optimal"] and len(panel) == 4
    assert "a4" in panel and "a1" not in panel and not {"w1", "a2"} <= panel
    assert len(panel & {"w1", "w2", "w3"}) <= 1 and len(panel & {"a1", "a2"}) <= 1  # one per country
    assert panel & {"a3", "w4"}  # a returning participant
    assert data["covered_topics"] == ["risk", "liability"]  # a3 is the only one on liability
    assert panel == {"a4", "a3", "a2", "w2"}  # the most relevant that keeps every rule (w1 conflicts with a2)


def test_plan_names_every_rule_of_a_conflict(roster_files, capsys):
    with pytest.raises(CommandError, match="No panel satisfies the rules"):
        call_command("panel", "plan", *roster_files, "--size", "3", "--json", "--max-per-country", "1",
                     "--include", "w1,w2")
    data = json.loads(capsys.readouterr().out)
    assert {c["rule"] for c in data["conflicts"]} == {"include w1", "include w2", "at most 1 per country"}


def test_unknown_ids_and_bad_values_are_refused(roster_files, tmp_path):
    with pytest.raises(CommandError, match="Unknown id"):
        call_command("panel", "plan", *roster_files, "--size", "3", "--include", "nobody")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,region,returning\nx,afr,perhaps\n", encoding="utf-8")
    with pytest.raises(CommandError, match="returning must be yes or no"):
        call_command("panel", "plan", roster_files[0], str(bad), "--size", "1")


def test_lottery_keeps_the_country_limit_and_a_draw_is_verified(roster_files, tmp_path, capsys):
    published = tmp_path / "distribution.json"
    call_command("panel", "lottery", *roster_files, "--size", "4", "--json", "--max-per-country", "1",
                 "--seed", "2026-11-23 draw", "--save-distribution", str(published))
    data = json.loads(capsys.readouterr().out)
    chances = {p["id"]: p["probability"] for p in data["probabilities"]}
    assert chances["w1"] + chances["w2"] + chances["w3"] == pytest.approx(1)  # Malta: one seat at most
    assert len(set(data["drawn_panel"]) & {"w1", "w2", "w3"}) <= 1
    panel = ",".join(data["drawn_panel"])
    call_command("panel", "verify", str(published), "--seed", "2026-11-23 draw", "--digest", data["distribution_hash"], "--panel", panel)
    assert "verified" in capsys.readouterr().out
    with pytest.raises(CommandError, match="hash"):
        call_command("panel", "verify", str(published), "--seed", "2026-11-23 draw", "--digest", "0" * 64, "--panel", panel)
    outsider = next(i for i in ("a1", "a2", "a3", "a4", "w4") if i not in data["drawn_panel"])
    other = ",".join(data["drawn_panel"][1:] + [outsider])
    with pytest.raises(CommandError, match="different panel"):
        call_command("panel", "verify", str(published), "--seed", "2026-11-23 draw", "--digest", data["distribution_hash"], "--panel", other)

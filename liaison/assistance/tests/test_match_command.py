"""``liaison match REQUESTS.csv OFFERS.csv [--top-k K] --json`` on the small CSV files shipped in tests/data."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from liaison.assistance import matching

DATA = Path(__file__).with_name("data")
REQUESTS = DATA / "match_requests.csv"
OFFERS = DATA / "match_offers.csv"
REQUEST_HEADER = "id,country,areas,types,languages,description\n"
OFFER_HEADER = "id,provider,areas,types,countries,languages,capacity,description\n"


def run_json(*args):
    from io import StringIO

    out = StringIO()
    call_command("match", *map(str, args), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_output_on_the_shipped_files():
    data = run_json(REQUESTS, OFFERS)
    assert set(data) == {"assignments", "total_score", "seconds"}
    pairs = {(a["request"], a["offer"]) for a in data["assignments"]}
    # each request gets the offer written for it: REQ-4 (Mali) is eligible for OFF-D, REQ-1 takes OFF-A
    assert pairs == {("REQ-1", "OFF-A"), ("REQ-2", "OFF-B"), ("REQ-3", "OFF-C"), ("REQ-4", "OFF-D")}
    assert data["total_score"] == pytest.approx(sum(a["score"] for a in data["assignments"]))
    assert data["seconds"] >= 0
    reasons = {a["request"]: a["reasons"] for a in data["assignments"]}
    assert reasons["REQ-2"]["shared_areas"] == ["detection and identification"]
    assert reasons["REQ-2"]["shared_languages"] == ["es"]
    assert reasons["REQ-2"]["eligibility"] == "country listed"
    assert reasons["REQ-1"]["shared_languages"] == ["en", "fr"]
    for a in data["assignments"]:
        assert a["score"] == pytest.approx(matching.score_of(a["reasons"]))
        assert set(matching.WEIGHTS) <= set(a["reasons"])


def test_capacity_is_respected_and_top_k_accepted(tmp_path):
    requests = tmp_path / "requests.csv"
    requests.write_text(REQUEST_HEADER + "".join(f"R{i},SEN,a,training,fr,need {i}\n" for i in range(4)), encoding="utf-8")
    offers = tmp_path / "offers.csv"
    offers.write_text(OFFER_HEADER + "O1,P,a,training,,fr,2,offer\nO2,P,a,training,SEN,fr;en,1,offer\n", encoding="utf-8")
    data = run_json(requests, offers, "--top-k", "1")
    offers_taken = [a["offer"] for a in data["assignments"]]
    assert sorted(offers_taken) == ["O1", "O1", "O2"]
    assert len({a["request"] for a in data["assignments"]}) == 3


def test_text_output(capsys):
    call_command("match", str(REQUESTS), str(OFFERS))
    out = capsys.readouterr().out
    assert "4 assignment(s)" in out and "REQ-2 -> OFF-B" in out and "country listed" in out


@pytest.mark.parametrize("name,content,message", [
    ("requests", REQUEST_HEADER + "R1,sen,a,training,fr,x\n", "row 2: 'sen' is not an ISO 3166-1 alpha-3"),
    ("requests", REQUEST_HEADER + "R1,SEN,a,training,fr,x\nR2,XYZ,a,training,fr,x\n", "row 3: 'XYZ' is not"),
    ("requests", REQUEST_HEADER + "R1,SEN,,training,fr,x\n", "row 2: areas is empty"),
    ("requests", REQUEST_HEADER + "R1,SEN,a,training,fr,x\nR1,MLI,a,training,fr,y\n", "row 3: id 'R1' is already used in row 2"),
    ("requests", REQUEST_HEADER + "R1,SEN,a,training,fr\n", "row 2: 5 fields where the header has 6"),
    ("requests", "id,country,areas,types,description\n", "row 1: missing column(s) languages"),
    ("requests", REQUEST_HEADER.strip() + ",budget\n", "unknown column(s) 'budget'"),
    ("requests", "", "empty file"),
    ("requests", "id,country,areas,types,languages,description,start\nR1,SEN,a,t,fr,x,1/2/2026\n", "start '1/2/2026' is not a date"),
    ("requests", "id,country,areas,types,languages,description,start,end\nR1,SEN,a,t,fr,x,2026-05-01,2026-01-01\n",
     "row 2: request R1: start 2026-05-01 is after end"),
    ("offers", OFFER_HEADER + "O1,P,a,training,,fr,two,x\n", "row 2: capacity 'two' is not a whole number"),
    ("offers", OFFER_HEADER + "O1,P,a,training,,fr,-1,x\n", "row 2: capacity '-1'"),
    ("offers", OFFER_HEADER + "O1,P,a,training,SEN;Mali,fr,1,x\n", "row 2: 'Mali' is not an ISO 3166-1 alpha-3"),
    ("offers", OFFER_HEADER + "O1,P,a,,,fr,1,x\n", "row 2: types is empty"),
])
def test_bad_input_names_the_row_and_exits_with_status_2(tmp_path, name, content, message):
    files = {"requests": REQUESTS, "offers": OFFERS}
    path = tmp_path / f"{name}.csv"
    path.write_text(content, encoding="utf-8")
    files[name] = path
    with pytest.raises(CommandError, match=re.escape(message)) as caught:
        call_command("match", str(files["requests"]), str(files["offers"]), "--json")
    assert caught.value.returncode == 2
    assert str(path) in str(caught.value)


def test_not_utf8_and_missing_file(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes((REQUEST_HEADER + "R1,SEN,a,t,fr,Formation à l'évaluation\n").encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8") as caught:
        call_command("match", str(latin), str(OFFERS))
    assert caught.value.returncode == 2
    with pytest.raises(CommandError, match="No such file") as caught:
        call_command("match", str(tmp_path / "nothing.csv"), str(OFFERS))
    assert caught.value.returncode == 2


def test_console_script_exit_status_and_no_traceback(tmp_path):
    bad = tmp_path / "offers.csv"
    bad.write_text(OFFER_HEADER + "O1,P,a,training,,fr,1.5,x\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "liaison", "match", str(REQUESTS), str(bad), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "row 2: capacity '1.5' is not a whole number" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    good = subprocess.run([sys.executable, "-m", "liaison", "match", str(REQUESTS), str(OFFERS), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert good.returncode == 0
    assert len(json.loads(good.stdout)["assignments"]) == 4

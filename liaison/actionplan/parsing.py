"""Read a results-oriented action plan annexed to a meeting report. Pure Python: no Django.

The annex, as the text of a report carries it (``001``, Annex I), reads::

    Annex I
    results-oriented CAPACITY-BUILDING ACTION PLAN
    (aligned with THE STRATEGIC PLAN FOR THE CARTAGENA PROTOCOL ON BIOSAFETY)
    OPerational objective 1
    National Biosafety Frameworks: To further support …
    <TAB>Outcomes
    <TAB>Indicators
    <TAB>Results/Outputs
    <TAB>Activities
    <TAB>first outcome …          (each table cell starts on a line that begins with a tab)
    <TAB>· first indicator …

Each paragraph of a cell (a non-empty line) is one item; a leading bullet is dropped. Results numbered
"1.1" keep their number. In an activities cell whose items are bulleted, a paragraph without a bullet
is a grouping heading ("Related to the checkpoints") for the activities after it.

Nothing is guessed. An indicator's kind is read only from its own opening words ("Number of Parties",
"Percentage of", "Ratio of", "Number of", "Amount of"); baselines and targets are read nowhere because
the annex states none; they are listed in ``missing``. The plan's period is read only where the report
says the plan's timeframe ("… the timeframe for the new … action plan be the same as that of the
Strategic Plan for the Protocol, i.e. up to 2020").
"""

from __future__ import annotations

import re

BULLET = re.compile(r"^[\u00b7\u2022\u25aa\u25cf\-\*]\s*")
OBJECTIVE = re.compile(r"^operational\s+objective\s+(\d{1,2})\s*$", re.IGNORECASE)
ANNEX = re.compile(r"^annex\b", re.IGNORECASE)
PLAN_TITLE = re.compile(r"action\s+plan", re.IGNORECASE)
ALIGNED = re.compile(r"^\(?\s*aligned\s+with\s+(.+?)\s*\)?\s*$", re.IGNORECASE)
RESULT_NUMBER = re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(\S.*)$")
COLUMNS = {"outcomes": "outcomes", "indicators": "indicators", "results/outputs": "results", "results": "results",
           "outputs": "results", "activities": "activities"}
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}

# An indicator's kind, read from its opening words only (first match wins).
KIND_WORDING = [
    (re.compile(r"^number\s+of\s+(?:\w+\s+)?parties\b", re.IGNORECASE), "parties", "Parties"),
    (re.compile(r"^percentage\s+of\b", re.IGNORECASE), "percentage", "%"),
    (re.compile(r"^ratio\s+of\b", re.IGNORECASE), "ratio", ""),
    (re.compile(r"^(?:number|amount)\s+of\b", re.IGNORECASE), "number", ""),
]


class PlanParseError(ValueError):
    """The annex exists but cannot be read as an action plan."""


def _title_case(text: str) -> str:
    """'THE STRATEGIC PLAN FOR THE CARTAGENA PROTOCOL' -> 'The Strategic Plan for the Cartagena Protocol'.
    Only applied to text written in capitals (a typographic style, not a wording)."""
    words = text.split()
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        if index and lower in SMALL_WORDS:
            out.append(lower)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in lower.split("-")))
    return " ".join(out)


def _uncap(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    return _title_case(text) if letters and capitals / len(letters) > 0.6 else text


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def kind_of(indicator: str) -> tuple[str, str]:
    """(kind, unit) as the indicator's own words state them, or ('', '')."""
    for pattern, kind, unit in KIND_WORDING:
        if pattern.search(indicator):
            return kind, unit
    return "", ""


def _items(cell: list[str], *, headings: bool) -> list[dict]:
    paragraphs = [line.strip() for line in cell if line.strip()]
    bulleted = any(BULLET.match(p) for p in paragraphs)
    items, heading = [], ""
    for paragraph in paragraphs:
        is_bullet = bool(BULLET.match(paragraph))
        text = _clean(BULLET.sub("", paragraph))
        if not text:
            continue
        if headings and bulleted and not is_bullet:
            heading = text
            continue
        items.append({"text": text, "heading": heading})
    return items


def _objective(number: int, lines: list[str], problems: list[str]) -> dict:
    """Read one objective from its lines (after the 'Operational objective n' line)."""
    objective = {"number": number, "short_title": "", "statement": "", "outcomes": [], "indicators": [],
                 "results": [], "activities": [], "missing": []}
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines) and not lines[index].startswith("\t"):
        heading = _clean(lines[index])
        if ":" in heading:
            short, _, statement = heading.partition(":")
            objective["short_title"], objective["statement"] = short.strip(), statement.strip()
        else:
            objective["statement"] = heading
            objective["missing"].append("short_title")
        index += 1
    else:
        objective["missing"] += ["short_title", "statement"]
    cells: list[list[str]] = []
    for line in lines[index:]:
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif cells:
            cells[-1].append(line)
    header = []
    while cells and _clean(" ".join(cells[0])).lower() in COLUMNS and len(header) < 4:
        header.append(COLUMNS[_clean(" ".join(cells.pop(0))).lower()])
    if not header:
        problems.append(f"objective {number}: no table with Outcomes, Indicators, Results/Outputs and Activities")
        objective["missing"] += ["outcomes", "indicators", "results", "activities"]
        return objective
    if len(cells) != len(header):
        problems.append(
            f"objective {number}: the table has {len(header)} columns but {len(cells)} cells; the cells were not read"
        )
        objective["missing"] += header
        return objective
    for column, cell in zip(header, cells, strict=True):
        items = _items(cell, headings=column == "activities")
        if column == "outcomes":
            objective["outcomes"] = [i["text"] for i in items]
        elif column == "indicators":
            for item in items:
                kind, unit = kind_of(item["text"])
                objective["indicators"].append({
                    "text": item["text"], "kind": kind, "unit": unit,
                    "missing": (["kind"] if not kind else []) + ["baseline", "targets"],
                })
        elif column == "results":
            for item in items:
                numbered = RESULT_NUMBER.match(item["text"])
                if numbered:
                    objective["results"].append({"number": numbered.group(1), "text": numbered.group(2).strip()})
                else:
                    objective["results"].append({"number": None, "text": item["text"]})
        else:
            objective["activities"] = [{"heading": i["heading"] or None, "text": i["text"]} for i in items]
    for name in ("outcomes", "indicators", "results", "activities"):
        if not objective[name]:
            objective["missing"].append(name)
    return objective


def _period(body: str) -> tuple[int | None, int | None]:
    flat = re.sub(r"\b(i\.e|e\.g)\.", lambda m: m.group(1).replace(".", ""), _clean(body), flags=re.IGNORECASE)
    timeframe = re.search(r"time\s*frame[^.]{0,200}?\bup to (\d{4})", flat, re.IGNORECASE)
    if not timeframe:
        return None, None
    end = int(timeframe.group(1))
    same = re.search(r"time\s*frame[^.]{0,200}?same as that of the Strategic Plan", flat, re.IGNORECASE)
    span = re.search(r"Strategic Plan[^.]{0,80}?for the period (\d{4})\s*[-\u2013]\s*(\d{4})", flat, re.IGNORECASE)
    if same and span and int(span.group(2)) == end:
        return int(span.group(1)), end
    return None, end


def parse_action_plan(text: str) -> dict | None:
    """The action plan annexed to a report, or None when no annex holds one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start = None
    for index, line in enumerate(lines):
        if ANNEX.match(line.strip()):
            following = [x for x in lines[index + 1:index + 4] if x.strip()]
            if following and PLAN_TITLE.search(following[0]):
                start = index
                break
    if start is None:
        return None
    body = "\n".join(lines[:start])
    annex_label = _clean(lines[start])
    index = start + 1
    while not lines[index].strip():
        index += 1
    title = _uncap(_clean(lines[index]))
    index += 1
    aligned_with = ""
    missing: list[str] = []
    problems: list[str] = []
    while index < len(lines) and not lines[index].strip():
        index += 1
    aligned = ALIGNED.match(lines[index].strip()) if index < len(lines) else None
    if aligned:
        aligned_with = _uncap(_clean(aligned.group(1)))
        index += 1
    else:
        missing.append("aligned_with")
    objectives: list[dict] = []
    current: tuple[int, list[str]] | None = None
    for line in lines[index:]:
        header = OBJECTIVE.match(line.strip())
        if header:
            if current:
                objectives.append(_objective(current[0], current[1], problems))
            current = (int(header.group(1)), [])
        elif ANNEX.match(line.strip()) and current:
            break
        elif current:
            current[1].append(line)
    if current:
        objectives.append(_objective(current[0], current[1], problems))
    if not objectives:
        raise PlanParseError(f"{annex_label} names an action plan but no operational objective was found in it.")
    numbers = [o["number"] for o in objectives]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"objectives are numbered {numbers}, not 1 to {len(numbers)}")
    period_start, period_end = _period(body)
    if period_start is None:
        missing.append("period_start")
    if period_end is None:
        missing.append("period_end")
    missing += ["baselines", "targets"]
    return {
        "annex": annex_label,
        "title": title,
        "aligned_with": aligned_with,
        "period_start": period_start,
        "period_end": period_end,
        "objectives": objectives,
        "missing": missing,
        "problems": problems,
    }

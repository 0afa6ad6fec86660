"""Read a meeting report written as text and propose the meeting record. Pure Python: no Django.

The parser reads what UN-style reports of liaison groups say in their introduction and first items:
ordinal and group, dates, city and country, participant counts, the countries and organizations
represented, the Chair and Rapporteur, the adopted agenda, and the numbered paragraphs with the
agenda item each stands under. A field the text does not state is left empty and named in
``missing``: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache

from num2words import num2words

from liaison.actionplan.parsing import PlanParseError, parse_action_plan
from liaison.core import countries as country_names
from liaison.core.extract import ExtractError
from liaison.core.messages import gettext_noop

MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"],
        start=1,
    )
}
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
DASH = r"\s*(?:-|\u2013|\u2014|to|until|and)\s*"
HONORIFIC = r"(?:Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Prof\.?|Professor|Ambassador|H\.E\.)"
NAME_WORD = r"[A-Z\u00C0-\u024F][\w\u00C0-\u024F'\-]*"


class ReportParseError(ExtractError):
    """The text cannot be read as a meeting report at all (an ExtractError, like a file that cannot be read)."""


@dataclass
class Officer:
    name: str
    honorific: str = ""
    country: str = ""  # as written
    iso3: str | None = None


@dataclass
class Paragraph:
    number: int
    text: str
    agenda_item: str | None  # "3.1", "4", or None for the introduction


@dataclass
class ParsedReport:
    ordinal: int | None = None
    group_name: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    city: str | None = None
    country: str | None = None  # the UN name when it resolves ("Czechia"), else as written
    country_as_written: str | None = None
    country_iso3: str | None = None
    participants: int | None = None
    governments: int | None = None
    organizations: int | None = None
    institutions: int | None = None
    countries: list[str] = field(default_factory=list)  # as written
    country_codes: list[str | None] = field(default_factory=list)  # ISO alpha-3 or None, in the same order
    organization_names: list[str] = field(default_factory=list)
    chair: Officer | None = None
    rapporteur: Officer | None = None
    agenda: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    action_plan: dict | None = None  # an annexed action plan, as liaison.actionplan.parsing reads it
    missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("start_date", "end_date"):
            data[key] = data[key].isoformat() if data[key] else None
        data["agenda"] = [{"number": n, "title": t} for n, t in self.agenda]
        return data


# --- numbers written as words ------------------------------------------------------------------
@cache
def _ordinals() -> dict[str, int]:
    table = {}
    for n in range(1, 101):
        table[num2words(n, to="ordinal")] = n
        table[num2words(n, to="ordinal_num")] = n  # 9th
    return table


@cache
def _cardinals() -> dict[str, int]:
    return {num2words(n): n for n in range(1, 1001)}


NUMBER = r"(\d+|[a-z]+(?:[- ][a-z]+)?\s*\(\d+\)|[a-z]+(?:-[a-z]+)?)"


def _number(text: str) -> int | None:
    """'21', 'Sixteen (16)', 'eighteen', 'twenty-two' -> int."""
    text = text.strip().lower()
    bracket = re.search(r"\((\d+)\)", text)
    if bracket:
        return int(bracket.group(1))
    if text.isdigit():
        return int(text)
    return _cardinals().get(text)


# --- the parts of a report ---------------------------------------------------------------------
def _clean(text: str) -> str:
    # NUL characters (left by some PDF and Word writers) carry no text, and no database stores them.
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u2011", "-")
    return re.sub(r"[ \t]+", " ", text)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _ordinal_and_group(head: str, report: ParsedReport) -> None:
    """From 'The ninth meeting of the X was held', else the first 'ninth meeting of the X' line."""
    words = "|".join(sorted((re.escape(w) for w in _ordinals()), key=len, reverse=True))
    named = rf"\b({words})\s+meeting\s+of\s+the\s+([^\n.,;]+?)"
    match = re.search(rf"{named}(?=[ \t]+(?:was|were|met|took|held|convened)\b)", head, re.IGNORECASE) or re.search(
        rf"{named}[ \t]*(?=[.,;\n]|$)", head, re.IGNORECASE
    )
    if match:
        report.ordinal = _ordinals()[match.group(1).lower()]
        name = match.group(2).strip()
        report.group_name = name[:1].upper() + name[1:]
        return
    match = re.search(rf"\b({words})\s+meeting\b", head, re.IGNORECASE)
    if match:
        report.ordinal = _ordinals()[match.group(1).lower()]


def _month(name: str) -> int:
    return MONTHS[name.lower()]


def _dates(text: str) -> tuple[date, date] | None:
    patterns = [
        # 31 December 2012 to 1 January 2013
        (rf"(\d{{1,2}})\s+{MONTH}\s+(\d{{4}}){DASH}(\d{{1,2}})\s+{MONTH}\s+(\d{{4}})",
         lambda m: (date(int(m[3]), _month(m[2]), int(m[1])), date(int(m[6]), _month(m[5]), int(m[4])))),
        # 30 March to 2 April 2012
        (rf"(\d{{1,2}})\s+{MONTH}{DASH}(\d{{1,2}})\s+{MONTH},?\s+(\d{{4}})",
         lambda m: (date(int(m[5]), _month(m[2]), int(m[1])), date(int(m[5]), _month(m[4]), int(m[3])))),
        # 15 to 16 March 2012, 20-21 January 2006, 14 - 16 March 2016
        (rf"(\d{{1,2}}){DASH}(\d{{1,2}})\s+{MONTH},?\s+(\d{{4}})",
         lambda m: (date(int(m[4]), _month(m[3]), int(m[1])), date(int(m[4]), _month(m[3]), int(m[2])))),
        # March 15-16, 2012
        (rf"{MONTH}\s+(\d{{1,2}}){DASH}(\d{{1,2}}),?\s+(\d{{4}})",
         lambda m: (date(int(m[4]), _month(m[1]), int(m[2])), date(int(m[4]), _month(m[1]), int(m[3])))),
        # on 15 March 2012
        (rf"(\d{{1,2}})\s+{MONTH},?\s+(\d{{4}})",
         lambda m: (date(int(m[3]), _month(m[2]), int(m[1])),) * 2),
    ]
    found = []
    for pattern, build in patterns:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            try:
                found.append((match.start(), build(match)))
            except ValueError:  # 31 February
                continue
            break
    if not found:
        return None
    # The earliest mention wins; at one position the longer (earlier-listed) pattern wins.
    return min(found, key=lambda item: item[0])[1]


PLACE = r"([A-Z\u00C0-\u024F][\w\u00C0-\u024F'\-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+)?[A-Z\u00C0-\u024F][\w\u00C0-\u024F'\-]*)*)"


def _place(text: str, report: ParsedReport) -> None:
    for match in re.finditer(rf"\bin\s+{PLACE}(?:,\s*{PLACE})?", text):
        first, second = match.group(1), match.group(2)
        if first in {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}:
            continue
        code = country_names.resolve(second) if second else None
        if code:
            report.city, report.country_as_written, report.country_iso3 = first, second, code
            report.country = country_names.display_name(code)
            return
        if country_names.resolve(first):
            continue  # "in Norway": a country but no city; keep looking
        report.city = first
        return


def _attendance(text: str, report: ParsedReport) -> None:
    sentence = next((s for s in re.split(r"(?<=\.)\s+", text) if re.search(r"\bparticipants?\b", s, re.IGNORECASE)), "")
    if not sentence:
        return
    sentence = _flat(sentence)
    counts = {
        "participants": r"participants?",
        "governments": r"(?:governments|countries|Parties|States)",
        "organizations": r"organi[sz]ations",
        "institutions": r"institutions",
    }
    for key, noun in counts.items():
        match = re.search(rf"{NUMBER}\s+{noun}\b", sentence, re.IGNORECASE)
        if match:
            setattr(report, key, _number(match.group(1)))


def _split_list(text: str) -> list[str]:
    """'A, B (b, c), C and the D' -> ['A', 'B (b, c)', 'C', 'D'] (commas inside brackets kept)."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char in ",;" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    items = [re.sub(r"^(?:and\s+)?(?:the\s+)?", "", item.strip(), flags=re.IGNORECASE).strip(" .") for item in items]
    items = [item for item in items if item]
    if items:
        last = items.pop()
        parts = re.split(r"\s+and\s+(?:the\s+)?(?=[A-Z\u00C0-\u024F])", last)
        items.extend(parts if len(parts) == 2 else [last])
    return items


def _represented(text: str, what: str) -> list[str] | None:
    match = re.search(rf"The\s+{what}\s+represented\s+were\s*:?\s*(.+?)\.\s*(?:\n|$)", text, re.IGNORECASE | re.DOTALL)
    return _split_list(_flat(match.group(1))) if match else None


def _countries_list(text: str, report: ParsedReport) -> None:
    listed = _represented(text, "countries")
    if listed is None:
        return
    resolved = []
    for name in listed:
        code = country_names.resolve(name)
        if code is None and " and " in name:  # "Belize and Bolivia" that _split_list kept whole
            parts = name.split(" and ")
            if all(country_names.resolve(p) for p in parts):
                resolved.extend((p, country_names.resolve(p)) for p in parts)
                continue
        resolved.append((name, code))
    report.countries = [name for name, _ in resolved]
    report.country_codes = [code for _, code in resolved]


def _officers(text: str, report: ParsedReport) -> None:
    flat = _flat(text)
    person = rf"(?:({HONORIFIC})\s+)?({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})\s*\(([^)]+)\)"
    office = r"(Chair(?:person|man|woman)?|Rapporteur)"
    patterns = [
        rf"{person},?\s+(?:to\s+serve\s+as|as|was\s+elected(?:\s+as|\s+to\s+serve\s+as)?|served\s+as)\s+(?:its\s+|the\s+)?{office}",
        rf"{office}\s*:\s*{person}",
    ]
    for pattern in patterns:
        for match in re.finditer(pattern, flat):
            groups = match.groups()
            if pattern.startswith(office):
                role, honorific, name, country = groups
            else:
                honorific, name, country, role = groups
            officer = Officer(name=name.strip(), honorific=(honorific or "").strip(), country=country.strip(),
                              iso3=country_names.resolve(country))
            if role.lower().startswith("chair") and report.chair is None:
                report.chair = officer
            elif role.lower().startswith("rapporteur") and report.rapporteur is None:
                report.rapporteur = officer


AGENDA_LINE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})?)\.?\s*(.*)$")


def _agenda(lines: list[str], report: ParsedReport) -> tuple[int, int] | None:
    """The adopted agenda: returns the span of lines it took, so paragraphs skip it."""
    start = next(
        (i for i, line in enumerate(lines) if re.search(r"adopted\s+the\s+following\s+agenda|agenda\s+as\s+adopted", line, re.IGNORECASE)),
        None,
    )
    if start is None:
        return None
    intro = re.match(r"^(\d{1,3})\.\s", lines[start])
    next_paragraph = int(intro.group(1)) + 1 if intro else None
    items: list[tuple[str, str]] = []
    i = start + 1
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        if re.match(r"^(ITEM\s+\d|Annex\b)", line, re.IGNORECASE):
            i -= 1
            break
        match = AGENDA_LINE.match(line)
        if not match:
            if items and not items[-1][1]:
                items[-1] = (items[-1][0], line)  # title on the line after its number
                continue
            i -= 1
            break
        number, title = match.group(1), match.group(2).strip()
        sentence_like = len(title) > 160 or re.match(r"^(The|In|At|Under|After)\b", title)
        if next_paragraph is not None and "." not in number and int(number) == next_paragraph and sentence_like:
            i -= 1
            break
        items.append((number, title))
    cleaned = []
    for number, title in items:
        title = re.sub(r"(?:;\s*and|;|:|\.)\s*$", "", title).strip()
        if title:
            cleaned.append((number, title))
    report.agenda = cleaned
    return (start + 1, i)


def _paragraphs(lines: list[str], skip: tuple[int, int] | None, report: ParsedReport) -> None:
    expected = 1
    item: str | None = None
    sub_items = {n for n, _ in report.agenda if "." in n}
    current: Paragraph | None = None
    for index, raw in enumerate(lines):
        if skip and skip[0] <= index < skip[1]:
            continue
        line = raw.strip()
        if not line:
            continue
        if re.match(r"^Annex\b", line, re.IGNORECASE):
            break
        heading = re.match(r"^ITEM\s+(\d{1,2})\.?\s*(.*)$", line, re.IGNORECASE)
        if heading:
            item, current = heading.group(1), None
            continue
        sub = re.match(r"^(\d{1,2}\.\d{1,2})\.?(?:\s+(.*))?$", line)
        if sub and item and sub.group(1).split(".")[0] == item.split(".")[0] and (sub.group(1) in sub_items or not sub_items):
            item, current = sub.group(1), None
            continue
        numbered = re.match(r"^(\d{1,3})\.\s+(\S.*)$", line)
        if numbered and int(numbered.group(1)) == expected:
            current = Paragraph(number=expected, text=numbered.group(2).strip(), agenda_item=item)
            report.paragraphs.append(current)
            expected += 1
            continue
        if current is not None and not line.isupper():
            current.text = f"{current.text}\n{line}"
    for paragraph in report.paragraphs:
        paragraph.text = paragraph.text.strip()


HELD = r"(?:was\s+held|were\s+held|met|took\s+place|was\s+convened|convened)"
ABBREVIATION = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|para|paras)|\b[A-Z])$")


def _sentence_at(flat: str, position: int) -> str:
    """The sentence of ``flat`` (whitespace folded) that starts at or contains ``position``."""
    start = position
    while start > 0:
        stop = flat.rfind(". ", 0, start)
        if stop < 0:
            start = 0
            break
        if ABBREVIATION.search(flat[:stop]):
            start = stop
            continue
        start = stop + 2
        break
    end = position
    while True:
        stop = re.compile(r"\.(?=\s|$)").search(flat, end)
        if stop is None:
            return flat[start:].strip()
        if ABBREVIATION.search(flat[: stop.start()]):
            end = stop.end()
            continue
        return flat[start : stop.end()].strip()


def _meeting_statements(flat: str) -> list[tuple[int, re.Match]]:
    """Every 'the ninth meeting of the X was held …' statement: (ordinal, match)."""
    words = "|".join(sorted((re.escape(w) for w in _ordinals()), key=len, reverse=True))
    pattern = rf"\b({words})\s+meeting\s+of\s+the\s+[^.]{{0,200}}?\b{HELD}\b"
    return [(_ordinals()[m.group(1).lower()], m) for m in re.finditer(pattern, flat, re.IGNORECASE)]


FIELD = re.compile(r"^[ \t]*(Event|Meeting|Date and Venue|Dates? and [Pp]lace|Dates?|Venue|Place)[ \t]*:[ \t]*(\S.*)$", re.MULTILINE)


def _fields(head: str) -> dict[str, str]:
    """Labelled lines of an information note ('Date and Venue: 28-29 August 2012, Stockholm, Sweden')."""
    found: dict[str, str] = {}
    for match in FIELD.finditer(head):
        found.setdefault(match.group(1).lower(), match.group(2).strip())
    return found


def _place_field(value: str, report: ParsedReport) -> None:
    """'Stockholm, Sweden' (what is left of a venue field once its dates are taken out)."""
    parts = [part.strip(" .") for part in value.split(",") if part.strip(" .")]
    if not parts:
        return
    code = country_names.resolve(parts[-1])
    if code:
        report.country_as_written, report.country_iso3 = parts[-1], code
        report.country = country_names.display_name(code)
        if len(parts) > 1:
            report.city = parts[-2]
    elif len(parts) == 1 and re.fullmatch(PLACE, parts[0]):
        report.city = parts[0]


def _from_fields(fields: dict[str, str], report: ParsedReport) -> bool:
    """Dates, place and meeting from an information note's labelled fields; True if any was there."""
    both = next((fields[k] for k in ("date and venue", "dates and place", "date and place") if k in fields), None)
    when = both or fields.get("dates") or fields.get("date")
    where = both or fields.get("venue") or fields.get("place")
    if when is None and where is None:
        return False
    dates = _dates(when) if when else None
    if dates:
        report.start_date, report.end_date = dates
    if where:
        _place_field(_strip_dates(where) if both else where, report)
    event = fields.get("event") or fields.get("meeting")
    if event:
        named = re.sub(r"\s+meeting\s*$", "", event, flags=re.IGNORECASE).strip()
        ordinal = re.match(r"^(?:the\s+)?(\w+)\s+meeting\s+of\s+the\s+(.+)$", named, re.IGNORECASE)
        if ordinal and ordinal.group(1).lower() in _ordinals():
            report.ordinal = _ordinals()[ordinal.group(1).lower()]
            named = ordinal.group(2)
        report.group_name = named[:1].upper() + named[1:] if named else None
    return True


def _strip_dates(text: str) -> str:
    """'28-29 August 2012, Stockholm, Sweden' -> 'Stockholm, Sweden'."""
    day = r"\d{1,2}"
    text = re.sub(rf"(?:{day}\s+{MONTH}\s+\d{{4}}|{day}\s+{MONTH}|{day}|{MONTH}\s+{day})?"
                  rf"(?:{DASH})?{day}\s+{MONTH},?\s+\d{{4}}", "", text, flags=re.IGNORECASE)
    text = re.sub(rf"{MONTH}\s+{day}(?:{DASH}{day})?,?\s+\d{{4}}", "", text, flags=re.IGNORECASE)
    return text.strip(" ,;")




def parse(text: str) -> ParsedReport:
    """Read a report; raises ReportParseError when the text is not the report of one meeting.

    Where the meeting was held and when is read only from the sentence that says so ("The ninth
    meeting of … was held from 15 to 16 March 2012 in Prague, Czech Republic") or from the labelled
    fields of an information note ("Date and Venue: …"); a document that describes several meetings
    (a group's page listing its history) or none (terms of reference, a note) is refused.
    """
    raw, text = text, _clean(text)
    if not text.strip():
        raise ReportParseError(gettext_noop("The document contains no text."))
    report = ParsedReport()
    lines = text.split("\n")
    head = _flat(text[:6000])
    from_fields = _from_fields(_fields(text[:3000]), report)
    statements = _meeting_statements(head)
    if not from_fields:
        held = sorted({ordinal for ordinal, _ in statements})
        if len(held) > 1:
            raise ReportParseError(
                gettext_noop("No meeting report found: the document describes %(count)d meetings (%(ordinals)s); "
                             "import each meeting's own report."),
                count=len(held), ordinals=", ".join(str(n) for n in held[:5]) + (", …" if len(held) > 5 else ""),
            )
        _ordinal_and_group(text[:6000], report)
        if statements:
            statement = _sentence_at(head, statements[0][1].start())
            verb = re.search(rf"\b{HELD}\b", statement, re.IGNORECASE)
            said = statement[verb.end():] if verb else statement
            dates = _dates(said)
            if dates:
                report.start_date, report.end_date = dates
            _place(said, report)
        elif report.ordinal is None:
            raise ReportParseError(gettext_noop(
                "No meeting report found: the document names no meeting that was held "
                "(a report says, for example, 'The ninth meeting of the Liaison Group was held …')."
            ))
    _attendance(head, report)
    _countries_list(text, report)
    report.organization_names = _represented(text, r"organi[sz]ations") or []
    _officers(text, report)
    span = _agenda(lines, report)
    _paragraphs(lines, span, report)
    try:
        report.action_plan = parse_action_plan(raw)  # table cells start with a tab: read before cleaning
    except PlanParseError as error:
        report.action_plan = {"problems": [str(error)], "objectives": []}

    for name in ("ordinal", "group_name", "start_date", "end_date", "city", "country", "participants",
                 "governments", "organizations", "chair", "rapporteur"):
        if getattr(report, name) in (None, ""):
            report.missing.append(name)
    for name in ("countries", "organization_names", "agenda", "paragraphs"):
        if not getattr(report, name):
            report.missing.append(name)
    return report

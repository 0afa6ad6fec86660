"""Right to left by logical CSS (issue 14, item 4): the site's stylesheet, the <style> of the PDFs'
templates and any style attribute say inline-start/end, never left/right, so that <html dir="rtl">
mirrors every page and document. A physical side coming back fails here with its file and rule."""

import re
from pathlib import Path

import liaison

ROOT = Path(liaison.__file__).parent
STYLESHEET = ROOT / "core" / "static" / "core" / "liaison.css"

# Sides named by a property: margin-left, padding-right, border-left-color, scroll-margin-right, …
PHYSICAL_PROPERTY = re.compile(r"^(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)(?:-[a-z]+)?"
                               r"|border-(?:top|bottom)-(?:left|right)-radius|left|right)$")
# Sides named by a value: text-align: left, float: right, clear: left, background-position: right …
PHYSICAL_VALUE = re.compile(r"\b(?:left|right)\b")
# Shorthands whose four values go top, right, bottom, left: different right and left values are a side.
FOUR_SIDES = {"margin", "padding", "inset", "border-width", "border-style", "border-color", "scroll-margin", "scroll-padding"}
# Nothing needs a physical side today. An entry would be (file name, property, value) with a comment saying why.
ALLOWED: set[tuple[str, str, str]] = set()


def _values(value: str) -> list[str]:
    """A value's space-separated parts, keeping clamp(1rem, 4vw, 3rem) and var(--x, 0 1px) whole."""
    parts, depth, current = [], 0, ""
    for char in value.strip():
        depth += (char == "(") - (char == ")")
        if char.isspace() and depth == 0:
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    return parts + ([current] if current else [])


def declarations(css: str):
    """(property, value) of every declaration in a stylesheet (comments and template tags left out)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\{%.*?%\}|\{#.*?#\}", "", css, flags=re.S)
    for block in re.findall(r"\{([^{}]*)\}", css):  # the innermost blocks: rules' bodies, not @media's
        yield from _split(block)


def _split(body: str):
    for declaration in body.split(";"):
        if ":" in declaration:
            name, value = declaration.split(":", 1)
            yield name.strip().lower(), value.strip().lower()


def physical(css: str, source: str = "", attribute: bool = False) -> list[str]:
    """The declarations of a stylesheet (or of a style attribute's text) that name a physical side."""
    found = []
    for name, value in _split(css) if attribute else declarations(css):
        value = value.replace("!important", "").strip()
        sides = _values(value)
        if (
            PHYSICAL_PROPERTY.match(name)
            or PHYSICAL_VALUE.search(value)
            or (name in FOUR_SIDES and len(sides) == 4 and sides[1] != sides[3])
        ) and (Path(source).name, name, value) not in ALLOWED:
            found.append(f"{name}: {value}")
    return found


def templates():
    return sorted(path for path in ROOT.glob("**/templates/**/*") if path.is_file() and path.suffix in {".html", ".css", ".txt", ".svg"})


def test_the_checker_finds_each_kind_of_physical_side():
    assert physical(".a { margin-left: 1rem; padding: 0 1rem 0 0 } .b { text-align:right } .c { float: left; right: 0 }") == [
        "margin-left: 1rem", "padding: 0 1rem 0 0", "text-align: right", "float: left", "right: 0",
    ]
    assert physical("@media (max-width: 48rem) { .a { border-right-color: red; padding: .5rem clamp(1rem, 4vw, 3rem) } }") == [
        "border-right-color: red",
    ]
    assert physical("color: red; margin-right: 2px", attribute=True) == ["margin-right: 2px"]
    assert physical(".a { margin-inline-start: 1rem; padding: .25rem 0 .25rem 0; text-align: start; inset-inline-start: 0 }") == []


def test_the_stylesheet_uses_logical_sides_only():
    assert physical(STYLESHEET.read_text(), str(STYLESHEET)) == []


def test_templates_use_logical_sides_only():
    """The <style> of every template (the PDFs'), the CSS files among templates, and every style
    attribute (the Content-Security-Policy refuses them on pages, but a PDF or an e-mail could have one)."""
    found, styled = {}, set()
    for path in templates():
        text = path.read_text()
        sheets = re.findall(r"<style[^>]*>(.*?)</style>", text, flags=re.S | re.I) + ([text] if path.suffix == ".css" else [])
        attributes = [a or b for a, b in re.findall(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", text, flags=re.I)]
        sides = [s for css in sheets for s in physical(css, str(path))] + [s for a in attributes for s in physical(a, str(path), attribute=True)]
        styled |= {path.name} if sheets else set()
        if sides:
            found[str(path.relative_to(ROOT))] = sides
    assert {"report_document.html", "letter.html", "consolidated_print.html", "print_fonts.css"} <= styled  # the PDFs' styles are read
    assert found == {}

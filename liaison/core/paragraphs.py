"""Paragraphs of a document's extracted text, for commenting paragraph by paragraph. Pure Python.

Text taken out of a PDF comes as the page's lines: one paragraph is wrapped over several lines. A
paragraph is rebuilt from what the layout shows, never from the words: it ends at a blank line (the
space between paragraphs, kept by a layout-preserving extraction), or before a line that opens with a
paragraph number or a bullet ("12. ", "(a) ", "• "). Only when the text has no blank line at all does
a line that ends a sentence and stops short of the text's measure (its longest lines) end a
paragraph, as a paragraph's last line does. A line ending in a hyphen is joined to the next without a
space, the hyphen kept ("capacity-" + "building").
"""

from __future__ import annotations

import re

OPENS = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?\s|\([a-z0-9ivx]{1,5}\)\s|[•\u2022\u25aa\-\u2013]\s)")
ENDS_SENTENCE = re.compile(r"[.:;!?\u201d\"')\]]$")
SHORT = 0.8  # a last line stops short of this share of the measure


def _measure(lines: list[str]) -> int:
    """The text's measure: the length most full lines reach (the 90th percentile of lengths)."""
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _join(current: str, line: str) -> str:
    if re.search(r"[A-Za-z\u00C0-\u024F]-$", current) and line[:1].islower():
        return current + line
    return f"{current} {line}"


def paragraphs(text: str, *, wrapped: bool) -> list[str]:
    """``wrapped``: the lines are a layout's lines (PDF); otherwise each non-empty line is a paragraph
    (plain text and Word documents keep one paragraph per line)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not wrapped:
        return [line for line in lines if line]
    measure = _measure(lines)
    spaced = any(not line for line in lines[1:-1])  # the layout shows the space between paragraphs
    found: list[str] = []
    current = ""
    previous = ""
    for line in lines:
        if not line:
            if current:
                found.append(current)
            current = previous = ""
            continue
        ends_before = not spaced and previous and ENDS_SENTENCE.search(previous) and len(previous) < SHORT * measure
        if current and (OPENS.match(line) or ends_before):
            found.append(current)
            current = ""
        current = _join(current, line) if current else line
        previous = line
    if current:
        found.append(current)
    return found

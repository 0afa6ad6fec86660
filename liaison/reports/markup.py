"""Markdown in report paragraphs: emphasis, bold, code, links and lists, rendered the same way in the
page, the PDF (both from HTML) and the DOCX (from the same HTML, read into blocks of styled runs).

Safe by construction: raw HTML typed in a paragraph is never passed through (Python-Markdown's HTML
block and inline HTML readers are removed, so ``<script>`` stays the visible text "<script>"), and the
output is cleaned by nh3 to a short list of tags with http(s)/mailto links only. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import nh3

TAGS = {"p", "br", "strong", "em", "code", "a", "ul", "ol", "li"}
ATTRIBUTES = {"a": {"href"}}


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists", "nl2br"], output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks become text
    md.inlinePatterns.deregister("html")  # so do inline tags
    return md


def render(text: str) -> str:
    """The paragraph's Markdown as sanitised HTML; a single paragraph comes without its <p>, so it
    can follow the paragraph number on the same line."""
    html = _converter().convert(text or "")
    html = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow").strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str = ""


@dataclass
class Block:
    """A paragraph of text, or one item of a list (``kind`` "bullet" or "number")."""

    kind: str = "text"
    runs: list[Run] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.lists: list[str] = []
        self.marks = {"strong": 0, "em": 0, "code": 0}
        self.href = ""
        self.current: Block | None = None

    def _block(self) -> Block:
        if self.current is None:
            self.current = Block(kind=self.lists[-1] if self.lists else "text")
            self.blocks.append(self.current)
        return self.current

    def _close(self):
        self.current = None

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._close()
            self.lists.append("bullet" if tag == "ul" else "number")
        elif tag in ("p", "li"):
            self._close()
        elif tag == "br":
            self._block().runs.append(Run("\n"))
        elif tag in self.marks:
            self.marks[tag] += 1
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag in ("p", "li"):
            self._close()
        elif tag in self.marks:
            self.marks[tag] = max(0, self.marks[tag] - 1)
        elif tag == "a":
            self.href = ""

    def handle_data(self, data):
        if not data.strip() and self.current is None:
            return  # the whitespace between blocks
        self._block().runs.append(Run(data, bold=self.marks["strong"] > 0, italic=self.marks["em"] > 0,
                                      code=self.marks["code"] > 0, href=self.href))


def blocks(text: str) -> list[Block]:
    """The paragraph as blocks of runs, for writers that do not take HTML (python-docx)."""
    reader = _Reader()
    reader.feed(render(text))
    reader.close()
    for block in reader.blocks:  # a line break then the markup's own newline: one break
        merged: list[Run] = []
        for run in block.runs:
            if merged and merged[-1].text == "\n" and run.text.startswith("\n"):
                run = Run(run.text[1:], run.bold, run.italic, run.code, run.href)
            if run.text:
                merged.append(run)
        block.runs = merged
    return [b for b in reader.blocks if b.runs]

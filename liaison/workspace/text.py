"""Markdown for members' posts, sanitised so that no script ever reaches a page. Pure Python."""

import markdown
import nh3

TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}}


def render(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def has_script(text: str) -> bool:
    lowered = (text or "").lower()
    return "<script" in lowered or "javascript:" in lowered

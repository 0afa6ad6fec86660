"""Paragraph numbers of a report. Pure Python.

Paragraphs are numbered 1, 2, 3 … through the whole report: the introduction first, then the agenda
items in their order, each item's paragraphs in their order. Numbers are never stored, so moving,
adding or deleting a paragraph can never leave the numbering wrong.
"""

from __future__ import annotations

from typing import Hashable, Sequence


def number(paragraphs: Sequence[tuple[Hashable, Hashable | None, int]], item_order: Sequence[Hashable]) -> dict[Hashable, int]:
    """paragraphs: (paragraph id, agenda item id or None for the introduction, position).
    Returns paragraph id -> number. Paragraphs under an item not in item_order come last."""
    rank = {item: i for i, item in enumerate(item_order)}
    ordered = sorted(
        paragraphs,
        key=lambda p: (-1 if p[1] is None else rank.get(p[1], len(rank)), p[2], str(p[0])),
    )
    return {pid: n for n, (pid, _, _) in enumerate(ordered, start=1)}

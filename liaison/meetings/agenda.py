"""Agenda numbering and the changes made to a provisional agenda at adoption. Pure Python."""

from __future__ import annotations

import re

from liaison.core.messages import gettext_noop

NUMBER = re.compile(r"^\d{1,2}(\.\d{1,2})?$")


def sort_key(number: str) -> tuple[int, ...]:
    """'2.10' after '2.9'."""
    return tuple(int(part) for part in number.split("."))


def check_numbers(numbers: list[str], gettext=lambda message: message) -> list[str]:
    """Problems with a list of item numbers: bad form, duplicates, sub-items without their item;
    each sentence translated by ``gettext`` (Django's, from a service; English by default)."""
    problems = []
    seen = set()
    tops = {n for n in numbers if NUMBER.match(n) and "." not in n}
    for number in numbers:
        if not NUMBER.match(number):
            problems.append(gettext(gettext_noop("“%(number)s” is not an item number such as 2 or 2.1.")) % {"number": number})
        elif number in seen:
            problems.append(gettext(gettext_noop("Item %(number)s appears twice.")) % {"number": number})
        elif "." in number and number.split(".")[0] not in tops:
            problems.append(gettext(gettext_noop("Sub-item %(number)s has no item %(item)s.")) % {"number": number, "item": number.split(".")[0]})
        seen.add(number)
    return problems


def renumber(depths: list[int]) -> list[str]:
    """The numbers of items in their order, from each one's depth (0: item, 1: sub-item of the item
    before it): [0, 0, 1, 1, 0] -> ['1', '2', '2.1', '2.2', '3']. An agenda cannot open with a sub-item."""
    numbers = []
    top = sub = 0
    for depth in depths:
        if depth:
            if not top:
                raise ValueError("An agenda cannot begin with a sub-item.")
            sub += 1
            numbers.append(f"{top}.{sub}")
        else:
            top, sub = top + 1, 0
            numbers.append(str(top))
    return numbers


def blocks(depths: list[int]) -> list[list[int]]:
    """Indexes grouped as each item with its sub-items: [0, 1, 1, 0] -> [[0, 1, 2], [3]]."""
    result: list[list[int]] = []
    for index, depth in enumerate(depths):
        if depth and result:
            result[-1].append(index)
        else:
            result.append([index])
    return result


def moved(depths: list[int], index: int, step: int) -> list[int] | None:
    """The new order (as old indexes) after moving the item at ``index`` one place up (step -1) or
    down (+1): an item moves with its sub-items past the neighbouring item and its sub-items; a
    sub-item moves among the sub-items of its item. None when it is already at that end."""
    order = list(range(len(depths)))
    if depths[index]:
        other = index + step
        if not 0 <= other < len(depths) or not depths[other]:
            return None
        order[index], order[other] = order[other], order[index]
        return order
    groups = blocks(depths)
    at = next(i for i, block in enumerate(groups) if block[0] == index)
    other = at + step
    if not 0 <= other < len(groups):
        return None
    groups[at], groups[other] = groups[other], groups[at]
    return [i for block in groups for i in block]


def changes(issued: list[tuple[str, str]], adopted: list[tuple[str, str]]) -> list[str]:
    """What adoption changed in the provisional agenda, item by item, as sentences. Items are
    matched by title first (an item moved keeps its title and gets another number), then by number
    (an item renamed in place)."""
    before = dict(issued)
    after = dict(adopted)
    left = {number: title for number, title in before.items()}
    by_title = {}
    for number, title in before.items():
        by_title.setdefault(title, number)
    matched = {}  # adopted number -> issued number
    for number, title in after.items():
        if title in by_title and by_title[title] in left:
            matched[number] = by_title.pop(title)
            del left[matched[number]]
    for number in after:
        if number not in matched and number in left:
            matched[number] = number
            del left[number]
    result = []
    for number, title in sorted(after.items(), key=lambda item: sort_key(item[0])):
        if number not in matched:
            result.append(f"Item {number} “{title}” was added.")
            continue
        old = matched[number]
        if old != number:
            result.append(f"Item {old} “{before[old]}” became item {number}.")
        if before[old] != title:
            result.append(f"Item {number} was renamed from “{before[old]}” to “{title}”.")
    for number, title in sorted(left.items(), key=lambda item: sort_key(item[0])):
        result.append(f"Item {number} “{title}” was deleted.")
    return result

"""Agenda numbering and the changes made to a provisional agenda at adoption. Pure Python."""

from __future__ import annotations

import re

NUMBER = re.compile(r"^\d{1,2}(\.\d{1,2})?$")


def sort_key(number: str) -> tuple[int, ...]:
    """'2.10' after '2.9'."""
    return tuple(int(part) for part in number.split("."))


def check_numbers(numbers: list[str]) -> list[str]:
    """Problems with a list of item numbers: bad form, duplicates, sub-items without their item."""
    problems = []
    seen = set()
    tops = {n for n in numbers if NUMBER.match(n) and "." not in n}
    for number in numbers:
        if not NUMBER.match(number):
            problems.append(f"“{number}” is not an item number such as 2 or 2.1.")
        elif number in seen:
            problems.append(f"Item {number} appears twice.")
        elif "." in number and number.split(".")[0] not in tops:
            problems.append(f"Sub-item {number} has no item {number.split('.')[0]}.")
        seen.add(number)
    return problems


def changes(issued: list[tuple[str, str]], adopted: list[tuple[str, str]]) -> list[str]:
    """What adoption changed in the provisional agenda, item by item, as sentences."""
    before = dict(issued)
    after = dict(adopted)
    result = []
    for number, title in sorted(after.items(), key=lambda item: sort_key(item[0])):
        if number not in before:
            result.append(f"Item {number} “{title}” was added.")
        elif before[number] != title:
            result.append(f"Item {number} was renamed from “{before[number]}” to “{title}”.")
    for number, title in sorted(before.items(), key=lambda item: sort_key(item[0])):
        if number not in after:
            result.append(f"Item {number} “{title}” was deleted.")
    return result

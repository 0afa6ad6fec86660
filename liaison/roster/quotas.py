"""Quotas and pools in the format of the sortition examples. Pure Python: no Django.

categories.csv: ``category,feature,min,max`` (one row per value of a category);
pool CSV: one column per category (and optionally an ``id`` column), one row per person.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Quota:
    category: str
    value: str
    min: int
    max: int
    # How the rule is named to people (balance table, reasons, conflicts), e.g. "African Group";
    # the pages give it (roster/forms.py), files do not (then ``category=value``). Not part of the rule.
    name: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        return self.name or f"{self.category}={self.value}"


class QuotaFileError(ValueError):
    pass


# The categories a roster record has quota features for (roster/models.py Expert.quota_features).
CATEGORIES = ("region", "stakeholder", "gender")


def read_quotas(path: str | Path) -> list[Quota]:
    quotas = []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        required = {"category", "feature", "min", "max"}
        if not reader.fieldnames or not required <= set(reader.fieldnames):
            raise QuotaFileError(f"{path}: the header must be category,feature,min,max")
        for line, row in enumerate(reader, start=2):
            try:
                low, high = int(row["min"]), int(row["max"])
            except (TypeError, ValueError):
                raise QuotaFileError(f"{path}, line {line}: min and max must be whole numbers") from None
            if low < 0 or high < low:
                raise QuotaFileError(f"{path}, line {line}: need 0 <= min <= max, got {low} and {high}")
            quotas.append(Quota(row["category"].strip(), row["feature"].strip(), low, high))
    if not quotas:
        raise QuotaFileError(f"{path}: no quotas")
    return quotas


def read_pool(path: str | Path, categories: set[str]) -> tuple[list[str], list[dict[str, str]]]:
    """(ids, features per person). Ids come from an ``id`` column, else the row number."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = categories - set(reader.fieldnames or [])
        if missing:
            raise QuotaFileError(f"{path}: no column for {', '.join(sorted(missing))}")
        ids, people = [], []
        for number, row in enumerate(reader, start=1):
            ids.append(row.get("id") or str(number))
            people.append({category: (row[category] or "").strip() for category in categories})
    if len(set(ids)) != len(ids):
        raise QuotaFileError(f"{path}: ids are not unique")
    return ids, people


TRUE, FALSE = {"1", "yes", "true", "y"}, {"0", "no", "false", "n", ""}


def read_details(path: str | Path) -> dict[str, dict]:
    """The planner's optional columns of a pool CSV, by id: ``country``, ``returning`` (yes/no, true/false,
    1/0 or empty), ``topics`` (separated by ``;``), ``relevance`` (a number). Values that are none of these
    are refused with their line, never guessed."""
    details = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for number, row in enumerate(reader, start=1):
            line = number + 1
            returning = (row.get("returning") or "").strip().lower()
            if returning not in TRUE | FALSE:
                raise QuotaFileError(f"{path}, line {line}: returning must be yes or no, got {row['returning']!r}")
            try:
                relevance = float(row.get("relevance") or 0)
            except ValueError:
                raise QuotaFileError(f"{path}, line {line}: relevance must be a number, got {row['relevance']!r}") from None
            details[row.get("id") or str(number)] = {
                "country": (row.get("country") or "").strip(),
                "returning": returning in TRUE,
                "topics": frozenset(t.strip() for t in (row.get("topics") or "").split(";") if t.strip()),
                "relevance": relevance,
            }
    return details

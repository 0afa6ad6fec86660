"""Quotas and pools in the format of the sortition examples. Pure Python: no Django.

categories.csv: ``category,feature,min,max`` (one row per value of a category);
pool CSV: one column per category (and optionally an ``id`` column), one row per person.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Quota:
    category: str
    value: str
    min: int
    max: int

    @property
    def label(self) -> str:
        return f"{self.category}={self.value}"


class QuotaFileError(ValueError):
    pass


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

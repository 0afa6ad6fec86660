"""Geometry for the small server-rendered SVG bar charts. Pure Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    x: float
    y: float
    width: float
    height: float
    title: str

    @property
    def cx(self) -> float:
        """Centre of the bar, where its labels stand."""
        return self.x + self.width / 2

    @property
    def value_y(self) -> float:
        return self.y - 4


def bars(points: list[tuple[str, int | None, str]], width: int = 640, height: int = 160, gap: float = 0.25) -> list[Bar]:
    """Bars for (label, value, title) points, left to right; a None value draws no bar."""
    if not points:
        return []
    top = max((value for _, value, _ in points if value), default=0) or 1
    slot = width / len(points)
    result = []
    for i, (label, value, title) in enumerate(points):
        h = (value or 0) / top * height
        result.append(
            Bar(label=label, value=value, x=i * slot + slot * gap / 2, y=height - h, width=slot * (1 - gap), height=h, title=title)
        )
    return result

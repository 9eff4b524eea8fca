"""The time axis of a timeline: groups of weeks or months, columns of days, labels."""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from summitry.data.dates import MONTHS

UNITS = ("week", "month")
SHORT_PERIOD_DAYS = 16 * 7
MONTH_GROUPS = (1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600, 1200)


@dataclass(frozen=True, slots=True)
class Axis:
    """Groups of weeks or months, cell columns each; starts: each group's first day, one more."""

    unit: str
    group: int
    starts: tuple[date, ...]
    cell: int

    @property
    def width(self) -> int:
        """The number of columns the axis takes."""
        return (len(self.starts) - 1) * self.cell

    @property
    def step_name(self) -> str:
        """What one group is, in words: 'week', '2-week span', '3-month span', 'year'."""
        unit, count = self.unit, self.group
        if unit == "month" and count % 12 == 0:
            unit, count = "year", count // 12
        return unit if count == 1 else f"{count}-{unit} span"

    @property
    def grid_meaning(self) -> str:
        """What a grid mark stands for: 'start of a week', 'start of each 3-month span'."""
        return f"start of {'a' if ' ' not in self.step_name else 'each'} {self.step_name}"

    def column(self, day: date) -> int:
        """The column of a day; days before or after the axis go to its first or last column."""
        if day < self.starts[0]:
            return 0
        if day >= self.starts[-1]:
            return self.width - 1
        index = bisect_right(self.starts, day) - 1
        begin, end = self.starts[index], self.starts[index + 1]
        share = (day - begin).days / max(1, (end - begin).days)
        return index * self.cell + min(self.cell - 1, int(share * self.cell))

    def group_columns(self) -> list[int]:
        """The first column of every group."""
        return [index * self.cell for index in range(len(self.starts) - 1)]


def build(first: date, last: date, width: int, unit: str | None = None) -> Axis:
    """An axis from first to last (both included) that fits in width columns (at least 1)."""
    width = max(1, width)
    unit = unit or ("week" if (last - first).days < SHORT_PERIOD_DAYS else "month")
    if unit == "week":
        monday = first - timedelta(days=first.weekday())
        weeks = (last - monday).days // 7 + 1
        group = math.ceil(weeks / width)
        count = math.ceil(weeks / group)
        ordinals = (monday.toordinal() + 7 * i * group for i in range(count + 1))
        starts = tuple(date.fromordinal(min(day, date.max.toordinal())) for day in ordinals)
    elif unit == "month":
        first_index, last_index = (day.year * 12 + day.month - 1 for day in (first, last))
        for group in MONTH_GROUPS:
            begin = first_index - first_index % group  # quarters start in Jan, Apr, Jul, Oct
            if (last_index - begin) // group < width:
                break
        else:
            group, begin = math.ceil((last_index - first_index + 1) / width), first_index
        count = (last_index - begin) // group + 1
        starts = tuple(_month_start(begin + i * group) for i in range(count + 1))
    else:
        raise ValueError(f"unknown unit {unit!r}; expected one of {UNITS}")
    return Axis(unit, group, starts, max(1, width // (len(starts) - 1)))


def _month_start(index: int) -> date:
    """The first day of month index (year * 12 + month - 1), clamped to date.min..date.max."""
    if index < 12:
        return date.min
    return date.max if index >= 10000 * 12 else date(index // 12, index % 12 + 1, 1)


def labels(axis: Axis) -> tuple[str, str]:
    """Two rows of labels under the axis; of two labels that would touch, one is left out."""
    fine: list[tuple[int, str]] = []
    coarse: list[tuple[int, str]] = []
    seen = (0, 0)  # the year and month of the group before
    for column, start in zip(axis.group_columns(), axis.starts, strict=False):
        month, year = MONTHS[start.month - 1], str(start.year)
        new_month, new_year = (start.year, start.month) != seen, start.year != seen[0]
        seen = (start.year, start.month)
        if axis.unit == "week" and axis.group == 1 and axis.cell >= 3:
            texts = (str(start.day), f"{month} {year}" if new_month else "")
        elif axis.unit == "week":
            texts = (month if new_month else "", year if new_year else "")
        elif axis.group >= 12:
            texts = (year, "")
        else:
            texts = (month if axis.cell > len(month) else month[0], year if new_year else "")
        for row, text in zip((fine, coarse), texts, strict=True):
            if text:
                row.append((column, text))
    return place(axis.width, fine), place(axis.width, coarse, keep_later=True)


def place(width: int, items: list[tuple[int, str]], *, keep_later: bool = False) -> str:
    """Each text at its column, but any that would run past the width or touch a neighbour."""
    row = [" "] * width
    placed: list[tuple[int, int]] = []
    for column, text in reversed(items) if keep_later else items:
        start, end = column, column + len(text)
        if end > width or any(start <= b and a <= end for a, b in placed):
            continue
        row[start:end] = text
        placed.append((start, end))
    return "".join(row)

"""Column widths from the words in the cells: each column gets the width its words need.

A cell is a list of paragraphs (each on lines of its own), a paragraph a list of tokens:
the words of a title, or whole names ("Kim Jong Un,") that are broken across lines only
when a column cannot be as wide as the longest of them. Widths are worked out in three
steps: every column at its natural width (its longest paragraph on one line) when the
table fits; otherwise each column that may wrap starts at the width of its longest token
(so no name is broken), and the space left goes, a little at a time, where it saves the
most lines; only when even that does not fit are the widest tokens broken. Plain Python:
no Rich, so the widths can be tested on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Cell = list[list[str]]

GAP = 2  # spaces between two columns
LEAST = 6  # no column that wraps is made narrower than this (or its header)
SAMPLE = 1000  # rows looked at to share out the width; a longer table is laid out alike
ROW_WEIGHT = 4  # a line more in a row costs this much more than one in a cell


def wrap(tokens: Sequence[str], width: int) -> list[str]:
    """The tokens on lines of at most width, a space between two tokens on a line; a token
    longer than width is broken at its spaces, and a word longer than width anywhere."""
    width = max(width, 1)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if line and len(line) + 1 + len(token) <= width:
            line += " " + token
            continue
        if line:
            lines.append(line)
            line = ""
        if len(token) <= width:
            line = token
            continue
        for word in token.split(" "):
            if line and len(line) + 1 + len(word) <= width:
                line += " " + word
                continue
            if line:
                lines.append(line)
            while len(word) > width:
                lines.append(word[:width])
                word = word[width:]
            line = word
    if line:
        lines.append(line)
    return lines or [""]


def lines(cell: Cell, width: int) -> list[str]:
    """The cell's paragraphs wrapped to width, one after the other."""
    return [line for paragraph in cell for line in wrap(paragraph, width)]


def names(items: Sequence[str], last: str = "") -> list[str]:
    """Tokens for a list of names that wrap only between names: 'Kim Jong Un,' 'Xi Jinping'
    (last is appended to the final name, e.g. ' \u00b7' before what follows)."""
    return [item + ("," if index < len(items) - 1 else last) for index, item in enumerate(items)]


@dataclass
class Column:
    """A column: its header and its cells, whether it may wrap, and the width below which
    it may not go even to fit (default: LEAST or its header, or its longest token if less)."""

    header: str
    cells: list[Cell]
    wraps: bool = True
    least: int | None = None
    style: str = ""  # the column's style (a Rich style name; fit only carries it)
    lead: str = ""  # the style of each cell's first paragraph; the others are dim
    justify: Literal["left", "right"] = "left"
    _heights: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _tokens: list[int] | None = field(default=None, repr=False)

    @property
    def natural(self) -> int:
        """The width of the longest paragraph (or the header) on one line."""
        return max([len(self.header)] + [len(" ".join(p)) for cell in self.cells for p in cell])

    def tokens(self) -> list[int]:
        """The lengths of the (sampled) tokens, longest first."""
        if self._tokens is None:
            found = [len(t) for cell in self.cells[:SAMPLE] for p in cell for t in p]
            self._tokens = sorted(found, reverse=True)
        return self._tokens

    @property
    def whole(self) -> int:
        """The width of the longest token: the narrowest at which none is broken."""
        return max([len(self.header), 1] + [len(t) for cell in self.cells for p in cell for t in p])

    def broken(self, width: int) -> int:
        """How many (sampled) tokens are longer than width, and so broken."""
        count = 0
        for length in self.tokens():
            if length <= width:
                break
            count += 1
        return count

    def heights(self, width: int) -> list[int]:
        """The number of lines of each (sampled) cell at this width."""
        found = self._heights.get(width)
        if found is None:
            found = [len(lines(cell, width)) for cell in self.cells[:SAMPLE]]
            self._heights[width] = found
        return found


BREAK_COST = 3  # a name broken across lines costs as much as this many lines more
LATER = 0.05  # how much better than the layouts before it a layout must read to be chosen


def score(columns: Sequence[Column], sizes: Sequence[int]) -> int:
    """How a layout reads, lower is better: its lines, plus BREAK_COST for each broken token."""
    heights = [c.heights(w) for c, w in zip(columns, sizes, strict=True)]
    lines_ = sum(max(h[row] for h in heights) for row in range(len(heights[0])))
    broken = sum(c.broken(w) for c, w in zip(columns, sizes, strict=True) if c.wraps)
    return lines_ + BREAK_COST * broken


def widths(columns: Sequence[Column], width: int) -> list[int] | None:
    """The width of each column for a table at most width wide (GAP between columns), or
    None when the columns that do not wrap and the least of the others do not fit."""
    natural = [column.natural for column in columns]
    budget = width - GAP * (len(columns) - 1)
    if sum(natural) <= budget:
        return natural
    flexible = [i for i, column in enumerate(columns) if column.wraps]
    out = list(natural)
    room = budget - sum(natural[i] for i in range(len(columns)) if i not in flexible)
    floors = {i: min(columns[i].whole, natural[i]) for i in flexible}
    least = {}
    for i in flexible:
        given = columns[i].least
        least[i] = min(max(LEAST, len(columns[i].header)) if given is None else given, floors[i])
    if sum(least.values()) > room:
        return None
    # Break tokens only as far as needed: narrow, one character at a time, the column where
    # that breaks the fewest more tokens (the widest of those when it is a tie).
    while sum(floors.values()) > room:
        narrower = [i for i in flexible if floors[i] > least[i]]
        chosen = min(
            narrower,
            key=lambda i: (
                columns[i].broken(floors[i] - 1) - columns[i].broken(floors[i]),
                -floors[i],
            ),
        )
        floors[chosen] -= 1
    for i in flexible:
        out[i] = floors[i]
    _share(columns, flexible, out, room - sum(floors.values()), natural)
    return out


def choose(layouts: Sequence[Sequence[Column]], width: int) -> tuple[list[Column], list[int]]:
    """The layout (a list of columns) that reads best at width, and its column widths; when
    none fits, the last layout with the width left shared by the columns that wrap. Each
    layout's score is raised by LATER for each layout before it: the first (the most
    tabular) is kept unless a later one reads clearly better."""
    best: tuple[float, list[Column], list[int]] | None = None
    for index, columns in enumerate(layouts):
        sizes = widths(columns, width)
        if sizes is not None:
            found = score(columns, sizes) * (1 + LATER * index)
            if best is None or found < best[0]:
                best = (found, list(columns), sizes)
    if best is not None:
        return best[1], best[2]
    columns = list(layouts[-1])
    flexible = [c for c in columns if c.wraps] or columns
    fixed = sum(c.natural for c in columns if c not in flexible)
    each = max((width - fixed - GAP * (len(columns) - 1)) // len(flexible), 1)
    return columns, [each if c in flexible else c.natural for c in columns]


def _share(
    columns: Sequence[Column], flexible: list[int], out: list[int], spare: int, natural: list[int]
) -> None:
    """Give the spare width, step by step, to the column whose next step saves most lines per
    character, until nothing more is saved or nothing is left."""

    def cost(i: int, width: int) -> int:
        # Lines of the table with column i at width: rows weigh more than cells.
        per_column = [columns[j].heights(width if j == i else out[j]) for j in flexible]
        rows = zip(*per_column, strict=True)
        return sum(ROW_WEIGHT * max(row) + sum(row) for row in rows)

    while spare > 0:
        best: tuple[float, int, int] | None = None
        now = cost(flexible[0], out[flexible[0]])
        for i in flexible:
            here = sum(columns[i].heights(out[i]))
            for step in range(1, min(spare, natural[i] - out[i]) + 1):
                if sum(columns[i].heights(out[i] + step)) < here:
                    saved = (now - cost(i, out[i] + step)) / step
                    if saved > 0 and (best is None or saved > best[0]):
                        best = (saved, i, step)
                    break
        if best is None:
            return
        _, i, step = best
        out[i] += step
        spare -= step

"""The timeline chart: a lane per actor, a mark in each lane where the actor takes part."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from summitry.present import axis as axes
from summitry.present.rows import Result
from summitry.present.tables import plain

GRID_MARK = "\u00b7"  # ·
TICK = "\u252c"  # ┬
RULE = "\u2500"  # ─
# Each mark, its style and meaning; where several events fall in a column, the first that is there.
LANE_MARKS = {
    "summit": ("\u25c6", "bold red", "leaders' summit"),  # ◆
    "event": ("\u2022", "cyan", "other event"),  # •
    "planned": ("\u25cb", "yellow", "planned, not known to have taken place"),  # ○
    "cancelled": ("\u00d7", "yellow", "cancelled"),  # multiplication sign
    "window": ("\u2591", "yellow", "one day somewhere in this stretch (a window)"),  # light shade
}
MIN_NAME = 6
MAX_NAME = 24


def timeline(result: Result, width: int) -> Group:
    """Lanes of marks over a time axis over the result's period, with its legend and caption."""
    assert result.period is not None
    lanes, caption = result.rows, result.caption
    counts = [str(len(lane.events)) for lane in lanes]
    count_width = max(map(len, counts), default=1)
    names = [plain(lane.name, style="bold") for lane in lanes]
    longest = max((name.cell_len for name in names), default=MIN_NAME)
    name_width = max(MIN_NAME, min(longest, MAX_NAME, width // 4))
    label_width = name_width + 1 + count_width + 1
    axis = axes.build(*result.period, width - label_width, result.unit)
    grid = set(axis.group_columns())
    rows: list[RenderableType] = []
    shared = 0
    drawn: set[str] = set()
    for lane, row, count in zip(lanes, names, counts, strict=True):
        marks: dict[int, list[str]] = {}
        for start, end, kind, status, window in lane.events:
            held = "summit" if kind == "summit" else "event"
            mark = "window" if window else held if status == "held" else status
            for column in range(axis.column(start), axis.column(end if window else start) + 1):
                marks.setdefault(column, []).append(mark)
        shared += sum(1 for hits in marks.values() if len(hits) > 1)
        row.truncate(name_width, overflow="ellipsis", pad=True)
        row.append(" " + count.rjust(count_width) + " ", style="dim")
        for column in range(axis.width):
            if (hits := marks.get(column)) is None:
                row.append(GRID_MARK if column in grid else " ", style="dim")
            else:
                shown = next(name for name in LANE_MARKS if name in hits)
                drawn.add(shown)
                row.append(*LANE_MARKS[shown][:2])
        rows.append(row)
    pad = " " * label_width
    rule = "".join(TICK if column in grid else RULE for column in range(axis.width))
    fine, coarse = axes.labels(axis)
    rows += [Text(pad + rule, style="dim"), Text(pad + fine)]
    if coarse.strip():
        rows.append(Text(pad + coarse))
    rows.append(_legend(axis.grid_meaning, drawn, width))
    if shared:
        many = f"{shared} marks stand" if shared > 1 else "1 mark stands"
        caption += f"; {many} for more than one event (a shorter period spreads them out)"
    if caption:
        rows.append(plain(caption.lstrip("; "), style="dim"))
    return Group(*rows)


def _legend(grid: str, drawn: set[str], width: int) -> Text:
    """What the marks drawn, the grid and the counts mean, on as many lines as width needs."""
    items = [LANE_MARKS[name] for name in LANE_MARKS if name in drawn]
    items += [(GRID_MARK, "dim", grid), ("n", "dim", "the actor's events")]
    legend = Text()
    for mark, style, meaning in items:
        if line := legend.plain.rpartition("\n")[2]:
            legend.append("\n" if len(line) + 3 + len(mark) + len(meaning) > width else "  ")
        legend.append(mark, style=style).append(" " + meaning)
    return legend

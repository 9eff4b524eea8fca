"""Rich tables and panels for the terminal, and their one-line-per-row form for pipes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from summitry.data.dates import date_in_words, parse_edtf
from summitry.data.schema import KINDS
from summitry.present.ical import citation
from summitry.present.rows import (
    HINDSIGHT_MARK,
    EventRow,
    PairRow,
    period_label,
    period_section,
    where,
)
from summitry.present.rows import STATUS_MARKS as MARKS
from summitry.present.safe import visible

if TYPE_CHECKING:
    from rich.console import JustifyMethod

    from summitry.present.rows import Result

BAR = "\u2588"
BAR_WIDTH = 30
STATUS_STYLE = "yellow"
NARROW = 80
STACKED = 40  # below this width a table is written as 'Header: value' lines
GAP = 2  # between two columns
TITLE = 20  # the least width of a column of titles


class ByWidth:
    """A renderable that is built for the width it is drawn at (the terminal, or an export)."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def plain(text: str, style: str = "") -> Text:
    """Data as Rich Text: never read as markup or emoji, control characters made visible."""
    return Text(visible(text), style=style, overflow="fold")


class Names:
    """Names on as few lines as fit, broken between names, and inside one only when it is
    wider than the column."""

    def __init__(self, items: Iterable[str], style: str = "") -> None:
        self.items = [visible(item) for item in items if item]
        self.style = style

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widths = [cell_len(item) for item in self.items]
        return Measurement(max(widths, default=0), sum(widths) + len(widths) - 1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = [""]
        for item in self.items:
            if lines[-1] and cell_len(lines[-1]) + 1 + cell_len(item) > options.max_width:
                lines.append("")
            lines[-1] += (" " if lines[-1] else "") + item
        yield Text("\n".join(lines), style=self.style, overflow="fold")


def commas(names: Sequence[str], last: str = "") -> list[str]:
    """The names with a comma after each but the last, which gets last."""
    return [name + ("," if i < len(names) - 1 else last) for i, name in enumerate(names)]


Cell = Text | str


def _text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else plain(cell)


class Column(NamedTuple):
    """A column: its header, its cells, whether its words may go on several lines, and the
    width it is given at least (when it wraps)."""

    header: str
    cells: Sequence[RenderableType]
    wraps: bool = True
    min_width: int = 0
    style: str = ""
    justify: JustifyMethod = "left"


def _table(caption: str = "", title: str | None = None) -> Table:
    return Table(
        title=Text(title) if title else None,
        caption=plain(caption) if caption else None,
        caption_justify="left",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )


def _fitted(
    forms: Sequence[Sequence[Column]], width: int, row_styles: Sequence[str] = ()
) -> Table | None:
    """The first form (a list of columns) that fits width with no word or name broken, as a
    table; None when none fits. Each column gets its natural width when all fit; else each
    column that wraps starts at its longest word, the columns that lack least are completed
    while the width lasts, and the rest goes to the one that lacks most (the title)."""
    console = Console(width=max(width, 1))
    for columns in forms:
        sizes, natural = [], []
        for column in columns:
            found = [Measurement.get(console, console.options, c) for c in column.cells]
            header = cell_len(column.header)
            natural.append(max([header, *(m.maximum for m in found)]))
            fewest = max([header, column.min_width, *(m.minimum for m in found)])
            sizes.append(min(fewest, natural[-1]) if column.wraps else natural[-1])
        room = width - GAP * (len(columns) - 1)
        if sum(sizes) > room:
            continue
        spare = room - sum(sizes)
        order = sorted(range(len(columns)), key=lambda i: natural[i] - sizes[i])
        for i in order:
            lacking = natural[i] - sizes[i]
            if i == order[-1] or lacking > spare:
                sizes[order[-1]] += min(spare, natural[order[-1]] - sizes[order[-1]])
                break
            sizes[i], spare = natural[i], spare - lacking
        table = _table()
        for column, size in zip(columns, sizes, strict=True):
            table.add_column(
                column.header,
                width=size,
                style=column.style,
                justify=column.justify,
                no_wrap=not column.wraps,
                overflow="fold",
            )
        for index, cells in enumerate(zip(*(c.cells for c in columns), strict=True)):
            style = row_styles[index] if row_styles else None
            table.add_row(*cells, style=style or None)
        return table
    return None


def stacked(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    caption: str = "",
    title: str | None = None,
) -> Group:
    """A table as 'Header: value' lines, a blank line between rows; nothing is cut."""
    lines: list[RenderableType] = []
    if title:
        lines.append(Text(title, style="bold", overflow="fold"))
    for index, row in enumerate(rows):
        if index or title:
            lines.append(Text(""))
        for header, cell in zip(headers, row, strict=True):
            value = _text(cell)
            if not value.plain:
                continue
            line = Text(f"{header}: " if header else "", style="bold", overflow="fold")
            line.append_text(value)
            lines.append(line)
    if caption:
        lines.append(Text(""))
        lines.append(plain(caption, style="dim"))
    return Group(*lines)


def _drawn(
    forms: Sequence[Sequence[Column]],
    stack: Iterable[Sequence[Cell]],
    caption: str,
    width: int,
    row_styles: Sequence[str] = (),
    title: str | None = None,
) -> RenderableType:
    """The first form that fits, with the title above and the caption below; else the rows
    of stack as 'Header: value' lines (under the first form's headers)."""
    table = _fitted(forms, width, row_styles) if width >= STACKED else None
    if table is None:
        return stacked([c.header for c in forms[0]], stack, caption, title)
    parts: list[RenderableType] = [plain(title, style="italic")] if title else []
    parts.append(table)
    if caption:
        parts += [Text(""), plain(caption, style="dim")]
    return Group(*parts)


def _joined(*groups: Sequence[str]) -> list[str]:
    """The names of the groups that have any, with commas, and ' \u00b7' between groups."""
    parts = [commas(group) for group in groups if any(group)]
    parts = [[*p[:-1], p[-1] + " \u00b7"] for p in parts[:-1]] + parts[-1:]
    return [item for part in parts for item in part]


def title(event: EventRow, excerpt: str | None = None) -> Text:
    """The title, after '(planned)' or '(cancelled)' when not held and a dagger when written
    with later sources; under it, dim, the words of the summary where a searched text was found."""
    cell = plain(event.title)
    if event.hindsight:
        cell = Text.assemble(HINDSIGHT_MARK, " ", cell, overflow="fold")
    mark = MARKS.get(event.status)
    if mark is not None:
        cell = Text.assemble((mark, STATUS_STYLE), " ", cell, overflow="fold")
    if excerpt:
        cell.append("\nsummary: " + visible(excerpt), style="dim")
    return cell


def events(result: Result) -> RenderableType:
    """Date, kind, title, actors, place and id, a row per event, summits in bold; where those
    columns do not fit, kind, actors, place and id go under the title."""
    return ByWidth(lambda width: _events(result, width))


def _events(result: Result, width: int) -> RenderableType:
    shown: Sequence[EventRow] = result.rows
    ids = [result.short_ids[e.id] for e in shown]
    titles = [title(e, result.excerpts.get(e.id)) for e in shown]
    places = [where(e.place, e.country) for e in shown]
    date = Column("Date", [e.when for e in shown], wraps=False, style="cyan")
    events_ = [
        Group(t, Names(_joined([e.kind], e.actors, p.split(", ")), "dim"), Text(i, style="dim"))
        for e, t, p, i in zip(shown, titles, places, ids, strict=True)
    ]
    forms = [
        [
            date,
            Column("Kind", [e.kind for e in shown], wraps=False, style="magenta"),
            Column("Title", titles, min_width=TITLE),
            Column("Actors", [Names(commas(e.actors)) for e in shown]),
            Column("Place", [Names(commas(p.split(", "))) for p in places]),
            Column("Id", ids, wraps=False),
        ],
        [date, Column("Event", events_)],
    ]
    stack = [
        (e.when, e.kind, t, ", ".join(e.actors), p, i)
        for e, t, p, i in zip(shown, titles, places, ids, strict=True)
    ]
    styles = ["bold" if e.kind == "summit" else "" for e in shown]
    return _drawn(forms, stack, result.caption, width, styles)


def actors(result: Result) -> RenderableType:
    """Name, role, country, number of events, first and last appearance; where those
    columns do not fit, role and country go under the name."""
    return ByWidth(lambda width: _actors(result, width))


def _actors(result: Result, width: int) -> RenderableType:
    stats = result.rows
    first = [result.whens.get(s.first_event or "", "") for s in stats]
    last = [result.whens.get(s.last_event or "", "") for s in stats]
    about = [", ".join(v for v in (s.role, s.country) if v) for s in stats]
    tail = [
        Column("Events", [str(s.events) for s in stats], wraps=False, justify="right"),
        Column("First", first, wraps=False),
        Column("Last", last, wraps=False),
    ]
    forms = [
        [
            Column("Name", [plain(s.name, "bold") for s in stats]),
            Column("Role", [plain(s.role) for s in stats]),
            Column("Country", [plain(s.country or "") for s in stats]),
            *tail,
        ],
        [
            Column(
                "Name",
                [
                    Text.assemble(plain(s.name, "bold"), "\n", plain(a, "dim"))
                    for s, a in zip(stats, about, strict=True)
                ],
            ),
            *tail,
        ],
    ]
    stack = [
        (s.name, s.role, s.country or "", str(s.events), f, la)
        for s, f, la in zip(stats, first, last, strict=True)
    ]
    return _drawn(forms, stack, result.caption, width)


def event_detail(result: Result) -> RenderableType:
    """One event in full, in a panel: date and precision, status in words, kind, place,
    actors, summary, sources. Below STACKED columns, the same as plain lines."""
    return ByWidth(lambda width: _event_detail(result, width))


def _event_detail(result: Result, width: int) -> RenderableType:
    event: EventRow = result.rows[0]
    rows: list[tuple[str, Cell]] = [
        ("Date", date_in_words(parse_edtf(event.date), event.approximate))
    ]
    rows.append(
        ("Status", plain(result.status, style="" if event.status == "held" else STATUS_STYLE))
    )
    if event.note:
        rows.append(("Note", event.note))
    rows.append(("Kind", f"{event.kind}: {KINDS[event.kind]}"))
    place = where(event.place, event.country)
    if place:
        rows.append(("Place", place))
    actors = Text(overflow="fold")
    for index, (actor_id, name) in enumerate(zip(event.actor_ids, event.actors, strict=True)):
        if index:
            actors.append("\n")
        actors.append(visible(name), style="bold")
        actors.append(", " + visible(result.roles[actor_id]))
    rows.append(("Actors", actors))
    rows.append(("Summary", event.summary))
    for index, source in enumerate(event.sources):
        rows.append(("Sources" if index == 0 else "", citation(source)))
    rows.append(("Id", event.id))
    heading = plain(
        f"{HINDSIGHT_MARK} {event.title}" if event.hindsight else event.title, style="bold"
    )
    if width < STACKED:
        return Group(heading, stacked([label for label, _ in rows], [[cell for _, cell in rows]]))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, cell in rows:
        grid.add_row(label, _text(cell))
    from rich.panel import Panel

    # A title too long for the top border would be cut: it goes inside the panel instead.
    if heading.cell_len + 6 > width:
        return Panel(Group(heading, grid), box=box.ROUNDED)
    return Panel(grid, title=heading, title_align="left", box=box.ROUNDED)


MATRIX_CELL = 9
MIN_MATRIX = 3


def who_met_whom(result: Result) -> RenderableType:
    """A matrix of the top actors' shared events when it fits the width, else a list of pairs.

    Each cell of the matrix holds the pair's count and the months of their first and last
    shared event; the list has every pair, also those of actors outside the top.
    """
    return ByWidth(lambda width: _who_met_whom(result, width))


def _who_met_whom(result: Result, width: int) -> RenderableType:
    everyone, caption = result.ranked, result.caption
    chosen = everyone[: result.top]
    name_width = max((plain(name).cell_len for _, name in chosen), default=0)
    needed = name_width + 1 + (len(chosen) - 1) * (MATRIX_CELL + 1)
    if result.as_list or len(chosen) < MIN_MATRIX or needed > width:
        return _pairs(result.rows, result.whens, caption, None, width)
    if len(chosen) < len(everyone):
        caption += (
            f"; the {len(chosen)} of {len(everyone)} actors with most shared events "
            "(--top N for more, --list for every pair)"
        )
    found = {frozenset((p.actor_id, p.other_id)): p for p in result.rows}
    table = _table()
    table.show_lines = True
    table.add_column("", style="bold", no_wrap=True)
    for _, name in chosen[:-1]:
        table.add_column(plain(name), justify="left", width=MATRIX_CELL, header_style="bold")
    for row, (actor_id, name) in enumerate(chosen[1:], start=1):
        cells: list[RenderableType] = [plain(name)]
        for other_id, _ in chosen[:row]:
            cells.append(_pair_cell(found.get(frozenset((actor_id, other_id)))))
        table.add_row(*cells)
    # The caption goes under the table at full width: the matrix can be much narrower.
    return Group(table, Text(""), plain(caption, style="dim"))


def _month(day: str) -> str:
    return period_label(parse_edtf(day).start.isoformat()[:7])


def _pair_cell(p: PairRow | None) -> Text:
    if p is None:
        return Text("\u00b7", style="dim")
    cell = Text(str(p.events), style="bold cyan")
    first, last = _month(p.first), _month(p.last)
    cell.append("\n" + first, style="dim")
    if last != first:
        cell.append("\n" + last, style="dim")
    return cell


def _pairs(
    pair_list: Sequence[PairRow], whens: dict[str, str], caption: str, title: str | None, width: int
) -> RenderableType:
    """Pairs of actors, how many events they shared, and the first and last date (one above
    the other where side by side they do not fit)."""
    first = [whens[p.first_event] for p in pair_list]
    last = [whens[p.last_event] for p in pair_list]
    head = [
        Column("Actor", [Names([p.actor], "bold") for p in pair_list]),
        Column("With", [Names([p.other], "bold") for p in pair_list]),
        Column("Events", [str(p.events) for p in pair_list], wraps=False, justify="right"),
    ]
    both = [f"{f} to\n{la}" for f, la in zip(first, last, strict=True)]
    forms = [
        [*head, Column("First", first, wraps=False), Column("Last", last, wraps=False)],
        [*head, Column("First, last", both, wraps=False)],
    ]
    stack = [
        (p.actor, p.other, str(p.events), f, la)
        for p, f, la in zip(pair_list, first, last, strict=True)
    ]
    return _drawn(forms, stack, caption, width, title=title)


def _cells(*values: object) -> str:
    """One line of tab-separated values, each on one line."""
    return "\t".join(" ".join(visible(str(v)).split()) for v in values) + "\n"


def lines(result: Result) -> str | None:
    """A list-like result as one tab-separated line per row, starting with the row's id (for
    a pair, both ids), for a pipe; None for a result that is not a list."""
    whens = result.whens
    if result.kind == "events":
        return "".join(
            _cells(
                e.id, e.when, e.kind, title(e).plain, ", ".join(e.actors), where(e.place, e.country)
            )
            for e in result.rows
        )
    if result.kind == "actors":
        return "".join(
            _cells(
                s.id,
                s.name,
                s.role,
                s.country or "",
                s.events,
                whens.get(s.first_event or "", ""),
                whens.get(s.last_event or "", ""),
            )
            for s in result.rows
        )
    if result.kind == "pairs" and result.as_list:
        return "".join(
            _cells(
                p.actor_id,
                p.other_id,
                p.actor,
                p.other,
                p.events,
                whens[p.first_event],
                whens[p.last_event],
            )
            for p in result.rows
        )
    return None


def summary(result: Result) -> RenderableType:
    """Overview, counts by kind, busiest actors, a bar chart of events per month, summit pairs.

    Below STACKED columns, each part as plain lines.
    """
    return ByWidth(lambda width: _summary(result, width))


def _summary(result: Result, width: int) -> RenderableType:
    s, caption = result.rows[0], result.caption
    parts: list[RenderableType] = [Text(result.overview, style="bold")]
    counts = [p["events"] for p in s.per_period]
    peak = max(counts, default=0)
    months = [
        (
            period_label(p["period"]),
            str(n),
            BAR * (round(n * BAR_WIDTH / peak) if peak > BAR_WIDTH else n),
        )
        for p, n in zip(s.per_period, counts, strict=True)
    ]
    monthly = any(period_section(p["period"]) == "month" for p in s.per_period)
    per = "Events per month" if monthly else "Events per year"
    kind_rows = [(kind, str(n)) for kind, n in s.kinds.items()]
    actor_rows = [(plain(a["name"]), str(a["events"])) for a in s.top_actors]
    if width < STACKED:
        parts.append(stacked(("Kind", "Events"), kind_rows, title="By kind"))
        parts.append(stacked(("Actor", "Events"), actor_rows, title="Most frequent actors"))
        parts.append(stacked(("Period", "Events", ""), months, title=per))
    else:
        kinds = _table(title="By kind")
        kinds.add_column("Kind", style="magenta")
        kinds.add_column("Events", justify="right")
        for kind_row in kind_rows:
            kinds.add_row(*kind_row)
        top = _table(title="Most frequent actors")
        top.add_column("Actor", style="bold")
        top.add_column("Events", justify="right")
        for actor_row in actor_rows:
            top.add_row(*actor_row)
        if width < NARROW:
            parts += [Text(""), kinds, Text(""), top, Text("")]
        else:
            side_by_side = Table.grid(padding=(0, 4))
            side_by_side.add_row(kinds, top)
            parts += [Text(""), side_by_side, Text("")]
        periods = _table(title=per)
        periods.add_column("Period", no_wrap=True)
        periods.add_column("Events", justify="right")
        periods.add_column("", no_wrap=True, style="cyan")
        for month_row in months:
            periods.add_row(*month_row)
        parts.append(periods)
    if s.summit_pairs:
        parts += [
            Text(""),
            _pairs(s.summit_pairs, result.whens, "", "Leaders' summits by pair", width),
        ]
    if caption:
        parts += [Text(""), plain(caption, style="dim")]
    return Group(*parts)


DRAW = {
    "events": events,
    "event": event_detail,
    "actors": actors,
    "pairs": who_met_whom,
    "summary": summary,
}

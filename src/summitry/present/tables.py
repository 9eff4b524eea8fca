"""Rich tables and panels for the terminal, and their one-line-per-row form for pipes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from msgspec import structs
from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summitry.data.dates import date_in_words, parse_edtf
from summitry.data.schema import KINDS
from summitry.present import rows
from summitry.present.rows import STATUS_MARKS as MARKS
from summitry.present.rows import Column, Result
from summitry.present.safe import visible

BAR = "\u2588"
BAR_WIDTH = 30
STATUS_STYLE = "yellow"
NARROW = 80
STACKED = 40  # below this width a table is written as 'Header: value' lines
GAP = 2  # between two columns
TITLE = 20  # the least width of a column of titles
MATRIX_CELL = 9
MIN_MATRIX = 3

Cell = Text | str
Forms = Sequence[Sequence[Column]]  # a table's columns, then a narrower form of them


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
    """Names on as few lines as fit, broken between names where it can."""

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


def commas(names: Sequence[str]) -> list[str]:
    """The names with a comma after each but the last."""
    return [name + ("," if i < len(names) - 1 else "") for i, name in enumerate(names)]


def _text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else plain(cell)


def _unstyled(cell: RenderableType) -> Text:
    """A cell as Text for the stacked form and pipes: names joined, the cell's style dropped."""
    if isinstance(cell, Names):
        return plain(" ".join(cell.items))
    assert isinstance(cell, (Text, str))
    copy = _text(cell).copy()
    copy.style = ""
    return copy


def _table(
    columns: Sequence[Column], fit: Sequence[int] = (), title: str = "", styles: Sequence[str] = ()
) -> Table:
    """The columns as a table; a column given a width in fit has it, and folds what is longer."""
    table = Table(
        title=Text(title) if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    for column, size in zip(columns, fit or [0] * len(columns), strict=True):
        table.add_column(
            column.header,
            width=size or None,
            style=column.style,
            justify=column.justify,
            no_wrap=not column.wraps,
            overflow="fold" if size else "ellipsis",
        )
    for index, cells in enumerate(zip(*(c.cells for c in columns), strict=True)):
        table.add_row(*cells, style=styles[index] if styles else None)
    return table


def _fitted(forms: Forms, width: int, row_styles: Sequence[str] = ()) -> Table | None:
    """The first form that fits width with no word broken, the spare width shared; or None."""
    console = Console(width=max(width, 1), markup=False, emoji=False, highlight=False)
    for columns in forms:
        sizes, natural = [], []
        for column in columns:
            found = [Measurement.get(console, console.options, c) for c in column.cells]
            header = cell_len(column.header)
            natural.append(max([header, *(m.maximum for m in found)]))
            fewest = max([header, column.min_width, *(m.minimum for m in found)])
            sizes.append(min(fewest, natural[-1]) if column.wraps else natural[-1])
        spare = width - GAP * (len(columns) - 1) - sum(sizes)
        if spare < 0:
            continue
        order = sorted(range(len(columns)), key=lambda i: natural[i] - sizes[i])
        for i in order[:-1]:
            if natural[i] - sizes[i] > spare:
                break
            sizes[i], spare = natural[i], spare - (natural[i] - sizes[i])
        sizes[order[-1]] += min(spare, natural[order[-1]] - sizes[order[-1]])
        return _table(columns, sizes, styles=row_styles)
    return None


def stacked(columns: Sequence[Column], caption: str = "", title: str | None = None) -> Group:
    """Columns as 'Header: value' lines, a blank line between rows; nothing is cut."""
    lines: list[RenderableType] = [Text(title, style="bold", overflow="fold")] if title else []
    for index, row in enumerate(zip(*(column.cells for column in columns), strict=True)):
        if index or title:
            lines.append(Text(""))
        for column, cell in zip(columns, row, strict=True):
            value = _text(cell)
            if value.plain:
                header = f"{column.header}: " if column.header else ""
                lines.append(Text(header, style="bold", overflow="fold").append_text(value))
    if caption:
        lines += [Text(""), plain(caption, style="dim")]
    return Group(*lines)


def _drawn(
    forms: Forms, caption: str, width: int, row_styles: Sequence[str] = (), title: str = ""
) -> RenderableType:
    """The first form that fits, with title and caption; else the first form stacked."""
    table = _fitted(forms, width, row_styles) if width >= STACKED else None
    if table is None:
        unstyled = [structs.replace(c, cells=list(map(_unstyled, c.cells))) for c in forms[0]]
        return stacked(unstyled, caption, title)
    parts: list[RenderableType] = [plain(title, style="italic"), table] if title else [table]
    if caption:
        parts += [Text(""), plain(caption, style="dim")]
    return Group(*parts)


def _joined(*groups: Sequence[str]) -> list[str]:
    """The names of the groups that have any, with commas, and ' \u00b7' between groups."""
    parts = [commas(group) for group in groups if any(group)]
    parts = [[*p[:-1], p[-1] + " \u00b7"] for p in parts[:-1]] + parts[-1:]
    return [item for part in parts for item in part]


def title(event: rows.EventRow, excerpt: str | None = None) -> Text:
    """The title after its status and hindsight marks, and under it the excerpt found."""
    cell = plain(event.title)
    if event.hindsight:
        cell = Text.assemble(rows.HINDSIGHT_MARK, " ", cell, overflow="fold")
    if (mark := MARKS.get(event.status)) is not None:
        cell = Text.assemble((mark, STATUS_STYLE), " ", cell, overflow="fold")
    if excerpt:
        cell.append("\nsummary: " + visible(excerpt), style="dim")
    return cell


def _event_forms(result: Result) -> list[list[Column]]:
    """Date, kind, title, actors, place and id; else kind, actors, place and id under the title."""
    shown: Sequence[rows.EventRow] = result.rows
    ids = [result.short_ids[e.id] for e in shown]
    titles = [title(e, result.excerpts.get(e.id)) for e in shown]
    places = [rows.where(e.place, e.country).split(", ") for e in shown]
    date = Column("Date", [e.when for e in shown], wraps=False, style="cyan")
    events_ = [
        Group(t, Names(_joined([e.kind], e.actors, p), "dim"), Text(i, style="dim"))
        for e, t, p, i in zip(shown, titles, places, ids, strict=True)
    ]
    return [
        [
            date,
            Column("Kind", [e.kind for e in shown], wraps=False, style="magenta"),
            Column("Title", titles, min_width=TITLE),
            Column("Actors", [Names(commas(e.actors)) for e in shown]),
            Column("Place", [Names(commas(p)) for p in places]),
            Column("Id", ids, wraps=False),
        ],
        [date, Column("Event", events_)],
    ]


def _events(result: Result, width: int) -> RenderableType:
    """A row per event, summits in bold."""
    styles = ["bold" if e.kind == "summit" else "" for e in result.rows]
    return _drawn(_event_forms(result), result.caption, width, styles)


def _actor_forms(result: Result) -> list[list[Column]]:
    """Name, role, country, events, first and last; else role and country under the name."""
    name, role, country, *tail = rows.actor_columns(result.rows, result.whens)
    name_about = [
        Text.assemble(plain(n, "bold"), "\n", plain(", ".join(filter(None, (r, c))), "dim"))
        for n, r, c in zip(name.cells, role.cells, country.cells, strict=True)
    ]
    styled = zip((name, role, country), ("bold", "", ""), strict=True)
    head = [structs.replace(c, cells=[plain(x, style) for x in c.cells]) for c, style in styled]
    return [[*head, *tail], [Column("Name", name_about), *tail]]


def _event_detail(result: Result, width: int) -> RenderableType:
    """One event in full, in a panel (below STACKED columns, as plain lines)."""
    event: rows.EventRow = result.rows[0]
    actors = Text("\n", overflow="fold").join(
        Text.assemble((visible(name), "bold"), ", " + visible(result.roles[actor_id]))
        for actor_id, name in zip(event.actor_ids, event.actors, strict=True)
    )
    found: list[tuple[str, Cell | None]] = [
        ("Date", date_in_words(parse_edtf(event.date), event.approximate)),
        ("Status", plain(result.status, style="" if event.status == "held" else STATUS_STYLE)),
        ("Note", event.note or None),
        ("Kind", f"{event.kind}: {KINDS[event.kind]}"),
        ("Place", rows.where(event.place, event.country) or None),
        ("Actors", actors),
        ("Summary", event.summary),
        *(("" if i else "Sources", rows.citation(s)) for i, s in enumerate(event.sources)),
        ("Id", event.id),
    ]
    given = [(label, cell) for label, cell in found if cell is not None]
    mark = f"{rows.HINDSIGHT_MARK} " if event.hindsight else ""
    heading = plain(mark + event.title, style="bold")
    if width < STACKED:
        return Group(heading, stacked([Column(label, [cell]) for label, cell in given]))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, cell in given:
        grid.add_row(label, _text(cell))
    if heading.cell_len + 6 > width:
        return Panel(Group(heading, grid), box=box.ROUNDED)
    return Panel(grid, title=heading, title_align="left", box=box.ROUNDED)


def _who_met_whom(result: Result, width: int) -> RenderableType:
    """A matrix of the top actors' shared events when it fits the width, else a list."""
    everyone, caption = result.ranked, result.caption
    chosen = everyone[: result.top]
    name_width = max((plain(name).cell_len for _, name in chosen), default=0)
    needed = name_width + 1 + (len(chosen) - 1) * (MATRIX_CELL + 1)
    if result.as_list or len(chosen) < MIN_MATRIX or needed > width:
        return _drawn(_pair_forms(result.rows, result.whens), caption, width)
    if len(chosen) < len(everyone):
        caption += (
            f"; the {len(chosen)} of {len(everyone)} actors with most shared events "
            "(--top N for more, --list for every pair)"
        )
    found = {frozenset((p.actor_id, p.other_id)): p for p in result.rows}
    table = _table([])
    table.show_lines = True
    table.add_column("", style="bold", no_wrap=True)
    for _, name in chosen[:-1]:
        table.add_column(plain(name), justify="left", width=MATRIX_CELL, header_style="bold")
    for row, (actor_id, name) in enumerate(chosen[1:], start=1):
        shared = [found.get(frozenset((actor_id, other_id))) for other_id, _ in chosen[:row]]
        table.add_row(plain(name), *map(_pair_cell, shared))
    return Group(table, Text(""), plain(caption, style="dim"))


def _pair_cell(p: rows.PairRow | None) -> Text:
    if p is None:
        return Text("\u00b7", style="dim")
    first, last = (
        rows.period_label(parse_edtf(day).start.isoformat()[:7]) for day in (p.first, p.last)
    )
    months = first if last == first else f"{first}\n{last}"
    return Text.assemble((str(p.events), "bold cyan"), ("\n" + months, "dim"))


def _pair_forms(pairs: Sequence[rows.PairRow], whens: dict[str, str]) -> list[list[Column]]:
    """Actor, with, events, first and last; else first and last one above the other."""
    actor, other, events, first, last = rows.pair_columns(pairs, whens)
    head = [structs.replace(c, cells=[Names([n], "bold") for n in c.cells]) for c in (actor, other)]
    head.append(events)
    both = [f"{f} to\n{la}" for f, la in zip(first.cells, last.cells, strict=True)]
    return [[*head, first, last], [*head, Column("First, last", both, wraps=False)]]


def lines(result: Result) -> str | None:
    """A list as one tab-separated line per row, after its ids, for a pipe; else None."""
    if result.kind == "events":
        ids = [[e.id] for e in result.rows]
        forms = _event_forms(structs.replace(result, excerpts={}))
    elif result.kind == "actors":
        ids, forms = [[s.id] for s in result.rows], _actor_forms(result)
    elif result.kind == "pairs" and result.as_list:
        ids = [[p.actor_id, p.other_id] for p in result.rows]
        forms = _pair_forms(result.rows, result.whens)
    else:
        return None
    columns = [[_unstyled(c).plain for c in col.cells] for col in forms[0] if col.header != "Id"]
    return "".join(
        "\t".join(" ".join(visible(value).split()) for value in (*row_ids, *cells)) + "\n"
        for row_ids, *cells in zip(ids, *columns, strict=True)
    )


def _counted(
    title: str, names: Column, counts: Iterable[int], width: int, *more: Column
) -> RenderableType:
    """A titled table of names, their counts of events and any more columns (stacked if narrow)."""
    columns = [names, Column("Events", [str(n) for n in counts], justify="right"), *more]
    return stacked(columns, title=title) if width < STACKED else _table(columns, title=title)


def _summary(result: Result, width: int) -> RenderableType:
    """Overview, counts by kind, busiest actors, a bar chart of events per period, summit pairs."""
    s = result.rows[0]
    counts = [p["events"] for p in s.per_period]
    peak = max(counts, default=0)
    bars = [BAR * (round(n * BAR_WIDTH / peak) if peak > BAR_WIDTH else n) for n in counts]
    monthly = any(rows.period_section(p["period"]) == "month" for p in s.per_period)
    kind = Column("Kind", list(s.kinds), style="magenta")
    kinds = _counted("By kind", kind, s.kinds.values(), width)
    actor = Column("Actor", [plain(a["name"]) for a in s.top_actors], style="bold")
    top = _counted("Most frequent actors", actor, [a["events"] for a in s.top_actors], width)
    period = Column("Period", [rows.period_label(p["period"]) for p in s.per_period], wraps=False)
    heading = "Events per month" if monthly else "Events per year"
    periods = _counted(heading, period, counts, width, Column("", bars, wraps=False, style="cyan"))
    parts: list[RenderableType] = [Text(result.overview, style="bold")]
    if width < STACKED:
        parts += [kinds, top, periods]
    elif width < NARROW:
        parts += [Text(""), kinds, Text(""), top, Text(""), periods]
    else:
        side_by_side = Table.grid(padding=(0, 4))
        side_by_side.add_row(kinds, top)
        parts += [Text(""), side_by_side, Text(""), periods]
    if s.summit_pairs:
        pairs = _pair_forms(s.summit_pairs, result.whens)
        parts += [Text(""), _drawn(pairs, "", width, title="Leaders' summits by pair")]
    if result.caption:
        parts += [Text(""), plain(result.caption, style="dim")]
    return Group(*parts)


DRAW: dict[str, Callable[[Result, int], RenderableType]] = {
    "events": _events,
    "event": _event_detail,
    "actors": lambda result, width: _drawn(_actor_forms(result), result.caption, width),
    "pairs": _who_met_whom,
    "summary": _summary,
}

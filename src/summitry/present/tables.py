"""Rich tables and panels for the terminal; the only module of the library that imports Rich."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from summitry.data.dates import date_in_words, parse_edtf
from summitry.data.schema import KINDS
from summitry.present.ical import citation
from summitry.present.rows import STATUS_MARKS as MARKS
from summitry.present.rows import EventRow, PairRow, period_label, where
from summitry.present.safe import visible

if TYPE_CHECKING:
    from summitry.present.formats import Result

BAR = "\u2588"
BAR_WIDTH = 30
STATUS_STYLE = "yellow"
NARROW = 80
# Below these widths a table cannot show every value in columns: it becomes plain lines.
STACKED = 40
PAIRS_STACKED = 56


class ByWidth:
    """A renderable that is built for the width it is drawn at (the terminal, or an export)."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def plain(text: str, style: str = "") -> Text:
    """Data as Rich Text: never read as markup or emoji, control characters made visible."""
    return Text(visible(text), style=style, overflow="fold")


Cell = Text | str


def _text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else plain(cell)


def stacked(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    caption: str = "",
    title: str | None = None,
) -> Group:
    """A table as plain lines, for any width: each row a block of 'Header: value' lines.

    Long values wrap and long words fold, so nothing is cut at a width of even 1 column.
    """
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


def title(event: EventRow) -> Text:
    """The event's title, after '(planned)' or '(cancelled)' when it is not held."""
    mark = MARKS.get(event.status)
    cell = plain(event.title)
    if mark is not None:
        cell = Text.assemble((mark, STATUS_STYLE), " ", cell, overflow="fold")
    return cell


def _table(caption: str = "", title: str | None = None, *, expand: bool = False) -> Table:
    return Table(
        expand=expand,
        title=Text(title) if title else None,
        caption=plain(caption) if caption else None,
        caption_justify="left",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )


def events(result: Result) -> RenderableType:
    """Date, kind, title, actors, place and id, one row per event; summits in bold.

    Each column is as wide as its words need (see fit); the id goes under the title when
    that takes fewer lines than a column of its own, and each event becomes one cell (the
    title, then kind, actors and place, then the id) when that reads better still or the
    columns do not fit. A title starts with '(planned)' or '(cancelled)' for an event not
    held; under it, the words of the summary where a searched text was found.
    """
    return ByWidth(lambda width: _events(result, width))


def _events(result: Result, width: int) -> RenderableType:
    shown: Sequence[EventRow] = result.rows
    caption = result.caption
    if width < STACKED:
        return stacked(
            ("Date", "Kind", "Title", "Actors", "Place", "Id"),
            [
                (e.when, e.kind, title(e), ", ".join(e.actors), where(e.place, e.country), e.id)
                for e in shown
            ],
            caption,
        )
    from summitry.present import fit

    ids = result.short_ids
    dates: list[fit.Cell] = [[[event.when]] for event in shown]
    kinds: list[fit.Cell] = [[[event.kind]] for event in shown]
    titles: list[fit.Cell] = []
    for event in shown:
        excerpt = result.excerpts.get(event.id)
        found = [["summary:", *visible(excerpt).split()]] if excerpt else []
        mark = [MARKS[event.status]] if event.status in MARKS else []
        titles.append([[*mark, *visible(event.title).split()], *found])
    people = [fit.names([visible(name) for name in event.actors]) for event in shown]
    places = [fit.names(visible(where(event.place, event.country)).split(", ")) for event in shown]
    id_cells: list[fit.Cell] = [[[ids[event.id]]] for event in shown]
    longest_id = max((len(i) for i in ids.values()), default=0)

    details: list[fit.Cell] = []
    for kind_cell, who, place in zip(kinds, people, places, strict=True):
        parts = [token for token in (*who, *place) if token]
        line = [kind_cell[0][0] + (" \u00b7" if parts else "")]
        if who and place[0]:
            who = [*who[:-1], who[-1] + " \u00b7"]
        details.append([[*line, *who, *(p for p in place if p)]])

    def with_ids(cells: list[fit.Cell]) -> list[fit.Cell]:
        return [c + i for c, i in zip(cells, id_cells, strict=True)]

    date = fit.Column("Date", dates, wraps=False, style="cyan")
    kind_ = fit.Column("Kind", kinds, wraps=False, style="magenta")
    actors_ = fit.Column("Actors", [[p] for p in people])
    place_ = fit.Column("Place", [[p] for p in places])
    layouts: list[list[fit.Column]] = [
        [
            date,
            kind_,
            fit.Column("Title", titles),
            actors_,
            place_,
            fit.Column("Id", id_cells, wraps=False),
        ],
        [date, kind_, fit.Column("Title", with_ids(titles), least=longest_id), actors_, place_],
        [
            date,
            fit.Column(
                "Event",
                with_ids([t + d for t, d in zip(titles, details, strict=True)]),
                least=longest_id,
            ),
        ],
    ]
    table = _fitted(layouts, width, ["bold" if e.kind == "summit" else "" for e in shown])
    for event, row in zip(shown, _title_cells(table), strict=True):
        # '(planned)' or '(cancelled)' starts the title: in its own colour.
        if event.status in MARKS:
            row.stylize(STATUS_STYLE, 0, len(MARKS[event.status]))
    return Group(table, Text(""), plain(caption, style="dim"))


def _fitted(layouts: Sequence[Sequence[Any]], width: int, row_styles: Sequence[str]) -> Table:
    """A table of the layout (a list of fit.Column) that reads best at width."""
    from summitry.present import fit

    columns, sizes = fit.choose(layouts, width)
    table = _table()
    for column, size in zip(columns, sizes, strict=True):
        table.add_column(
            column.header, width=size, no_wrap=True, style=column.style, justify=column.justify
        )
    for index, style in enumerate(row_styles):
        cells = [
            _lines(column.cells[index], size, column.lead)
            for column, size in zip(columns, sizes, strict=True)
        ]
        table.add_row(*cells, style=style or None)
    return table


def _title_cells(table: Table) -> list[Text]:
    """The cells of the column that holds the titles (Title, or Event when stacked)."""
    column = next(c for c in table.columns if c.header in ("Title", "Event"))
    return [cell for cell in column.cells if isinstance(cell, Text)]


def _lines(cell: list[list[str]], width: int, lead: str = "") -> Text:
    """A cell wrapped to width: its first paragraph in the lead style, the others (under a
    title, the excerpt of the summary, the details and the id; a role under a name) dim."""
    from summitry.present import fit

    text = Text(overflow="fold")  # a line wider than its cells (wide characters) folds
    for index, paragraph in enumerate(cell):
        for line in fit.wrap(paragraph, width):
            if text:
                text.append("\n")
            text.append(line, style="dim" if index else lead)
    return text


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
    heading = plain(event.title, style="bold")
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


def actors(result: Result) -> RenderableType:
    """Name, role, country, number of events, first and last appearance.

    Where the columns do not fit (see fit), role and country go under the name, and then
    the first and last appearance too.
    """
    return ByWidth(lambda width: _actors(result, width))


def _actors(result: Result, width: int) -> RenderableType:
    stats, caption = result.rows, result.caption
    first = [result.whens.get(s.first_event or "", "") for s in stats]
    last = [result.whens.get(s.last_event or "", "") for s in stats]
    if width < STACKED:
        return stacked(
            ("Name", "Role", "Country", "Events", "First", "Last"),
            [
                (s.name, s.role, s.country or "", str(s.events), f, la)
                for s, f, la in zip(stats, first, last, strict=True)
            ],
            caption,
        )
    from summitry.present import fit

    names: list[fit.Cell] = [[[visible(s.name)]] for s in stats]
    roles: list[fit.Cell] = [[visible(s.role).split()] for s in stats]
    countries: list[fit.Cell] = [[[visible(s.country or "")]] for s in stats]
    about = [
        [[visible(s.name)], fit.names([visible(v) for v in (s.role, s.country) if v])]
        for s in stats
    ]
    counts = fit.Column("Events", [[[str(s.events)]] for s in stats], wraps=False, justify="right")
    firsts = fit.Column("First", [[[f]] for f in first], wraps=False)
    lasts = fit.Column("Last", [[[la]] for la in last], wraps=False)
    spans = [
        [[f"{f} to {la}"]] if s.events else [[""]]
        for s, f, la in zip(stats, first, last, strict=True)
    ]
    layouts = [
        [
            fit.Column("Name", names, lead="bold"),
            fit.Column("Role", roles),
            fit.Column("Country", countries),
            counts,
            firsts,
            lasts,
        ],
        [fit.Column("Name", about, lead="bold"), counts, firsts, lasts],
        [
            fit.Column("Name", [a + p for a, p in zip(about, spans, strict=True)], lead="bold"),
            counts,
        ],
    ]
    table = _fitted(layouts, width, [""] * len(stats))
    return Group(table, Text(""), plain(caption, style="dim"))


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


PAIR_HEADERS = ("Actor", "With", "Events", "First", "Last")


def _pairs(
    pair_list: Sequence[PairRow], whens: dict[str, str], caption: str, title: str | None, width: int
) -> RenderableType:
    """Pairs of actors, with how many events they shared and the first and last date (one
    above the other where side by side they do not fit)."""
    first = [whens[p.first_event] for p in pair_list]
    last = [whens[p.last_event] for p in pair_list]
    if width < PAIRS_STACKED:
        rows = [
            (plain(p.actor), plain(p.other), str(p.events), f, la)
            for p, f, la in zip(pair_list, first, last, strict=True)
        ]
        return stacked(PAIR_HEADERS, rows, caption, title)
    from summitry.present import fit

    ones = fit.Column("Actor", [[[visible(p.actor)]] for p in pair_list], lead="bold")
    others = fit.Column("With", [[[visible(p.other)]] for p in pair_list], lead="bold")
    counts = fit.Column(
        "Events", [[[str(p.events)]] for p in pair_list], wraps=False, justify="right"
    )
    firsts = fit.Column("First", [[[f]] for f in first], wraps=False)
    lasts = fit.Column("Last", [[[la]] for la in last], wraps=False)
    both = [[[f + " to"], [la]] for f, la in zip(first, last, strict=True)]
    layouts = [
        [ones, others, counts, firsts, lasts],
        [ones, others, counts, fit.Column("First, last", both, wraps=False)],
    ]
    parts: list[RenderableType] = []
    if title:
        parts.append(plain(title, style="italic"))
    parts.append(_fitted(layouts, width, [""] * len(pair_list)))
    if caption:
        parts += [Text(""), plain(caption, style="dim")]
    return Group(*parts)


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
    monthly = any(len(p["period"]) > 4 for p in s.per_period)
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

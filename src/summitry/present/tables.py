"""Rich tables and panels for the terminal; the only module of the library that imports Rich."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from summitry.data.dates import (
    APPROXIMATE_MARK,
    EN_DASH,
    date_in_words,
    format_day,
    format_period,
    format_when,
)
from summitry.data.schema import KINDS, Actor, Dataset, Event
from summitry.present.rows import month_label, where
from summitry.present.safe import visible
from summitry.query.status import MARKS
from summitry.wording import count_of

if TYPE_CHECKING:
    from summitry.query.stats import ActorStats, Pair, Summary

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


def when(event: Event | None) -> str:
    """The event's date as people write it, marked '~' when it is approximate ('' for none)."""
    return format_when(event.span, event.approximate) if event else ""


def title(event: Event) -> Text:
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


def events(
    dataset: Dataset, shown: Sequence[Event], caption: str, texts: Sequence[str] = ()
) -> RenderableType:
    """Date, kind, title, actors, place and id, one row per event; summits in bold.

    Each column is as wide as its words need (see fit); the id goes under the title when
    that takes fewer lines than a column of its own, and each event becomes one cell (the
    title, then kind, actors and place, then the id) when that reads better still or the
    columns do not fit. A title starts with '(planned)' or '(cancelled)' for an event not
    held; under it, the words of the summary where a searched text was found when the title
    does not hold it.
    """
    return ByWidth(lambda width: _events(dataset, shown, caption, texts, width))


def _events(
    dataset: Dataset, shown: Sequence[Event], caption: str, texts: Sequence[str], width: int
) -> RenderableType:
    if width < STACKED:
        return stacked(
            ("Date", "Kind", "Title", "Actors", "Place", "Id"),
            [
                (
                    when(e),
                    e.kind,
                    title(e),
                    _actor_names(dataset, e),
                    where(e.place, e.country),
                    e.id,
                )
                for e in shown
            ],
            caption,
        )
    from summitry.present import fit
    from summitry.query.select import short_ids, summary_excerpt

    ids = short_ids(dataset, shown)
    dates: list[fit.Cell] = [[[when(event)]] for event in shown]
    kinds: list[fit.Cell] = [[[event.kind]] for event in shown]
    titles: list[fit.Cell] = []
    for event in shown:
        excerpt = summary_excerpt(event, texts) if texts else None
        found = [["summary:", *visible(excerpt).split()]] if excerpt else []
        mark = [MARKS[event.status]] if event.status in MARKS else []
        titles.append([[*mark, *visible(event.title).split()], *found])
    people = [fit.names([visible(dataset.actors[a].name) for a in event.actors]) for event in shown]
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


def _actor_names(dataset: Dataset, event: Event) -> str:
    return ", ".join(dataset.actors[a].name for a in event.actors)


def event_detail(dataset: Dataset, event: Event, status: str) -> RenderableType:
    """One event in full, in a panel: date and precision, status in words, kind, place,
    actors, summary, sources. Below STACKED columns, the same as plain lines."""
    return ByWidth(lambda width: _event_detail(dataset, event, status, width))


def _event_detail(dataset: Dataset, event: Event, status: str, width: int) -> RenderableType:
    rows: list[tuple[str, Cell]] = [("Date", date_in_words(event.span, event.approximate))]
    rows.append(("Status", plain(status, style="" if event.status == "held" else STATUS_STYLE)))
    if event.note:
        rows.append(("Note", event.note))
    rows.append(("Kind", f"{event.kind}: {KINDS[event.kind]}"))
    place = where(event.place, event.country)
    if place:
        rows.append(("Place", place))
    actors = Text(overflow="fold")
    for index, actor_id in enumerate(event.actors):
        actor = dataset.actors[actor_id]
        if index:
            actors.append("\n")
        actors.append(visible(actor.name), style="bold")
        actors.append(", " + visible(actor.role))
    rows.append(("Actors", actors))
    rows.append(("Summary", event.summary))
    for index, source_id in enumerate(event.sources):
        source = dataset.sources[source_id]
        byline = f" (by {source.author})" if source.author else ""
        published = format_day(source.published)
        line = f"{source.publisher}, \u201c{source.title}\u201d{byline}, {published}"
        rows.append(("Sources" if index == 0 else "", line))
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


def actors(stats: Sequence[ActorStats], caption: str) -> RenderableType:
    """Name, role, country, number of events, first and last appearance.

    Where the columns do not fit (see fit), role and country go under the name, and then
    the first and last appearance too.
    """
    return ByWidth(lambda width: _actors(stats, caption, width))


def _actors(stats: Sequence[ActorStats], caption: str, width: int) -> RenderableType:
    if width < STACKED:
        return stacked(
            ("Name", "Role", "Country", "Events", "First", "Last"),
            [
                (
                    s.actor.name,
                    s.actor.role,
                    s.actor.country or "",
                    str(s.count),
                    when(s.first),
                    when(s.last),
                )
                for s in stats
            ],
            caption,
        )
    from summitry.present import fit

    names: list[fit.Cell] = [[[visible(s.actor.name)]] for s in stats]
    roles: list[fit.Cell] = [[visible(s.actor.role).split()] for s in stats]
    countries: list[fit.Cell] = [[[visible(s.actor.country or "")]] for s in stats]
    about = [
        [
            [visible(s.actor.name)],
            fit.names([visible(v) for v in (s.actor.role, s.actor.country) if v]),
        ]
        for s in stats
    ]
    counts = fit.Column("Events", [[[str(s.count)]] for s in stats], wraps=False, justify="right")
    firsts = fit.Column("First", [[[when(s.first)]] for s in stats], wraps=False)
    lasts = fit.Column("Last", [[[when(s.last)]] for s in stats], wraps=False)
    spans = [[[f"{when(s.first)} to {when(s.last)}"]] if s.count else [[""]] for s in stats]
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


def who_met_whom(
    pair_list: Sequence[Pair], caption: str, top: int, *, as_list: bool = False
) -> RenderableType:
    """A matrix of the top actors' shared events when it fits the width, else a list of pairs.

    Each cell of the matrix holds the pair's count and the months of their first and last
    shared event; the list has every pair, also those of actors outside the top.
    """
    return ByWidth(lambda width: _who_met_whom(pair_list, caption, top, as_list, width))


def _who_met_whom(
    pair_list: Sequence[Pair], caption: str, top: int, as_list: bool, width: int
) -> RenderableType:
    from summitry.query.stats import paired_actors

    everyone = paired_actors(pair_list)
    chosen = everyone[:top]
    name_width = max((plain(actor.name).cell_len for actor in chosen), default=0)
    needed = name_width + 1 + (len(chosen) - 1) * (MATRIX_CELL + 1)
    if as_list or len(chosen) < MIN_MATRIX or needed > width:
        return _pairs(pair_list, caption, None, width)
    if len(chosen) < len(everyone):
        caption += (
            f"; the {len(chosen)} of {len(everyone)} actors with most shared events "
            "(--top N for more, --list for every pair)"
        )
    return _matrix(pair_list, chosen, caption)


def _matrix(pair_list: Sequence[Pair], chosen: Sequence[Actor], caption: str) -> Group:
    found = {frozenset((p.first_actor.id, p.second_actor.id)): p for p in pair_list}
    table = _table()
    table.show_lines = True
    table.add_column("", style="bold", no_wrap=True)
    for actor in chosen[:-1]:
        table.add_column(plain(actor.name), justify="left", width=MATRIX_CELL, header_style="bold")
    for row, actor in enumerate(chosen[1:], start=1):
        cells: list[RenderableType] = [plain(actor.name)]
        for other in chosen[:row]:
            cells.append(_pair_cell(found.get(frozenset((actor.id, other.id)))))
        table.add_row(*cells)
    # The caption goes under the table at full width: the matrix can be much narrower.
    return Group(table, Text(""), plain(caption, style="dim"))


def _pair_cell(p: Pair | None) -> Text:
    if p is None:
        return Text("\u00b7", style="dim")
    cell = Text(str(p.count), style="bold cyan")
    first = (p.first.span.start.year, p.first.span.start.month)
    last = (p.last.span.start.year, p.last.span.start.month)
    cell.append("\n" + month_label(*first), style="dim")
    if last != first:
        cell.append("\n" + month_label(*last), style="dim")
    return cell


PAIR_HEADERS = ("Actor", "With", "Events", "First", "Last")


def pairs(pair_list: Sequence[Pair], caption: str, title: str | None = None) -> RenderableType:
    """Pairs of actors, with how many events they shared and the first and last date (one
    above the other where side by side they do not fit)."""
    return ByWidth(lambda width: _pairs(pair_list, caption, title, width))


def _pairs(
    pair_list: Sequence[Pair], caption: str, title: str | None, width: int
) -> RenderableType:
    if width < PAIRS_STACKED:
        rows = [
            (
                plain(p.first_actor.name),
                plain(p.second_actor.name),
                str(p.count),
                when(p.first),
                when(p.last),
            )
            for p in pair_list
        ]
        return stacked(PAIR_HEADERS, rows, caption, title)
    from summitry.present import fit

    ones = fit.Column("Actor", [[[visible(p.first_actor.name)]] for p in pair_list], lead="bold")
    others = fit.Column("With", [[[visible(p.second_actor.name)]] for p in pair_list], lead="bold")
    counts = fit.Column(
        "Events", [[[str(p.count)]] for p in pair_list], wraps=False, justify="right"
    )
    firsts = fit.Column("First", [[[when(p.first)]] for p in pair_list], wraps=False)
    lasts = fit.Column("Last", [[[when(p.last)]] for p in pair_list], wraps=False)
    both = [[[when(p.first) + " to"], [when(p.last)]] for p in pair_list]
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


def summary(s: Summary, caption: str) -> RenderableType:
    """Overview, counts by kind, busiest actors, a bar chart of events per month, summit pairs.

    Below STACKED columns, each part as plain lines.
    """
    return ByWidth(lambda width: _summary(s, caption, width))


def _overview(s: Summary) -> str:
    """'38 events, Nov 2017 - Jun 2019': how many, and from the first to the last, as
    precisely as their dates are known (with ~ for an approximate one)."""
    text = count_of(s.count, "event")
    if not (s.start and s.end):
        return text
    if not any(s.approximate):
        return f"{text}, {format_period(s.start, s.end, s.precision)}"
    first, last = (
        APPROXIMATE_MARK * approximate + format_day(day, s.precision)
        for approximate, day in zip(s.approximate, (s.start, s.end), strict=True)
    )
    return f"{text}, {first}" if first == last else f"{text}, {first} {EN_DASH} {last}"


def _summary(s: Summary, caption: str, width: int) -> RenderableType:
    parts: list[RenderableType] = [Text(_overview(s), style="bold")]
    peak = max((n for _, _, n in s.months), default=0)
    months = [
        (
            month_label(year, month),
            str(n),
            BAR * (round(n * BAR_WIDTH / peak) if peak > BAR_WIDTH else n),
        )
        for year, month, n in s.months
    ]
    per = "Events per month" if any(m for _, m, _ in s.months) else "Events per year"
    kind_rows = [(kind, str(n)) for kind, n in s.kinds]
    actor_rows = [(plain(actor.name), str(n)) for actor, n in s.top_actors]
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
        parts += [Text(""), _pairs(s.summit_pairs, "", "Leaders' summits by pair", width)]
    if caption:
        parts += [Text(""), plain(caption, style="dim")]
    return Group(*parts)

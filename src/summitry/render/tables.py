"""Rich tables and panels for the terminal; the only module of the library that imports Rich."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from summitry.dates import date_in_words, format_day, format_period, format_span
from summitry.model import KINDS, Actor, Dataset, Event
from summitry.render.records import month_label, where
from summitry.render.safe import visible
from summitry.status import MARKS

if TYPE_CHECKING:
    from summitry.stats import ActorStats, Pair, Summary

BAR = "\u2588"
BAR_WIDTH = 30
APPROXIMATE_MARK = "~"
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


def when(event: Event) -> str:
    """The event's date as people write it, marked '~' when it is approximate."""
    text = format_span(event.span)
    return APPROXIMATE_MARK + text if event.approximate else text


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
        pad_edge=False,
        collapse_padding=True,
    )


def events(dataset: Dataset, shown: Sequence[Event], caption: str) -> RenderableType:
    """Date, kind, title, actors and place, one row per event; summits in bold.

    Below NARROW columns each event is one cell: the title, then kind, actors and place;
    below STACKED each event is a block of lines.
    """
    return ByWidth(lambda width: _events(dataset, shown, caption, width))


def _actor_names(dataset: Dataset, event: Event) -> str:
    return ", ".join(dataset.actors[a].name for a in event.actors)


def _events(dataset: Dataset, shown: Sequence[Event], caption: str, width: int) -> RenderableType:
    if width < STACKED:
        return stacked(
            ("Date", "Kind", "Title", "Actors", "Place"),
            [
                (
                    when(e),
                    e.kind,
                    title(e),
                    _actor_names(dataset, e),
                    where(e.place, e.country),
                )
                for e in shown
            ],
            caption,
        )
    if width < NARROW:
        table = _table(caption, expand=True)
        table.add_column("Date", no_wrap=True, style="cyan")
        table.add_column("Event", ratio=1)
        for event in shown:
            cell = title(event)
            if event.kind == "summit":
                cell.stylize("bold")
            details = [event.kind, _actor_names(dataset, event)]
            details.append(where(event.place, event.country))
            cell.append("\n" + " \u00b7 ".join(visible(d) for d in details if d), style="dim")
            table.add_row(Text(when(event)), cell)
        return table
    table = _table(caption, expand=True)
    table.add_column("Date", no_wrap=True, style="cyan")
    table.add_column("Kind", style="magenta", min_width=5)
    table.add_column("Title", ratio=4, min_width=12)
    table.add_column("Actors", ratio=2, min_width=8)
    table.add_column("Place", min_width=10, max_width=16)
    for event in shown:
        table.add_row(
            Text(when(event)),
            plain(event.kind),
            title(event),
            plain(_actor_names(dataset, event)),
            plain(where(event.place, event.country)),
            style="bold" if event.kind == "summit" else None,
        )
    return table


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

    Below NARROW + 20 columns role and country go under the name; below NARROW - 20 the
    first and last appearance too; below STACKED each actor is a block of lines.
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
                    format_span(s.first.span) if s.first else "",
                    format_span(s.last.span) if s.last else "",
                )
                for s in stats
            ],
            caption,
        )
    narrow = width < NARROW + 20
    tiny = width < NARROW - 20
    table = _table(caption, expand=narrow)
    table.add_column("Name", ratio=1 if narrow else None, min_width=8)
    if not narrow:
        table.add_column("Role", max_width=45)
        table.add_column("Country")
    table.add_column("Events", justify="right")
    if not tiny:
        table.add_column("First", no_wrap=True)
        table.add_column("Last", no_wrap=True)
    for stat in stats:
        a = stat.actor
        first = format_span(stat.first.span) if stat.first else ""
        last = format_span(stat.last.span) if stat.last else ""
        if narrow:
            name = plain(a.name, style="bold")
            details = ", ".join(visible(v) for v in (a.role, a.country) if v)
            name.append("\n" + details, style="dim")
            if tiny:
                name.append(f"\n{first} to {last}" if stat.count else "", style="dim")
                table.add_row(name, str(stat.count))
            else:
                table.add_row(name, str(stat.count), first, last)
        else:
            table.add_row(
                plain(a.name, style="bold"),
                plain(a.role),
                plain(a.country or ""),
                str(stat.count),
                first,
                last,
            )
    return table


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
    from summitry.stats import paired_actors

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
    return Group(table, plain(caption, style="dim"))


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
    """Pairs of actors, with how many events they shared and the first and last date."""
    return ByWidth(lambda width: _pairs(pair_list, caption, title, width))


def _pairs(
    pair_list: Sequence[Pair], caption: str, title: str | None, width: int
) -> RenderableType:
    rows = [
        (
            plain(p.first_actor.name),
            plain(p.second_actor.name),
            str(p.count),
            format_span(p.first.span),
            format_span(p.last.span),
        )
        for p in pair_list
    ]
    if width < PAIRS_STACKED:
        return stacked(PAIR_HEADERS, rows, caption, title)
    table = _table(caption, title)
    table.add_column("Actor", style="bold", min_width=8)
    table.add_column("With", style="bold", min_width=8)
    table.add_column("Events", justify="right")
    table.add_column("First", no_wrap=True)
    table.add_column("Last", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def summary(s: Summary, caption: str) -> RenderableType:
    """Overview, counts by kind, busiest actors, a bar chart of events per month, summit pairs.

    Below STACKED columns, each part as plain lines.
    """
    return ByWidth(lambda width: _summary(s, caption, width))


def _summary(s: Summary, caption: str, width: int) -> RenderableType:
    span = ", " + format_period(s.start, s.end) if s.start and s.end else ""
    parts: list[RenderableType] = [Text(f"{s.count} events{span}", style="bold")]
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
            parts += [kinds, top]
        else:
            side_by_side = Table.grid(padding=(0, 4))
            side_by_side.add_row(kinds, top)
            parts.append(side_by_side)
        periods = _table(title=per)
        periods.add_column("Period", no_wrap=True)
        periods.add_column("Events", justify="right")
        periods.add_column("", no_wrap=True, style="cyan")
        for month_row in months:
            periods.add_row(*month_row)
        parts.append(periods)
    if s.summit_pairs:
        parts.append(_pairs(s.summit_pairs, "", "Leaders' summits by pair", width))
    if caption:
        parts.append(plain(caption, style="dim"))
    return Group(*parts)

"""Rich tables and panels for the terminal; the only module of the library that imports Rich."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from summitry.dates import date_in_words, format_day, format_period, format_span
from summitry.model import KINDS, Actor, Dataset, Event
from summitry.render.records import month_label, where
from summitry.status import MARKS

if TYPE_CHECKING:
    from summitry.stats import ActorStats, Pair, Summary

BAR = "\u2588"
BAR_WIDTH = 30
APPROXIMATE_MARK = "~"
STATUS_STYLE = "yellow"
NARROW = 80


class ByWidth:
    """A renderable that is built for the width it is drawn at (the terminal, or an export)."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def when(event: Event) -> str:
    """The event's date as people write it, marked '~' when it is approximate."""
    text = format_span(event.span)
    return APPROXIMATE_MARK + text if event.approximate else text


def title(event: Event) -> Text:
    """The event's title, after '(planned)' or '(cancelled)' when it is not held."""
    mark = MARKS.get(event.status)
    cell = Text(event.title)
    if mark is not None:
        cell = Text.assemble((mark, STATUS_STYLE), " ", cell)
    return cell


def _table(caption: str = "", title: str | None = None, *, expand: bool = False) -> Table:
    return Table(
        expand=expand,
        title=title,
        caption=caption or None,
        caption_justify="left",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )


def events(dataset: Dataset, shown: Sequence[Event], caption: str) -> RenderableType:
    """Date, kind, title, actors and place, one row per event; summits in bold.

    Below NARROW columns each event is one cell: the title, then kind, actors and place.
    """
    return ByWidth(lambda width: _events(dataset, shown, caption, width))


def _events(dataset: Dataset, shown: Sequence[Event], caption: str, width: int) -> Table:
    if width < NARROW:
        table = _table(caption, expand=True)
        table.add_column("Date", no_wrap=True, style="cyan")
        table.add_column("Event", ratio=1)
        for event in shown:
            cell = title(event)
            if event.kind == "summit":
                cell.stylize("bold")
            details = [event.kind, ", ".join(dataset.actors[a].name for a in event.actors)]
            details.append(where(event.place, event.country))
            cell.append("\n" + " \u00b7 ".join(d for d in details if d), style="dim")
            table.add_row(when(event), cell)
        return table
    table = _table(caption, expand=True)
    table.add_column("Date", no_wrap=True, style="cyan")
    table.add_column("Kind", style="magenta", min_width=5)
    table.add_column("Title", ratio=4, min_width=12)
    table.add_column("Actors", ratio=2, min_width=8)
    table.add_column("Place", min_width=10, max_width=16)
    for event in shown:
        table.add_row(
            when(event),
            event.kind,
            title(event),
            ", ".join(dataset.actors[a].name for a in event.actors),
            where(event.place, event.country),
            style="bold" if event.kind == "summit" else None,
        )
    return table


def event_detail(dataset: Dataset, event: Event, status: str) -> RenderableType:
    """One event in full, in a panel: date and precision, status in words, kind, place,
    actors, summary, sources."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Date", date_in_words(event.span, event.approximate))
    grid.add_row("Status", Text(status, style="" if event.status == "held" else STATUS_STYLE))
    if event.note:
        grid.add_row("Note", event.note)
    grid.add_row("Kind", f"{event.kind}: {KINDS[event.kind]}")
    place = where(event.place, event.country)
    if place:
        grid.add_row("Place", place)
    actors = Text()
    for index, actor_id in enumerate(event.actors):
        actor = dataset.actors[actor_id]
        if index:
            actors.append("\n")
        actors.append(actor.name, style="bold")
        actors.append(f", {actor.role}")
    grid.add_row("Actors", actors)
    grid.add_row("Summary", event.summary)
    for index, source_id in enumerate(event.sources):
        source = dataset.sources[source_id]
        byline = f" (by {source.author})" if source.author else ""
        published = format_day(source.published)
        line = f"{source.publisher}, \u201c{source.title}\u201d{byline}, {published}"
        grid.add_row("Sources" if index == 0 else "", line)
    grid.add_row("Id", event.id)
    from rich.panel import Panel

    return Panel(grid, title=Text(event.title, style="bold"), title_align="left", box=box.ROUNDED)


def actors(stats: Sequence[ActorStats], caption: str) -> RenderableType:
    """Name, role, country, number of events, first and last appearance.

    Below NARROW + 20 columns role and country go under the name; below NARROW - 20 the
    first and last appearance too.
    """
    return ByWidth(lambda width: _actors(stats, caption, width))


def _actors(stats: Sequence[ActorStats], caption: str, width: int) -> Table:
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
            name = Text(a.name, style="bold")
            name.append("\n" + ", ".join(v for v in (a.role, a.country) if v), style="dim")
            if tiny:
                name.append(f"\n{first} to {last}" if stat.count else "", style="dim")
                table.add_row(name, str(stat.count))
            else:
                table.add_row(name, str(stat.count), first, last)
        else:
            table.add_row(
                Text(a.name, style="bold"), a.role, a.country or "", str(stat.count), first, last
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
    name_width = max((len(actor.name) for actor in chosen), default=0)
    needed = name_width + 1 + (len(chosen) - 1) * (MATRIX_CELL + 1)
    if as_list or len(chosen) < MIN_MATRIX or needed > width:
        return pairs(pair_list, caption)
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
        table.add_column(actor.name, justify="left", width=MATRIX_CELL, header_style="bold")
    for row, actor in enumerate(chosen[1:], start=1):
        cells: list[RenderableType] = [actor.name]
        for other in chosen[:row]:
            cells.append(_pair_cell(found.get(frozenset((actor.id, other.id)))))
        table.add_row(*cells)
    # The caption goes under the table at full width: the matrix can be much narrower.
    return Group(table, Text(caption, style="dim"))


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


def pairs(pair_list: Sequence[Pair], caption: str, title: str | None = None) -> RenderableType:
    """Pairs of actors, with how many events they shared and the first and last date."""
    table = _table(caption, title)
    table.add_column("Actor", style="bold", min_width=8)
    table.add_column("With", style="bold", min_width=8)
    table.add_column("Events", justify="right")
    table.add_column("First", no_wrap=True)
    table.add_column("Last", no_wrap=True)
    for p in pair_list:
        table.add_row(
            p.first_actor.name,
            p.second_actor.name,
            str(p.count),
            format_span(p.first.span),
            format_span(p.last.span),
        )
    return table


def summary(s: Summary, caption: str) -> RenderableType:
    """Overview, counts by kind, busiest actors, a bar chart of events per month, summit pairs."""
    span = ", " + format_period(s.start, s.end) if s.start and s.end else ""
    parts: list[RenderableType] = [Text(f"{s.count} events{span}", style="bold")]
    kinds = _table(title="By kind")
    kinds.add_column("Kind", style="magenta")
    kinds.add_column("Events", justify="right")
    for kind, n in s.kinds:
        kinds.add_row(kind, str(n))
    top = _table(title="Most frequent actors")
    top.add_column("Actor", style="bold")
    top.add_column("Events", justify="right")
    for actor, n in s.top_actors:
        top.add_row(actor.name, str(n))
    side_by_side = Table.grid(padding=(0, 4))
    side_by_side.add_row(kinds, top)
    parts.append(side_by_side)
    periods = _table(
        title="Events per month" if any(m for _, m, _ in s.months) else "Events per year"
    )
    periods.add_column("Period", no_wrap=True)
    periods.add_column("Events", justify="right")
    periods.add_column("", no_wrap=True, style="cyan")
    peak = max((n for _, _, n in s.months), default=0)
    for year, month, n in s.months:
        length = round(n * BAR_WIDTH / peak) if peak > BAR_WIDTH else n
        periods.add_row(month_label(year, month), str(n), BAR * length)
    parts.append(periods)
    if s.summit_pairs:
        parts.append(pairs(s.summit_pairs, "", title="Leaders' summits by pair"))
    if caption:
        parts.append(Text(caption, style="dim"))
    return Group(*parts)

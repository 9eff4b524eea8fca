"""Each row shape once (event, source, actor, pair, summary), which every format reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from typing import Any, Literal

from msgspec import Struct, structs

from summitry.data.dates import MONTHS, Span, format_day, format_when, parse_edtf
from summitry.data.schema import Actor, Dataset, Event, Source

LIST_SEPARATOR = "|"  # joins the items of a list in a CSV cell; a '|' or '\\' in one is escaped
STATUS_MARKS = {"planned": "(planned)", "cancelled": "(cancelled)"}
HINDSIGHT_MARK = "\u2020"  # dagger
HINDSIGHT_MEANING = "title and summary written with sources published after that day"
STATUS_MEANINGS = {
    "planned": "reported as upcoming, not as having taken place",
    "cancelled": "reported as called off",
}


class SourceRow(Struct, frozen=True, gc=False):
    """A source: published as an ISO day."""

    id: str
    publisher: str
    title: str
    published: str
    author: str | None
    url: str | None


class EventRow(Struct, frozen=True, gc=False):
    """An event: start and end as ISO days, when as people read it, actors and sources resolved."""

    id: str
    date: str
    start: str
    end: str
    precision: str
    approximate: bool
    window: bool
    when: str
    status: str
    kind: str
    title: str
    summary: str
    actors: list[str]
    actor_ids: list[str]
    place: str | None
    country: str | None
    sources: list[SourceRow]
    note: str | None
    hindsight: bool


class ActorRow(Struct, frozen=True, gc=False):
    """An actor with its number of events and the dates and ids of the first and last."""

    id: str
    name: str
    aliases: list[str]
    outside_names: list[str]
    role: str
    country: str | None
    type: str
    events: int
    first: str | None
    first_event: str | None
    last: str | None
    last_event: str | None


class PairRow(Struct, frozen=True, gc=False):
    """Two actors, how many events they shared, and the dates and ids of the first and last."""

    actor: str
    actor_id: str
    other: str
    other_id: str
    events: int
    first: str
    first_event: str
    last: str
    last_event: str


class CountRow(Struct, frozen=True, gc=False):
    """One count of a summary: its section, what is counted and how many."""

    section: str
    name: str
    count: int


class SummaryRow(Struct, frozen=True, gc=False):
    """A summary of held events: period, kinds, busiest actors, events per period, summit pairs."""

    events: int
    start: str | None
    end: str | None
    kinds: dict[str, int]
    top_actors: list[dict[str, Any]]
    per_period: list[dict[str, Any]]
    summit_pairs: list[PairRow]
    left_out: int


class LaneRow(Struct, frozen=True, gc=False):
    """One actor's lane of a timeline: first day, last day, kind, status, window per event."""

    name: str
    events: list[tuple[date, date, str, str, bool]]


def source_row(s: Source) -> SourceRow:
    """A source as a row."""
    return SourceRow(s.id, s.publisher, s.title, s.published.isoformat(), s.author, s.url)


def event_rows(
    dataset: Dataset, events: Iterable[Event], hindsight: frozenset[str] = frozenset()
) -> list[EventRow]:
    """The row of each event (hindsight: those with text written with later sources)."""

    @cache
    def dates(span: Span, approximate: bool) -> tuple[str, str, str, bool, bool, str]:
        """Start, end, precision, approximate, window and when: the fields after the date."""
        when = format_when(span, approximate)
        start, end = span.start.isoformat(), span.end.isoformat()
        return start, end, span.precision.label, approximate, span.window, when

    @cache
    def names(ids: tuple[str, ...]) -> list[str]:
        return [dataset.actors[a].name for a in ids]

    @cache
    def cited(ids: tuple[str, ...]) -> list[SourceRow]:
        return [source_row(dataset.sources[s]) for s in ids]

    return [
        EventRow(
            e.id,
            e.date,
            *dates(e.span, e.approximate),
            e.status,
            e.kind,
            e.title,
            e.summary,
            names(e.actors),
            list(e.actors),
            e.place,
            e.country,
            cited(e.sources),
            e.note,
            e.id in hindsight,
        )
        for e in events
    ]


def actor_row(
    actor: Actor, count: int = 0, first: Event | None = None, last: Event | None = None
) -> ActorRow:
    """An actor with the number of its events and the first and last of them."""
    return ActorRow(
        actor.id, actor.name, list(actor.aliases), list(actor.outside_names), actor.role,
        actor.country, actor.type, count,
        first.date if first else None, first.id if first else None,
        last.date if last else None, last.id if last else None,
    )  # fmt: skip


def pair_row(one: Actor, other: Actor, count: int, first: Event, last: Event) -> PairRow:
    """A pair of actors with their shared events."""
    ends = first.date, first.id, last.date, last.id
    return PairRow(one.name, one.id, other.name, other.id, count, *ends)


def period_label(period: str) -> str:
    """'May 2018' for '2018-05', '2018' for a year, 'a day in Nov-Dec 2017' for a window."""
    if period.startswith("["):
        return format_when(parse_edtf(period))
    return f"{MONTHS[int(period[5:7]) - 1]} {period[:4]}" if len(period) > 4 else period


def period_section(period: str) -> str:
    """What a period of the summary is: 'month', 'year' or 'window'."""
    return "window" if period.startswith("[") else "month" if len(period) > 4 else "year"


def summary_counts(s: SummaryRow) -> list[CountRow]:
    """The summary as section/name/count rows, for CSV."""
    counts = [("total", "events", s.events), ("total", "left out (not held)", s.left_out)]
    counts += [("kind", k, n) for k, n in s.kinds.items()]
    counts += [("actor", a["name"], a["events"]) for a in s.top_actors]
    counts += [(period_section(p["period"]), p["period"], p["events"]) for p in s.per_period]
    counts += [("summit pair", f"{p.actor} & {p.other}", p.events) for p in s.summit_pairs]
    return [CountRow(*count) for count in counts]


def joined(items: Iterable[str]) -> str:
    """The items of a list in one CSV cell, joined by '|' ('|' and '\\' in an item escaped)."""
    return LIST_SEPARATOR.join(
        item.replace("\\", "\\\\").replace(LIST_SEPARATOR, "\\" + LIST_SEPARATOR) for item in items
    )


def citation(source: SourceRow) -> str:
    """'Publisher, “Title” (by Author), 12 Jun 2018, https://…' (the url where there is one)."""
    byline = f" (by {source.author})" if source.author else ""
    published = format_day(date.fromisoformat(source.published))
    address = f", {source.url}" if source.url else ""
    return f"{source.publisher}, \u201c{source.title}\u201d{byline}, {published}{address}"


def _citation(source: SourceRow) -> str:
    address = f" <{source.url}>" if source.url else ""
    return f"{source.publisher}, {source.title} ({source.published}){address}"


def flat(row: Struct) -> Iterator[tuple[str, Any]]:
    """A row's CSV cells: a list joined into one cell, sources as citations and their ids."""
    for name, value in structs.asdict(row).items():
        if name == "sources":
            yield name, joined(_citation(s) for s in value)
            yield "source_ids", joined(s.id for s in value)
        else:
            yield name, joined(value) if isinstance(value, list) else value


def flat_fields(row_type: type[Struct]) -> list[str]:
    """The CSV columns of rows of row_type, as flat names them."""
    fields = row_type.__struct_fields__
    return [n for f in fields for n in ((f, "source_ids") if f == "sources" else (f,))]


class Column(Struct, frozen=True):
    """A column: header, cells, whether it wraps, least width, style and justification."""

    header: str
    cells: Sequence[Any]
    wraps: bool = True
    min_width: int = 0
    style: str = ""
    justify: Literal["left", "right"] = "left"


def actor_columns(actors: Sequence[ActorRow], whens: dict[str, str]) -> list[Column]:
    """The list of actors as text: name, role, country, events, first and last."""
    return [
        Column("Name", [a.name for a in actors]),
        Column("Role", [a.role for a in actors]),
        Column("Country", [a.country or "" for a in actors]),
        Column("Events", [str(a.events) for a in actors], wraps=False, justify="right"),
        Column("First", [whens.get(a.first_event or "", "") for a in actors], wraps=False),
        Column("Last", [whens.get(a.last_event or "", "") for a in actors], wraps=False),
    ]


def pair_columns(pairs: Sequence[PairRow], whens: dict[str, str]) -> list[Column]:
    """The list of pairs as text: actor, with, events, first and last."""
    return [
        Column("Actor", [p.actor for p in pairs]),
        Column("With", [p.other for p in pairs]),
        Column("Events", [str(p.events) for p in pairs], wraps=False, justify="right"),
        Column("First", [whens[p.first_event] for p in pairs], wraps=False),
        Column("Last", [whens[p.last_event] for p in pairs], wraps=False),
    ]


def where(place: str | None, country: str | None) -> str:
    """'Beijing, China', or whichever of the two is known; 'Singapore' once for a city-state."""
    if place and country and place.casefold() == country.casefold():
        return place
    return ", ".join(v for v in (place, country) if v)


def status_legend(statuses: Iterable[str]) -> str:
    """What the marks in a table mean, for the statuses given that are marked; or ''."""
    present = set(statuses)
    marked = (f"{mark} {STATUS_MEANINGS[s]}" for s, mark in STATUS_MARKS.items() if s in present)
    return "; ".join(marked)


class Result(Struct, kw_only=True):
    """A command's result: kind, rows, caption, notes, and what its drawing or calendar needs."""

    kind: str  # events, event, actors, pairs, summary or timeline
    rows: Sequence[Any] = ()
    caption: str = ""
    notes: tuple[str, ...] = ()
    nothing: bool = False
    name: str = ""  # events, event: the calendar's name
    stamp: date | None = None  # events, event: the calendar's DTSTAMP
    short_ids: dict[str, str] = {}  # events: the Id column
    excerpts: dict[str, str] = {}  # events: where a text was found
    status: str = ""  # event: its status in words
    roles: dict[str, str] = {}  # event: each actor's role
    whens: dict[str, str] = {}  # event id -> its date as people read it
    overview: str = ""  # summary: how many events, over which period
    ranked: list[tuple[str, str]] = []  # pairs: (id, name), most first
    top: int = 8  # pairs: actors in the matrix
    as_list: bool = False  # pairs: a list even when a matrix fits
    period: tuple[date, date] | None = None  # timeline: first and last day
    unit: str | None = None  # timeline: week or month, None for either

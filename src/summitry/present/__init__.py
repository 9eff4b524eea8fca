"""Turn query results into output: one entry point per command, one table from format to writer.

Each entry point returns the Parts that its command's result is written from, each built
only when a format asks for it; `write(fmt, parts)` looks the format up in WRITERS. Text
formats (json, jsonl, csv, markdown, ics) come back as strings and never import Rich; the
table format comes back as a Rich renderable for the CLI to print.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from summitry.data.dates import date_in_words, format_when
from summitry.data.schema import Dataset, Event
from summitry.present import rows as records
from summitry.present import text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from summitry.query.stats import ActorStats, Lane, Pair, Summary


def _missing() -> Any:
    raise ValueError("this result has no such format")


class Parts(Struct, frozen=True, kw_only=True):
    """What one result is written from: each a function, called only by a format that needs it.

    document: the JSON value (a list of records, or one object); csv: the column names and
    flat rows; calendar: the iCalendar text (events only).
    """

    table: Callable[[], RenderableType]
    document: Callable[[], Any] = _missing
    csv: Callable[[], tuple[Sequence[str], Sequence[dict[str, Any]]]] = _missing
    markdown: Callable[[], str] = _missing
    calendar: Callable[[], str] = _missing


def _lines(document: Any) -> list[Any]:
    return document if isinstance(document, list) else [document]


# The one table from format to writer: adding a format is one entry here (and its part).
WRITERS: dict[str, Callable[[Parts], str | RenderableType]] = {
    "table": lambda parts: parts.table(),
    "json": lambda parts: text.json_document(parts.document()),
    "jsonl": lambda parts: text.json_lines(_lines(parts.document())),
    "csv": lambda parts: text.csv_table(*parts.csv()),
    "markdown": lambda parts: parts.markdown(),
    "ics": lambda parts: parts.calendar(),
}
FORMATS = tuple(WRITERS)
# The formats of commands that list events; the others have all but ics.
EVENT_FORMATS = FORMATS
OTHER_FORMATS = tuple(fmt for fmt in FORMATS if fmt != "ics")


def write(fmt: str, parts: Parts) -> str | RenderableType:
    """The result in format fmt (one of FORMATS)."""
    return WRITERS[fmt](parts)


def _tables() -> Any:
    from summitry.present import tables

    return tables


def events(
    dataset: Dataset, shown: Sequence[Event], caption: str, name: str, texts: Sequence[str] = ()
) -> Parts:
    """The events as a table, JSON array, JSON lines, CSV, a Markdown table or a calendar
    named `name`; the table says where in the summary a searched text (one of texts) was
    found when not in the title."""
    rows = functools.cache(lambda: records.events(dataset, shown))
    flat = functools.cache(lambda: [records.flat_event(row) for row in rows()])
    return Parts(
        table=lambda: _tables().events(dataset, shown, caption, texts),
        document=rows,
        csv=lambda: (records.FLAT_EVENT_FIELDS, flat()),
        markdown=lambda: text.markdown_table(
            ("Date", "Status", "Kind", "Title", "Actors", "Place", "Id"),
            [
                (
                    r["when"],
                    r["status"],
                    r["kind"],
                    r["title"],
                    ", ".join(r["actors"]),
                    records.where(r["place"], r["country"]),
                    r["id"],
                )
                for r in rows()
            ],
            caption,
        ),
        calendar=lambda: _calendar(dataset, shown, name),
    )


def _calendar(dataset: Dataset, shown: Sequence[Event], name: str) -> str:
    from summitry.present import ical

    return ical.calendar(dataset, shown, name)


def event_detail(dataset: Dataset, event: Event, name: str, as_of: date | None = None) -> Parts:
    """One event in full: a panel for the table format, an object for json, a calendar.

    The table and Markdown say its status in words, as of as_of when given.
    """
    row = functools.cache(lambda: records.event(dataset, event))

    def status() -> str:
        from summitry.query.status import in_words

        return in_words(event, [dataset.sources[s] for s in event.sources], as_of)

    return Parts(
        table=lambda: _tables().event_detail(dataset, event, status()),
        document=row,
        csv=lambda: (records.FLAT_EVENT_FIELDS, [records.flat_event(row())]),
        markdown=lambda: text.markdown_event(
            row(), status(), date_in_words(event.span, event.approximate)
        ),
        calendar=lambda: _calendar(dataset, [event], name),
    )


def actors(stats: Sequence[ActorStats], caption: str) -> Parts:
    """The actors with their counts and first and last appearances."""
    rows = functools.cache(lambda: [records.actor(stat) for stat in stats])
    flat = functools.cache(lambda: [records.flat_actor(row) for row in rows()])
    return Parts(
        table=lambda: _tables().actors(stats, caption),
        document=rows,
        csv=lambda: (records.FLAT_ACTOR_FIELDS, flat()),
        markdown=lambda: text.markdown_table(
            ("Name", "Role", "Country", "Events", "First", "Last"),
            [
                (
                    a.actor.name,
                    a.actor.role,
                    a.actor.country,
                    a.count,
                    _when(a.first),
                    _when(a.last),
                )
                for a in stats
            ],
            caption,
        ),
    )


def summary(summary_: Summary, caption: str) -> Parts:
    """A summary: overview, kinds, actors, a bar chart of months and summit pairs."""
    return Parts(
        table=lambda: _tables().summary(summary_, caption),
        document=lambda: records.summary(summary_),
        csv=lambda: (("section", "name", "count"), records.summary_rows(summary_)),
        markdown=lambda: text.markdown_summary(summary_, caption),
    )


def pair_list(pairs: Sequence[Pair], caption: str, *, top: int = 8, as_list: bool = False) -> Parts:
    """Who met whom: a matrix of the top actors, or every pair with counts, first and last."""
    rows = functools.cache(lambda: [records.pair(p) for p in pairs])
    return Parts(
        table=lambda: _tables().who_met_whom(pairs, caption, top, as_list=as_list),
        document=rows,
        csv=lambda: (records.PAIR_FIELDS, rows()),
        markdown=lambda: text.markdown_table(
            ("Actor", "With", "Events", "First", "Last"),
            [
                (p.first_actor.name, p.second_actor.name, p.count, _when(p.first), _when(p.last))
                for p in pairs
            ],
            caption,
        ),
    )


def _when(event: Event | None) -> str:
    """The event's date as people read it (the same in every format), or '' for none."""
    return format_when(event.span, event.approximate) if event else ""


def timeline(
    lanes: Sequence[Lane], first: date, last: date, caption: str, unit: str | None = None
) -> Parts:
    """A chart of lanes, one per actor, over time from first to last; a drawing only."""

    def draw() -> RenderableType:
        from summitry.present import chart

        return chart.timeline(lanes, first, last, caption, unit)

    return Parts(table=draw)

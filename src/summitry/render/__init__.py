"""Turn query results into output: one entry point per command, one branch per format.

Text formats (json, jsonl, csv, markdown) come back as strings and never import Rich; the
table format comes back as a Rich renderable for the CLI to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from summitry.model import Dataset, Event
from summitry.render import records, text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from summitry.stats import ActorStats, Lane, Pair, Summary

FORMATS = ("table", "json", "jsonl", "csv", "markdown")


def events(
    dataset: Dataset, shown: Sequence[Event], fmt: str, caption: str
) -> str | RenderableType:
    """The events as a table, JSON array, JSON lines, CSV or a Markdown table."""
    if fmt == "table":
        from summitry.render import tables

        return tables.events(dataset, shown, caption)
    rows = records.events(dataset, shown)
    if fmt == "json":
        return text.json_document(rows)
    if fmt == "jsonl":
        return text.json_lines(rows)
    flat = [records.flat_event(row) for row in rows]
    if fmt == "csv":
        return text.csv_table(records.FLAT_EVENT_FIELDS, flat)
    return text.markdown_table(
        ("Date", "Status", "Kind", "Title", "Actors", "Place", "Id"),
        [
            (
                r["when"],
                r["status"],
                r["kind"],
                r["title"],
                r["actors"],
                records.where(r["place"], r["country"]),
                r["id"],
            )
            for r in flat
        ],
        caption,
    )


def event_detail(
    dataset: Dataset, event: Event, fmt: str, as_of: date | None = None
) -> str | RenderableType:
    """One event in full: a panel for the table format, an object for json.

    The table and Markdown say its status in words, as of as_of when given.
    """
    if fmt in ("table", "markdown"):
        from summitry.status import in_words

        status = in_words(event, [dataset.sources[s] for s in event.sources], as_of)
    if fmt == "table":
        from summitry.render import tables

        return tables.event_detail(dataset, event, status)
    row = records.event(dataset, event)
    if fmt == "json":
        return text.json_document(row)
    if fmt == "jsonl":
        return text.json_lines([row])
    if fmt == "csv":
        return text.csv_table(records.FLAT_EVENT_FIELDS, [records.flat_event(row)])
    return text.markdown_event(row, status)


def actors(stats: Sequence[ActorStats], fmt: str, caption: str) -> str | RenderableType:
    """The actors with their counts and first and last appearances."""
    if fmt == "table":
        from summitry.render import tables

        return tables.actors(stats, caption)
    rows = [records.actor(stat) for stat in stats]
    if fmt == "json":
        return text.json_document(rows)
    if fmt == "jsonl":
        return text.json_lines(rows)
    flat = [records.flat_actor(row) for row in rows]
    if fmt == "csv":
        return text.csv_table(records.FLAT_ACTOR_FIELDS, flat)
    return text.markdown_table(
        ("Name", "Role", "Country", "Events", "First", "Last"),
        [(r["name"], r["role"], r["country"], r["events"], r["first"], r["last"]) for r in flat],
        caption,
    )


def summary(summary_: Summary, fmt: str, caption: str) -> str | RenderableType:
    """A summary: overview, kinds, actors, a bar chart of months and summit pairs."""
    if fmt == "table":
        from summitry.render import tables

        return tables.summary(summary_, caption)
    document = records.summary(summary_)
    if fmt == "json":
        return text.json_document(document)
    if fmt == "jsonl":
        return text.json_lines([document])
    if fmt == "csv":
        return text.csv_table(("section", "name", "count"), records.summary_rows(summary_))
    return text.markdown_summary(summary_, caption)


def pair_list(
    pairs: Sequence[Pair], fmt: str, caption: str, *, top: int = 8, as_list: bool = False
) -> str | RenderableType:
    """Who met whom: a matrix of the top actors, or every pair with counts, first and last."""
    if fmt == "table":
        from summitry.render import tables

        return tables.who_met_whom(pairs, caption, top, as_list=as_list)
    rows = [records.pair(p) for p in pairs]
    if fmt == "json":
        return text.json_document(rows)
    if fmt == "jsonl":
        return text.json_lines(rows)
    if fmt == "csv":
        return text.csv_table(records.PAIR_FIELDS, rows)
    return text.markdown_table(
        ("Actor", "Actor", "Events", "First", "Last"),
        [(r["actor"], r["other"], r["events"], r["first"], r["last"]) for r in rows],
        caption,
    )


def timeline(
    lanes: Sequence[Lane], first: date, last: date, caption: str, unit: str | None = None
) -> RenderableType:
    """A chart of lanes, one per actor, over time from first to last; Rich only."""
    from summitry.render import chart

    return chart.timeline(lanes, first, last, caption, unit)

"""What a command's result is, and the one registry of formats that write it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from summitry.present import rows as r
from summitry.present import text
from summitry.present.files import target_problem
from summitry.present.rows import Result

if TYPE_CHECKING:
    from rich.console import RenderableType


ROW_TYPES: dict[str, type[Struct]] = dict(
    events=r.EventRow, event=r.EventRow, actors=r.ActorRow, pairs=r.PairRow, summary=r.CountRow
)


def _document(result: Result) -> Any:
    return result.rows[0] if result.kind in ("event", "summary") else result.rows


def _csv(result: Result) -> str:
    rows = r.summary_counts(result.rows[0]) if result.kind == "summary" else result.rows
    return text.csv_table(r.flat_fields(ROW_TYPES[result.kind]), [dict(r.flat(x)) for x in rows])


def _calendar(result: Result) -> str:
    from summitry.present import ical

    return ical.calendar(result.rows, result.name, result.stamp)


def _drawing(result: Result) -> RenderableType:
    from summitry.present import tables

    if result.kind == "timeline":
        from summitry.present.chart import timeline  # only here: it imports the axis too

        return tables.ByWidth(partial(timeline, result))
    return tables.ByWidth(partial(tables.DRAW[result.kind], result))


class Format(Struct, frozen=True):
    """A format: name, --export suffixes, writer, caption or not, drawing or not, kinds."""

    name: str
    suffixes: tuple[str, ...]
    write: Callable[[Result], str | RenderableType]
    caption: bool = False
    drawing: bool = False
    kinds: tuple[str, ...] = ("events", "event", "actors", "pairs", "summary")


FORMATS = {
    f.name: f
    for f in (
        Format("table", (".svg", ".html", ".txt"), _drawing, caption=True, drawing=True,
               kinds=("events", "event", "actors", "pairs", "summary", "timeline")),
        Format("json", (".json",), lambda result: text.json_document(_document(result))),
        Format("jsonl", (".jsonl",), lambda result: text.json_lines(result.rows)),
        Format("csv", (".csv",), _csv),
        Format("markdown", (".md",), lambda res: text.MARKDOWN[res.kind](res), caption=True),
        Format("ics", (".ics",), _calendar, kinds=("events", "event")),
    )
}  # fmt: skip
EVENT_FORMATS = tuple(name for name, f in FORMATS.items() if "event" in f.kinds)
OTHER_FORMATS = tuple(name for name, f in FORMATS.items() if "actors" in f.kinds)


def write(fmt: str, result: Result) -> str | RenderableType:
    """The result in format fmt."""
    return FORMATS[fmt].write(result)


def by_suffix(path: str) -> tuple[Format, str] | None:
    """The format an export file is saved in, and the suffix that says so; None for none."""
    name = path.lower()
    found = ((f, s) for f in FORMATS.values() for s in f.suffixes if name.endswith(s))
    return next(found, None)


def export_problem(path: str, formats: Sequence[str]) -> str | None:
    """Why path cannot be an --export file of a command with these formats, or None."""
    suffixes = tuple(suffix for name in formats for suffix in FORMATS[name].suffixes)
    wrong = f"'{path}' must end in {', '.join(suffixes)} (the kind of file to save)"
    return target_problem(path) or (None if path.lower().endswith(suffixes) else wrong)

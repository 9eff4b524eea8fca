"""The text formats: JSON and JSON lines (msgspec), CSV and Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import msgspec

from summitry.data.dates import date_in_words, parse_edtf
from summitry.present.rows import (
    HINDSIGHT_MARK,
    Column,
    Result,
    actor_columns,
    pair_columns,
    period_label,
    where,
)
from summitry.present.safe import json_visible, spreadsheet_cell, visible


def _json(value: object, indent: int) -> str:
    """One JSON value and a newline, as json.dumps(indent=indent or None) writes it."""
    return msgspec.json.format(msgspec.json.encode(value), indent=indent).decode() + "\n"


def json_document(value: object) -> str:
    """Indented JSON with a final newline, non-ASCII kept: what json.dumps(indent=2) writes."""
    return json_visible(_json(value, 2))


def json_lines(rows: Iterable[object]) -> str:
    """One JSON value per line, as json.dumps writes it."""
    return json_visible("".join(_json(row, 0) for row in rows))


def csv_table(fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV with a header row: None empty, booleans true/false, text made safe."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _cell(row.get(k)) for k in fields} for row in rows)
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_cell(visible(value)) if isinstance(value, str) else value


def _md(value: object) -> str:
    """Text for a line of Markdown: control characters visible, markup characters escaped."""
    text = "" if value is None else str(value)
    return re.sub(r"([\\`*_\[\]<>|~#!&])", r"\\\1", visible(text)).replace("\n", " ")


def markdown_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str = ""
) -> str:
    """A GitHub-flavoured Markdown table, with the caption as a line below it."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    if caption:
        lines += ["", f"_{_md(caption)}_"]
    return "\n".join(lines) + "\n"


def _md_paragraph(value: object) -> str:
    """Text that starts a line of Markdown: as _md, and never read as a heading, list or quote."""
    return re.sub(r"^(\d+(?=[.)])|(?=[-+=>]))", r"\1\\", _md(value).lstrip())


def _events(result: Result) -> str:
    headers = ("Date", "Status", "Kind", "Title", "Actors", "Place", "Id")
    titles = [f"{HINDSIGHT_MARK} {e.title}" if e.hindsight else e.title for e in result.rows]
    rows = [
        (e.when, e.status, e.kind, title, ", ".join(e.actors), where(e.place, e.country), e.id)
        for e, title in zip(result.rows, titles, strict=True)
    ]
    return markdown_table(headers, rows, result.caption)


def _event(result: Result) -> str:
    """One event as a Markdown section, with its status and date in words."""
    e = result.rows[0]
    fields = {
        "Date": date_in_words(parse_edtf(e.date), e.approximate),
        "Status": result.status,
        "Kind": e.kind,
        "Place": where(e.place, e.country) or None,
        "Actors": ", ".join(e.actors),
    }
    lines = [f"## {_md(e.title)}", ""]
    lines += [f"- **{name}:** {_md(value)}" for name, value in fields.items() if value is not None]
    lines += [f"- **Id:** `{visible(e.id)}`", "", _md_paragraph(e.summary), ""]
    if e.note:
        lines += [f"_Note: {_md(e.note)}_", ""]
    lines.append("Sources:")
    for s in e.sources:
        url = f", {_md(s.url)}" if s.url else ""
        lines.append(f'- {_md_paragraph(s.publisher)}, "{_md(s.title)}", {s.published}{url}')
    return "\n".join(lines) + "\n"


def _listed(columns: Sequence[Column], caption: str) -> str:
    rows = zip(*(column.cells for column in columns), strict=True)
    return markdown_table([column.header for column in columns], rows, caption)


def _summary(result: Result) -> str:
    """The summary as Markdown sections of small tables."""
    s = result.rows[0]
    span = f"{s.start} to {s.end}" if s.start else "none"
    whens = result.whens
    tables = {
        ("Kind", "Events"): s.kinds.items(),
        ("Actor", "Events"): [(a["name"], a["events"]) for a in s.top_actors],
        ("Period", "Events"): [(period_label(p["period"]), p["events"]) for p in s.per_period],
        ("Summit pair", "Summits", "First", "Last"): [
            (f"{p.actor} & {p.other}", p.events, whens[p.first_event], whens[p.last_event])
            for p in s.summit_pairs
        ],
    }
    parts = [markdown_table(headers, rows) for headers, rows in tables.items()]
    return "\n".join([f"**{s.events} events**, {span}. _{_md(result.caption)}_\n", *parts])


MARKDOWN: dict[str, Callable[[Result], str]] = {
    "events": _events,
    "event": _event,
    "actors": lambda res: _listed(actor_columns(res.rows, res.whens), res.caption),
    "pairs": lambda res: _listed(pair_columns(res.rows, res.whens), res.caption),
    "summary": _summary,
}

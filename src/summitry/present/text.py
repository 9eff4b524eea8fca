"""The text formats: JSON, JSON lines, CSV and Markdown, built with the standard library."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from summitry.present.safe import json_visible, spreadsheet_cell, visible

if TYPE_CHECKING:
    from summitry.query.stats import Summary


def json_document(value: object) -> str:
    """Indented JSON with a final newline; non-ASCII kept as it is.

    The same text as json.dumps(value, ensure_ascii=False, indent=2), written by msgspec's
    encoder several times faster.
    """
    import msgspec

    document = msgspec.json.format(msgspec.json.encode(value), indent=2).decode() + "\n"
    return json_visible(document)


def json_lines(rows: Iterable[object]) -> str:
    """One compact JSON value per line."""
    import json

    return json_visible("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


def csv_table(fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV with a header row; None is an empty cell, booleans are true/false.

    Text cells have control characters made visible, and an apostrophe in front when a
    spreadsheet would read them as a formula (=, +, -, @, tab, carriage return); numbers are
    written as they are.
    """
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
    return buffer.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_cell(visible(value))
    return value


# Characters that Markdown (CommonMark, GitHub's tables and strikethrough) would read as
# markup or HTML; a backslash makes each one literal.
_MARKDOWN = r"([\\`*_\[\]<>|~#!&])"  # Markdown only: compiled on first use (re caches it)


def _md(value: object) -> str:
    """Text for a line of Markdown: control characters visible, markup characters escaped."""
    text = "" if value is None else str(value)
    return re.sub(_MARKDOWN, r"\\\1", visible(text)).replace("\n", " ")


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
    text = _md(value).lstrip()
    block = re.match(_BLOCK_START, text)
    if block:
        marker = block.group()
        text = marker[:-1] + "\\" + marker[-1] + text[len(marker) :]
    return text


_BLOCK_START = r"[-+=>]|\d+[.)]"


def markdown_event(record: Mapping[str, Any], status: str, when: str) -> str:
    """One event record as a Markdown section, with its status and date in words; the
    data's text is escaped, never markup."""
    from summitry.present.rows import where

    place = where(record["place"], record["country"])
    lines = [
        f"## {_md(record['title'])}",
        "",
        f"- **Date:** {_md(when)}",
        f"- **Status:** {_md(status)}",
        f"- **Kind:** {_md(record['kind'])}",
    ]
    if place:
        lines.append(f"- **Place:** {_md(place)}")
    lines.append(f"- **Actors:** {', '.join(_md(name) for name in record['actors'])}")
    lines.append(f"- **Id:** `{visible(record['id'])}`")
    lines += ["", _md_paragraph(record["summary"]), ""]
    if record["note"]:
        lines += [f"_Note: {_md(record['note'])}_", ""]
    lines.append("Sources:")
    lines += [
        f'- {_md(s["publisher"])}, "{_md(s["title"])}", {s["published"]}' for s in record["sources"]
    ]
    return "\n".join(lines) + "\n"


def markdown_summary(summary: Summary, caption: str) -> str:
    """The summary as Markdown sections of small tables."""
    from summitry.data.dates import format_when
    from summitry.present.rows import month_label

    span = f"{summary.start} to {summary.end}" if summary.start else "none"
    parts = [f"**{summary.count} events**, {span}. _{_md(caption)}_\n"]
    parts.append(markdown_table(("Kind", "Events"), summary.kinds))
    parts.append(markdown_table(("Actor", "Events"), [(a.name, n) for a, n in summary.top_actors]))
    parts.append(
        markdown_table(("Period", "Events"), [(month_label(y, m), n) for y, m, n in summary.months])
    )
    parts.append(
        markdown_table(
            ("Summit pair", "Summits", "First", "Last"),
            [
                (
                    f"{p.first_actor.name} & {p.second_actor.name}",
                    p.count,
                    format_when(p.first.span, p.first.approximate),
                    format_when(p.last.span, p.last.approximate),
                )
                for p in summary.summit_pairs
            ],
        )
    )
    return "\n".join(parts)

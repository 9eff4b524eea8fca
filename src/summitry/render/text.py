"""The text formats: JSON, JSON lines, CSV and Markdown, built with the standard library."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summitry.stats import Summary


def json_document(value: object) -> str:
    """Indented JSON with a final newline; non-ASCII kept as it is.

    The same text as json.dumps(value, ensure_ascii=False, indent=2), several times faster
    on long lists of records: with indent, json encodes through a Python generator per
    value. This writes the layout directly, leaves strings to json's C encoder, and writes
    the keys of each shape of object once. It takes what records produce (dicts with string
    keys, lists, strings, integers, booleans, None) and hands anything else to json.dumps.
    """
    parts: list[str] = []
    try:
        _Indenter(parts).write(value, "\n")
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    parts.append("\n")
    return "".join(parts)


class _NotPlain(Exception):
    """A value json_document leaves to json.dumps (a float, a tuple, a non-string key)."""


_encode_string = json.encoder.encode_basestring  # the C version when json has its speedups
_LEAVES = {None: "null", True: "true", False: "false"}


class _Indenter:
    """Writes indented JSON into a list of strings."""

    def __init__(self, out: list[str]) -> None:
        self.out = out
        # For each shape of object (its keys) at each depth: what comes before each value,
        # '{' or ',', the line break and indent, the key and ': '.
        self.prefixes: dict[tuple[tuple[str, ...], str], list[str]] = {}

    def write(self, value: object, newline: str) -> None:
        """Append value's JSON; newline is a line break and the current indent.

        Strings, None and booleans inside a container are written in the container's
        loop, without a call of their own: they are most of what records hold.
        """
        append = self.out.append
        if type(value) is dict:
            if not value:
                append("{}")
                return
            inner = newline + "  "
            prefixes = self._prefixes(tuple(value), newline)
            for prefix, item in zip(prefixes, value.values(), strict=True):
                if type(item) is str:
                    append(prefix + _encode_string(item))
                elif item is None or item is True or item is False:
                    append(prefix + _LEAVES[item])
                else:
                    append(prefix)
                    self.write(item, inner)
            append(newline + "}")
        elif type(value) is list:
            if not value:
                append("[]")
                return
            inner = newline + "  "
            separator = "[" + inner
            for item in value:
                if type(item) is str:
                    append(separator + _encode_string(item))
                else:
                    append(separator)
                    self.write(item, inner)
                separator = "," + inner
            append(newline + "]")
        elif type(value) is str:
            append(_encode_string(value))
        elif value is None or value is True or value is False:
            append(_LEAVES[value])
        elif type(value) is int:
            append(int.__repr__(value))
        else:
            raise _NotPlain

    def _prefixes(self, keys: tuple[str, ...], newline: str) -> list[str]:
        prefixes = self.prefixes.get((keys, newline))
        if prefixes is None:
            if any(type(key) is not str for key in keys):
                raise _NotPlain
            inner = newline + "  "
            prefixes = [
                ("{" if index == 0 else ",") + inner + _encode_string(key) + ": "
                for index, key in enumerate(keys)
            ]
            self.prefixes[keys, newline] = prefixes
        return prefixes


def json_lines(rows: Iterable[object]) -> str:
    """One compact JSON value per line."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def csv_table(fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV with a header row; None is an empty cell, booleans are true/false."""
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
    return value


def _md(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str = ""
) -> str:
    """A GitHub-flavoured Markdown table, with the caption as a line below it."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    if caption:
        lines += ["", f"_{_md(caption)}_"]
    return "\n".join(lines) + "\n"


def markdown_event(record: Mapping[str, Any], status: str | None = None) -> str:
    """One event record as a Markdown section; status, when given, is its status in words."""
    from summitry.render.records import where

    place = where(record["place"], record["country"])
    lines = [
        f"## {record['title']}",
        "",
        f"- **Date:** {record['when']} ({record['precision']}"
        + (", approximate" if record["approximate"] else "")
        + ")",
        f"- **Status:** {status or record['status']}",
        f"- **Kind:** {record['kind']}",
    ]
    if place:
        lines.append(f"- **Place:** {place}")
    lines.append(f"- **Actors:** {', '.join(record['actors'])}")
    lines.append(f"- **Id:** `{record['id']}`")
    lines += ["", record["summary"], ""]
    if record["note"]:
        lines += [f"_Note: {record['note']}_", ""]
    lines.append("Sources:")
    lines += [f'- {s["publisher"]}, "{s["title"]}", {s["published"]}' for s in record["sources"]]
    return "\n".join(lines) + "\n"


def markdown_summary(summary: Summary, caption: str) -> str:
    """The summary as Markdown sections of small tables."""
    from summitry.render.records import month_label

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
                    p.first.span.start,
                    p.last.span.start,
                )
                for p in summary.summit_pairs
            ],
        )
    )
    return "\n".join(parts)

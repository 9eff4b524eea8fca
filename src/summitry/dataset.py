"""Read a data file (or the bundled one), check every part of it, and build a Dataset.

A file with problems raises one DataError that lists them all (up to MAX_PROBLEMS), each
naming the file, the place (event index and id, actor or source id) and the field.
Only the standard library is imported here, so loading stays cheap.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from summitry.dates import DateError, parse_edtf
from summitry.model import ACTOR_TYPES, KINDS, Actor, Dataset, Event, Precision, Source

MAX_PROBLEMS = 50
MAX_TITLE = 80
BUNDLED = "data/events.json"

_SLUG = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_EVENT_FIELDS = frozenset(
    (
        "id",
        "date",
        "approximate",
        "title",
        "summary",
        "kind",
        "actors",
        "place",
        "country",
        "sources",
        "note",
    )
)
_ACTOR_FIELDS = frozenset(("name", "aliases", "role", "country", "type"))
_SOURCE_FIELDS = frozenset(("publisher", "title", "published", "author"))


class DataError(Exception):
    """A data file that cannot be used, with every problem found in it."""

    def __init__(self, origin: str, problems: Sequence[str], more: int = 0) -> None:
        self.origin = origin
        self.problems = tuple(problems)
        self.more = more
        super().__init__(self.headline())

    def headline(self) -> str:
        """One line: the first problem, and how many others there are."""
        first = f"{self.origin}: {self.problems[0]}"
        others = len(self.problems) - 1 + self.more
        if others:
            first += f" (and {others} more problem{'s' if others > 1 else ''})"
        return first

    def lines(self) -> list[str]:
        """Every problem on a line of its own, naming the file."""
        out = [f"{self.origin}: {problem}" for problem in self.problems]
        if self.more:
            out.append(f"{self.origin}: ... and {self.more} more problems not shown")
        return out


class _Problems:
    """Collects problems up to a cap, and counts the ones past it."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.found: list[str] = []
        self.more = 0

    def add(self, where: str, what: str) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(f"{where}: {what}")
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if self.found:
            raise DataError(self.origin, self.found, self.more)


def bundled_bytes() -> tuple[bytes, str]:
    """The bundled data file's bytes and a name for it in messages.

    Reads the copy inside the installed package (wheel): straight from the package's folder
    when it is one (importing importlib.resources costs more than the whole lookup), else
    through importlib.resources (a zip import). Falls back to the repository's `data/` when
    running from a checkout or an editable install, which do not see the packaged copy.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    packaged_path = os.path.join(here, *BUNDLED.split("/"))
    if os.path.isfile(packaged_path):
        return read_bytes(packaged_path), packaged_path
    if not os.path.isdir(here):
        from importlib.resources import files

        packaged = files("summitry").joinpath(BUNDLED)
        if packaged.is_file():
            return packaged.read_bytes(), str(packaged)
    checkout = os.path.join(
        os.path.dirname(os.path.dirname(os.path.realpath(here))), *BUNDLED.split("/")
    )
    return read_bytes(checkout), str(checkout)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, or a DataError that says why it cannot be read."""
    origin = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        reason = "no such file"
    except IsADirectoryError:
        reason = "is a directory, not a data file"
    except PermissionError:
        reason = "permission denied"
    except OSError as error:
        reason = f"cannot be read ({error.strerror or error})"
    except ValueError as error:  # a NUL byte in the path
        reason = f"is not a usable path ({error})"
    raise DataError(origin, [reason])


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load and check a data file, or the bundled data when path is None."""
    if path is None:
        raw, origin = bundled_bytes()
    else:
        raw, origin = read_bytes(path), os.fspath(path)
    return parse(raw, origin)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    # Decoding JSON creates millions of container objects and no reference cycles; the
    # cyclic collector would walk every new one again and again. Pause it while loading.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode(raw: bytes, origin: str) -> Any:
    """Parse the bytes as UTF-8 JSON, or raise a DataError naming line and column."""
    if not raw.strip():
        raise DataError(origin, ["the file is empty; a data file is a JSON object"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(
            origin, [f"line {line}, column {column}: not UTF-8 text (byte {error.start})"]
        ) from None
    try:
        with _no_cyclic_gc():
            return json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            origin, [f"line {error.lineno}, column {error.colno}: invalid JSON: {error.msg}"]
        ) from None
    except RecursionError:
        raise DataError(origin, ["invalid JSON: nested too deeply"]) from None


def parse(raw: bytes, origin: str) -> Dataset:
    """Check decoded data and build the Dataset, or raise one DataError listing every problem."""
    document = decode(raw, origin)
    problems = _Problems(origin)
    if not isinstance(document, dict):
        raise DataError(
            origin,
            [
                f"the top level is a JSON {_json_type(document)}; expected an object with "
                "'sources', 'actors' and 'events'"
            ],
        )
    for key in document:
        if key not in ("sources", "actors", "events"):
            problems.add(f"top level: '{key}'", "unknown key (expected sources, actors, events)")
    sources = _sources(document.get("sources"), problems)
    actors = _actors(document.get("actors"), problems)
    with _no_cyclic_gc():
        events = _events(document.get("events"), actors, sources, problems)
    problems.raise_if_any()
    events.sort(key=_chronological)
    return Dataset(events=tuple(events), actors=actors, sources=sources, origin=origin)


def _chronological(event: Event) -> tuple[Any, ...]:
    return (event.span.start, event.span.end, event.id)


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _is_slug(value: str) -> bool:
    return bool(value) and _SLUG.issuperset(value)


def _registry(value: object, name: str, problems: _Problems) -> dict[str, Any]:
    if value is None:
        problems.add(f"top level: '{name}'", "missing (expected an object of id: entry)")
        return {}
    if not isinstance(value, dict):
        problems.add(f"top level: '{name}'", f"is a {_json_type(value)}, expected an object")
        return {}
    return value


def _text(
    entry: Mapping[str, Any],
    field: str,
    where: str,
    problems: _Problems,
    *,
    required: bool = True,
) -> str | None:
    value = entry.get(field)
    if value is None:
        if required:
            problems.add(f"{where}: {field}", "missing")
        return None
    if not isinstance(value, str):
        problems.add(f"{where}: {field}", f"is a {_json_type(value)}, expected a string")
        return None
    if not value.strip():
        if required:
            problems.add(f"{where}: {field}", "is empty")
        return None
    return value


def _unknown_fields(
    entry: Mapping[str, Any], allowed: frozenset[str], where: str, problems: _Problems
) -> None:
    if not allowed.issuperset(entry):
        for field in entry:
            if field not in allowed:
                problems.add(f"{where}: {field}", "unknown field")


def _sources(value: object, problems: _Problems) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for source_id, entry in _registry(value, "sources", problems).items():
        where = f"sources.{source_id}"
        if not _is_slug(source_id):
            problems.add(where, "an id is lower-case letters, digits and hyphens")
        if not isinstance(entry, dict):
            problems.add(where, f"is a {_json_type(entry)}, expected an object")
            continue
        _unknown_fields(entry, _SOURCE_FIELDS, where, problems)
        publisher = _text(entry, "publisher", where, problems)
        title = _text(entry, "title", where, problems)
        published_text = _text(entry, "published", where, problems)
        author = _text(entry, "author", where, problems, required=False)
        published = None
        if published_text is not None:
            try:
                span = parse_edtf(published_text)
            except DateError as error:
                problems.add(f"{where}: published", str(error))
            else:
                if span.precision is not Precision.DAY or span.start != span.end:
                    problems.add(f"{where}: published", "must be one day, YYYY-MM-DD")
                published = span.start
        if publisher and title and published:
            out[source_id] = Source(source_id, publisher, title, published, author)
    return out


def _actors(value: object, problems: _Problems) -> dict[str, Actor]:
    out: dict[str, Actor] = {}
    for actor_id, entry in _registry(value, "actors", problems).items():
        where = f"actors.{actor_id}"
        if not _is_slug(actor_id):
            problems.add(where, "an id is lower-case letters, digits and hyphens")
        if not isinstance(entry, dict):
            problems.add(where, f"is a {_json_type(entry)}, expected an object")
            continue
        _unknown_fields(entry, _ACTOR_FIELDS, where, problems)
        name = _text(entry, "name", where, problems)
        role = _text(entry, "role", where, problems)
        country = _text(entry, "country", where, problems, required=False)
        kind = _text(entry, "type", where, problems)
        if kind is not None and kind not in ACTOR_TYPES:
            problems.add(f"{where}: type", f"'{kind}' is not one of {', '.join(ACTOR_TYPES)}")
        aliases = _string_list(entry.get("aliases", []), f"{where}: aliases", problems)
        if name and role and kind in ACTOR_TYPES and aliases is not None:
            out[actor_id] = Actor(actor_id, name, aliases, role, country, kind)
    return out


def _string_list(value: object, where: str, problems: _Problems) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        problems.add(where, f"is a {_json_type(value)}, expected an array of strings")
        return None
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problems.add(f"{where}[{index}]", "expected a non-empty string")
            return None
    return tuple(value)


def _references(
    entry: Mapping[str, Any],
    field: str,
    known: Mapping[str, object],
    where: str,
    problems: _Problems,
) -> tuple[str, ...] | None:
    value = entry.get(field)
    if value is None:
        problems.add(f"{where}: {field}", "missing")
        return None
    ids = _string_list(value, f"{where}: {field}", problems)
    if ids is None:
        return None
    if not ids:
        problems.add(f"{where}: {field}", "is empty; at least one is needed")
        return None
    for ref in ids:
        if ref not in known:
            problems.add(f"{where}: {field}", f"unknown id '{ref}'")
            return None
    if len(set(ids)) != len(ids):
        problems.add(f"{where}: {field}", "lists the same id twice")
    return ids


def _events(
    value: object,
    actors: Mapping[str, Actor],
    sources: Mapping[str, Source],
    problems: _Problems,
) -> list[Event]:
    if value is None:
        problems.add("top level: 'events'", "missing (expected an array of events)")
        return []
    if not isinstance(value, list):
        problems.add("top level: 'events'", f"is a {_json_type(value)}, expected an array")
        return []
    out: list[Event] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(value):
        event = _event(index, entry, actors, sources, seen, problems)
        if event is not None:
            out.append(event)
    return out


def _event(
    index: int,
    entry: object,
    actors: Mapping[str, Actor],
    sources: Mapping[str, Source],
    seen: dict[str, int],
    problems: _Problems,
) -> Event | None:
    where = f"events[{index}]"
    if not isinstance(entry, dict):
        problems.add(where, f"is a {_json_type(entry)}, expected an object")
        return None
    event_id = _text(entry, "id", where, problems)
    if event_id is not None:
        where = f"events[{index}] ({event_id})"
        if not _is_slug(event_id):
            problems.add(f"{where}: id", "an id is lower-case letters, digits and hyphens")
        if event_id in seen:
            problems.add(f"{where}: id", f"duplicate of events[{seen[event_id]}]")
        else:
            seen[event_id] = index
    _unknown_fields(entry, _EVENT_FIELDS, where, problems)
    date_text = _text(entry, "date", where, problems)
    span = None
    if date_text is not None:
        try:
            span = parse_edtf(date_text)
        except DateError as error:
            problems.add(f"{where}: date", str(error))
    title = _text(entry, "title", where, problems)
    if title is not None and len(title) > MAX_TITLE:
        problems.add(f"{where}: title", f"is {len(title)} characters; at most {MAX_TITLE}")
    summary = _text(entry, "summary", where, problems)
    kind = _text(entry, "kind", where, problems)
    if kind is not None and kind not in KINDS:
        problems.add(f"{where}: kind", f"'{kind}' is not a kind ({', '.join(KINDS)})")
    actor_ids = _references(entry, "actors", actors, where, problems)
    source_ids = _references(entry, "sources", sources, where, problems)
    place = _text(entry, "place", where, problems, required=False)
    country = _text(entry, "country", where, problems, required=False)
    note = _text(entry, "note", where, problems, required=False)
    approximate = entry.get("approximate", False)
    if not isinstance(approximate, bool):
        problems.add(
            f"{where}: approximate", f"is a {_json_type(approximate)}, expected true or false"
        )
    elif approximate and note is None:
        problems.add(f"{where}: note", "an approximate date needs a note saying how it was found")
    if (
        kind is None
        or event_id is None
        or date_text is None
        or span is None
        or title is None
        or summary is None
        or kind not in KINDS
        or actor_ids is None
        or source_ids is None
    ):
        return None
    return Event(
        id=event_id,
        date=date_text,
        span=span,
        title=title,
        summary=summary,
        kind=kind,
        actors=actor_ids,
        sources=source_ids,
        place=place,
        country=country,
        approximate=approximate is True,
        note=note,
    )

"""Read a data file (or the bundled one), check every part of it, and build a Dataset.

A file with problems raises one DataError that lists them all (up to MAX_PROBLEMS), each
naming the file, the place (event index and id, actor or source id) and the field.
Only the standard library is imported here, so loading stays cheap.
"""

from __future__ import annotations

import gc
import json
import os
import re
from collections.abc import Callable, Iterator, KeysView, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from operator import attrgetter, le
from typing import Any

from summitry.dates import DateError, parse_edtf
from summitry.model import (
    ACTOR_TYPES,
    KINDS,
    STATUSES,
    Actor,
    Dataset,
    Event,
    Precision,
    Source,
    Span,
    trusted_event,
)

MAX_PROBLEMS = 50
MAX_TITLE = 80
BUNDLED = "data/events.json"

_SLUG = re.compile(r"[a-z0-9-]+")
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
        "status",
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
    """Load and check a data file, or the bundled data when path is None.

    Each stage lets go of the one before it (bytes, then text), so a large file is held in
    memory at most twice over, as json.load itself would; the cyclic garbage collector is
    paused throughout (see _no_cyclic_gc).
    """
    with _no_cyclic_gc():
        if path is None:
            raw, origin = bundled_bytes()
        else:
            raw, origin = read_bytes(path), os.fspath(path)
        text = _utf8(raw, origin)
        del raw
        document = _json(text, origin)
        del text
        return build(document, origin)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    # Decoding JSON creates millions of container objects and no reference cycles; the
    # cyclic collector would walk every new one again and again (which is why json.load
    # grows faster than linearly). Pause it while loading.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode(raw: bytes, origin: str) -> Any:
    """Parse the bytes as UTF-8 JSON, or raise a DataError naming line and column."""
    return _json(_utf8(raw, origin), origin)


def _utf8(raw: bytes, origin: str) -> str:
    if not raw.strip():
        raise DataError(origin, ["the file is empty; a data file is a JSON object"])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(
            origin, [f"line {line}, column {column}: not UTF-8 text (byte {error.start})"]
        ) from None


def _json(text: str, origin: str) -> Any:
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
    """Check the bytes of a data file and build the Dataset (see build)."""
    with _no_cyclic_gc():
        return build(decode(raw, origin), origin)


def build(document: Any, origin: str) -> Dataset:
    """Check decoded data and build the Dataset, or raise one DataError listing every problem."""
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
        ordered = _chronological(events)
    return Dataset(events=ordered, actors=actors, sources=sources, origin=origin)


def _chronological(events: list[Event]) -> tuple[Event, ...]:
    """The events by start, then end, then id; as they are when already in that order.

    Events share their Span objects (one per distinct date), so the spans are ranked once
    and each event's sort key is its span's rank and its id; everything per event runs
    in C (map, zip, tuple comparison), which matters for 10^6 events.
    """
    spans = list(map(attrgetter("span"), events))
    distinct = dict(zip(map(id, spans), spans, strict=True)).values()
    days = {id(span): (span.start, span.end) for span in distinct}
    position = {day: index for index, day in enumerate(sorted(set(days.values())))}
    rank = {key: position[day] for key, day in days.items()}
    keys = list(
        zip(map(rank.__getitem__, map(id, spans)), map(attrgetter("id"), events), strict=True)
    )
    if all(map(le, keys, islice(keys, 1, None))):
        return tuple(events)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return tuple(map(events.__getitem__, order))


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
    return _SLUG.fullmatch(value) is not None


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
    quick = _quick_builder(actors, sources, seen)
    for index, entry in enumerate(value):
        event = quick(entry, index)
        if event is None:  # something is wrong, or unusual: check it field by field
            event = _event(index, entry, actors, sources, seen, problems)
        if event is not None:
            out.append(event)
    return out


def _quick_builder(
    actors: Mapping[str, Actor], sources: Mapping[str, Source], seen: dict[str, int]
) -> Callable[[object, int], Event | None]:
    """A function that builds an event that is valid in every way, or returns None.

    It accepts nothing that _event would reject, so a None sends the entry to _event for
    the messages. It is the loader's hot path (10^6 events in a large file): one function,
    no message formatting, each distinct date parsed once and each distinct list of
    actors or sources kept once.
    """
    spans: dict[str, Span | None] = {}
    actor_lists: dict[tuple[str, ...], tuple[str, ...]] = {}
    source_lists: dict[tuple[str, ...], tuple[str, ...]] = {}
    actor_ids, source_ids = actors.keys(), sources.keys()
    allowed, kinds, slug = _EVENT_FIELDS, KINDS, _SLUG.fullmatch
    new_event = trusted_event

    def references(
        value: object, known: KeysView[str], checked: dict[tuple[str, ...], tuple[str, ...]]
    ) -> tuple[str, ...] | None:
        if type(value) is not list:
            return None
        ids = tuple(value)
        try:
            same = checked.get(ids)
        except TypeError:  # an unhashable item: a list or an object
            return None
        if same is not None:
            return same
        unique = set(ids)
        if not ids or len(unique) != len(ids) or not unique <= known:
            return None
        checked[ids] = ids
        return ids

    def quick(entry: object, index: int) -> Event | None:
        if type(entry) is not dict or not allowed.issuperset(entry):
            return None
        get = entry.get
        event_id, date_text, title = get("id"), get("date"), get("title")
        summary, kind = get("summary"), get("kind")
        place, country, note = get("place"), get("country"), get("note")
        approximate = get("approximate", False)
        status = get("status", "held")
        if (
            status not in STATUSES
            or type(event_id) is not str
            or event_id in seen
            or slug(event_id) is None
            or type(title) is not str
            or not title
            or title.isspace()
            or len(title) > MAX_TITLE
            or type(summary) is not str
            or not summary
            or summary.isspace()
            or type(kind) is not str
            or kind not in kinds
            or type(date_text) is not str
            or type(approximate) is not bool
            or (place is not None and (type(place) is not str or not place or place.isspace()))
            or (
                country is not None
                and (type(country) is not str or not country or country.isspace())
            )
            or (note is not None and (type(note) is not str or not note or note.isspace()))
            or (approximate and note is None)
        ):
            return None
        span = spans.get(date_text, False)
        if span is False:
            try:
                span = spans[date_text] = parse_edtf(date_text)
            except DateError:
                span = spans[date_text] = None
        if span is None:
            return None
        who = references(get("actors"), actor_ids, actor_lists)
        cited = references(get("sources"), source_ids, source_lists)
        if who is None or cited is None:
            return None
        seen[event_id] = index
        return new_event(
            event_id,
            date_text,
            span,
            title,
            summary,
            kind,
            who,
            cited,
            place,
            country,
            approximate,
            note,
            status,
        )

    return quick


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
    status = entry.get("status", "held")
    if status not in STATUSES:
        problems.add(f"{where}: status", f"{status!r} is not one of {', '.join(STATUSES)}")
    if (
        kind is None
        or status not in STATUSES
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
        status=status,
    )

"""Read a data file (or the bundled one), check it against the schema, and build a Dataset.

The file format is declared once, as the msgspec records of `model.py`; msgspec decodes and
validates a whole file against them in one step. What it does not check is done here, in
bulk, in one linear pass: text without control characters, unique ids, references to known
actors and sources, dates that parse, a note for each approximate date, and a status that
agrees with the sources' dates. A file that fails either step is read again the slow way
(`problems.py`), entry by entry, so that every problem is listed (up to MAX_PROBLEMS), each
naming the file and the place.
"""

from __future__ import annotations

import gc
import mmap
import os
import stat
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain, compress
from operator import attrgetter, itemgetter, le
from typing import Any

import msgspec
from msgspec.structs import asdict

from summitry.dates import DateError, parse_edtf
from summitry.model import SPANS, Actor, ActorFields, Dataset, Event, Slug, Source, SourceFields
from summitry.text_rules import FieldRule, text_problem, text_rules, values_pass

MAX_PROBLEMS = 50
BUNDLED = "data/events.json"
# A pipe, a device or /dev/stdin has no size to check beforehand: read at most this much.
MAX_STREAM_BYTES = 256 * 1024 * 1024
# A regular file at least this large is mapped into memory rather than read: msgspec
# decodes straight from the page cache, without a copy of the file.
MAP_FROM_BYTES = 1024 * 1024


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


class Problems:
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


class _Document(msgspec.Struct, forbid_unknown_fields=True):
    """The top level of a data file: the events decoded, the (small) registries kept as
    JSON text, to be checked for keys given twice before they are decoded."""

    sources: msgspec.Raw
    actors: msgspec.Raw
    events: list[Event]


_document = msgspec.json.Decoder(_Document)
_sources = msgspec.json.Decoder(dict[Slug, SourceFields])
_actors = msgspec.json.Decoder(dict[Slug, ActorFields])
_entries = msgspec.json.Decoder(dict[str, msgspec.Raw])
_BLANKS = b" \t\r\n"


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
    """A file's bytes, or a DataError that says why it cannot be read (see open_bytes)."""
    data = open_bytes(path)
    if isinstance(data, mmap.mmap):
        with data:
            return data[:]
    return data


def open_bytes(path: str | os.PathLike[str]) -> bytes | mmap.mmap:
    """A file's bytes, or a DataError that says why it cannot be read.

    A large regular file is mapped into memory rather than copied (the caller closes the
    map); a small one is read whole; anything else (a pipe, a device, /dev/stdin) is read
    up to MAX_STREAM_BYTES, so that `--data /dev/zero` cannot take all the memory.
    """
    origin = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode):
                if info.st_size >= MAP_FROM_BYTES:
                    return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                return handle.read()
            data = handle.read(MAX_STREAM_BYTES + 1)
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
    else:
        if len(data) <= MAX_STREAM_BYTES:
            return data
        reason = (
            f"is not a regular file and holds more than {MAX_STREAM_BYTES // 2**20} MiB; "
            "save it to a file first"
        )
    raise DataError(origin, [reason])


def load(path: str | os.PathLike[str] | None = None, *, thorough: bool = False) -> Dataset:
    """Load and check a data file, or the bundled data when path is None.

    thorough (for `summitry validate`) also reads the whole file the slow way, which finds
    what the fast decoder lets pass: a key given twice in one object (msgspec keeps the
    last copy; the registries of sources and actors are checked for it on every load).
    """
    if path is None:
        raw, origin = bundled_bytes()
        return parse(raw, origin, thorough=thorough)
    data, origin = open_bytes(path), os.fspath(path)
    if isinstance(data, mmap.mmap):
        with data:
            return parse(data, origin, thorough=thorough)
    return parse(data, origin, thorough=thorough)


def parse(raw: bytes | mmap.mmap, origin: str, *, thorough: bool = False) -> Dataset:
    """Check the bytes of a data file and build the Dataset, or raise one DataError.

    The cyclic garbage collector is paused while loading: decoding creates millions of
    objects and no reference cycles, and the collector would walk them again and again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        if not thorough:
            try:
                return _fast(raw, origin)
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                pass  # read it again the slow way, for the messages
        from summitry import problems

        return problems.check(raw[:], origin)
    finally:
        if was_enabled:
            gc.enable()


def _fast(raw: bytes | mmap.mmap, origin: str) -> Dataset:
    """The Dataset from a file that decodes against the schema, or a DataError.

    Raises msgspec's errors for a file that does not decode, which the slow reading
    explains; problems found after decoding are raised here, all of them.
    """
    document = _document.decode(raw)
    if _duplicate_keys(document.sources) or _duplicate_keys(document.actors):
        raise msgspec.ValidationError("a key given twice")
    source_fields = _sources.decode(document.sources)
    actor_fields = _actors.decode(document.actors)
    events = document.events
    del document
    sources = {key: Source(id=key, **asdict(value)) for key, value in source_fields.items()}
    actors = {key: Actor(id=key, **asdict(value)) for key, value in actor_fields.items()}
    problems = Problems(origin)
    check_records(sources, actors, events, problems)
    problems.raise_if_any()
    return Dataset(events=tuple(events), actors=actors, sources=sources, origin=origin)


def _duplicate_keys(raw: msgspec.Raw) -> bool:
    """Whether an object in this (small) part of the file gives a key twice.

    Decoded as a dict, a key given twice keeps only its last entry, so the text of the
    entries kept then falls short of the text of the part. Counted without white space,
    the part is exactly its kept keys and values, its braces, a colon for each entry and a
    comma between each two; anything else left over (a key whose escapes are written
    differently, or a key given twice) is looked at with the json module's pairs.
    """
    try:
        entries = _entries.decode(raw)
    except msgspec.ValidationError:
        return False  # not an object: the typed decoding says so
    expected = 2 + max(2 * len(entries) - 1, 0)
    expected += sum(len(bytes(value).translate(None, _BLANKS)) for value in entries.values())
    expected += sum(len(msgspec.json.encode(key).translate(None, _BLANKS)) for key in entries)
    if len(bytes(raw).translate(None, _BLANKS)) == expected:
        return False
    import json

    found = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in items}) != len(items):
            found.append(True)
        return dict(items)

    try:
        json.loads(bytes(raw), object_pairs_hook=pairs)
    except ValueError:
        return True
    return bool(found)


def check_records(
    sources: Mapping[str, Source],
    actors: Mapping[str, Actor],
    events: Sequence[Event],
    problems: Problems,
    positions: Sequence[int] | None = None,
) -> None:
    """Check what the schema cannot: text, ids, references, dates and statuses.

    Every check first runs over all the events at once in C (map, join, set), and only when
    one fails are the events looked at one by one, to name the ones at fault. On a file
    with no problem this is a few passes over the events, mostly in C. positions gives each
    event's index in the file, where some were left out (the slow reading).
    """
    where = _Where(events, positions)
    registries: tuple[tuple[Mapping[str, Source | Actor], str, type[msgspec.Struct]], ...] = (
        (sources, "sources", SourceFields),
        (actors, "actors", ActorFields),
    )
    for registry, name, record_type in registries:
        records = list(registry.values())
        for rule in text_rules(record_type):
            fields = list(map(attrgetter(rule.name), records))
            if not values_pass(rule, fields):
                for record, value in zip(records, fields, strict=True):
                    _text(rule, value, f"{name}.{record.id}", problems)
    column = _Columns(events)
    for rule in text_rules(Event):
        # A paragraph is read once (is it blank?): no list of its values is kept.
        values: Iterable[Any] = (
            column(rule.name) if rule.kind != "paragraph" else column.each(rule.name)
        )
        if not values_pass(rule, values):
            for index, value in enumerate(column(rule.name)):
                _text(rule, value, where(index), problems)
    _unique_ids(column("id"), where, problems)
    _notes(events, where, problems)
    known = _references(column("actors"), "actors", actors, where, problems)
    known &= _references(column("sources"), "sources", sources, where, problems)
    starts = _dates(column("date"), where, problems)
    if starts is not None and known:
        _statuses(column, starts, sources, where, problems)


class _Columns:
    """One field of every event as a list, made once however many checks read it."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self.made: dict[str, list[Any]] = {}

    def __call__(self, name: str) -> list[Any]:
        values = self.made.get(name)
        if values is None:
            values = self.made[name] = list(self.each(name))
        return values

    def each(self, name: str) -> Iterator[Any]:
        """The field of every event, one at a time."""
        return map(attrgetter(name), self.events)


class _Where:
    """Names an event in messages by its index in the file and its id."""

    def __init__(self, events: Sequence[Event], positions: Sequence[int] | None) -> None:
        self.events = events
        self.positions = positions

    def __call__(self, index: int) -> str:
        return f"events[{self.index(index)}] ({self.events[index].id})"

    def index(self, index: int) -> int:
        return index if self.positions is None else self.positions[index]


def _text(rule: FieldRule, value: str | None, where: str, problems: Problems) -> None:
    what = text_problem(rule, value)
    if what:
        problems.add(f"{where}: {rule.name}", what)


def _unique_ids(ids: Sequence[str], where: _Where, problems: Problems) -> None:
    if len(set(ids)) == len(ids):
        return
    first: dict[str, int] = {}
    for index, event_id in enumerate(ids):
        if event_id in first:
            problems.add(
                f"{where(index)}: id", f"duplicate of events[{where.index(first[event_id])}]"
            )
        else:
            first[event_id] = index


def _references(
    lists: Sequence[tuple[str, ...]],
    field: str,
    known: Mapping[str, object],
    where: _Where,
    problems: Problems,
) -> bool:
    # Events often share a list (the same sources): each distinct one is then checked once.
    distinct: Collection[tuple[str, ...]] = lists
    if len(set(lists[:1000])) < 500:
        distinct = set(lists)
    used = set(chain.from_iterable(distinct))
    repeated = sum(map(len, distinct)) != sum(map(len, map(set, distinct)))
    if used <= known.keys() and not repeated:
        return True
    for index, ids in enumerate(lists):
        unknown = [ref for ref in ids if ref not in known]
        if unknown:
            problems.add(f"{where(index)}: {field}", f"unknown id '{unknown[0]}'")
        elif len(set(ids)) != len(ids):
            problems.add(f"{where(index)}: {field}", "lists the same id twice")
    return used <= known.keys()


def _dates(dates: Sequence[str], where: _Where, problems: Problems) -> dict[str, date] | None:
    """Parse each distinct date once, into the table Event.span reads.

    Returns the first day of each, or None when some do not parse.
    """
    bad: dict[str, str] = {}
    starts: dict[str, date] = {}
    for text in set(dates):
        span = SPANS.get(text)
        if span is None:
            try:
                span = SPANS[text] = parse_edtf(text)
            except DateError as error:
                bad[text] = str(error)
                continue
        starts[text] = span.start
    if bad:
        for index, text in enumerate(dates):
            if text in bad:
                problems.add(f"{where(index)}: date", bad[text])
        return None
    return starts


def _notes(events: Sequence[Event], where: _Where, problems: Problems) -> None:
    approximate = list(map(attrgetter("approximate"), events))
    if not any(approximate):
        return
    unexplained = [e.note is None for e in compress(events, approximate)]
    if not any(unexplained):
        return
    for index, event in enumerate(events):
        if event.approximate and event.note is None:
            problems.add(
                f"{where(index)}: note",
                "an approximate date needs a note saying how it was found",
            )


def _statuses(
    column: _Columns,
    starts: Mapping[str, date],
    sources: Mapping[str, Source],
    where: _Where,
    problems: Problems,
) -> None:
    """An event told as held needs a source published on or after its first day.

    Runs once every date and reference is known to be good. Most events are reported by
    their first source; only those that are not are looked at one by one.
    """
    held = list(map("held".__eq__, column.each("status")))
    if not any(held):
        return
    published = {key: source.published for key, source in sources.items()}
    cited, dates = column("sources"), column("date")
    firsts = map(published.__getitem__, map(itemgetter(0), compress(cited, held)))
    if all(map(le, map(starts.__getitem__, compress(dates, held)), firsts)):
        return
    for index in compress(range(len(held)), held):
        last = max(published[ref] for ref in cited[index])
        start = starts[dates[index]]
        if start > last:
            problems.add(
                f"{where(index)}: status",
                f"'held', but every source was published before {start.isoformat()} "
                f"(the latest on {last.isoformat()}): an event that its sources report only "
                "as upcoming is 'planned'",
            )

"""What the schema cannot check, checked over many events at once; and the problems found.

msgspec checks each record against the schema (model.py) as it decodes it. What spans
records, and the text rules that would cost a regular expression per string, are checked
here, in one pass over the events: text without control characters, unique ids, references
to known actors and sources, dates that parse, a note for each approximate date, and a
status that agrees with the sources' dates. The pass takes the events in runs of a few
thousand; every check first runs over a column of a run in C (map, join, set), and only
when it fails are that run's events looked at one by one, to name the ones at fault.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import compress, repeat
from operator import attrgetter, eq, itemgetter, le
from typing import Any

import msgspec

from summitry.data.dates import parse_edtf
from summitry.data.schema import SPANS, Actor, ActorFields, Event, Source, SourceFields
from summitry.data.text_rules import FieldRule, text_problem, text_rules, values_pass
from summitry.errors import DataError, DateError

MAX_PROBLEMS = 50


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


# Events are checked in runs of this many. Each check makes a few passes over a run's
# fields, and a run's objects stay in the processor's cache from one pass to the next; over
# a file of 10^6 events in one run, every pass would fetch them from memory again.
RUN = 4096

# The first day of each date text checked so far: the start of its span in SPANS, kept
# apart because the status check reads it for every held event (through the Span, the
# extra attribute read cost about 0.15 s at 10^6 events).
_STARTS: dict[str, date] = {}


def check_records(
    sources: Mapping[str, Source],
    actors: Mapping[str, Actor],
    events: Sequence[Event],
    problems: Problems,
    positions: Sequence[int] | None = None,
) -> None:
    """Check what the schema cannot: text, ids, references, dates and statuses.

    Each check first runs over a run of events at once in C (map, join, set), and only
    when it fails are the events looked at one by one, to name the ones at fault. On a
    file with no problem this is a few passes over each run of events, mostly in C.
    positions gives each event's index in the file, where some were left out (the slow
    reading).
    """
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
    ids = _Ids()
    known = {"actors": frozenset(actors), "sources": frozenset(sources)}
    published = {key: source.published for key, source in sources.items()}
    for first in range(0, len(events), RUN):
        where = _Where(events, positions, first)
        _check_run(_Columns(events[first : first + RUN]), ids, known, published, where, problems)


def _check_run(
    column: _Columns,
    ids: _Ids,
    known: Mapping[str, frozenset[str]],
    published: Mapping[str, date],
    where: _Where,
    problems: Problems,
) -> None:
    for rule in text_rules(Event):
        # A paragraph is read once (is it blank?): no list of its values is kept.
        values: Iterable[Any] = (
            column(rule.name) if rule.kind != "paragraph" else column.each(rule.name)
        )
        if not values_pass(rule, values):
            for index, value in enumerate(column(rule.name)):
                _text(rule, value, where(index), problems)
    ids.check(column("id"), where, problems)
    _notes(column.events, where, problems)
    _references(column("actors"), "actors", known["actors"], where, problems)
    _references(column("sources"), "sources", known["sources"], where, problems)
    _dates(column("date"), where, problems)
    _statuses(column, published, where, problems)


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
    """Names the events of a run, which starts at events[first], by their index in the
    file and their id."""

    def __init__(self, events: Sequence[Event], positions: Sequence[int] | None, first: int):
        self.events = events
        self.positions = positions
        self.first = first

    def __call__(self, index: int) -> str:
        """The event at this index of the run."""
        return self.at(self.first + index)

    def at(self, index: int) -> str:
        """The event at this index of all the events."""
        return f"events[{self.position(index)}] ({self.events[index].id})"

    def position(self, index: int) -> int:
        """The index in the file of the event at this index of all the events."""
        return index if self.positions is None else self.positions[index]


def _text(rule: FieldRule, value: str | None, where: str, problems: Problems) -> None:
    what = text_problem(rule, value)
    if what:
        problems.add(f"{where}: {rule.name}", what)


class _Ids:
    """The ids of the runs checked so far. Once one is repeated, the index of each id's
    first event is kept too, to name it."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.first: dict[str, int] | None = None

    def check(self, ids: Sequence[str], where: _Where, problems: Problems) -> None:
        if self.first is None:
            before = len(self.seen)
            self.seen.update(ids)
            if len(self.seen) == before + len(ids):
                return
            self.first = {}
            for index, event in enumerate(where.events[: where.first]):
                self.first.setdefault(event.id, index)
        for index, event_id in enumerate(ids, where.first):
            if event_id in self.first:
                earlier = where.position(self.first[event_id])
                problems.add(f"{where.at(index)}: id", f"duplicate of events[{earlier}]")
            else:
                self.first[event_id] = index


def _references(
    lists: Sequence[tuple[str, ...]],
    field: str,
    known: frozenset[str],
    where: _Where,
    problems: Problems,
) -> None:
    """Each list names known ids, once each: it holds as many known ids, as a set, as it
    has items."""
    # Events often share a list (the same sources): each distinct one is then checked once.
    distinct: Collection[tuple[str, ...]] = lists
    if len(set(lists[:200])) < 100:
        distinct = set(lists)
    if all(map(eq, map(len, distinct), map(len, map(known.intersection, distinct)))):
        return
    for index, refs in enumerate(lists):
        unknown = [ref for ref in refs if ref not in known]
        if unknown:
            problems.add(f"{where(index)}: {field}", f"unknown id '{unknown[0]}'")
        elif len(set(refs)) != len(refs):
            problems.add(f"{where(index)}: {field}", "lists the same id twice")


def _dates(dates: Sequence[str], where: _Where, problems: Problems) -> None:
    """Every date parses: each distinct one not seen before is parsed once, into the table
    Event.span reads."""
    bad: dict[str, str] = {}
    for text in set(dates).difference(_STARTS):
        try:
            span = SPANS.get(text) or parse_edtf(text)
        except DateError as error:
            bad[text] = str(error)
        else:
            SPANS[text], _STARTS[text] = span, span.start
    for index, text in enumerate(dates if bad else ()):
        if text in bad:
            problems.add(f"{where(index)}: date", bad[text])


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
    published: Mapping[str, date],
    where: _Where,
    problems: Problems,
) -> None:
    """An event told as held needs a source published on or after its first day.

    Most events are reported by their first source; only those that are not, and those
    whose date or sources are unknown (reported by their own checks), are looked at one
    by one.
    """
    held = list(map(eq, column.each("status"), repeat("held")))
    if not any(held):
        return
    cited, dates = column("sources"), column("date")
    firsts = map(published.__getitem__, map(itemgetter(0), compress(cited, held)))
    starts = map(_STARTS.__getitem__, compress(dates, held))
    try:
        if all(map(le, starts, firsts)):
            return
    except KeyError:
        pass  # a source or a date unknown, reported by their own checks
    for index in compress(range(len(held)), held):
        if dates[index] not in _STARTS or not published.keys() >= set(cited[index]):
            continue
        last = max(published[ref] for ref in cited[index])
        start = _STARTS[dates[index]]
        if start > last:
            problems.add(
                f"{where(index)}: status",
                f"'held', but every source was published before {start.isoformat()} "
                f"(the latest on {last.isoformat()}): an event that its sources report only "
                "as upcoming is 'planned'",
            )

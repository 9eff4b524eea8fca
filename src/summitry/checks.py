"""What the schema cannot check, checked over all the events at once; and the problems found.

msgspec checks each record against the schema (model.py) as it decodes it. What spans
records, and the text rules that would cost a regular expression per string, are checked
here, in one pass: text without control characters, unique ids, references to known actors
and sources, dates that parse, a note for each approximate date, and a status that agrees
with the sources' dates. Every check first runs over a whole column of the events in C
(map, join, set), and only when it fails are the events looked at one by one, to name the
ones at fault.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain, compress
from operator import attrgetter, itemgetter, le
from typing import Any

import msgspec

from summitry.dates import DateError, parse_edtf
from summitry.model import SPANS, Actor, ActorFields, Event, Source, SourceFields
from summitry.text_rules import FieldRule, text_problem, text_rules, values_pass

MAX_PROBLEMS = 50


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

"""Held, planned or cancelled: which events count, and what the sources said as of a day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from msgspec import structs

from summitry.data.dates import format_day
from summitry.data.schema import Dataset, Event, Source
from summitry.errors import QueryError


def held(events: Iterable[Event]) -> list[Event]:
    """The events whose status is held."""
    return [event for event in events if event.status == "held"]


def left_out(events: Iterable[Event]) -> str:
    """'3 planned events left out', '1 planned and 1 cancelled events left out', or ''."""
    statuses = [event.status for event in events]
    counts = {status: statuses.count(status) for status in ("planned", "cancelled")}
    parts = [f"{n} {status}" for status, n in counts.items() if n]
    noun = "event" if sum(counts.values()) == 1 else "events"
    return f"{' and '.join(parts)} {noun} left out (only held events are counted)" if parts else ""


def _published_by(dataset: Dataset, day: date) -> dict[str, Source]:
    return {key: s for key, s in dataset.sources.items() if s.published <= day}


def known_on(dataset: Dataset, day: date) -> Dataset:
    """The dataset with only the sources published by day, and the events as they report them."""
    sources = _published_by(dataset, day)
    seen = (event_on(event, sources, day) for event in dataset.events)
    events = tuple(event for event in seen if event is not None)
    return structs.replace(dataset, events=events, sources=sources)


def written_later(dataset: Dataset, events: Iterable[Event], day: date | None) -> frozenset[str]:
    """The ids of the events (as of day) whose text was written with later sources too."""
    if day is None:
        return frozenset()
    known = _published_by(dataset, day).keys()
    wanted = {event.id for event in events}
    return frozenset(e.id for e in dataset.events if e.id in wanted and not known >= set(e.sources))


def reported_on(dataset: Dataset, event: Event, day: date) -> Event:
    """The event as the sources published by day tell it, or QueryError when none does."""
    seen = event_on(event, _published_by(dataset, day), day)
    if seen is None:
        first = format_day(min(dataset.sources[key].published for key in event.sources))
        none = f"no source published on or before {format_day(day)} reports '{event.id}'"
        raise QueryError(f"{none} (the first was published on {first}); give a later --as-of")
    return seen


def event_on(event: Event, sources: Mapping[str, Source], day: date) -> Event | None:
    """The event with only its sources in sources and the status they support, or None."""
    kept = tuple(key for key in event.sources if key in sources)
    if not kept:
        return None
    narrowed = len(kept) < len(event.sources)
    status = event.status
    if status == "held":
        first = event.span.start
        dates = (sources[key].published for key in kept)
        if not any(published > first if narrowed else published >= first for published in dates):
            status = "planned"
    elif status == "cancelled" and narrowed:
        status = "planned"
    same = not narrowed and status == event.status
    return event if same else structs.replace(event, sources=kept, status=status)


def in_words(event: Event, sources: Sequence[Source], as_of: date | None = None) -> str:
    """The event's status in words, naming the sources that say so."""

    def cite(group: Iterable[Source]) -> str:
        return " and ".join(f"{s.publisher}, {format_day(s.published)}" for s in group)

    when = f" as of {format_day(as_of)}" if as_of else ""
    hindsight = "; the summary and note are written from every source, later ones included"
    hindsight = hindsight if as_of else ""
    if event.status == "planned":
        text = f"planned{when}: reported as upcoming by {cite(sources)}"
        if as_of is not None and event.span.start > as_of:
            text += "; sources published later are left out (--as-of)"
        return text + hindsight
    if event.status == "cancelled":
        return f"cancelled{when}: reported as called off; sources: {cite(sources)}{hindsight}"
    before = [s for s in sources if s.published < event.span.start]
    after = [s for s in sources if s.published >= event.span.start]
    text = f"held{when}: reported as having taken place by {cite(after or sources)}"
    if before and after:
        text += f" ({cite(before)} reported it as upcoming)"
    return text + hindsight

"""Held, planned or cancelled: which events count, how they are marked, what was known when.

An event's `status` comes from its sources: `held` when a source published on or after its
first day reports it as having happened, `planned` when the sources report it only as
upcoming, `cancelled` when they report it called off. Counts of meetings count only held
events; listings mark the others.

`known_on(dataset, day)` is the data as the sources published on or before `day` tell it
(`--as-of`): those sources only, the events they report, and each event's status as they
could give it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final

from msgspec import structs

from summitry.data.dates import format_day
from summitry.data.schema import Dataset, Event, Source
from summitry.errors import QueryError

HELD: Final = "held"
PLANNED: Final = "planned"
CANCELLED: Final = "cancelled"


def held(events: Iterable[Event]) -> list[Event]:
    """The events that took place, as their sources report: those whose status is held."""
    return [event for event in events if event.status == HELD]


def left_out(events: Iterable[Event]) -> str:
    """'3 planned events left out', '1 planned and 1 cancelled event left out', or ''.

    For captions of counts that count only held events.
    """
    counts = {PLANNED: 0, CANCELLED: 0}
    for event in events:
        if event.status in counts:
            counts[event.status] += 1
    total = sum(counts.values())
    if not total:
        return ""
    parts = [f"{n} {status}" for status, n in counts.items() if n]
    noun = "event" if total == 1 else "events"
    return f"{' and '.join(parts)} {noun} left out (only held events are counted)"


def known_on(dataset: Dataset, day: date) -> Dataset:
    """The dataset as the sources published on or before day tell it.

    Only those sources are kept; an event none of them reports is left out, and each other
    event keeps only those of its sources, with the status they support (see event_on).
    """
    sources = {key: s for key, s in dataset.sources.items() if s.published <= day}
    events = []
    for event in dataset.events:
        seen = _event_on(event, sources, day)
        if seen is not None:
            events.append(seen)
    return structs.replace(dataset, events=tuple(events), sources=sources)


def event_on(dataset: Dataset, event: Event, day: date) -> Event | None:
    """The event as the sources published on or before day tell it, or None if none does.

    Its sources are narrowed to those. A held event stays held only if a kept source was
    published on or after its first day, so an event that starts after day is planned. When
    some of its sources are left out, the kept one must be published after its first day:
    a source of the very day may have announced it rather than reported it (the Bloomberg
    piece of 31 May 2018 lists that day's talks as still to come), and the source that
    reported it held may be the one left out. For the same reason a cancelled event stays
    cancelled only when none of its sources is left out; otherwise it is planned.
    """
    sources = {key: s for key, s in dataset.sources.items() if s.published <= day}
    return _event_on(event, sources, day)


def reported_on(dataset: Dataset, event: Event, day: date) -> Event:
    """The event as event_on gives it, or QueryError when no source of then reports it."""
    seen = event_on(dataset, event, day)
    if seen is None:
        first = min(dataset.sources[key].published for key in event.sources)
        raise QueryError(
            f"no source published on or before {format_day(day)} reports '{event.id}' "
            f"(the first was published on {format_day(first)}); give a later --as-of"
        )
    return seen


def _event_on(event: Event, sources: dict[str, Source], day: date) -> Event | None:
    kept = tuple(key for key in event.sources if key in sources)
    if not kept:
        return None
    narrowed = len(kept) < len(event.sources)
    status = event.status
    if status == HELD:
        first = event.span.start
        if narrowed:
            reported = any(sources[key].published > first for key in kept)
        else:
            reported = any(sources[key].published >= first for key in kept)
        if not reported:
            status = PLANNED
    elif status == CANCELLED and narrowed:
        status = PLANNED
    if not narrowed and status == event.status:
        return event
    return structs.replace(event, sources=kept, status=status)


def in_words(event: Event, sources: Sequence[Source], as_of: date | None = None) -> str:
    """The event's status in words, naming the sources that say so.

    'planned: reported as upcoming by Bloomberg, 31 May 2018';
    'held: reported as having taken place by The Associated Press, 20 Jun 2019
    (Bloomberg, 31 May 2018 reported it as upcoming)'.
    """

    def cite(group: Iterable[Source]) -> str:
        return " and ".join(f"{s.publisher}, {format_day(s.published)}" for s in group)

    when = f" as of {format_day(as_of)}" if as_of else ""
    # The summary and note are written once, from every source: say so in a view of what
    # was known on a day, which they may run ahead of.
    hindsight = (
        "; the summary and note are written from every source, later ones included"
        if as_of is not None
        else ""
    )
    if event.status == PLANNED:
        text = f"planned{when}: reported as upcoming by {cite(sources)}"
        if as_of is not None and event.span.start > as_of:
            text += "; sources published later are left out (--as-of)"
        return text + hindsight
    if event.status == CANCELLED:
        return f"cancelled{when}: reported as called off; sources: {cite(sources)}{hindsight}"
    before = [s for s in sources if s.published < event.span.start]
    after = [s for s in sources if s.published >= event.span.start]
    text = f"held{when}: reported as having taken place by {cite(after or sources)}"
    if before and after:
        text += f" ({cite(before)} reported it as upcoming)"
    return text + hindsight

"""Counts over a set of events: actors' appearances, who met whom, lanes and summaries.

Imported only by the commands that count or draw (actors, summary, timeline, pairs), so that
a plain listing does not pay for defining these records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from summitry.data.dates import Precision
from summitry.data.schema import Actor, Dataset, Event
from summitry.query.select import actor_names, chronological
from summitry.query.status import HELD, held
from summitry.query.words import fold


@dataclass(frozen=True, slots=True)
class ActorStats:
    """An actor with how many events they take part in and the first and last of them."""

    actor: Actor
    count: int
    first: Event | None
    last: Event | None


def events_by_actor(events: Iterable[Event]) -> dict[str, list[Event]]:
    """For each actor id that takes part in the events, its events in their order."""
    events_of: dict[str, list[Event]] = {}
    for event in events:
        for actor_id in event.actors:
            events_of.setdefault(actor_id, []).append(event)
    return events_of


def actor_stats(dataset: Dataset, search: str | None = None) -> list[ActorStats]:
    """Every actor (or those whose name, alias, role or country contains search), busiest first."""
    events_of = events_by_actor(chronological(dataset.events))
    needle = fold(search) if search else None
    stats = []
    for actor in dataset.actors.values():
        haystack = (*actor_names(actor), actor.role, actor.country or "")
        if needle is not None and not any(needle in fold(value) for value in haystack):
            continue
        own = events_of.get(actor.id, [])
        stats.append(ActorStats(actor, len(own), own[0] if own else None, own[-1] if own else None))
    stats.sort(key=lambda s: (-s.count, s.actor.name))
    return stats


@dataclass(frozen=True, slots=True)
class Pair:
    """Two actors who took part in the same events: how often, and the first and last time."""

    first_actor: Actor
    second_actor: Actor
    count: int
    first: Event
    last: Event


MAX_PAIRS = 10_000
MAX_PAIRINGS = 10_000_000


@dataclass(frozen=True, slots=True)
class PairCount:
    """The pairs found in a run of events, and where counting stopped short, if it did.

    Counting goes through the events in order and stops before an event that would take the
    pairs found past a limit, or the pairings looked at (an event of k actors has k(k-1)/2;
    an event that might pass the limit is looked at twice) past MAX_PAIRINGS: memory and time
    stay bounded, and the counts are exact for the events counted.
    """

    pairs: list[Pair]
    counted: int
    total: int
    stopped_at: Event | None = None
    reason: str = ""

    def note(self, what: str = "events", hint: str = "--max-pairs N") -> str:
        """'' when every event was counted, else a sentence that says where and why it stopped."""
        if self.stopped_at is None:
            return ""
        where = (
            f"pairs counted in the first {self.counted} of {self.total} {what} only"
            if self.counted
            else f"no pairs counted in the {self.total} {what}"
        )
        return (
            f"{where}: {self.stopped_at.id} would take {self.reason} "
            f"({hint} for more, or narrow the query)"
        )


def pairs(
    dataset: Dataset, events: Sequence[Event], types: Iterable[str] = ("person",)
) -> list[Pair]:
    """Every pair of actors of the given types who share held events, most frequent first
    (up to MAX_PAIRS pairs: see count_pairs).

    Planned and cancelled events are not counted: they are not meetings that took place.
    """
    return count_pairs(dataset, events, types).pairs


def count_pairs(
    dataset: Dataset,
    events: Sequence[Event],
    types: Iterable[str] = ("person",),
    limit: int = MAX_PAIRS,
) -> PairCount:
    """The pairs of actors of the given types who share held events, most frequent first,
    counted in the events in their order until an event would take them past limit pairs."""
    events = [event for event in events if event.status == HELD]
    wanted = frozenset(types)
    actors = dataset.actors
    seen: dict[tuple[str, str], list[Any]] = {}  # [count, first event, last event]
    pairings = 0
    for counted, event in enumerate(events):
        ids = sorted(
            {a for a in event.actors if actors[a].type in wanted}, key=lambda a: actors[a].name
        )
        size = len(ids) * (len(ids) - 1) // 2
        too_many = f"the pairs past {limit}"
        # At most len(seen) of its pairs are known already, so more than limit is too many.
        if size > limit:
            return _pair_count(actors, seen, counted, events, event, too_many)
        # Adding it might pass the limit: count the pairs it would add before adding any.
        looks = 2 * size if len(seen) + size > limit else size
        if pairings + looks > MAX_PAIRINGS:
            slow = f"the pairings looked at past {MAX_PAIRINGS}"
            return _pair_count(actors, seen, counted, events, event, slow)
        pairings += looks
        if looks > size:
            fresh = sum(
                1 for i, one in enumerate(ids) for other in ids[i + 1 :] if (one, other) not in seen
            )
            if len(seen) + fresh > limit:
                return _pair_count(actors, seen, counted, events, event, too_many)
        for i, one in enumerate(ids):
            for other in ids[i + 1 :]:
                found = seen.get((one, other))
                if found is None:
                    seen[one, other] = [1, event, event]
                else:
                    found[0] += 1
                    found[2] = event
    return _pair_count(actors, seen, len(events), events, None, "")


def _pair_count(
    actors: Mapping[str, Actor],
    seen: dict[tuple[str, str], list[Any]],
    counted: int,
    events: Sequence[Event],
    stopped_at: Event | None,
    reason: str,
) -> PairCount:
    out = [
        Pair(actors[one], actors[other], count, first, last)
        for (one, other), (count, first, last) in seen.items()
    ]
    out.sort(key=lambda p: (-p.count, p.first.span.start, p.first_actor.name, p.second_actor.name))
    return PairCount(out, counted, len(events), stopped_at, reason)


def paired_actors(pair_list: Sequence[Pair]) -> list[Actor]:
    """The actors in a list of pairs, the one who shares most events with others first."""
    shared: Counter[str] = Counter()
    by_id: dict[str, Actor] = {}
    for p in pair_list:
        for actor in (p.first_actor, p.second_actor):
            shared[actor.id] += p.count
            by_id[actor.id] = actor
    return sorted(by_id.values(), key=lambda a: (-shared[a.id], a.name))


@dataclass(frozen=True, slots=True)
class Lane:
    """One actor's row of a timeline: the actor and the events they take part in."""

    actor: Actor
    events: tuple[Event, ...]


def lanes(
    dataset: Dataset, events: Sequence[Event], top: int, first: Iterable[str] = ()
) -> tuple[list[Lane], int]:
    """A lane for each actor of the events, at most top: those in first, then busiest first.

    Returns the lanes and how many actors take part in the events in all.
    """
    events_of = events_by_actor(events)
    pinned = {actor_id: rank for rank, actor_id in enumerate(dict.fromkeys(first))}
    order = sorted(
        events_of,
        key=lambda a: (
            pinned.get(a, len(pinned)),
            -len(events_of[a]),
            dataset.actors[a].name,
        ),
    )
    chosen = [Lane(dataset.actors[a], tuple(events_of[a])) for a in order[:top]]
    return chosen, len(events_of)


def period(
    dataset: Dataset, events: Sequence[Event], start: date | None, end: date | None
) -> tuple[date, date]:
    """The first and last day of the events, widened to start and end as far as the data
    reaches (a period asked for is drawn whole, but not into years the data never covers)."""
    first = min(event.span.start for event in events)
    last = max(event.span.end for event in events)
    if start is not None:
        first = min(first, max(start, min(event.span.start for event in dataset.events)))
    if end is not None:
        last = max(last, min(end, max(event.span.end for event in dataset.events)))
    return first, last


MAX_MONTHS = 60


@dataclass(frozen=True, slots=True)
class Summary:
    """What a set of events looks like: its size, span, kinds, actors, months and summit pairs.

    Every count is of held events; left_out is the number of planned or cancelled events
    that were given and not counted. months holds (year, month, count) for every month from
    the first event to the last, or (year, 0, count) for every year when that would be more
    than MAX_MONTHS months; unplaced the events whose month (or year) is not known, by window.
    """

    count: int
    start: date | None
    end: date | None
    kinds: list[tuple[str, int]]
    top_actors: list[tuple[Actor, int]]
    months: list[tuple[int, int, int]] = field(default_factory=list)
    unplaced: list[tuple[str, int]] = field(default_factory=list)
    summit_pairs: list[Pair] = field(default_factory=list)
    left_out: int = 0
    summit_pairs_note: str = ""
    # How precisely start and end are known: the coarser of the first event's date and the
    # last one's (a first event of Nov-Dec 2017 starts the period in Nov 2017, not on 1 Nov);
    # and whether the start, and the end, are only approximately known.
    precision: Precision = Precision.DAY
    approximate: tuple[bool, bool] = (False, False)


def _per_period(
    events: Sequence[Event],
) -> tuple[list[tuple[int, int, int]], list[tuple[str, int]]]:
    """Events per month from the first to the last (per year when that is more than
    MAX_MONTHS months), each in the month it starts in; and, by window of months (or years),
    those whose month (or year) is not known: `[2017-11..2017-12]` for late 2017."""
    monthly = [e for e in events if e.span.known >= Precision.MONTH]
    per_month = Counter((e.span.start.year, e.span.start.month) for e in monthly)
    first, last = min(per_month, default=(0, 0)), max(per_month, default=(0, 0))
    if per_month and (last[0] - first[0]) * 12 + last[1] - first[1] < MAX_MONTHS:
        months = []
        year, month = first
        while (year, month) <= last:
            months.append((year, month, per_month.get((year, month), 0)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        rest = Counter(
            f"[{e.span.start:%Y-%m}..{e.span.end:%Y-%m}]" for e in events if e not in monthly
        )
        return months, list(rest.items())
    yearly = [e for e in events if e.span.start.year == e.span.end.year or not e.span.window]
    per_year = Counter(e.span.start.year for e in yearly)
    years = [(y, 0, per_year.get(y, 0)) for y in range(min(per_year), max(per_year) + 1)]
    rest = Counter(f"[{e.span.start.year}..{e.span.end.year}]" for e in events if e not in yearly)
    return years, list(rest.items())


def summarize(dataset: Dataset, events: Sequence[Event], top: int = 10) -> Summary:
    """Counts by kind, the most frequent actors, events per month and leaders' summits by pair,
    all of the held events only (the number of the others is left_out)."""
    counted = held(events)
    left_out = len(events) - len(counted)
    if not counted:
        return Summary(0, None, None, [], [], left_out=left_out)
    ordered = sorted(counted, key=lambda e: (e.span.start, e.span.end, e.id))
    kinds = Counter(event.kind for event in ordered)
    actors = Counter(actor_id for event in ordered for actor_id in event.actors)
    months, unplaced = _per_period(ordered)
    summits = [event for event in ordered if event.kind == "summit"]
    summit_pairs = count_pairs(dataset, summits)
    start, end = ordered[0].span.start, max(event.span.end for event in ordered)
    # The period's ends are as well known as the best known of the events that begin or end it.
    firsts = [event for event in ordered if event.span.start == start]
    lasts = [event for event in ordered if event.span.end == end]
    return Summary(
        count=len(ordered),
        start=start,
        end=end,
        precision=min(max(e.span.precision for e in ends) for ends in (firsts, lasts)),
        approximate=(all(e.approximate for e in firsts), all(e.approximate for e in lasts)),
        kinds=sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        top_actors=[
            (dataset.actors[a], n)
            for a, n in sorted(actors.items(), key=lambda kv: (-kv[1], dataset.actors[kv[0]].name))[
                :top
            ]
        ],
        months=months,
        unplaced=unplaced,
        summit_pairs=summit_pairs.pairs,
        summit_pairs_note=summit_pairs.note(
            "summits", "summitry pairs --kind summit --max-pairs N"
        ),
        left_out=left_out,
    )

"""Counts over a set of events: actors' appearances, who met whom, lanes and summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import combinations
from typing import Any

from msgspec import Struct, field

from summitry.data.dates import Precision
from summitry.data.schema import Actor, Dataset, Event
from summitry.data.suggest import fold
from summitry.query.select import actor_names, chronological
from summitry.query.status import held


class ActorStats(Struct, frozen=True):
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


class Pair(Struct, frozen=True):
    """Two actors who took part in the same events: how often, and the first and last time."""

    first_actor: Actor
    second_actor: Actor
    count: int
    first: Event
    last: Event


MAX_PAIRS = 10_000
MAX_PAIRINGS = 10_000_000


class PairCount(Struct, frozen=True):
    """The pairs found in the first `counted` of `total` events, and where and why it stopped."""

    pairs: list[Pair]
    counted: int
    total: int
    stopped_at: Event | None = None
    reason: str = ""

    def note(self, what: str = "events", hint: str = "--max-pairs N") -> str:
        """'' when every event was counted, else a sentence that says where and why it stopped."""
        if self.stopped_at is None:
            return ""
        where = f"no pairs counted in the {self.total} {what}"
        if self.counted:
            where = f"pairs counted in the first {self.counted} of {self.total} {what} only"
        why = f"{self.stopped_at.id} would take {self.reason}"
        return f"{where}: {why} ({hint} for more, or narrow the query)"


def count_pairs(
    dataset: Dataset, events: Sequence[Event], types: Sequence[str] = (), limit: int = MAX_PAIRS
) -> PairCount:
    """The pairs of actors of the types (people by default) who share held events; most first."""
    events = held(events)
    wanted = frozenset(types or ("person",))
    actors = dataset.actors
    seen: dict[tuple[str, str], list[Any]] = {}  # [count, first event, last event]
    pairings = 0
    counted, stopped_at, reason = len(events), None, ""
    for index, event in enumerate(events):
        typed = {a for a in event.actors if actors[a].type in wanted}
        ids = sorted(typed, key=lambda a: actors[a].name)
        size = len(ids) * (len(ids) - 1) // 2
        keys = list(combinations(ids, 2)) if size <= limit else []
        if size <= limit and pairings + size > MAX_PAIRINGS:
            reason = f"the pairings looked at past {MAX_PAIRINGS}"
        elif size > limit or len(seen) + sum(key not in seen for key in keys) > limit:
            reason = f"the pairs past {limit}"
        if reason:
            counted, stopped_at = index, event
            break
        pairings += size
        for key in keys:
            found = seen.setdefault(key, [0, event, event])
            found[0] += 1
            found[2] = event
    out = [Pair(actors[one], actors[other], *found) for (one, other), found in seen.items()]
    out.sort(key=lambda p: (-p.count, p.first.span.start, p.first_actor.name, p.second_actor.name))
    return PairCount(out, counted, len(events), stopped_at, reason)


def paired_actors(pair_list: Sequence[Pair]) -> list[Actor]:
    """The actors in a list of pairs, the one who shares most events with others first."""
    shared: Counter[Actor] = Counter()
    for p in pair_list:
        shared.update({p.first_actor: p.count, p.second_actor: p.count})
    return sorted(shared, key=lambda a: (-shared[a], a.name))


def lanes(
    dataset: Dataset, events: Sequence[Event], top: int, first: Iterable[str] = ()
) -> tuple[list[tuple[Actor, list[Event]]], int]:
    """The first top actors (in first, then busiest) with their events, and how many there are."""
    events_of = events_by_actor(events)
    pinned = {actor_id: rank for rank, actor_id in enumerate(dict.fromkeys(first))}
    order = sorted(
        events_of,
        key=lambda a: (pinned.get(a, len(pinned)), -len(events_of[a]), dataset.actors[a].name),
    )
    return [(dataset.actors[a], events_of[a]) for a in order[:top]], len(events_of)


def period(
    dataset: Dataset, events: Sequence[Event], start: date | None, end: date | None
) -> tuple[date, date]:
    """The first and last day of the events, widened to start and end within the data."""
    first = min(event.span.start for event in events)
    last = max(event.span.end for event in events)
    if start is not None:
        first = min(first, max(start, min(event.span.start for event in dataset.events)))
    if end is not None:
        last = max(last, min(end, max(event.span.end for event in dataset.events)))
    return first, last


MAX_MONTHS = 60


class Summary(Struct, frozen=True):
    """What summary says of the held events; left_out counts the planned or cancelled ones."""

    count: int
    start: date | None
    end: date | None
    kinds: list[tuple[str, int]]
    top_actors: list[tuple[Actor, int]]
    periods: list[tuple[str, int]] = field(default_factory=list)
    summit_pairs: list[Pair] = field(default_factory=list)
    left_out: int = 0
    summit_pairs_note: str = ""
    precision: Precision = Precision.DAY
    approximate: tuple[bool, bool] = (False, False)


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


def _label(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def _per_period(events: Sequence[Event]) -> list[tuple[str, int]]:
    """Events per month (per year past MAX_MONTHS), and per window of those in no month or year."""
    spans = [e.span for e in events]
    months = [(_month(s.start), _month(s.end), s.known >= Precision.MONTH) for s in spans]
    if found := _tally(months, _label, MAX_MONTHS):
        return found
    years = [(s.start.year, s.end.year, s.start.year == s.end.year or not s.window) for s in spans]
    return _tally(years, lambda year: f"{year:04d}")


def _tally(
    units: list[tuple[int, int, bool]], label: Callable[[int], str], most: int | None = None
) -> list[tuple[str, int]]:
    """Events per unit from the first to the last, empty ones too, and per window of those in
    no unit (start, end, whether in one), a window before the unit it starts in; [] past most."""
    first = min(start for start, _, _ in units)
    last = max(start if placed else end for start, end, placed in units)
    if most is not None and last - first >= most:
        return []
    counts = Counter(start for start, _, placed in units if placed)
    rest = Counter((start, end) for start, end, placed in units if not placed)
    periods = [((unit, 1), label(unit), counts[unit]) for unit in range(first, last + 1)]
    periods += [((a, 0), f"[{label(a)}..{label(b)}]", n) for (a, b), n in rest.items()]
    return [(text, n) for _, text, n in sorted(periods, key=lambda p: p[0])]


def summarize(dataset: Dataset, events: Sequence[Event], top: int = 10) -> Summary:
    """The Summary of the held events among events."""
    counted = held(events)
    left_out = len(events) - len(counted)
    if not counted:
        return Summary(0, None, None, [], [], left_out=left_out)
    ordered = chronological(counted)
    actors = Counter(actor_id for event in ordered for actor_id in event.actors)
    ranked = sorted(actors.items(), key=lambda an: (-an[1], dataset.actors[an[0]].name))
    pairs = count_pairs(dataset, [event for event in ordered if event.kind == "summit"])
    start, end = ordered[0].span.start, max(event.span.end for event in ordered)
    firsts = [event for event in ordered if event.span.start == start]
    lasts = [event for event in ordered if event.span.end == end]
    return Summary(
        count=len(ordered),
        start=start,
        end=end,
        precision=min(max(e.span.precision for e in ends) for ends in (firsts, lasts)),
        approximate=(all(e.approximate for e in firsts), all(e.approximate for e in lasts)),
        kinds=sorted(Counter(e.kind for e in ordered).items(), key=lambda kv: (-kv[1], kv[0])),
        top_actors=[(dataset.actors[a], n) for a, n in ranked[:top]],
        periods=_per_period(ordered),
        summit_pairs=pairs.pairs,
        summit_pairs_note=pairs.note("summits", "summitry pairs --kind summit --max-pairs N"),
        left_out=left_out,
    )

"""Queries over a Dataset: which events match, and the counts that summarize them.

Actor names match whole words of an actor's name, aliases or id, ignoring case and
accents; a name, kind or id that matches nothing raises QueryError with the closest ones.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from summitry.model import KINDS, Actor, Dataset, Event


class QueryError(ValueError):
    """A query that names something the data does not have."""


@dataclass(frozen=True, slots=True)
class Query:
    """What to select: every given filter must hold (repeated --kind values are alternatives)."""

    actors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    place: str | None = None
    text: str | None = None
    start: date | None = None
    end: date | None = None
    limit: int | None = None
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class Selection:
    """The events a query matched, those shown after --limit, and who each actor name meant."""

    matched: tuple[Event, ...]
    shown: tuple[Event, ...]
    actor_matches: tuple[tuple[str, tuple[Actor, ...]], ...] = ()


_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower-case text with its accents removed, for matching: 'Zí Jìnpíng' -> 'zi jinping'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> tuple[str, ...]:
    """The folded words of a text: 'Kim Jong-un' -> ('kim', 'jong', 'un')."""
    return tuple(_WORD.findall(fold(text)))


def _contains_run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def actor_names(actor: Actor) -> tuple[str, ...]:
    """Every name an actor answers to: name, aliases and id."""
    return (actor.name, *actor.aliases, actor.id)


def match_actors(dataset: Dataset, name: str) -> tuple[Actor, ...]:
    """The actors whose name, an alias or id contains the words of name, in order."""
    wanted = words(name)
    if not wanted:
        raise QueryError(f"'{name}' is not an actor's name; try 'summitry actors' for the list")
    found = tuple(
        actor
        for actor in dataset.actors.values()
        if any(_contains_run(words(known), wanted) for known in actor_names(actor))
    )
    if not found:
        raise QueryError(f"no actor matches '{name}'{_did_you_mean(name, _actor_choices(dataset))}")
    return found


def _actor_choices(dataset: Dataset) -> dict[str, str]:
    choices: dict[str, str] = {}
    for actor in dataset.actors.values():
        for known in actor_names(actor):
            choices.setdefault(fold(known), actor.name)
            for word in words(known):
                if len(word) > 2:
                    choices.setdefault(word, actor.name)
    return choices


def _did_you_mean(typed: str, choices: dict[str, str]) -> str:
    """'; did you mean A or B?' for the closest choices (folded key -> shown name), or ''."""
    close = difflib.get_close_matches(fold(typed), list(choices), n=6, cutoff=0.5)
    names = list(dict.fromkeys(choices[key] for key in close))[:3]
    if not names:
        return ""
    if len(names) == 1:
        return f"; did you mean {names[0]}?"
    return f"; did you mean {', '.join(names[:-1])} or {names[-1]}?"


def check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """The kinds folded to lower case, or QueryError naming the one not in the vocabulary."""
    out = []
    for kind in kinds:
        folded = fold(kind.strip())
        if folded not in KINDS:
            hint = _did_you_mean(kind, {k: k for k in KINDS}) or f" (kinds: {', '.join(KINDS)})"
            raise QueryError(f"'{kind}' is not a kind{hint}")
        out.append(folded)
    return tuple(out)


def find_event(dataset: Dataset, event_id: str) -> Event:
    """The event with this id, or QueryError suggesting the closest ids."""
    wanted = event_id.strip()
    for event in dataset.events:
        if event.id == wanted:
            return event
    ids = {event.id: event.id for event in dataset.events}
    hint = _did_you_mean(wanted, ids)
    if not hint:
        containing = [event.id for event in dataset.events if fold(wanted) in event.id]
        if containing:
            hint = f"; ids containing it: {', '.join(containing[:3])}"
    return_hint = hint or "; 'summitry list --format csv' shows every id"
    raise QueryError(f"no event has the id '{event_id}'{return_hint}")


def select(dataset: Dataset, query: Query) -> Selection:
    """The events that satisfy every filter of the query, oldest first unless reversed."""
    resolved = tuple((name, match_actors(dataset, name)) for name in query.actors)
    groups = [frozenset(actor.id for actor in actors) for _, actors in resolved]
    kinds = frozenset(check_kinds(query.kinds))
    place = fold(query.place) if query.place else None
    text = fold(query.text) if query.text else None
    matched = [
        event
        for event in dataset.events
        if (not kinds or event.kind in kinds)
        and (query.start is None or event.span.end >= query.start)
        and (query.end is None or event.span.start <= query.end)
        and all(not group.isdisjoint(event.actors) for group in groups)
        and (place is None or _place_matches(event, place))
        and (text is None or text in fold(event.title) or text in fold(event.summary))
    ]
    if query.reverse:
        matched.reverse()
    shown = matched if query.limit is None else matched[: query.limit]
    return Selection(tuple(matched), tuple(shown), resolved)


def _place_matches(event: Event, folded: str) -> bool:
    return any(folded in fold(value) for value in (event.place, event.country) if value)


def describe(query: Query, selection: Selection) -> list[str]:
    """The query in words, one phrase per filter, for captions and 'no events match' notes."""
    phrases = []
    for name, actors in selection.actor_matches:
        names = ", ".join(actor.name for actor in actors)
        phrases.append(
            f"actor '{name}' ({names})" if names.casefold() != name.casefold() else f"actor {names}"
        )
    if query.kinds:
        phrases.append("kind " + " or ".join(check_kinds(query.kinds)))
    if query.place:
        phrases.append(f"place '{query.place}'")
    if query.text:
        phrases.append(f"text '{query.text}'")
    if query.start or query.end:
        from summitry.dates import format_period

        phrases.append(format_period(query.start, query.end))
    return phrases


@dataclass(frozen=True, slots=True)
class ActorStats:
    """An actor with how many events they take part in and the first and last of them."""

    actor: Actor
    count: int
    first: Event | None
    last: Event | None


def actor_stats(dataset: Dataset, search: str | None = None) -> list[ActorStats]:
    """Every actor (or those whose name, alias, role or country contains search), busiest first."""
    events_of: dict[str, list[Event]] = {actor_id: [] for actor_id in dataset.actors}
    for event in dataset.events:
        for actor_id in event.actors:
            events_of[actor_id].append(event)
    needle = fold(search) if search else None
    stats = []
    for actor in dataset.actors.values():
        haystack = (*actor_names(actor), actor.role, actor.country or "")
        if needle is not None and not any(needle in fold(value) for value in haystack):
            continue
        own = events_of[actor.id]
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


def pairs(
    dataset: Dataset, events: Sequence[Event], types: Iterable[str] = ("person",)
) -> list[Pair]:
    """Every pair of actors of the given types who share events, most frequent first."""
    wanted = frozenset(types)
    seen: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        ids = sorted(
            {a for a in event.actors if dataset.actors[a].type in wanted},
            key=lambda a: dataset.actors[a].name,
        )
        for i, one in enumerate(ids):
            for other in ids[i + 1 :]:
                seen.setdefault((one, other), []).append(event)
    out = [
        Pair(dataset.actors[one], dataset.actors[other], len(evs), evs[0], evs[-1])
        for (one, other), evs in seen.items()
    ]
    out.sort(key=lambda p: (-p.count, p.first.span.start, p.first_actor.name, p.second_actor.name))
    return out


MAX_MONTHS = 60


@dataclass(frozen=True, slots=True)
class Summary:
    """What a set of events looks like: its size, span, kinds, actors, months and summit pairs.

    months holds (year, month, count) for every month from the first event to the last, or
    (year, 0, count) for every year when that would be more than MAX_MONTHS months.
    """

    count: int
    start: date | None
    end: date | None
    kinds: list[tuple[str, int]]
    top_actors: list[tuple[Actor, int]]
    months: list[tuple[int, int, int]] = field(default_factory=list)
    summit_pairs: list[Pair] = field(default_factory=list)


def summarize(dataset: Dataset, events: Sequence[Event], top: int = 10) -> Summary:
    """Counts by kind, the most frequent actors, events per month and leaders' summits by pair."""
    if not events:
        return Summary(0, None, None, [], [])
    ordered = sorted(events, key=lambda e: (e.span.start, e.span.end, e.id))
    kinds = Counter(event.kind for event in ordered)
    actors = Counter(actor_id for event in ordered for actor_id in event.actors)
    per_month = Counter((e.span.start.year, e.span.start.month) for e in ordered)
    first, last = min(per_month), max(per_month)
    months = []
    if (last[0] - first[0]) * 12 + last[1] - first[1] < MAX_MONTHS:
        year, month = first
        while (year, month) <= last:
            months.append((year, month, per_month.get((year, month), 0)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        per_year = Counter(e.span.start.year for e in ordered)
        months = [(y, 0, per_year.get(y, 0)) for y in range(first[0], last[0] + 1)]
    summits = [event for event in ordered if event.kind == "summit"]
    return Summary(
        count=len(ordered),
        start=ordered[0].span.start,
        end=max(event.span.end for event in ordered),
        kinds=sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        top_actors=[
            (dataset.actors[a], n)
            for a, n in sorted(actors.items(), key=lambda kv: (-kv[1], dataset.actors[kv[0]].name))[
                :top
            ]
        ],
        months=months,
        summit_pairs=pairs(dataset, summits),
    )

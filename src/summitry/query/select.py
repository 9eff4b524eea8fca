"""Which events match a Query, what each actor name meant, and finding one event by id."""

from __future__ import annotations

import re
import shlex
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from msgspec import Struct

from summitry.data.dates import format_day, format_period
from summitry.data.schema import KINDS, Actor, Dataset, Event
from summitry.data.suggest import did_you_mean, fold, kind_hint, words
from summitry.errors import QueryError
from summitry.query.status import known_on
from summitry.wording import count_of


def check_order(start: date, end: date, wording: str, example: str) -> None:
    """QueryError, in the command's own words, when a period starts after it ends."""
    if start > end:
        raise QueryError(f"{wording} ({start} > {end}); e.g. '{example}'")


class Query(Struct, frozen=True, kw_only=True):
    """What to select: every actor and text must match, and one of the kinds, statuses, places."""

    actors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    limit: int | None = None
    reverse: bool = False
    as_of: date | None = None


class Selection(Struct, frozen=True):
    """The events a query matched, those shown after --limit, and who each actor name meant."""

    matched: tuple[Event, ...]
    shown: tuple[Event, ...]
    actor_matches: tuple[tuple[str, tuple[Actor, ...]], ...] = ()


def _contains_run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def actor_names(actor: Actor) -> tuple[str, ...]:
    """Every name an actor answers to: name, aliases, names from outside the sources and id."""
    return (actor.name, *actor.aliases, *actor.outside_names, actor.id)


def match_actors(dataset: Dataset, name: str) -> tuple[Actor, ...]:
    """The actors one of whose names contains the words of name, or QueryError."""
    wanted = words(name)
    if not wanted:
        raise QueryError(f"'{name}' is not an actor's name; try 'summitry actors' for the list")
    actors = dataset.actors.values()
    found = tuple(a for a in actors if any(_contains_run(words(n), wanted) for n in actor_names(a)))
    if not found:
        cutoff = 0.5 if len(fold(name)) <= 2 else 0.7
        hint = did_you_mean(name, _actor_choices(dataset), cutoff) or _mentioned(dataset, name)
        hint = hint or "; 'summitry actors' lists every actor"
        raise QueryError(f"no actor matches '{name}'{hint}")
    return found


def _mentioned(dataset: Dataset, name: str) -> str:
    """A pointer to --search when a name that is no actor's is in the text of events, or ''."""
    count = sum(1 for event in dataset.events if _text_matches(event, fold(name)))
    hint = f"(actors are those who took part): summitry list --search {shlex.quote(name)}"
    return f"; the text of {count_of(count, 'event')} mentions it {hint}" if count else ""


def _text_matches(event: Event, text: str) -> bool:
    return text in fold(event.title) or text in fold(event.summary)


def _actor_choices(dataset: Dataset) -> dict[str, str]:
    choices: dict[str, str] = {}
    for actor in dataset.actors.values():
        for known in actor_names(actor):
            for key in (fold(known), *(word for word in words(known) if len(word) > 2)):
                choices.setdefault(key, actor.name)
    return choices


def check_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    """The kinds folded to lower case, or QueryError naming the one not in the vocabulary."""
    for kind in kinds:
        if fold(kind.strip()) not in KINDS:
            hint = kind_hint(kind) or f" (kinds: {', '.join(KINDS)})"
            raise QueryError(f"'{kind}' is not a kind{hint}")
    return tuple(fold(kind.strip()) for kind in kinds)


_DATE_PREFIX = re.compile(r"\d{4}(?:-\d{2}){0,2}-(?=.)")


def short_id(event_id: str) -> str:
    """The id without its leading date: '2018-06-12-singapore-summit' -> 'singapore-summit'."""
    return _DATE_PREFIX.sub("", event_id, count=1)


def short_ids(dataset: Dataset, events: Iterable[Event]) -> dict[str, str]:
    """Each event's short id when it is unique in the dataset, else its full id."""
    wanted = {event.id: short_id(event.id) for event in events}
    taken = Counter(short_id(event.id) for event in dataset.events)
    return {full: short if taken[short] == 1 else full for full, short in wanted.items()}


def find_event(dataset: Dataset, event_id: str) -> Event:
    """The event with this id, or the one event whose id contains it; else QueryError."""
    wanted = event_id.strip()
    part = wanted.casefold()
    named = [event for event in dataset.events if event.id == wanted]
    named = named or [event for event in dataset.events if short_id(event.id) == part]
    named = named or [event for event in dataset.events if part and part in event.id]
    if len(named) == 1:
        return named[0]
    if named:
        ids = [event.id for event in chronological(named)]
        listed = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
        many = f"'{event_id}' is part of the ids of {len(named)} events"
        raise QueryError(f"{many}; give more of the id: {listed}")
    hint = did_you_mean(wanted, {event.id: event.id for event in dataset.events})
    hint = hint or "; the Id column of 'summitry list' shows every id"
    raise QueryError(f"no event has the id '{event_id}'{hint}")


def select(dataset: Dataset, query: Query) -> Selection:
    """The events that satisfy every filter of the query, oldest first unless reversed."""
    if query.as_of is not None:
        dataset = known_on(dataset, query.as_of)
    resolved = tuple((name, match_actors(dataset, name)) for name in query.actors)
    groups = [frozenset(actor.id for actor in actors) for _, actors in resolved]
    kinds = frozenset(check_kinds(query.kinds))
    places = [fold(place) for place in query.places]
    matched = list(dataset.events)
    for group in groups:
        matched = [event for event in matched if not group.isdisjoint(event.actors)]
    if kinds:
        matched = [event for event in matched if event.kind in kinds]
    if query.statuses:
        matched = [event for event in matched if event.status in query.statuses]
    if query.start is not None:
        matched = [event for event in matched if event.span.end >= query.start]
    if query.end is not None:
        matched = [event for event in matched if event.span.start <= query.end]
    if places:
        matched = [event for event in matched if _place_matches(event, places)]
    for text in map(fold, query.texts):
        matched = [event for event in matched if _text_matches(event, text)]
    matched = chronological(matched)
    if query.reverse:
        matched.reverse()
    shown = matched if query.limit is None else matched[: query.limit]
    return Selection(tuple(matched), tuple(shown), resolved)


def chronological(events: Iterable[Event]) -> list[Event]:
    """The events by first day, then last day, then id."""
    return sorted(events, key=_chronological_key)


def _chronological_key(event: Event) -> tuple[date, date, str]:
    span = event.span
    return span.start, span.end, event.id


def summary_excerpt(event: Event, texts: Iterable[str], around: int = 3) -> str | None:
    """The words around the first searched text that is in the summary but not the title."""
    title = fold(event.title)
    missing = [text for text in map(fold, texts) if text not in title]
    if not missing:
        return None
    summary = event.summary.split()
    folded = [fold(word) for word in summary]
    wanted = missing[0]
    for first in range(len(summary)):
        last = first
        text = folded[first]
        while wanted not in text and last + 1 < len(summary) and len(text) < len(wanted) + 40:
            last += 1
            text += " " + folded[last]
        if wanted in text:
            start, end = max(0, first - around), min(len(summary), last + 1 + around)
            before = "\u2026" if start > 0 else ""
            after = "\u2026" if end < len(summary) else ""
            return before + " ".join(summary[start:end]) + after
    return None


def _place_matches(event: Event, places: list[str]) -> bool:
    here = [fold(value) for value in (event.place, event.country) if value]
    return any(place in value for place in places for value in here)


def describe(query: Query, selection: Selection) -> list[str]:
    """The query in words, one phrase per filter, with the actors each name meant."""
    phrases = []
    for name, actors in selection.actor_matches:
        names = ", ".join(actor.name for actor in actors)
        meant = f" ({names})" if names.casefold() != name.casefold() else ""
        phrases.append(f"actor '{name}'{meant}")
    for name, values, joiner in (
        ("kind", check_kinds(query.kinds), "or"),
        ("status", query.statuses, "or"),
        ("place", query.places, "or"),
        ("text", query.texts, "and"),
    ):
        if values:
            phrases.append(f"{name} " + f" {joiner} ".join(f"'{value}'" for value in values))
    if query.start or query.end:
        phrases.append(format_period(query.start, query.end))
    if query.as_of:
        phrases.append(f"as of {format_day(query.as_of)} (sources published by then)")
    return phrases

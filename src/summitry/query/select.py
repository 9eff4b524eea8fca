"""Queries over a Dataset: which events match a Query, and what each actor name meant.

Actor names match whole words of an actor's name, aliases or id, ignoring case and
accents; a name, kind or id that matches nothing raises QueryError with the closest ones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from msgspec import Struct

from summitry.data.dates import format_day, format_period
from summitry.data.schema import KINDS, Actor, Dataset, Event
from summitry.errors import QueryError
from summitry.query.status import known_on
from summitry.query.words import did_you_mean, fold, kinds_by_meaning, suggest, words
from summitry.wording import count_of


def check_order(start: date, end: date, wording: str, example: str) -> None:
    """QueryError, in the command's own words, when a period starts after it ends."""
    if start > end:
        raise QueryError(f"{wording} ({start} > {end}); e.g. '{example}'")


class Query(Struct, frozen=True, kw_only=True):
    """What to select: every given filter must hold.

    Within one filter: every actor must take part and every text must be found (each narrows
    the list further); kinds, statuses and places are alternatives (an event has one of
    each). as_of selects from the data as the sources published on or before that day tell
    it (summitry.query.status.known_on), and statuses are then those as of that day.
    """

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


class Selection(NamedTuple):
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
        # Lenient for a name of two letters (Zi for Xi), else only names that are close.
        cutoff = 0.5 if len(fold(name)) <= 2 else 0.7
        hint = did_you_mean(name, _actor_choices(dataset), cutoff) or _mentioned(dataset, name)
        hint = hint or "; 'summitry actors' lists every actor"
        raise QueryError(f"no actor matches '{name}'{hint}")
    return found


def _mentioned(dataset: Dataset, name: str) -> str:
    """Where a name that is no actor's is in the text of events (people who are mentioned
    but did not take part): a pointer to --search, or ''."""
    text = fold(name)
    count = sum(1 for event in dataset.events if _text_matches(event, text))
    if not count:
        return ""
    import shlex

    return (
        f"; the text of {count_of(count, 'event')} mentions it "
        f"(actors are those who took part): summitry list --search {shlex.quote(name)}"
    )


def _text_matches(event: Event, text: str) -> bool:
    """Whether the event's title or summary contains text (folded), as --search matches."""
    return text in fold(event.title) or text in fold(event.summary)


def _actor_choices(dataset: Dataset) -> dict[str, str]:
    choices: dict[str, str] = {}
    for actor in dataset.actors.values():
        for known in actor_names(actor):
            choices.setdefault(fold(known), actor.name)
            for word in words(known):
                if len(word) > 2:
                    choices.setdefault(word, actor.name)
    return choices


def check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """The kinds folded to lower case, or QueryError naming the one not in the vocabulary."""
    out = []
    for kind in kinds:
        folded = fold(kind.strip())
        if folded not in KINDS:
            # Alike in meaning ('missile' -> weapons-test), else in spelling ('sumit').
            hint = suggest(kinds_by_meaning(kind)) or did_you_mean(kind, {k: k for k in KINDS})
            raise QueryError(
                f"'{kind}' is not a kind{hint or ' (kinds: ' + ', '.join(KINDS) + ')'}"
            )
        out.append(folded)
    return tuple(out)


_DATE_PREFIX = re.compile(r"\d{4}(?:-\d{2}){0,2}-(?=.)")


def short_id(event_id: str) -> str:
    """The id without the date it starts with: '2018-06-12-singapore-summit' ->
    'singapore-summit' (the same id when it does not start with a date)."""
    return _DATE_PREFIX.sub("", event_id, count=1)


def short_ids(dataset: Dataset, events: Iterable[Event]) -> dict[str, str]:
    """For each of the events, its short id when no other event of the dataset has the
    same one ('show' accepts it), else its full id."""
    wanted = {event.id: short_id(event.id) for event in events}
    taken = Counter(short_id(event.id) for event in dataset.events)
    return {full: short if taken[short] == 1 else full for full, short in wanted.items()}


def find_event(dataset: Dataset, event_id: str) -> Event:
    """The event with this id, or the one event whose id contains it (as git takes a unique
    prefix of a hash); QueryError listing them when several do, or the closest ids."""
    wanted = event_id.strip()
    for event in dataset.events:
        if event.id == wanted:
            return event
    part = wanted.casefold()
    named = [event for event in dataset.events if short_id(event.id) == part]
    named = named or [event for event in dataset.events if part and part in event.id]
    if len(named) == 1:
        return named[0]
    if named:
        ids = [event.id for event in chronological(named)]
        listed = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
        raise QueryError(
            f"'{event_id}' is part of the ids of {len(named)} events; give more of the id: {listed}"
        )
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
    texts = [fold(text) for text in query.texts]
    # Each filter narrows the list in turn, cheapest first: one plain comprehension per
    # filter given, and none at all for a filter that is not.
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
    for text in texts:
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
    """Where the summary holds a searched text the title does not: the words around it
    ('\u2026the G7 summit in Canada\u2026'), or None when every text is in the title."""
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


def _quoted(values: Iterable[str], joiner: str) -> str:
    return f" {joiner} ".join(f"'{value}'" for value in values)


def describe(query: Query, selection: Selection) -> list[str]:
    """The query in words, one phrase per filter, for captions and 'no events match' notes:
    what the user typed in quotes, and the actors it meant in brackets when they differ."""
    phrases = []
    for name, actors in selection.actor_matches:
        names = ", ".join(actor.name for actor in actors)
        meant = f" ({names})" if names.casefold() != name.casefold() else ""
        phrases.append(f"actor '{name}'{meant}")
    if query.kinds:
        phrases.append("kind " + _quoted(check_kinds(query.kinds), "or"))
    if query.statuses:
        phrases.append("status " + _quoted(query.statuses, "or"))
    if query.places:
        phrases.append("place " + _quoted(query.places, "or"))
    if query.texts:
        phrases.append("text " + _quoted(query.texts, "and"))
    if query.start or query.end:
        phrases.append(format_period(query.start, query.end))
    if query.as_of:
        phrases.append(f"as of {format_day(query.as_of)} (sources published by then)")
    return phrases

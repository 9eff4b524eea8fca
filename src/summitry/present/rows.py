"""Plain dictionaries for the machine-readable formats: what JSON, JSONL and CSV carry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from summitry.data.dates import MONTHS, Span, format_span, format_when
from summitry.data.schema import Actor, Dataset, Event, Source

if TYPE_CHECKING:
    from summitry.query.stats import ActorStats, Pair, Summary

FLAT_EVENT_FIELDS = (
    "id",
    "date",
    "start",
    "end",
    "precision",
    "approximate",
    "when",
    "status",
    "kind",
    "title",
    "actors",
    "actor_ids",
    "place",
    "country",
    "sources",
    "source_ids",
    "summary",
    "note",
)
FLAT_ACTOR_FIELDS = (
    "id",
    "name",
    "aliases",
    "role",
    "country",
    "type",
    "events",
    "first",
    "first_event",
    "last",
    "last_event",
)
LIST_SEPARATOR = "|"  # joins the items of a list in a CSV cell; a '|' or '\\' in one is escaped
PAIR_FIELDS = (
    "actor",
    "actor_id",
    "other",
    "other_id",
    "events",
    "first",
    "first_event",
    "last",
    "last_event",
)


def event(dataset: Dataset, event_: Event) -> dict[str, Any]:
    """Every field of the event, start and end as ISO days, actors and sources resolved."""
    return events(dataset, [event_])[0]


def events(dataset: Dataset, events_: Iterable[Event]) -> list[dict[str, Any]]:
    """The record of each event. Parts that events share (a date, a list of actors or of
    sources) are worked out once and the same value used in every record that has them."""
    dates: dict[Span, tuple[str, str, str, str]] = {}
    names: dict[tuple[str, ...], list[str]] = {}
    cited: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    out = []
    for e in events_:
        span = e.span
        date_parts = dates.get(span)
        if date_parts is None:
            date_parts = dates[span] = (
                span.start.isoformat(),
                span.end.isoformat(),
                span.precision.label,
                format_span(span),
            )
        who = names.get(e.actors)
        if who is None:
            who = names[e.actors] = [dataset.actors[a].name for a in e.actors]
        sources = cited.get(e.sources)
        if sources is None:
            sources = cited[e.sources] = [_source(dataset.sources[s]) for s in e.sources]
        start, end, precision, when = date_parts
        if e.approximate:
            when = format_when(span, True)
        out.append(
            {
                "id": e.id,
                "date": e.date,
                "start": start,
                "end": end,
                "precision": precision,
                "approximate": e.approximate,
                "when": when,
                "status": e.status,
                "kind": e.kind,
                "title": e.title,
                "summary": e.summary,
                "actors": who,
                "actor_ids": list(e.actors),
                "place": e.place,
                "country": e.country,
                "sources": sources,
                "note": e.note,
            }
        )
    return out


def _source(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "published": source.published.isoformat(),
        "author": source.author,
    }


def joined(items: Iterable[str]) -> str:
    """The items of a list in one CSV cell: joined by '|', with a '|' or '\\' inside an item
    escaped by a '\\' (so 'a|b' is two items and 'a\\|b' one)."""
    return LIST_SEPARATOR.join(
        item.replace("\\", "\\\\").replace(LIST_SEPARATOR, "\\" + LIST_SEPARATOR) for item in items
    )


def flat_event(record: dict[str, Any]) -> dict[str, Any]:
    """An event record with each list joined into one cell by '|', for CSV."""
    flat = dict(record)
    flat["actors"] = joined(record["actors"])
    flat["actor_ids"] = joined(record["actor_ids"])
    flat["sources"] = joined(
        f"{s['publisher']}, {s['title']} ({s['published']})" for s in record["sources"]
    )
    flat["source_ids"] = joined(s["id"] for s in record["sources"])
    return flat


def where(place: str | None, country: str | None) -> str:
    """'Beijing, China', or whichever of the two is known; 'Singapore' once for a city-state."""
    if place and country and place.casefold() == country.casefold():
        return place
    return ", ".join(v for v in (place, country) if v)


def actor_fields(a: Actor) -> dict[str, Any]:
    """An actor's own fields: id, name, aliases (a list), role, country, type."""
    return {
        "id": a.id,
        "name": a.name,
        "aliases": list(a.aliases),
        "role": a.role,
        "country": a.country,
        "type": a.type,
    }


def actor(stat: ActorStats) -> dict[str, Any]:
    """An actor with the number of events and the ids and dates of the first and last
    (dates as the data gives them: `2018-02` is known to the month only)."""
    return {
        **actor_fields(stat.actor),
        "events": stat.count,
        "first": stat.first.date if stat.first else None,
        "first_event": stat.first.id if stat.first else None,
        "last": stat.last.date if stat.last else None,
        "last_event": stat.last.id if stat.last else None,
    }


def flat_actor(record: dict[str, Any]) -> dict[str, Any]:
    """An actor record with its aliases joined into one cell by '|', for CSV."""
    return {**record, "aliases": joined(record["aliases"])}


def pair(p: Pair) -> dict[str, Any]:
    """A pair of actors with how many events they shared and the dates (as the data gives
    them) and ids of the first and last."""
    return {
        "actor": p.first_actor.name,
        "actor_id": p.first_actor.id,
        "other": p.second_actor.name,
        "other_id": p.second_actor.id,
        "events": p.count,
        "first": p.first.date,
        "first_event": p.first.id,
        "last": p.last.date,
        "last_event": p.last.id,
    }


def month_label(year: int, month: int) -> str:
    """'May 2018', or '2018' for a whole year (month 0)."""
    return f"{MONTHS[month - 1]} {year}" if month else str(year)


def summary(s: Summary) -> dict[str, Any]:
    """The summary as one JSON object."""
    return {
        "events": s.count,
        "start": s.start.isoformat() if s.start else None,
        "end": s.end.isoformat() if s.end else None,
        "kinds": {kind: n for kind, n in s.kinds},
        "top_actors": [{"id": a.id, "name": a.name, "events": n} for a, n in s.top_actors],
        "per_period": [
            {"period": f"{y:04d}-{m:02d}" if m else f"{y:04d}", "events": n} for y, m, n in s.months
        ],
        "summit_pairs": [pair(p) for p in s.summit_pairs],
        "left_out": s.left_out,
    }


def summary_rows(s: Summary) -> list[dict[str, Any]]:
    """The summary as section/name/count rows, for CSV."""
    rows: list[dict[str, Any]] = [{"section": "total", "name": "events", "count": s.count}]
    rows.append({"section": "total", "name": "left out (not held)", "count": s.left_out})
    rows += [{"section": "kind", "name": k, "count": n} for k, n in s.kinds]
    rows += [{"section": "actor", "name": a.name, "count": n} for a, n in s.top_actors]
    rows += [
        {
            "section": "month" if m else "year",
            "name": f"{y:04d}-{m:02d}" if m else f"{y:04d}",
            "count": n,
        }
        for y, m, n in s.months
    ]
    rows += [
        {
            "section": "summit pair",
            "name": f"{p.first_actor.name} & {p.second_actor.name}",
            "count": p.count,
        }
        for p in s.summit_pairs
    ]
    return rows

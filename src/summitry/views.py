"""What each command shows, built from a dataset and a query: the layer the commands call.

Each function returns a present.Result: finished rows, a caption, notes for stderr (when
nothing matched) and whether nothing matched. Captions, "no match" notes and
the clamping of a period to the filters are made here, next to the renderers, so a Click
command only turns its arguments into a Query and hands the View to the output (as khal's
controllers do). Like the rest of the library, this module never prints, never exits and
never imports Click.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from msgspec import structs

from summitry.data.dates import (
    APPROXIMATE_MARK,
    EN_DASH,
    Span,
    format_day,
    format_period,
    format_when,
    parse_edtf,
)
from summitry.data.schema import Dataset, Event
from summitry.present import rows
from summitry.present.formats import FORMATS
from summitry.present.rows import Result
from summitry.query import status
from summitry.query.select import (
    Query,
    Selection,
    check_order,
    describe,
    find_event,
    select,
    short_ids,
    summary_excerpt,
)
from summitry.wording import count_of

if TYPE_CHECKING:
    from summitry.errors import DataError
    from summitry.query.stats import Pair, Summary


def caption(
    query: Query,
    selection: Selection,
    *,
    legend: bool = True,
    counted: bool = False,
    hindsight: bool = False,
) -> str:
    """'N events matching ...', then what the table's marks mean (with hindsight, the mark of
    text written after --as-of) and the way to one event in full (legend, for listings) or,
    for counts of held events only (counted), how many planned or cancelled events were left
    out."""
    shown, matched = len(selection.shown), len(selection.matched)
    text = f"{shown} of {count_of(matched, 'event')}" if shown < matched else ""
    text = text or count_of(matched, "event")
    note = status.left_out(selection.matched) if counted else ""
    if note:
        text = count_of(len(status.held(selection.matched)), "held event")
    phrases = describe(query, selection)
    if phrases:
        text += " matching " + ", ".join(phrases)
    approximate = legend and any(e.approximate and not e.span.window for e in selection.shown)
    if approximate:
        text += "; ~ approximate date"
    marks = rows.status_legend(e.status for e in selection.shown) if legend else ""
    if hindsight and query.as_of is not None:
        later = rows.HINDSIGHT_MEANING.replace("that day", format_day(query.as_of))
        marks = "; ".join(filter(None, (marks, f"{rows.HINDSIGHT_MARK} {later}")))
    for part in (marks, note):
        if part:
            text += "; " + part
    if legend and selection.shown:
        text += ". 'summitry show ID' shows one event in full"
        text += ", with how its date was found" if approximate else ""
    return text


def no_match(
    query: Query, selection: Selection, what: str = "events", *, counted: bool = False
) -> str:
    """The note for stderr when nothing matched the query (and, for counts of held events,
    how many others were left out)."""
    phrases = describe(query, selection)
    note = status.left_out(selection.matched) if counted else ""
    note = f"; {note}" if note else ""
    return f"summitry: no {what} match {', '.join(phrases) or 'the query'}{note}"


def stopped_short(text: str, note: str, fmt: str) -> tuple[str, tuple[str, ...]]:
    """The caption with the note of a count that stopped short, and the note for stderr
    too for a format without a caption (JSON, CSV), so that its records stay what they are."""
    notes = () if FORMATS[fmt].caption else (f"summitry: {note}",)
    return f"{text}; {note}", notes


def _whens(events: Iterable[Event | None]) -> dict[str, str]:
    return {e.id: format_when(e.span, e.approximate) for e in events if e is not None}


def _pair_rows(pairs: Sequence[Pair]) -> list[rows.PairRow]:
    return [rows.pair_row(p.first_actor, p.second_actor, p.count, p.first, p.last) for p in pairs]


def _pair_whens(pairs: Sequence[Pair]) -> dict[str, str]:
    return _whens(e for p in pairs for e in (p.first, p.last))


def events(data: Dataset, query: Query, *, drawn: bool = True) -> Result:
    """The events that match the query (list, between); the short ids of the table's Id
    column (which compares every id of the data) only when a table is drawn."""
    selection = select(data, query)
    shown = selection.shown
    notes = () if selection.matched else (no_match(query, selection),)
    later = hindsight(data, shown, query.as_of)
    excerpts = {}
    if query.texts:
        for event in shown:
            found = summary_excerpt(event, query.texts)
            if found:
                excerpts[event.id] = found
    return Result(
        kind="events",
        rows=rows.event_rows(data, shown, later),
        caption=caption(query, selection, hindsight=bool(later)),
        notes=notes,
        nothing=not selection.matched,
        name="summitry: " + caption(query, selection, legend=False),
        stamp=_stamp(data),
        short_ids=short_ids(data, shown) if drawn else {e.id: e.id for e in shown},
        excerpts=excerpts,
    )


def hindsight(data: Dataset, events: Sequence[Event], as_of: date | None) -> frozenset[str]:
    """The ids of the events (as of as_of) whose text was written with later sources too."""
    if as_of is None:
        return frozenset()
    later = {key for key, source in data.sources.items() if source.published > as_of}
    wanted = {event.id for event in events}
    return frozenset(e.id for e in data.events if e.id in wanted and later.intersection(e.sources))


def _stamp(data: Dataset) -> date | None:
    return max((source.published for source in data.sources.values()), default=None)


def between(data: Dataset, start: Span, end: Span, query: Query, *, drawn: bool = True) -> Result:
    """The events from start to end (both taken whole), within any --from/--to as well."""
    check_order(start.start, end.end, "START is after END", "summitry between 2018-05 2018-06")
    first = max(start.start, query.start) if query.start else start.start
    last = min(end.end, query.end) if query.end else end.end
    return events(data, structs.replace(query, start=first, end=last), drawn=drawn)


def event(data: Dataset, event_id: str, as_of: date | None) -> Result:
    """One event in full (show), as the sources published by as_of tell it when given."""
    found = find_event(data, event_id)
    later = hindsight(data, [found], as_of)
    if as_of is not None:
        found = status.reported_on(data, found, as_of)
    sources = [data.sources[s] for s in found.sources]
    return Result(
        kind="event",
        rows=rows.event_rows(data, [found], later),
        name=f"summitry: {found.id}",
        stamp=_stamp(data),
        status=status.in_words(found, sources, as_of),
        roles={a: data.actors[a].role for a in found.actors},
    )


def actors(data: Dataset, search: str | None, as_of: date | None) -> Result:
    """Every actor, or those matching search, with their counts (actors).

    As of a day, only the actors of the events its sources reported are known.
    """
    from summitry.query.stats import actor_stats

    known = status.known_on(data, as_of) if as_of else data
    stats = actor_stats(known, search)
    everyone = len(data.actors)
    if as_of is not None:
        stats = [stat for stat in stats if stat.count]
        everyone = len({actor for event in known.events for actor in event.actors})
    text = (
        f"{len(stats)} of {count_of(everyone, 'actor')}"
        if search
        else count_of(len(stats), "actor")
    )
    if search:
        text += f" matching '{search}'"
    if as_of is not None:
        text += f" as of {format_day(as_of)}"
    notes = () if stats else (f"summitry: no actors match '{search}'",)
    return Result(
        kind="actors",
        rows=[rows.actor_row(s.actor, s.count, s.first, s.last) for s in stats],
        caption=text,
        notes=notes,
        nothing=not stats,
        whens=_whens(e for s in stats for e in (s.first, s.last)),
    )


def overview(s: Summary) -> str:
    """'38 events, Nov 2017 - Jun 2019': how many, and from the first to the last, as
    precisely as their dates are known (with ~ for an approximate one)."""
    text = count_of(s.count, "event")
    if not (s.start and s.end):
        return text
    if not any(s.approximate):
        return f"{text}, {format_period(s.start, s.end, s.precision)}"
    first, last = (
        APPROXIMATE_MARK * approximate + format_day(day, s.precision)
        for approximate, day in zip(s.approximate, (s.start, s.end), strict=True)
    )
    return f"{text}, {first}" if first == last else f"{text}, {first} {EN_DASH} {last}"


def summary(data: Dataset, query: Query, fmt: str) -> Result:
    """Kinds, busiest actors, events per month and summit pairs of the matching events;
    with none of them held, only a note (and the empty document in JSON and CSV)."""
    from summitry.query.stats import summarize

    selection = select(data, query)
    notes: tuple[str, ...] = () if selection.matched else (no_match(query, selection),)
    s = summarize(data, selection.matched)
    text = caption(query, selection, legend=False, counted=True)
    if s.summit_pairs_note:
        text, stopped = stopped_short(text, s.summit_pairs_note, fmt)
        notes += stopped
    if selection.matched and not s.count:  # none of them held
        notes += (no_match(query, selection, "held events", counted=True),)
    row = rows.SummaryRow(
        events=s.count,
        start=s.start.isoformat() if s.start else None,
        end=s.end.isoformat() if s.end else None,
        kinds=dict(s.kinds),
        top_actors=[{"id": a.id, "name": a.name, "events": n} for a, n in s.top_actors],
        per_period=sorted(
            [
                {"period": f"{y:04d}-{m:02d}" if m else f"{y:04d}", "events": n}
                for y, m, n in s.months
            ]
            + [{"period": window, "events": n} for window, n in s.unplaced],
            key=lambda p: (parse_edtf(p["period"]).start, not p["period"].startswith("[")),
        ),
        summit_pairs=_pair_rows(s.summit_pairs),
        left_out=s.left_out,
    )
    return Result(
        kind="summary",
        rows=[row],
        caption=text,
        notes=notes,
        nothing=not s.count,
        whens=_pair_whens(s.summit_pairs),
        overview=overview(s),
    )


def timeline(data: Dataset, query: Query, top: int, unit: str | None) -> Result:
    """Lanes of the busiest actors (those named first) over the matching events' period."""
    from summitry.query.stats import lanes, period

    selection = select(data, query)
    if not selection.matched:
        return Result(kind="timeline", notes=(no_match(query, selection),))
    named = [actor.id for _, found in selection.actor_matches for actor in found]
    chosen, everyone = lanes(data, selection.matched, top, first=named)
    text = caption(query, selection, legend=False)
    text += f"; {len(chosen)} of {count_of(everyone, 'actor')}" if len(chosen) < everyone else ""
    lane_rows = [
        rows.LaneRow(
            lane.actor.name,
            [(e.span.start, e.span.end, e.kind, e.status, e.span.window) for e in lane.events],
        )
        for lane in chosen
    ]
    return Result(
        kind="timeline",
        rows=lane_rows,
        caption=text,
        period=period(data, selection.matched, query.start, query.end),
        unit=unit,
    )


def pairs(
    data: Dataset,
    query: Query,
    types: Sequence[str],
    top: int,
    as_list: bool,
    max_pairs: int,
    fmt: str,
) -> Result:
    """Who met whom among the matching events, counted up to max_pairs pairs."""
    from summitry.query.stats import count_pairs, paired_actors

    selection = select(data, query)
    counted = count_pairs(data, selection.matched, types or ("person",), max_pairs)
    found = counted.pairs
    text = f"{count_of(len(found), 'pair')} in "
    text += caption(query, selection, legend=False, counted=True)
    note = counted.note()
    notes: tuple[str, ...] = ()
    if not found:
        if note:
            notes = (f"summitry: {note}",)
        else:
            notes = (no_match(query, selection, "pairs of actors", counted=True),)
    elif note:
        text, notes = stopped_short(text, note, fmt)
    return Result(
        kind="pairs",
        rows=_pair_rows(found),
        caption=text,
        notes=notes,
        nothing=not found,
        whens=_pair_whens(found),
        ranked=[(a.id, a.name) for a in paired_actors(found)],
        top=top,
        as_list=as_list,
    )


def valid(data: Dataset) -> str:
    """validate's line for a valid file."""
    return (
        f"{data.origin}: valid: {count_of(len(data.events), 'event')}, "
        f"{count_of(len(data.actors), 'actor')}, {count_of(len(data.sources), 'source')}\n"
    )


def invalid(error: DataError) -> str:
    """validate's closing line for a file with problems."""
    return f"{error.origin} is not valid: {count_of(len(error.problems) + error.more, 'problem')}"


class Written(NamedTuple):
    """What to-sqlite says: its line for stdout and any notes for stderr."""

    line: str
    notes: tuple[str, ...]


def to_sqlite(
    data: Dataset, query: Query, path: str, metadata_path: str | None, *, replace: bool
) -> Written:
    """Write the matching events to a SQLite database (and Datasette metadata)."""
    from summitry.present import sqlite

    sqlite.require_library()
    targets = [path] if metadata_path is None else [path, metadata_path]
    sqlite.check_targets(targets, data.origin, replace=replace)
    selection = select(data, query)
    notes = () if selection.matched else (no_match(query, selection),)
    later = hindsight(data, selection.matched, query.as_of)
    counts = sqlite.write(data, selection.matched, path, metadata_path, later)
    line = (
        f"{path}: {count_of(counts.events, 'event')}, "
        f"{count_of(counts.actors, 'actor')}, {count_of(counts.sources, 'source')}\n"
    )
    return Written(line, notes)

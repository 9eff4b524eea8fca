"""One function per command: a Dataset and a Query in, a present.Result out; no printing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from msgspec import structs

from summitry.data import dates
from summitry.data.schema import Dataset
from summitry.errors import DataError
from summitry.present import rows
from summitry.present.formats import FORMATS
from summitry.present.rows import Result
from summitry.query import select, stats, status
from summitry.query.select import Query
from summitry.wording import count_of


def caption(
    query: Query,
    selection: select.Selection,
    *,
    legend: bool = True,
    counted: bool = False,
    hindsight: bool = False,
) -> str:
    """'N events matching ...', with what the marks mean or what a count of held events left out."""
    matched, shown = selection.matched, selection.shown
    note = status.left_out(matched) if counted else ""
    if note:
        text = count_of(len(status.held(matched)), "held event")
    elif len(shown) < len(matched):
        text = f"{len(shown)} of {count_of(len(matched), 'event')}"
    else:
        text = count_of(len(matched), "event")
    phrases = select.describe(query, selection)
    if phrases:
        text += " matching " + ", ".join(phrases)
    approximate = legend and any(e.approximate and not e.span.window for e in shown)
    parts = [text, "~ approximate date" if approximate else ""]
    parts.append(rows.status_legend(e.status for e in shown) if legend else "")
    if hindsight and query.as_of is not None:
        later = rows.HINDSIGHT_MEANING.replace("that day", dates.format_day(query.as_of))
        parts.append(f"{rows.HINDSIGHT_MARK} {later}")
    text = "; ".join(part for part in (*parts, note) if part)
    if legend and shown:
        text += ". 'summitry show ID' shows one event in full"
        text += ", with how its date was found" if approximate else ""
    return text


def no_match(
    query: Query, selection: select.Selection, what: str = "events", *, counted: bool = False
) -> str:
    """The note for stderr when nothing matched (for counts, with what was left out)."""
    phrases = ", ".join(select.describe(query, selection)) or "the query"
    note = status.left_out(selection.matched) if counted else ""
    return f"summitry: no {what} match {phrases}" + (f"; {note}" if note else "")


def _unmatched(query: Query, selection: select.Selection) -> tuple[str, ...]:
    return () if selection.matched else (no_match(query, selection),)


def stopped_short(text: str, note: str, fmt: str) -> tuple[str, tuple[str, ...]]:
    """The caption with a short count's note, and that note for stderr when there is no caption."""
    notes = () if FORMATS[fmt].caption else (f"summitry: {note}",)
    return f"{text}; {note}", notes


def _whens(counted: Iterable[stats.ActorStats | stats.Pair]) -> dict[str, str]:
    """The dates of the first and last events of each actor or pair, by event id."""
    ends = (e for c in counted for e in (c.first, c.last) if e is not None)
    return {e.id: dates.format_when(e.span, e.approximate) for e in ends}


def _pair_rows(pairs: Sequence[stats.Pair]) -> list[rows.PairRow]:
    return [rows.pair_row(p.first_actor, p.second_actor, p.count, p.first, p.last) for p in pairs]


def _stamp(data: Dataset) -> date | None:
    return max((source.published for source in data.sources.values()), default=None)


def _counts(*counts: int) -> str:
    return ", ".join(map(count_of, counts, ("event", "actor", "source")))


def events(data: Dataset, query: Query, *, drawn: bool = True) -> Result:
    """The events that match the query (list, between), with short ids when a table is drawn."""
    selection = select.select(data, query)
    shown = selection.shown
    later = status.written_later(data, shown, query.as_of)
    excerpts = {e.id: select.summary_excerpt(e, query.texts) for e in shown} if query.texts else {}
    return Result(
        kind="events",
        rows=rows.event_rows(data, shown, later),
        caption=caption(query, selection, hindsight=bool(later)),
        notes=_unmatched(query, selection),
        nothing=not selection.matched,
        name="summitry: " + caption(query, selection, legend=False),
        stamp=_stamp(data),
        short_ids=select.short_ids(data, shown) if drawn else {e.id: e.id for e in shown},
        excerpts={key: text for key, text in excerpts.items() if text},
    )


def between(
    data: Dataset, start: dates.Span, end: dates.Span, query: Query, *, drawn: bool = True
) -> Result:
    """The events from start to end (both taken whole), within any --from/--to as well."""
    first, last = start.start, end.end
    select.check_order(first, last, "START is after END", "summitry between 2018-05 2018-06")
    first, last = max(first, query.start or first), min(last, query.end or last)
    return events(data, structs.replace(query, start=first, end=last), drawn=drawn)


def event(data: Dataset, event_id: str, as_of: date | None) -> Result:
    """One event in full (show), as the sources published by as_of tell it when given."""
    found = select.find_event(data, event_id)
    later = status.written_later(data, [found], as_of)
    if as_of is not None:
        found = status.reported_on(data, found, as_of)
    return Result(
        kind="event",
        rows=rows.event_rows(data, [found], later),
        name=f"summitry: {found.id}",
        stamp=_stamp(data),
        status=status.in_words(found, [data.sources[s] for s in found.sources], as_of),
        roles={a: data.actors[a].role for a in found.actors},
    )


def actors(data: Dataset, search: str | None, as_of: date | None) -> Result:
    """Every actor, or those matching search, with their counts (as of a day, when given)."""
    known = status.known_on(data, as_of) if as_of else data
    listed = stats.actor_stats(known, search)
    everyone = len(data.actors)
    if as_of is not None:
        listed = [stat for stat in listed if stat.count]
        everyone = len({actor for event in known.events for actor in event.actors})
    text = count_of(len(listed), "actor")
    if search:
        text = f"{len(listed)} of {count_of(everyone, 'actor')} matching '{search}'"
    if as_of is not None:
        text += f" as of {dates.format_day(as_of)}"
    return Result(
        kind="actors",
        rows=[rows.actor_row(s.actor, s.count, s.first, s.last) for s in listed],
        caption=text,
        notes=() if listed else (f"summitry: no actors match '{search}'",),
        nothing=not listed,
        whens=_whens(listed),
    )


def overview(s: stats.Summary) -> str:
    """'38 events, Nov 2017 - Jun 2019': how many, from the first to the last."""
    text = count_of(s.count, "event")
    if not (s.start and s.end):
        return text
    if not any(s.approximate):
        return f"{text}, {dates.format_period(s.start, s.end, s.precision)}"
    first, last = (
        dates.APPROXIMATE_MARK * approximate + dates.format_day(day, s.precision)
        for approximate, day in zip(s.approximate, (s.start, s.end), strict=True)
    )
    return f"{text}, {first}" if first == last else f"{text}, {first} {dates.EN_DASH} {last}"


def summary(data: Dataset, query: Query, fmt: str) -> Result:
    """Kinds, busiest actors, events per period and summit pairs of the matching held events."""
    selection = select.select(data, query)
    notes = _unmatched(query, selection)
    s = stats.summarize(data, selection.matched)
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
        per_period=[{"period": name, "events": n} for name, n in s.periods],
        summit_pairs=_pair_rows(s.summit_pairs),
        left_out=s.left_out,
    )
    return Result(
        kind="summary",
        rows=[row],
        caption=text,
        notes=notes,
        nothing=not s.count,
        whens=_whens(s.summit_pairs),
        overview=overview(s),
    )


def timeline(data: Dataset, query: Query, top: int, unit: str | None) -> Result:
    """Lanes of the busiest actors (those named first) over the matching events' period."""
    selection = select.select(data, query)
    if not selection.matched:
        return Result(kind="timeline", notes=_unmatched(query, selection))
    named = [actor.id for _, found in selection.actor_matches for actor in found]
    chosen, everyone = stats.lanes(data, selection.matched, top, first=named)
    text = caption(query, selection, legend=False)
    text += f"; {len(chosen)} of {count_of(everyone, 'actor')}" if len(chosen) < everyone else ""
    return Result(
        kind="timeline",
        rows=[
            rows.LaneRow(
                actor.name,
                [(e.span.start, e.span.end, e.kind, e.status, e.span.window) for e in own],
            )
            for actor, own in chosen
        ],
        caption=text,
        period=stats.period(data, selection.matched, query.start, query.end),
        unit=unit,
    )


def pairs(
    data: Dataset, query: Query, types: Sequence[str], top: int, as_list: bool, limit: int, fmt: str
) -> Result:
    """Who met whom among the matching events, counted up to limit pairs."""
    selection = select.select(data, query)
    counted = stats.count_pairs(data, selection.matched, types, limit)
    found, note = counted.pairs, counted.note()
    text = f"{count_of(len(found), 'pair')} in "
    text += caption(query, selection, legend=False, counted=True)
    notes: tuple[str, ...] = ()
    if found and note:
        text, notes = stopped_short(text, note, fmt)
    elif note:
        notes = (f"summitry: {note}",)
    elif not found:
        notes = (no_match(query, selection, "pairs of actors", counted=True),)
    return Result(
        kind="pairs",
        rows=_pair_rows(found),
        caption=text,
        notes=notes,
        nothing=not found,
        whens=_whens(found),
        ranked=[(a.id, a.name) for a in stats.paired_actors(found)],
        top=top,
        as_list=as_list,
    )


def valid(data: Dataset) -> str:
    """validate's line for a valid file."""
    counts = _counts(len(data.events), len(data.actors), len(data.sources))
    return f"{data.origin}: valid: {counts}\n"


def invalid(error: DataError) -> str:
    """validate's closing line for a file with problems."""
    return f"{error.origin} is not valid: {count_of(len(error.problems) + error.more, 'problem')}"


def to_sqlite(
    data: Dataset, query: Query, path: str, metadata_path: str | None, *, replace: bool
) -> tuple[str, tuple[str, ...]]:
    """Write the matching events to a SQLite database; to-sqlite's line and notes for stderr."""
    from summitry.present import sqlite

    sqlite.require_library()
    targets = [path] if metadata_path is None else [path, metadata_path]
    sqlite.check_targets(targets, data.origin, replace=replace)
    selection = select.select(data, query)
    later = status.written_later(data, selection.matched, query.as_of)
    counts = sqlite.write(data, selection.matched, path, metadata_path, later)
    return f"{path}: {_counts(*counts)}\n", _unmatched(query, selection)

"""The chronology as a SQLite database for Datasette and sqlite-utils (an optional extra)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from msgspec import Struct, structs

from summitry.data.schema import Dataset, Event
from summitry.errors import MissingLibrary, WriteError
from summitry.errors import RefusedTarget as Refused
from summitry.present import rows
from summitry.present.files import Staged, reason, same_file, stage, target_problem
from summitry.present.text import json_document

T = TypeVar("T")

SEARCHED_COLUMNS = ("title", "summary", "place", "note")
FLAGS = frozenset(("approximate", "window", "hindsight"))  # booleans, stored as 0 or 1

TABLES: dict[str, str] = {
    "events": "One row per event of the chronology, oldest first.",
    "actors": "The people, states and organizations that take part in the events.",
    "sources": "The published articles that report the events.",
    "event_actors": "Who took part in each event (many-to-many: events and actors).",
    "event_sources": "Which articles report each event (many-to-many: events and sources).",
    "summit_pairs": "Leaders' summits that took place (kind summit, status held), counted "
    "for each pair of people who met at them.",
    "events_per_month": "The number of events that took place (status held), and of "
    "summits among them, starting in each month, months without events included; "
    "as 'summitry summary' counts them (an event whose month is not known, such as a window "
    "of Nov-Dec 2017, is in no month).",
}

COLUMNS: dict[str, dict[str, str]] = {
    "events": {
        "id": "Stable, readable slug starting with the date",
        "date": "The date as the data gives it (EDTF level 0): 2018-06-12, 2018-02, "
        "2019-02-27/2019-02-28",
        "start": "First day the date covers, YYYY-MM-DD",
        "end": "Last day the date covers, YYYY-MM-DD",
        "precision": "How much of the date is known: day, month or year",
        "approximate": "1 when the articles only imply the date; note says how it was found",
        "window": "1 when the date is a window: one day somewhere from start to end, not all",
        "status": "held, planned or cancelled",
        "kind": "summit, meeting, talks, visit, statement, speech, announcement, "
        "weapons-test, conference or release",
        "title": "Headline, in our own words",
        "summary": "One to three sentences, in our own words",
        "place": "City or site, when known",
        "country": "Country of the place, when known",
        "note": "How an approximate date was worked out, or other curation notes",
        "hindsight": "With --as-of: 1 when title and summary were written with later sources",
    },
    "actors": {
        "id": "Stable slug",
        "name": "The name as usually written in English",
        "aliases": "Other names people type (a JSON array)",
        "outside_names": "Names from outside the sources, for search only (a JSON array)",
        "role": "Office or role at the time; State for a state",
        "country": "The country the actor belongs to",
        "type": "person, state or organization",
    },
    "sources": {
        "id": "Stable slug",
        "publisher": "Who published the article",
        "title": "The article's headline",
        "published": "The article's date, YYYY-MM-DD",
        "author": "The reporter, where the article names one",
        "url": "The article's address (http or https), where the data gives one",
    },
    "event_actors": {"event_id": "The event", "actor_id": "An actor who took part in it"},
    "event_sources": {"event_id": "The event", "source_id": "An article that reports it"},
    "summit_pairs": {
        "actor": "One of the pair (the name that sorts first)",
        "actor_id": "Their id",
        "other": "The other of the pair",
        "other_id": "Their id",
        "events": "Number of summits both took part in",
        "first": "The date of the first of them, as the data gives it (as in summitry's JSON)",
        "first_event": "Its id",
        "last": "The date of the last of them, as the data gives it",
        "last_event": "Its id",
    },
    "events_per_month": {
        "month": "YYYY-MM",
        "events": "Events held that started in the month",
        "summits": "Of which leaders' summits",
    },
}

SUMMIT_PAIRS_SQL = """
WITH shared AS (
  SELECT a.name AS actor, a.id AS actor_id, b.name AS other, b.id AS other_id,
    e.id AS event_id, e.date, e.start, row_number() OVER (
      PARTITION BY a.id, b.id ORDER BY e.start, e."end", e.id) AS n,
    count(*) OVER (PARTITION BY a.id, b.id) AS events
  FROM events AS e
  JOIN event_actors AS ea ON ea.event_id = e.id
  JOIN actors AS a ON a.id = ea.actor_id AND a.type = 'person'
  JOIN event_actors AS eb ON eb.event_id = e.id
  JOIN actors AS b ON b.id = eb.actor_id AND b.type = 'person' AND a.name < b.name
  WHERE e.kind = 'summit' AND e.status = 'held'
)
SELECT f.actor, f.actor_id, f.other, f.other_id, f.events, f.date AS first,
  f.event_id AS first_event, l.date AS last, l.event_id AS last_event
FROM shared AS f JOIN shared AS l
  ON l.actor_id = f.actor_id AND l.other_id = f.other_id AND l.n = l.events
WHERE f.n = 1
ORDER BY f.events DESC, f.start, f.actor, f.other
""".strip()

EVENTS_PER_MONTH_SQL = """
WITH RECURSIVE held AS (
  SELECT id, kind, substr(start, 1, 7) AS month, substr("end", 1, 7) AS last_month,
    precision != 'year' AND NOT ("window" = 1 AND substr(start, 1, 7) != substr("end", 1, 7))
      AS placed
  FROM events WHERE status = 'held'
), months(day) AS (
  SELECT min(month) || '-01' FROM held HAVING count(*) > 0
  UNION ALL
  SELECT date(day, '+1 month') FROM months
  WHERE day < (SELECT max(CASE WHEN placed THEN month ELSE last_month END) || '-01' FROM held)
)
SELECT substr(months.day, 1, 7) AS month, count(held.id) AS events,
  count(CASE WHEN held.kind = 'summit' THEN 1 END) AS summits
FROM months LEFT JOIN held ON held.placed AND held.month = substr(months.day, 1, 7)
GROUP BY months.day
ORDER BY months.day
""".strip()


class Counts(NamedTuple):
    """How many events, actors and sources a written database holds."""

    events: int
    actors: int
    sources: int


def require_library() -> None:
    """Raise MissingLibrary, with the command that installs it, unless sqlite-utils imports."""
    try:
        import sqlite_utils  # noqa: F401
    except ImportError:
        raise MissingLibrary(
            "to-sqlite needs the sqlite-utils library, which is not installed: from a clone, "
            ".venv/bin/pip install '.[sqlite]'; from PyPI, pip install 'summitry[sqlite]'"
        ) from None


def check_targets(targets: Sequence[str], data_file: str | None, *, replace: bool) -> None:
    """Refuse a directory, a special file, the data file, a name given twice, or one that exists."""
    for target in targets:
        problem = target_problem(target) if target else "a file name cannot be empty"
        if problem:
            raise Refused(problem)
        if data_file is not None and same_file(target, data_file):
            raise Refused(f"'{target}' is the data file being read; write to another file")
        if os.path.lexists(target) and not replace:
            raise Refused(f"'{target}' already exists; add --replace to overwrite it")
    if len(targets) == 2:
        first, second = targets
        if os.path.abspath(first) == os.path.abspath(second) or same_file(first, second):
            raise Refused(f"'{first}' is named twice: the database and metadata need two files")


def write(
    dataset: Dataset,
    events: Sequence[Event],
    path: str,
    metadata_path: str | None = None,
    hindsight: frozenset[str] = frozenset(),
) -> Counts:
    """Write the events, actors and sources at path (metadata at metadata_path), all or nothing."""
    database = _stage(path, lambda tmp: fill(tmp, dataset, events, hindsight))
    staged: list[Staged[Any]] = [database]
    try:
        if metadata_path is not None:
            document = json_document(metadata(os.path.splitext(os.path.basename(path))[0]))
            staged.append(_stage(metadata_path, lambda t: Path(t).write_text(document, "utf-8")))
        for built in staged:
            try:
                built.commit()
            except OSError as error:
                raise WriteError(f"cannot write '{built.target}': {reason(error)}") from None
    finally:
        for built in staged:
            built.discard()
    return database.result


def _stage(target: str, build: Callable[[str], T]) -> Staged[T]:
    """files.stage, with SQLite's journal files as companions and its errors as WriteError."""
    try:
        return stage(target, build, companions=("-journal", "-wal", "-shm"))
    except (OSError, ValueError, sqlite3.Error) as error:
        raise WriteError(f"cannot write '{target}': {reason(error)}") from None


def fill(path: str, dataset: Dataset, events: Sequence[Event], hindsight: frozenset[str]) -> Counts:
    """Create the tables, indexes, full-text index and views at path, and insert the rows."""
    from sqlite_utils import Database

    used_actors = {actor_id for event in events for actor_id in event.actors}
    used_sources = {source_id for event in events for source_id in event.sources}
    actors = [actor for actor in dataset.actors.values() if actor.id in used_actors]
    sources = [source for source in dataset.sources.values() if source.id in used_sources]

    with closing(Database(path, execute_plugins=False)) as db:
        for table, not_null in (
            ("actors", {"name", "aliases", "role", "type"}),
            ("sources", {"publisher", "title", "published"}),
            ("events", {"date", "start", "end", "precision", "approximate", "status", "kind"}
             | {"title", "summary"}),
        ):  # fmt: skip
            columns = {name: int if name in FLAGS else str for name in COLUMNS[table]}
            db.table(table).create(columns, pk="id", not_null=not_null)
        for link, other in (("event_actors", "actor"), ("event_sources", "source")):
            pk = ("event_id", f"{other}_id")
            refs = [("event_id", "events", "id"), (pk[1], f"{other}s", "id")]
            db.table(link).create(dict.fromkeys(pk, str), pk=pk, not_null=pk, foreign_keys=refs)

        with db.conn:
            db.table("actors").insert_all(_cells("actors", rows.actor_row(a)) for a in actors)
            db.table("sources").insert_all(_cells("sources", rows.source_row(s)) for s in sources)
            event_rows = rows.event_rows(dataset, events, hindsight)
            db.table("events").insert_all(_cells("events", row) for row in event_rows)
            for link, other in (("event_actors", "actor"), ("event_sources", "source")):
                ids = ((e.id, i) for e in events for i in dict.fromkeys(getattr(e, f"{other}s")))
                db.table(link).insert_all({"event_id": e, f"{other}_id": i} for e, i in ids)

        db.table("events").enable_fts(SEARCHED_COLUMNS, create_triggers=True)
        db.table("events").create_index(["start"])
        db.table("events").create_index(["kind"])
        db.table("event_actors").create_index(["actor_id"])
        db.table("event_sources").create_index(["source_id"])
        db.create_view("summit_pairs", SUMMIT_PAIRS_SQL)
        db.create_view("events_per_month", EVENTS_PER_MONTH_SQL)
    return Counts(len(events), len(actors), len(sources))


def _cells(table: str, row: Struct) -> dict[str, Any]:
    """The columns of table from a row (a boolean as 0 or 1)."""
    values = structs.asdict(row)
    return {name: int(values[name]) if name in FLAGS else values[name] for name in COLUMNS[table]}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for database: each table, view and column described; facets, sort."""
    tables = {name: {"description": d, "columns": COLUMNS[name]} for name, d in TABLES.items()}
    tables["events"].update(sort="start", facets=["kind", "status", "precision", "country"])
    tables["actors"].update(facets=["type", "country"])
    return {
        "title": "summitry: North Korea's summit diplomacy, 2017-2019",
        "description": "A chronology of events with the people involved and the articles "
        "that report them, written by 'summitry to-sqlite'.",
        "databases": {database: {"tables": tables}},
    }

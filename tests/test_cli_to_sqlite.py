"""summitry to-sqlite: the database holds what `list --format json` lists, keys and search hold,
and the file is written safely or not at all."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import json_ids
from summitry.cli import cli
from summitry.data.load import load

Run = Callable[..., Result]

EVENT_COLUMNS = (
    "id",
    "date",
    "start",
    "end",
    "precision",
    "approximate",
    "status",
    "kind",
    "title",
    "summary",
    "place",
    "country",
    "note",
)


def rows(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def column(db: Path, sql: str, *params: object) -> list[Any]:
    return [row[0] for row in rows(db, sql, *params)]


def listed(run: Run, *args: str) -> list[dict[str, Any]]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    records: list[dict[str, Any]] = json.loads(result.stdout)
    return records


@pytest.fixture
def export(run: Run, tmp_path: Path) -> Callable[..., Path]:
    """Run to-sqlite into a new file in tmp_path (with the given filters); its path."""

    def do(*args: str, name: str = "out.db", data: Path | None = None) -> Path:
        path = tmp_path / name
        prefix = ["--data", str(data)] if data else []
        result = run(*prefix, "to-sqlite", str(path), *args)
        assert result.exit_code == 0, result.stderr
        return path

    return do


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole bundled data written by to-sqlite once for the module, for tests that only
    read it (as export() with no filters writes it)."""
    path = tmp_path_factory.mktemp("sqlite") / "bundled.db"
    result = CliRunner().invoke(
        cli,
        ["to-sqlite", str(path)],
        prog_name="summitry",
        env={"COLUMNS": "100", "NO_COLOR": "1", "SUMMITRY_DATA": None, "FORCE_COLOR": None},
    )
    assert result.exit_code == 0, result.stderr
    return path


def test_the_tables_hold_what_list_json_lists(run: Run, bundled_db: Path) -> None:
    db = bundled_db
    records = listed(run, "list")
    assert len(records) == 45  # as the README says of the bundled data
    assert column(db, "SELECT count(*) FROM events") == [len(records)]
    quoted = ", ".join(f'"{name}"' for name in EVENT_COLUMNS)
    got = {row[0]: row for row in rows(db, f"SELECT {quoted} FROM events")}
    for record in records:
        expected = tuple(record[name] for name in EVENT_COLUMNS)
        assert got[record["id"]] == (*expected[:5], int(expected[5]), *expected[6:])
    links = {(r["id"], a) for r in records for a in r["actor_ids"]}
    assert set(rows(db, "SELECT event_id, actor_id FROM event_actors")) == links
    assert column(db, "SELECT count(*) FROM event_actors") == [len(links)]
    cited = {(r["id"], s["id"]) for r in records for s in r["sources"]}
    assert set(rows(db, "SELECT event_id, source_id FROM event_sources")) == cited
    assert column(db, "SELECT count(*) FROM actors") == [len({a for _, a in links})] == [21]
    assert column(db, "SELECT count(*) FROM sources") == [len({s for _, s in cited})] == [2]


def test_actors_and_sources_carry_their_fields(bundled_db: Path) -> None:
    db = bundled_db
    name, aliases, role, country, type_ = rows(
        db, "SELECT name, aliases, role, country, type FROM actors WHERE id = 'xi-jinping'"
    )[0]
    assert (name, role, country, type_) == ("Xi Jinping", "President of China", "China", "person")
    assert "Xi" in json.loads(aliases)
    assert rows(db, "SELECT publisher, published FROM sources WHERE id = 'ap-2019-06-20'") == [
        ("The Associated Press", "2019-06-20")
    ]


def test_every_foreign_key_is_declared_and_holds(bundled_db: Path) -> None:
    db = bundled_db
    assert rows(db, "PRAGMA foreign_key_check") == []
    for table, other in (("event_actors", "actors"), ("event_sources", "sources")):
        keys = {(r[2], r[3], r[4]) for r in rows(db, f"PRAGMA foreign_key_list({table})")}
        assert keys == {("events", "event_id", "id"), (other, f"{other[:-1]}_id", "id")}
        assert [r[1] for r in rows(db, f"PRAGMA table_info({table})") if r[5]] == [
            "event_id",
            f"{other[:-1]}_id",
        ]
    for table in ("events", "actors", "sources"):
        assert [r[1] for r in rows(db, f"PRAGMA table_info({table})") if r[5]] == ["id"]


def test_full_text_search_finds_what_list_search_finds(run: Run, bundled_db: Path) -> None:
    db = bundled_db
    expected = json_ids(run("list", "--search", "Singapore", "--format", "json"))
    assert len(expected) == 7  # counted by hand in data/events.json
    found = column(
        db,
        "SELECT id FROM events WHERE rowid IN "
        "(SELECT rowid FROM events_fts WHERE events_fts MATCH ?) ORDER BY rowid",
        "Singapore",
    )
    assert found == expected


def test_the_full_text_index_is_one_datasette_detects(bundled_db: Path) -> None:
    # Datasette uses a table's search box when an FTS table declares content=<that table>.
    db = bundled_db
    (sql,) = column(db, "SELECT sql FROM sqlite_master WHERE name = 'events_fts'")
    bare = re.sub(r"[\"'\[\]\s]", "", sql)  # whichever way the names are quoted
    assert "USINGFTS5(" in bare
    assert "title,summary,place,note,content=events)" in bare


def test_the_indexes_cover_start_kind_and_actor(bundled_db: Path) -> None:
    db = bundled_db
    indexed = {
        (table, info[2])
        for table in ("events", "event_actors")
        for index in rows(db, f"PRAGMA index_list({table})")
        for info in rows(db, f"PRAGMA index_info({index[1]!r})")
        if index[3] == "c"  # created by CREATE INDEX, not by a primary key
    }
    assert {("events", "start"), ("events", "kind"), ("event_actors", "actor_id")} <= indexed


def test_a_filtered_export_holds_only_those_events_and_what_they_use(
    run: Run, export: Callable[..., Path]
) -> None:
    db = export("--actor", "Xi", "--from", "2018")
    records = listed(run, "list", "--actor", "Xi", "--from", "2018")
    assert column(db, "SELECT id FROM events ORDER BY rowid") == [r["id"] for r in records]
    assert set(column(db, "SELECT id FROM actors")) == {a for r in records for a in r["actor_ids"]}
    assert set(column(db, "SELECT id FROM sources")) == {
        s["id"] for r in records for s in r["sources"]
    }
    assert "donald-trump" not in column(db, "SELECT id FROM actors")
    assert rows(db, "PRAGMA foreign_key_check") == []


def test_the_views_agree_with_summary(run: Run, bundled_db: Path) -> None:
    db = bundled_db
    summary = json.loads(run("summary", "--json").stdout)
    per_month = [(p["period"], p["events"]) for p in summary["per_period"]]
    windows = [p for p in per_month if p[0].startswith("[")]  # events whose month is unknown
    assert windows == [("[2017-11..2017-12]", 1)]
    months = [p for p in per_month if p not in windows]
    assert rows(db, "SELECT month, events FROM events_per_month") == months
    assert ("2018-07", 0) in months  # months without events are there too
    # One meaning for 'first' and 'last': the dates as the data writes them, in the view as
    # in the JSON (the last Kim-Xi summit is 2019-06-20/2019-06-21), with the events' ids.
    keys = ("actor", "actor_id", "other", "other_id", "events")
    keys += ("first", "first_event", "last", "last_event")
    pairs = [tuple(p[key] for key in keys) for p in summary["summit_pairs"]]
    assert rows(db, "SELECT * FROM summit_pairs") == pairs
    assert ("2019-06-20/2019-06-21",) in [p[7:8] for p in pairs]
    assert pairs[0][:5] == ("Kim Jong Un", "kim-jong-un", "Xi Jinping", "xi-jinping", 5)


def test_summit_pairs_count_only_summits_that_were_held(
    run: Run, tmp_path: Path, small_doc: dict[str, Any], export: Callable[..., Path]
) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps(small_doc), encoding="utf-8")
    db = export(data=data)
    assert rows(db, "SELECT actor, other, events FROM summit_pairs") == [("Bo Kim", "Cy Kim", 1)]
    small_doc["events"][0]["status"] = "planned"
    data.write_text(json.dumps(small_doc), encoding="utf-8")
    db = export(data=data, name="planned.db")
    assert rows(db, "SELECT * FROM summit_pairs") == []
    assert column(db, "SELECT status FROM events WHERE kind = 'summit'") == ["planned"]


def dump(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


def test_running_twice_gives_the_same_tables_and_rows(
    run: Run, export: Callable[..., Path]
) -> None:
    one, two = export(name="one.db"), export(name="two.db")
    first, second = dump(one), dump(two)
    assert any(line.startswith('INSERT INTO "events"') for line in first)
    assert first == second
    assert one.read_bytes() == two.read_bytes()  # the same file, byte for byte


def test_an_existing_file_is_replaced_only_with_replace(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    target.write_text("not a database\n", encoding="utf-8")
    result = run("to-sqlite", str(target), "--kind", "summit")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "already exists; add --replace" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "not a database\n"
    assert sorted(os.listdir(tmp_path)) == ["out.db"]

    result = run("to-sqlite", str(target), "--kind", "summit", "--replace")
    assert result.exit_code == 0, result.stderr
    summits = sum(1 for e in load().events if e.kind == "summit")
    assert column(target, "SELECT count(*) FROM events") == [summits]
    assert sorted(os.listdir(tmp_path)) == ["out.db"]


def test_the_file_is_readable_by_others_as_a_new_file_would_be(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    old = os.umask(0o022)
    try:
        assert run("to-sqlite", str(target)).exit_code == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_the_data_file_being_read_is_never_written(
    run: Run, tmp_path: Path, small_path: Path
) -> None:
    before = small_path.read_bytes()
    linked = tmp_path / "linked.db"
    os.link(small_path, linked)  # another name for the same file: same inode
    for target in (small_path, linked):
        result = run("--data", str(small_path), "to-sqlite", str(target), "--replace")
        assert result.exit_code == 2
        assert "is the data file being read" in result.stderr
        assert result.stderr.startswith("Error: ")
    assert small_path.read_bytes() == before
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["to-sqlite", "."], "is a directory"),
        (["to-sqlite", ""], "cannot be empty"),
        (["to-sqlite", "same.db", "--metadata", "same.db"], "named twice"),
    ],
    ids=["a directory", "an empty name", "the database and metadata in one file"],
)
def test_targets_that_cannot_be_written_are_usage_errors(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert os.listdir(tmp_path) == []


@pytest.fixture
def failing_fts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make the build fail half-way, once the rows are written, as a full disk would."""
    import sqlite_utils.db

    def fail(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_utils.db.Table, "enable_fts", fail)
    yield


@pytest.mark.usefixtures("failing_fts")
def test_a_failure_leaves_nothing_behind(run: Run, tmp_path: Path) -> None:
    result = run("to-sqlite", str(tmp_path / "new.db"), "--metadata", str(tmp_path / "m.json"))
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: cannot write '{tmp_path / 'new.db'}': database or disk is full\n"
    )
    assert os.listdir(tmp_path) == []

    (tmp_path / "old.db").write_bytes(b"old")
    result = run("to-sqlite", str(tmp_path / "old.db"), "--replace")
    assert result.exit_code == 1
    assert (tmp_path / "old.db").read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["old.db"]


def test_a_name_as_long_as_the_system_allows_can_be_written(run: Run, tmp_path: Path) -> None:
    target = tmp_path / ("x" * 252 + ".db")  # 255 bytes: NAME_MAX on Linux
    result = run("to-sqlite", str(target))
    assert result.exit_code == 0, result.stderr
    assert os.listdir(tmp_path) == [target.name]


def test_a_missing_folder_is_exit_1(run: Run, tmp_path: Path) -> None:
    result = run("to-sqlite", str(tmp_path / "no" / "such.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write '{tmp_path / 'no' / 'such.db'}': ")
    assert os.listdir(tmp_path) == []


def test_other_commands_do_not_import_sqlite_utils() -> None:
    # The command imports its module, and the module sqlite-utils, only when it runs.
    code = (
        "import sys; from summitry.cli import cli\n"
        "try: cli(['list', '--json'], prog_name='summitry')\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if 'sqlite' in m))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_without_sqlite_utils_it_says_how_to_install_it(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)  # import fails
    result = run("to-sqlite", str(tmp_path / "out.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "pip install 'summitry[sqlite]'" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert os.listdir(tmp_path) == []


def test_no_matching_event_gives_an_empty_database_and_a_note(
    run: Run, export: Callable[..., Path]
) -> None:
    db = export("--actor", "Xi", "--kind", "release")
    assert column(db, "SELECT count(*) FROM events") == [0]
    assert column(db, "SELECT count(*) FROM actors") == [0]
    assert rows(db, "SELECT * FROM events_per_month") == []


def test_no_match_note_is_on_stderr(run: Run, tmp_path: Path) -> None:
    result = run("to-sqlite", str(tmp_path / "x.db"), "--actor", "Xi", "--kind", "release")
    assert result.exit_code == 0
    assert "no events match" in result.stderr
    assert result.stdout == f"{tmp_path / 'x.db'}: 0 events, 0 actors, 0 sources\n"


def test_metadata_describes_every_table_and_column(run: Run, tmp_path: Path) -> None:
    db, meta = tmp_path / "summits.db", tmp_path / "metadata.json"
    result = run("to-sqlite", str(db), "--kind", "summit", "--metadata", str(meta))
    assert result.exit_code == 0, result.stderr
    tables = json.loads(meta.read_text(encoding="utf-8"))["databases"]["summits"]["tables"]
    names = column(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    described = [n for n in names if not n.startswith("events_fts")]
    assert sorted(tables) == sorted(described)
    for name in described:
        assert tables[name]["description"]
        assert list(tables[name]["columns"]) == [
            r[1] for r in rows(db, f"PRAGMA table_info({name!r})")
        ]


def test_the_counts_it_prints_agree_with_their_nouns(run: Run, tmp_path: Path) -> None:
    # As of 31 May 2018 only the Bloomberg piece had been published: one source.
    result = run("to-sqlite", str(tmp_path / "early.db"), "--as-of", "2018-05-31")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(" actors, 1 source\n"), result.stdout

"""Trust, round 2: windows told from durations, hindsight marked under --as-of, names from
outside the sources never shown, the summit counts unchanged."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from summitry.data.schema import Dataset

Run = Callable[..., Result]
WINDOW = "2018-05-kim-meets-lavrov"  # some day of 24-31 May 2018
LASTING = "2019-02-27-hanoi-summit"  # both days, 27-28 Feb 2019


def test_the_bundled_window_and_duration_are_what_the_ids_say(bundled: Dataset) -> None:
    events = {e.id: e for e in bundled.events}
    assert events[WINDOW].date == "[2018-05-24..2018-05-31]" and events[WINDOW].span.window
    assert events[LASTING].date == "2019-02-27/2019-02-28" and not events[LASTING].span.window


def test_a_table_row_tells_a_window_from_a_multi_day_event(run: Run) -> None:
    lines = run("list", "--from", "2018-05-24", "--to", "2019-03", env={"COLUMNS": "200"})
    out = lines.stdout
    assert "a day in 24\u201331 May 2018" in out
    assert "27\u201328 Feb 2019" in out and "a day in 27\u201328 Feb 2019" not in out


def test_show_says_a_window_is_one_day_not_all_of_it(run: Run) -> None:
    window = run("show", WINDOW, env={"COLUMNS": "200"}).stdout
    assert "one day in 24\u201331 May 2018, not all of it" in window
    lasting = run("show", LASTING, env={"COLUMNS": "200"}).stdout
    assert "27\u201328 Feb 2019" in lasting and "not all of it" not in lasting


def test_json_and_csv_carry_the_window_field(run: Run) -> None:
    records = {r["id"]: r for r in json.loads(run("list", "--json").stdout)}
    assert records[WINDOW]["window"] is True
    assert records[WINDOW]["when"] == "a day in 24\u201331 May 2018"
    assert records[LASTING]["window"] is False
    assert (records[LASTING]["start"], records[LASTING]["end"]) == ("2019-02-27", "2019-02-28")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("list", "-f", "csv").stdout))}
    assert (rows[WINDOW]["window"], rows[LASTING]["window"]) == ("true", "false")


def test_the_calendar_says_a_window_is_not_a_multi_day_event(run: Run) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(run("list", "--format", "ics").stdout)
    summaries = {str(v["UID"]).split("@")[0]: str(v["SUMMARY"]) for v in calendar.walk("VEVENT")}
    assert "(a day in 24\u201331 May 2018, not all of it)" in summaries[WINDOW]
    assert "not all of it" not in summaries[LASTING]


def test_the_timeline_draws_a_window_as_a_stretch(run: Run) -> None:
    out = run("timeline", "--actor", "Lavrov", "--by", "week", env={"COLUMNS": "100"}).stdout
    lane = next(line for line in out.splitlines() if line.startswith("Sergei Lavrov"))
    assert lane.count("\u2591") >= 2  # the window's stretch, over more than one column
    assert "\u2591 one day somewhere in this stretch (a window)" in out


# --- hindsight under --as-of --------------------------------------------------------------

SINGAPORE = "2018-06-12-singapore-summit"
AS_OF = ("--as-of", "2018-05-31")


def test_json_jsonl_and_csv_mark_text_written_with_later_sources(run: Run) -> None:
    records = {r["id"]: r for r in json.loads(run("list", *AS_OF, "--json").stdout)}
    assert records[SINGAPORE]["status"] == "planned"
    assert records[SINGAPORE]["hindsight"] is True  # its summary is the AP's, of 2019
    only_bloomberg = [r for r in records.values() if r["id"] == "2018-05-31-talks-in-singapore"]
    assert only_bloomberg and only_bloomberg[0]["hindsight"] is False
    lines = [json.loads(x) for x in run("list", *AS_OF, "-f", "jsonl").stdout.splitlines()]
    assert {r["id"]: r["hindsight"] for r in lines} == {
        k: r["hindsight"] for k, r in records.items()
    }
    rows = {
        r["id"]: r for r in csv.DictReader(io.StringIO(run("list", *AS_OF, "-f", "csv").stdout))
    }
    assert rows[SINGAPORE]["hindsight"] == "true"
    plain = json.loads(run("list", "--json").stdout)
    assert not any(r["hindsight"] for r in plain)  # without --as-of, nothing is hindsight


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_tables_mark_hindsight_and_say_what_the_mark_means(run: Run, fmt: str) -> None:
    out = run("list", *AS_OF, "--search", "Singapore", "-f", fmt, env={"COLUMNS": "200"}).stdout
    out = " ".join(out.split())  # a caption wraps
    assert "\u2020 Trump and Kim meet in Singapore" in out
    assert "\u2020 title and summary written with sources published after 31 May 2018" in out


def test_show_and_the_calendar_mark_hindsight(run: Run) -> None:
    from icalendar import Calendar

    shown = run("show", SINGAPORE, *AS_OF, "--json").stdout
    assert json.loads(shown)["hindsight"] is True
    text = run("show", SINGAPORE, *AS_OF, env={"COLUMNS": "200"}).stdout
    assert "\u2020 Trump and Kim meet in Singapore" in text
    assert "summary and note are written from every source" in text
    calendar = Calendar.from_ical(run("list", *AS_OF, "--format", "ics").stdout)
    vevent = next(v for v in calendar.walk("VEVENT") if str(v["UID"]).startswith(SINGAPORE))
    assert str(vevent["SUMMARY"]).startswith("\u2020 ")
    assert "title and summary written with sources published after" in str(vevent["DESCRIPTION"])


def test_the_database_marks_hindsight(run: Run, tmp_path: Path) -> None:
    database = tmp_path / "then.db"
    assert run("to-sqlite", str(database), *AS_OF).exit_code == 0
    with closing(sqlite3.connect(database)) as db:
        marked = dict(db.execute("SELECT id, hindsight FROM events").fetchall())
    assert marked[SINGAPORE] == 1
    assert marked["2018-05-31-talks-in-singapore"] == 0


# --- names and counts ----------------------------------------------------------------------


def test_a_name_from_outside_the_sources_finds_the_actor_but_is_never_shown(run: Run) -> None:
    out = run("list", "--actor", "Kim Yo Jong", "--json").stdout
    (event,) = json.loads(out)
    assert event["actors"][0] == "Kim's sister"
    actors = {a["id"]: a for a in json.loads(run("actors", "--json").stdout)}
    sister: dict[str, Any] = actors["kims-sister"]
    assert sister["name"] == "Kim's sister"
    assert "Kim Yo Jong" in sister["outside_names"] and "Kim Yo Jong" not in sister["aliases"]
    table = run("actors", "--search", "sister", env={"COLUMNS": "200"}).stdout
    assert "Kim Yo Jong" not in table


# Forms that neither article writes: found by --actor, carried as outside names, not aliases.
@pytest.mark.parametrize(
    ("typed", "actor_id"),
    [("DPRK", "north-korea"), ("USA", "united-states"), ("Kim Yong-chol", "kim-yong-chol")],
)
def test_a_form_the_articles_do_not_write_is_an_outside_name(
    run: Run, typed: str, actor_id: str
) -> None:
    actor: dict[str, Any] = {a["id"]: a for a in json.loads(run("actors", "--json").stdout)}[
        actor_id
    ]
    assert typed in actor["outside_names"] and typed not in actor["aliases"]
    events = json.loads(run("list", "--actor", typed, "--json").stdout)
    assert events and all(actor["name"] in event["actors"] for event in events)


def test_summary_and_pairs_count_kims_summits_as_before(run: Run) -> None:
    pairs = json.loads(run("pairs", "--kind", "summit", "--json").stdout)
    with_kim = {
        p["other"] if p["actor_id"] == "kim-jong-un" else p["actor"]: p["events"]
        for p in pairs
        if "kim-jong-un" in (p["actor_id"], p["other_id"])
    }
    assert with_kim == {"Xi Jinping": 5, "Moon Jae-in": 3, "Donald Trump": 2, "Vladimir Putin": 1}
    summary = json.loads(run("summary", "--json").stdout)
    counted = {
        p["other"] if p["actor_id"] == "kim-jong-un" else p["actor"]: p["events"]
        for p in summary["summit_pairs"]
        if "kim-jong-un" in (p["actor_id"], p["other_id"])
    }
    assert counted == with_kim

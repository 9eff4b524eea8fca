"""Held, planned and cancelled events in every output, counts of held events only, --as-of.

The data is written here by hand, on the pattern of the bundled articles: one source
published on 31 May 2018 that reports some events as still to come, one of 20 June 2019
that reports what happened.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import json_ids

Run = Callable[..., Result]

EARLY = {"publisher": "The Paper", "title": "What comes next", "published": "2018-05-31"}
LATE = {"publisher": "The Wire", "title": "A year of summits", "published": "2019-06-20"}


def person(name: str) -> dict[str, Any]:
    return {"name": name, "role": "President", "type": "person"}


def event(
    event_id: str, date: str, kind: str, actors: list[str], sources: list[str], **more: Any
) -> dict[str, Any]:
    return {
        "id": event_id,
        "date": date,
        "title": more.pop("title", f"Title of {event_id}"),
        "summary": "What the article says.",
        "kind": kind,
        "actors": actors,
        "sources": sources,
        "status": more.pop("status", "held"),
        **more,
    }


DOC: dict[str, Any] = {
    "sources": {"early": EARLY, "late": LATE},
    "actors": {
        "ana": person("Ana Lima"),
        "bo": person("Bo Kim"),
        "cy": person("Cy Kim"),
        "arcadia": {"name": "Arcadia", "role": "State", "type": "state"},
    },
    "events": [
        # Held: reported after the day by the early source.
        event("2018-05-26-summit", "2018-05-26", "summit", ["bo", "cy"], ["early"]),
        # Called off, as the early source reports after the day.
        event(
            "2018-05-20-summit-called-off",
            "2018-05-20",
            "summit",
            ["bo", "cy"],
            ["early"],
            status="cancelled",
        ),
        # The early source's own day: talks it may have announced, and the late one reports.
        event("2018-05-31-talks", "2018-05-31", "talks", ["arcadia"], ["early", "late"]),
        # Only announced, never reported held.
        event(
            "2018-06-01-visit",
            "2018-06-01",
            "visit",
            ["ana", "bo"],
            ["early"],
            status="planned",
            title="Lima to visit Bo Kim",
        ),
        # Announced by the early source, reported held by the late one.
        event(
            "2018-06-12-summit",
            "2018-06-12",
            "summit",
            ["bo", "cy"],
            ["early", "late"],
            title="Bo Kim and Cy Kim meet",
        ),
        # Reported only by the late source.
        event("2018-07-01-talks", "2018-07-01", "talks", ["ana", "bo"], ["late"]),
    ],
}
EVERY_ID = [
    "2018-05-20-summit-called-off",
    "2018-05-26-summit",
    "2018-05-31-talks",
    "2018-06-01-visit",
    "2018-06-12-summit",
    "2018-07-01-talks",
]


@pytest.fixture
def data(write_data: Callable[[object], Path]) -> str:
    return str(write_data(DOC, "status.json"))


def records(run: Run, data: str, *args: str) -> dict[str, dict[str, Any]]:
    result = run("--data", data, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)}


def flat(out: str) -> str:
    """The words of an output on one line, without the sides of a panel."""
    return " ".join(out.replace("\u2502", " ").split())


def line_of(out: str, text: str) -> str:
    return next(line for line in out.splitlines() if text in line)


# Marks in every output


def test_json_list_carries_each_events_status(run: Run, data: str) -> None:
    rows = records(run, data, "list")
    assert {key: row["status"] for key, row in rows.items()} == {
        "2018-05-20-summit-called-off": "cancelled",
        "2018-05-26-summit": "held",
        "2018-05-31-talks": "held",
        "2018-06-01-visit": "planned",
        "2018-06-12-summit": "held",
        "2018-07-01-talks": "held",
    }


def test_jsonl_and_csv_list_carry_the_status(run: Run, data: str) -> None:
    lines = run("--data", data, "list", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["status"] for line in lines][:4] == [
        "cancelled",
        "held",
        "held",
        "planned",
    ]
    out = run("--data", data, "list", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["status"] for r in rows] == ["cancelled", "held", "held", "planned", "held", "held"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_show_carries_the_status_in_every_record_format(run: Run, data: str, fmt: str) -> None:
    out = run("--data", data, "show", "2018-06-01-visit", "--format", fmt).stdout
    if fmt == "csv":
        assert next(csv.DictReader(io.StringIO(out)))["status"] == "planned"
    else:
        assert json.loads(out.splitlines()[0] if fmt == "jsonl" else out)["status"] == "planned"


@pytest.mark.parametrize("columns", ["100", "60"], ids=["a wide table", "a narrow table"])
def test_the_table_marks_planned_and_cancelled_events_in_plain_text(
    run: Run, data: str, columns: str
) -> None:
    result = run("--data", data, "list", env={"COLUMNS": columns})
    out = result.stdout
    assert "\x1b[" not in out
    assert "(planned) Lima to visit" in line_of(out, "Lima to visit")
    assert "(cancelled)" in line_of(out, "20 May 2018")
    assert "(planned)" not in line_of(out, "Bo Kim and Cy Kim meet")
    assert out.count("(planned)") == 2  # the visit's row and the caption
    caption = flat(out)
    assert "(planned) reported as upcoming, not as having taken place" in caption
    assert "(cancelled) reported as called off" in caption


def test_a_table_of_held_events_has_no_marks_or_legend(run: Run, data: str) -> None:
    out = run("--data", data, "list", "--kind", "talks").stdout
    assert "(planned)" not in out and "(cancelled)" not in out
    assert "upcoming" not in out


def test_markdown_list_has_a_status_column(run: Run, data: str) -> None:
    out = run("--data", data, "list", "--kind", "visit", "-f", "markdown").stdout.splitlines()
    assert out[0].startswith("| Date | Status |")
    assert out[2].startswith("| 1 Jun 2018 | planned |")


def test_show_says_in_words_which_source_reports_it_as_upcoming(run: Run, data: str) -> None:
    out = flat(run("--data", data, "show", "2018-06-01-visit").stdout)
    assert "planned: reported as upcoming by The Paper, 31 May 2018" in out
    out = flat(run("--data", data, "show", "2018-06-12-summit").stdout)
    assert (
        "held: reported as having taken place by The Wire, 20 Jun 2019 "
        "(The Paper, 31 May 2018 reported it as upcoming)"
    ) in out
    markdown = run("--data", data, "show", "2018-06-01-visit", "-f", "markdown").stdout
    assert "- **Status:** planned: reported as upcoming by The Paper, 31 May 2018" in markdown


def test_the_timeline_marks_planned_and_cancelled_events_and_explains_them(
    run: Run, data: str
) -> None:
    out = run("--data", data, "timeline").stdout
    # Ana Lima: the planned visit and the talks held a month later.
    assert sorted(c for c in line_of(out, "Ana Lima") if c in "\u25c6\u2022\u25cb\u00d7") == [
        "\u2022",
        "\u25cb",
    ]
    assert "\u00d7" in line_of(out, "Cy Kim")  # the summit called off
    assert "\u25cb planned" in out and "\u00d7 cancelled" in out
    held_only = run("--data", data, "timeline", "--kind", "talks").stdout
    assert "\u25cb" not in held_only and "planned" not in held_only


# Counts of meetings count held events only


def test_pairs_count_only_held_events_and_say_what_was_left_out(run: Run, data: str) -> None:
    result = run("--data", data, "pairs", "--format", "json")
    counts = {(r["actor_id"], r["other_id"]): r["events"] for r in json.loads(result.stdout)}
    # Bo and Cy: the summits of 26 May and 12 June, not the one called off; Ana and Bo:
    # the talks of 1 July, not the planned visit.
    assert counts == {("bo", "cy"): 2, ("ana", "bo"): 1}
    caption = flat(run("--data", data, "pairs", "--list").stdout)
    assert "2 pairs in 4 held events" in caption
    assert "1 planned and 1 cancelled events left out (only held events are counted)" in caption


def test_pairs_of_summits_leave_out_the_summit_called_off(run: Run, data: str) -> None:
    out = flat(run("--data", data, "pairs", "--kind", "summit", "--list").stdout)
    assert "Bo Kim Cy Kim 2 26 May 2018 12 Jun 2018" in out
    assert "1 pair in 2 held events matching kind 'summit'; 1 cancelled event left out" in out


def test_summary_counts_only_held_events(run: Run, data: str) -> None:
    result = run("--data", data, "summary", "--format", "json")
    summary = json.loads(result.stdout)
    assert summary["events"] == 4
    assert summary["left_out"] == 2
    assert summary["kinds"] == {"summit": 2, "talks": 2}
    assert {a["id"]: a["events"] for a in summary["top_actors"]} == {
        "bo": 3,
        "cy": 2,
        "ana": 1,
        "arcadia": 1,
    }
    assert [(p["actor_id"], p["other_id"], p["events"]) for p in summary["summit_pairs"]] == [
        ("bo", "cy", 2)
    ]
    table = flat(run("--data", data, "summary").stdout)
    assert "4 held events; 1 planned and 1 cancelled events left out" in table


def test_summary_without_planned_events_says_nothing_was_left_out(run: Run, data: str) -> None:
    out = flat(run("--data", data, "summary", "--kind", "talks").stdout)
    assert "2 events matching kind 'talks'" in out
    assert "left out" not in out


def test_summary_with_no_held_event_prints_one_note_not_empty_tables(run: Run, data: str) -> None:
    result = run("--data", data, "summary", "--kind", "visit")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "summitry: no held events match kind 'visit'; 1 planned event left out "
        "(only held events are counted)"
    )
    summary = json.loads(run("--data", data, "summary", "--kind", "visit", "--json").stdout)
    assert (summary["events"], summary["left_out"], summary["kinds"]) == (0, 1, {})


@pytest.mark.parametrize(
    ("statuses", "ids"),
    [
        (["planned"], ["2018-06-01-visit"]),
        (["cancelled"], ["2018-05-20-summit-called-off"]),
        (["PLANNED", "cancelled"], ["2018-05-20-summit-called-off", "2018-06-01-visit"]),
        (
            ["held"],
            [i for i in EVERY_ID if i not in ("2018-05-20-summit-called-off", "2018-06-01-visit")],
        ),
    ],
)
def test_status_selects_events_by_their_status(
    run: Run, data: str, statuses: list[str], ids: list[str]
) -> None:
    options = [word for status in statuses for word in ("--status", status)]
    assert list(records(run, data, "list", *options)) == ids


def test_status_with_as_of_is_the_status_on_that_day(run: Run, data: str) -> None:
    planned = records(run, data, "list", "--as-of", "2018-05-31", "--status", "planned")
    # The talks of the early source's own day are planned then too (see status.event_on).
    assert list(planned) == ["2018-05-31-talks", "2018-06-01-visit", "2018-06-12-summit"]
    caption = flat(run("--data", data, "list", "--status", "planned").stdout)
    assert "1 event matching status 'planned'" in caption


def test_an_unknown_status_is_a_usage_error(run: Run, data: str) -> None:
    result = run("--data", data, "list", "--status", "postponed")
    assert result.exit_code == 2
    assert "'postponed' is not one of 'held', 'planned', 'cancelled'" in result.stderr


def test_actors_count_every_event_they_take_part_in(run: Run, data: str) -> None:
    rows = records(run, data, "actors")
    assert rows["ana"]["events"] == 2  # the planned visit and the talks


# --as-of: what the sources knew on a day


def test_as_of_the_early_source_a_summit_reported_held_later_is_planned(
    run: Run, data: str
) -> None:
    assert records(run, data, "list")["2018-06-12-summit"]["status"] == "held"
    rows = records(run, data, "list", "--as-of", "2018-05-31")
    summit = rows["2018-06-12-summit"]
    assert summit["status"] == "planned"
    assert [s["id"] for s in summit["sources"]] == ["early"]


def test_as_of_the_early_source_an_event_only_the_late_one_reports_is_absent(
    run: Run, data: str
) -> None:
    ids = list(records(run, data, "list", "--as-of", "2018-05-31"))
    assert ids == EVERY_ID[:-1]
    assert list(records(run, data, "list", "--as-of", "2019-06-20")) == EVERY_ID


def test_as_of_keeps_what_the_early_source_itself_says(run: Run, data: str) -> None:
    rows = records(run, data, "list", "--as-of", "2018-05-31")
    assert rows["2018-05-26-summit"]["status"] == "held"
    assert rows["2018-05-20-summit-called-off"]["status"] == "cancelled"
    assert rows["2018-06-01-visit"]["status"] == "planned"


def test_as_of_a_source_of_the_events_own_day_does_not_make_it_held(run: Run, data: str) -> None:
    # The talks of 31 May: reported held by the late source; the early one, of that very
    # day, may only have announced them.
    assert records(run, data, "list", "--as-of", "2018-06-30")["2018-05-31-talks"] == {
        **records(run, data, "list")["2018-05-31-talks"],
        "status": "planned",
        "sources": [{"id": "early", "author": None, "url": None, **EARLY}],
        "hindsight": True,  # its summary was written with the late source too
    }


def test_as_of_before_every_source_lists_nothing(run: Run, data: str) -> None:
    result = run("--data", data, "list", "--as-of", "2018-05-30", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "as of 30 May 2018" in result.stderr


def test_as_of_a_month_means_its_last_day(run: Run, data: str) -> None:
    month = json_ids(run("--data", data, "list", "--as-of", "2018-05", "--json"))
    assert month == json_ids(run("--data", data, "list", "--as-of", "2018-05-31", "--json"))
    assert month == EVERY_ID[:-1]
    assert json_ids(run("--data", data, "list", "--as-of", "2019", "--json")) == EVERY_ID


@pytest.mark.parametrize(
    "typed",
    ["05/06/2018", "sometime", "2018-02-30", ""],
    ids=["an ambiguous date", "not a date", "a day that does not exist", "an empty date"],
)
def test_a_bad_as_of_date_is_a_usage_error(run: Run, data: str, typed: str) -> None:
    result = run("--data", data, "list", "--as-of", typed)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error:") and "--as-of" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_table_as_of_a_day_says_so_and_marks_the_summit_planned(run: Run, data: str) -> None:
    out = run("--data", data, "list", "--as-of", "2018-05-31", "--from", "2018-05-31").stdout
    assert "(planned) \u2020 Bo Kim and Cy Kim meet" in out  # written with the late source
    caption = flat(out)
    assert "3 events matching from 31 May 2018, as of 31 May 2018" in caption
    assert "\u2020 title and summary written with sources published after 31 May 2018" in caption


def test_between_takes_as_of(run: Run, data: str) -> None:
    rows = records(run, data, "between", "2018-06", "2018-07", "--as-of", "2018-05-31")
    assert {key: row["status"] for key, row in rows.items()} == {
        "2018-06-01-visit": "planned",
        "2018-06-12-summit": "planned",
    }


def test_show_as_of_narrows_the_sources_and_says_why_it_is_planned(run: Run, data: str) -> None:
    out = run("--data", data, "show", "2018-06-12-summit", "--as-of", "2018-05-31").stdout
    words = flat(out)
    assert "planned as of 31 May 2018: reported as upcoming by The Paper, 31 May 2018" in words
    # Our summary may tell how it turned out: the reader is told it was written afterwards.
    assert "the summary and note are written from every source, later ones included" in words
    assert "The Wire" not in words
    result = run("--data", data, "show", "2018-06-12-summit", "--as-of", "2018-05-31", "--json")
    record = json.loads(result.stdout)
    assert (record["status"], [s["id"] for s in record["sources"]]) == ("planned", ["early"])


def test_show_as_of_before_any_source_reports_it_is_a_usage_error(run: Run, data: str) -> None:
    result = run("--data", data, "show", "2018-07-01-talks", "--as-of", "2018-12-31")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:")
    assert "no source published on or before 31 Dec 2018 reports '2018-07-01-talks'" in (
        result.stderr
    )


def test_pairs_and_summary_as_of_count_what_was_held_by_then(run: Run, data: str) -> None:
    pairs = json.loads(run("--data", data, "pairs", "--as-of", "2018-05-31", "--json").stdout)
    # Only the summit of 26 May had been held; Ana and Bo's talks were not yet reported.
    assert [(p["actor_id"], p["other_id"], p["events"]) for p in pairs] == [("bo", "cy", 1)]
    summary = json.loads(run("--data", data, "summary", "--as-of", "2018-05-31", "--json").stdout)
    assert (summary["events"], summary["left_out"]) == (1, 4)


def test_timeline_and_actors_take_as_of(run: Run, data: str) -> None:
    out = run("--data", data, "timeline", "--as-of", "2018-05-31").stdout
    assert "\u25cb" in line_of(out, "Cy Kim")  # the 12 June summit, still planned
    assert "\u2022" not in out.split("Ana Lima")[1].splitlines()[0]  # no talks in July yet
    rows = records(run, data, "actors", "--as-of", "2018-05-31")
    assert rows["ana"]["events"] == 1
    assert rows["bo"]["events"] == 4


def test_actors_as_of_a_day_are_those_its_sources_had_reported(run: Run) -> None:
    # Bloomberg (31 May 2018) reports no event of Xi's; the AP (2019) reports five.
    early = json.loads(run("actors", "--as-of", "2018-05-31", "--json").stdout)
    assert early and all(row["events"] > 0 for row in early)
    assert "xi-jinping" not in {row["id"] for row in early}
    everyone = json.loads(run("actors", "--json").stdout)
    assert "xi-jinping" in {row["id"] for row in everyone}
    caption = " ".join(run("actors", "--as-of", "2018-05-31").stdout.split())
    assert f"{len(early)} actors as of 31 May 2018" in caption

"""summitry list and between: filters, periods, formats and captions."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from conftest import json_ids
from summitry.data.schema import Dataset

Run = Callable[..., Result]


def ids_where(bundled: Dataset, keep: Callable[..., bool]) -> list[str]:
    return [e.id for e in bundled.events if keep(e)]


def test_list_actor_xi_lists_every_event_with_xi(run: Run, bundled: Dataset) -> None:
    result = run("list", "--actor", "Xi", "--json")
    assert result.exit_code == 0
    assert json_ids(result) == ids_where(bundled, lambda e: "xi-jinping" in e.actors)


def test_list_actor_xi_table_shows_each_title_and_the_caption(run: Run, bundled: Dataset) -> None:
    result = run("list", "--actor", "Xi", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for event in bundled.events:
        if "xi-jinping" in event.actors:
            assert event.title.split(":")[0][:20] in result.stdout
    # The five summits; the announcement of 17 June 2019 is North Korea's and China's.
    assert "5 events matching actor 'Xi' (Xi Jinping)" in result.stdout


def test_between_may_and_june_2018_is_every_event_of_those_months(
    run: Run, bundled: Dataset
) -> None:
    result = run("between", "2018-05", "2018-06", "--format", "json")
    first, last = date(2018, 5, 1), date(2018, 6, 30)
    expected = ids_where(bundled, lambda e: e.span.start <= last and e.span.end >= first)
    assert json_ids(result) == expected
    assert len(expected) > 20


def test_between_a_year_and_itself_is_the_whole_year(run: Run, bundled: Dataset) -> None:
    result = run("between", "2019", "2019", "--json")
    assert json_ids(result) == ids_where(bundled, lambda e: e.span.start.year == 2019)


def test_a_month_event_is_in_a_period_that_overlaps_the_month(run: Run) -> None:
    result = run("between", "2018-02-10", "2018-03", "--json")
    assert "2018-02-pyeongchang-olympics" in json_ids(result)
    result = run("between", "2018-02-10", "2018-02-10", "--json")
    assert json_ids(result) == ["2018-02-pyeongchang-olympics"]


def test_between_accepts_written_dates(run: Run) -> None:
    words = run("between", "May 24, 2018", "26 May 2018", "--json")
    iso = run("between", "2018-05-24", "2018-05-26", "--json")
    assert json_ids(words) == json_ids(iso)
    # two on the 24th, one on the 26th, and four on some day of a window that opens on the
    # 24th (24-30 or 24-31 May: the articles give no day)
    assert len(json_ids(iso)) == 7


def test_two_actors_must_both_take_part(run: Run, bundled: Dataset) -> None:
    result = run("list", "--actor", "Kim Jong Un", "--actor", "Moon", "--json")
    assert json_ids(result) == ids_where(
        bundled, lambda e: {"kim-jong-un", "moon-jae-in"} <= set(e.actors)
    )


def test_kim_and_xi_are_the_five_summits_and_the_announcement(run: Run) -> None:
    result = run("list", "-a", "Kim", "-a", "Xi", "--kind", "summit", "--json")
    assert len(json_ids(result)) == 5


def test_kinds_are_alternatives(run: Run, bundled: Dataset) -> None:
    result = run("list", "--kind", "speech", "--kind", "weapons-test", "--json")
    assert json_ids(result) == ids_where(bundled, lambda e: e.kind in ("speech", "weapons-test"))


def test_place_search_from_and_to(run: Run, bundled: Dataset) -> None:
    assert json_ids(run("list", "--place", "pyongyang", "--json")) == ids_where(
        bundled, lambda e: e.place == "Pyongyang"
    )
    assert json_ids(run("list", "--search", "OLYMPICS", "--json")) == ids_where(
        bundled, lambda e: "olympics" in (e.title + e.summary).lower()
    )
    assert json_ids(run("list", "--from", "2019-04", "--to", "May 2019", "--json")) == ids_where(
        bundled, lambda e: date(2019, 4, 1) <= e.span.start <= date(2019, 5, 31)
    )


def test_limit_reverse_and_the_caption_counts(run: Run, bundled: Dataset) -> None:
    result = run("list", "--reverse", "--limit", "2")
    assert result.exit_code == 0
    newest = bundled.events[-1]
    assert result.stdout.index(newest.title[:15]) < result.stdout.index(
        bundled.events[-2].title[:15]
    )
    assert f"2 of {len(bundled.events)} events" in result.stdout


def test_json_carries_every_field_resolved(run: Run, bundled: Dataset) -> None:
    rows = json.loads(run("list", "--json").stdout)
    assert len(rows) == len(bundled.events)
    hanoi = next(r for r in rows if r["id"] == "2019-02-27-hanoi-summit")
    assert hanoi["start"] == "2019-02-27" and hanoi["end"] == "2019-02-28"
    assert hanoi["precision"] == "day" and hanoi["approximate"] is False
    assert hanoi["actors"] == ["Donald Trump", "Kim Jong Un"]
    assert hanoi["sources"][0]["publisher"] == "The Associated Press"
    assert set(rows[0]) >= {"id", "date", "title", "summary", "kind", "place", "country", "note"}


def test_json_round_trips_to_the_same_events(run: Run, bundled: Dataset) -> None:
    rows = json.loads(run("list", "--json").stdout)
    for row, event in zip(rows, bundled.events, strict=True):
        assert (row["id"], row["date"], row["title"], row["summary"], row["kind"]) == (
            event.id,
            event.date,
            event.title,
            event.summary,
            event.kind,
        )
        assert tuple(row["actor_ids"]) == event.actors
        assert tuple(s["id"] for s in row["sources"]) == event.sources
        assert (row["place"], row["country"], row["approximate"], row["note"]) == (
            event.place,
            event.country,
            event.approximate,
            event.note,
        )


def test_jsonl_is_one_event_per_line(run: Run, bundled: Dataset) -> None:
    lines = run("list", "-a", "Putin", "--format", "jsonl").stdout.splitlines()
    expected = ids_where(bundled, lambda e: "vladimir-putin" in e.actors)
    assert [json.loads(line)["id"] for line in lines] == expected


def test_csv_has_a_header_and_a_row_per_event(run: Run, bundled: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(run("list", "-a", "Moon", "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == ids_where(bundled, lambda e: "moon-jae-in" in e.actors)
    assert rows[0]["actors"] == "Kim Jong Un|Moon Jae-in"  # the first summit, 27 April 2018


def test_markdown_is_a_table_with_a_caption(run: Run) -> None:
    out = run("list", "-a", "Putin", "-f", "markdown").stdout.splitlines()
    assert out[0] == "| Date | Status | Kind | Title | Actors | Place | Id |"
    assert out[1] == "|---|---|---|---|---|---|---|"
    assert any("Vladivostok, Russia" in line for line in out)
    assert out[-1].startswith("_") and "actor 'Putin' (Vladimir Putin)" in out[-1]


def test_the_table_writes_dates_as_people_do(run: Run) -> None:
    out = run("list", "--search", "Hanoi").stdout
    assert "27\u201328 Feb 2019" in out
    assert "Feb 2018" in run("list", "--search", "Pyeongchang").stdout
    assert "~20\u201321 Jun 2019" in run("list", "-a", "Xi").stdout


def test_no_match_is_exit_0_with_a_note(run: Run) -> None:
    result = run("list", "--actor", "Putin", "--kind", "speech", "--json")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"
    assert result.stderr == (
        "summitry: no events match actor 'Putin' (Vladimir Putin), kind 'speech'\n"
    )
    table = run("list", "--actor", "Putin", "--kind", "speech")
    assert table.exit_code == 0 and table.stdout == ""


def test_data_option_and_variable_query_another_file(run: Run, small_path: Path) -> None:
    by_option = run("--data", str(small_path), "list", "--actor", "Kim", "--json")
    by_variable = run("list", "--actor", "Kim", "--json", env={"SUMMITRY_DATA": str(small_path)})
    assert json_ids(by_option) == json_ids(by_variable) == ["2020-02-lima-visit", "2020-03-summit"]
    accented = run("--data", str(small_path), "list", "--actor", "ana", "--json")
    assert json_ids(accented) == ["2019-year", "2020-02-lima-visit"]


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "markdown"])
def test_between_takes_every_format(run: Run, fmt: str) -> None:
    result = run("between", "2018-06-12", "2018-06-12", "--format", fmt)
    assert result.exit_code == 0
    assert "Singapore" in result.stdout


@pytest.mark.parametrize("width", ["100", "30"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_a_limit_of_zero_shows_no_event_and_says_how_many_matched(
    run: Run, fmt: str, width: str
) -> None:
    result = run("list", "-n", "0", "--format", fmt, env={"COLUMNS": width})
    assert result.exit_code == 0 and result.exception is None, result.stderr
    if fmt == "json":
        assert result.stdout == "[]\n"
    else:
        assert "0 of 45 events" in " ".join(result.stdout.split())


PIPE = {"COLUMNS": None, "TTY_COMPATIBLE": None, "FORCE_COLOR": None}


def test_in_a_pipe_each_event_is_one_line_starting_with_its_id(run: Run, bundled: Dataset) -> None:
    result = run("list", env=PIPE)
    assert result.exit_code == 0 and result.stderr == ""
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    # One line per event and nothing else (no caption), so that `| wc -l` counts events.
    assert [row[0] for row in rows] == [e.id for e in bundled.events]
    assert {len(row) for row in rows} == {6}  # id, date, kind, title, actors, place
    assert "\u2500" not in result.stdout  # no rule under a header, no box


def test_grep_in_a_pipe_finds_the_id(run: Run, bundled: Dataset) -> None:
    out = run("list", env=PIPE).stdout
    found = [line for line in out.splitlines() if "Lavrov" in line]
    lavrov = [e for e in bundled.events if "sergei-lavrov" in e.actors]
    assert [line.split("\t")[0] for line in found] == [e.id for e in lavrov]
    assert run("show", found[0].split("\t")[0], "--json").exit_code == 0


def test_between_actors_and_pairs_list_are_lines_in_a_pipe(run: Run, bundled: Dataset) -> None:
    between = run("between", "2018-06", "2018-06", env=PIPE).stdout.splitlines()
    first, last = date(2018, 6, 1), date(2018, 6, 30)
    expected = ids_where(bundled, lambda e: e.span.start <= last and e.span.end >= first)
    assert [line.split("\t")[0] for line in between] == expected
    actors = run("actors", env=PIPE).stdout.splitlines()
    assert sorted(line.split("\t")[0] for line in actors) == sorted(bundled.actors)
    pairs = run("pairs", "--list", "--kind", "summit", env=PIPE).stdout.splitlines()
    assert pairs[0].split("\t")[:5] == [
        "kim-jong-un",
        "xi-jinping",
        "Kim Jong Un",
        "Xi Jinping",
        "5",
    ]


@pytest.mark.parametrize(
    "env",
    [{"COLUMNS": "100"}, {**PIPE, "TTY_COMPATIBLE": "1"}, {**PIPE, "FORCE_COLOR": "1"}],
    ids=["a width in COLUMNS", "TTY_COMPATIBLE=1", "FORCE_COLOR"],
)
def test_a_terminal_or_a_width_keeps_the_table(run: Run, env: dict[str, str | None]) -> None:
    result = run("list", "-n", "1", env=env)
    assert "Date" in result.stdout.splitlines()[0]
    assert "1 of 45 events" in result.stdout and "\t" not in result.stdout


def test_in_a_pipe_a_txt_export_is_still_the_table(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "list.txt"
    result = run("list", "-a", "Xi", "--export", str(target), env=PIPE)
    assert len(result.stdout.splitlines()) == 5 and "\t" in result.stdout  # one line each
    assert target.read_text(encoding="utf-8").startswith("Date")

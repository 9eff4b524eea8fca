"""summitry show, actors, summary and validate."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from summitry.data.schema import Dataset

Run = Callable[..., Result]


def test_show_gives_the_event_in_full(run: Run, bundled: Dataset) -> None:
    event = next(e for e in bundled.events if e.id == "2019-06-20-xi-visits-north-korea")
    out = run("show", event.id, env={"COLUMNS": "200"}).stdout
    assert event.title in out
    # Said in words, with no contradiction such as "known to the day, approximate".
    assert "20\u201321 Jun 2019, worked out from the articles (see the note)" in out
    assert "known to the" not in out
    assert "Thursday and Friday" in out  # how the date was worked out
    assert "Xi Jinping, President of China" in out
    assert "The Associated Press" in out and "20 Jun 2019" in out
    assert "summit:" in out


def test_show_says_how_precisely_each_kind_of_date_is_known(run: Run, small_path: Path) -> None:
    def date_line(event_id: str) -> str:
        out = run("--data", str(small_path), "show", event_id, env={"COLUMNS": "200"}).stdout
        return next(line for line in out.splitlines() if "Date " in line).split("Date", 1)[1]

    assert date_line("2020-03-summit").strip(" \u2502") == "2\u20133 Mar 2020"
    assert "Feb 2020 (the articles give only the month)" in date_line("2020-02-lima-visit")
    assert "2019 (the articles give only the year)" in date_line("2019-year")
    assert "about 15 Mar 2020, worked out from the articles" in date_line("2020-03-15-statement")


def test_show_json_is_the_same_record_as_list(run: Run) -> None:
    one = json.loads(run("show", "2018-06-12-singapore-summit", "--json").stdout)
    listed = json.loads(run("list", "--json").stdout)
    assert one == next(r for r in listed if r["id"] == one["id"])
    assert [s["publisher"] for s in one["sources"]] == ["The Associated Press", "Bloomberg"]


def test_show_markdown(run: Run) -> None:
    out = run("show", "2019-02-27-hanoi-summit", "-f", "markdown").stdout
    assert out.startswith("## Hanoi summit collapses")
    assert "- **Place:** Hanoi, Vietnam" in out


def test_show_an_unknown_id_is_a_usage_error_with_a_suggestion(run: Run) -> None:
    result = run("show", "2018-06-12-singapur-summit")
    assert result.exit_code == 2
    assert "did you mean 2018-06-12-singapore-summit" in result.stderr
    assert result.stderr.count("\n") == 1


def test_actors_lists_everyone_with_counts(run: Run, bundled: Dataset) -> None:
    rows = json.loads(run("actors", "--json").stdout)
    assert len(rows) == len(bundled.actors)
    by_id = {r["id"]: r for r in rows}
    moon = [e for e in bundled.events if "moon-jae-in" in e.actors]
    assert by_id["moon-jae-in"]["events"] == len(moon)
    assert by_id["moon-jae-in"]["first"] == moon[0].date
    assert by_id["moon-jae-in"]["last"] == moon[-1].date
    counts = [r["events"] for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_actors_search_and_table(run: Run) -> None:
    out = run("actors", "--search", "kim").stdout
    for name in ("Kim Jong Un", "Kim's sister", "Kim Yong Chol"):
        assert name in out
    assert "Xi Jinping" not in out
    assert "3 of" in out
    rows = list(csv.DictReader(io.StringIO(run("actors", "-s", "russia", "-f", "csv").stdout)))
    assert {r["name"] for r in rows} == {"Vladimir Putin", "Sergei Lavrov"}


def test_actors_search_with_no_match(run: Run) -> None:
    result = run("actors", "--search", "nobody-at-all", "--json")
    assert result.exit_code == 0 and result.stdout == "[]\n"
    assert "no actors match" in result.stderr


def test_summary_counts_kinds_actors_months_and_pairs(run: Run, bundled: Dataset) -> None:
    doc = json.loads(run("summary", "--json").stdout)
    held = [e for e in bundled.events if e.status == "held"]  # summary counts held events
    assert doc["events"] == len(held) < len(bundled.events)
    assert doc["kinds"]["summit"] == sum(e.kind == "summit" for e in held)
    assert doc["top_actors"][0]["name"] == "Kim Jong Un"
    may = next(p for p in doc["per_period"] if p["period"] == "2018-05")
    assert may["events"] == sum(e.span.start.strftime("%Y-%m") == "2018-05" for e in held)
    pair = doc["summit_pairs"][0]
    assert (pair["actor"], pair["other"], pair["events"]) == ("Kim Jong Un", "Xi Jinping", 5)


def test_summary_table_draws_bars_and_pairs(run: Run) -> None:
    out = run("summary", "--actor", "Kim Jong Un").stdout
    assert "Events per month" in out and "\u2588" in out
    assert "Leaders' summits by pair" in out
    assert "Kim Jong Un" in out and "Xi Jinping" in out


@pytest.mark.parametrize(
    ("args", "period"),
    [
        # The first is of ~Nov-Dec 2017, the last of ~20-21 Jun 2019 (both worked out).
        ((), "38 events, ~Nov 2017 \u2013 ~Jun 2019"),
        (("--actor", "Xi"), "5 events, 27 Mar 2018 \u2013 ~21 Jun 2019"),
        # Every held event that ends on 31 May 2018 has an approximate date.
        (("--from", "2018-05", "--to", "2018-05"), "15 events, 7 May 2018 \u2013 ~31 May 2018"),
        (("--from", "2018-05-01", "--to", "2018-05-20"), "4 events, 7\u201310 May 2018"),
        (("--kind", "release"), "1 event, 9 May 2018"),
    ],
)
def test_summary_period_is_no_more_precise_than_its_first_and_last_events(
    run: Run, args: tuple[str, ...], period: str
) -> None:
    assert run("summary", *args).stdout.splitlines()[0] == period


@pytest.mark.parametrize("fmt", ["csv", "markdown", "jsonl"])
def test_summary_in_other_formats(run: Run, fmt: str) -> None:
    result = run("summary", "--kind", "summit", "--format", fmt)
    assert result.exit_code == 0
    assert "Xi Jinping" in result.stdout


def test_validate_the_bundled_file(run: Run, bundled: Dataset) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert f"valid: {len(bundled.events)} events, {len(bundled.actors)} actors" in result.stdout


def test_validate_lists_every_problem(
    run: Run, small_doc: dict[str, object], write_data: Callable[[object], Path]
) -> None:
    events = small_doc["events"]
    assert isinstance(events, list)
    events[0]["kind"] = "party"
    events[1]["date"] = "2020-02-31"
    path = write_data(small_doc)
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any("events[0] (2020-03-summit): kind" in line for line in lines)
    assert any("events[1] (2020-02-lima-visit): date" in line for line in lines)
    assert lines[-1] == f"Error: {path} is not valid: 2 problems"


def test_a_broken_data_file_is_exit_1_with_one_line(
    run: Run, write_data: Callable[[object], Path]
) -> None:
    path = write_data(b'{"events": [')
    result = run("--data", str(path), "list")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: line 1, column 13: invalid JSON: Expecting value\n"


@pytest.mark.parametrize(
    ("dates", "periods"),
    [
        (["[0999-05-01..0999-06-30]", "0999-07-01"], ["[0999-05..0999-06]", "0999-05", "0999-06"]),
        (["[0999-01-01..1000-12-31]", "1040-01-01"], ["[0999..1000]", "0999", "1000"]),
    ],
    ids=["a window of months", "a window of years"],
)
def test_summary_periods_of_years_before_1000_are_written_with_four_digits(
    run: Run,
    small_doc: dict[str, Any],
    write_data: Callable[..., Path],
    dates: list[str],
    periods: list[str],
) -> None:
    # A period is written as the data writes dates (YYYY, YYYY-MM); '999-05' would not be one.
    template = small_doc["events"][0]
    small_doc["events"] = [
        {**template, "id": f"e{i}", "date": day, "approximate": True, "note": "A window."}
        for i, day in enumerate(dates)
    ]
    result = run("--data", str(write_data(small_doc)), "summary", "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = [p["period"] for p in json.loads(result.stdout)["per_period"]]
    assert found[: len(periods)] == periods

"""summitry pairs: who met whom, as a matrix or a list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from summitry.data.schema import Dataset

Run = Callable[..., Result]


def expected_pairs(bundled: Dataset, kind: str | None = None) -> dict[frozenset[str], list[str]]:
    """For every pair of people, the start days of the held events they share (from the
    data; pairs count only what took place)."""
    shared: dict[frozenset[str], list[str]] = {}
    for event in bundled.events:
        if (kind and event.kind != kind) or event.status != "held":
            continue
        people = [a for a in event.actors if bundled.actors[a].type == "person"]
        for one, two in combinations(people, 2):
            shared.setdefault(frozenset((one, two)), []).append(event.date)
    return shared


def test_json_has_every_pair_with_its_count_and_dates(run: Run, bundled: Dataset) -> None:
    rows = json.loads(run("pairs", "--json").stdout)
    expected = expected_pairs(bundled)
    assert len(rows) == len(expected)
    for row in rows:
        days = expected[frozenset((row["actor_id"], row["other_id"]))]
        assert (row["events"], row["first"], row["last"]) == (len(days), days[0], days[-1])
    counts = [row["events"] for row in rows]
    assert counts == sorted(counts, reverse=True)


def test_kim_and_xi_met_five_times_at_summits(run: Run) -> None:
    rows = json.loads(run("pairs", "--kind", "summit", "--json").stdout)
    wanted = {"kim-jong-un", "xi-jinping"}
    kim_xi = next(r for r in rows if {r["actor_id"], r["other_id"]} == wanted)
    assert (kim_xi["events"], kim_xi["first"], kim_xi["last"]) == (
        5,
        "2018-03-27",
        "2019-06-20/2019-06-21",
    )
    assert kim_xi["last_event"] == "2019-06-20-xi-visits-north-korea"


def test_plain_pairs_count_only_events_both_took_part_in(run: Run) -> None:
    # The articles: Kim met Trump in Singapore and Hanoi and Putin in Vladivostok; Trump's
    # letter and announcements, and the praise of Putin at Lavrov's meeting, are not shared.
    rows = json.loads(run("pairs", "--actor", "Kim Jong Un", "--json").stdout)
    count = {frozenset((r["actor_id"], r["other_id"])): r["events"] for r in rows}
    assert count[frozenset(("kim-jong-un", "donald-trump"))] == 2
    assert count[frozenset(("kim-jong-un", "vladimir-putin"))] == 1


def test_a_wide_terminal_gets_a_matrix(run: Run) -> None:
    out = run("pairs", "--kind", "summit", env={"COLUMNS": "120"}).stdout
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if "Kim Jong" in line)
    assert "Xi" in lines[header]  # actors head the columns ...
    xi_row = next(line for line in lines if line.lstrip().startswith("Xi Jinping"))
    assert xi_row.split()[2] == "5"  # ... and the rows: Xi meets Kim (column 1) 5 times
    below = lines[lines.index(xi_row) + 1].split()
    assert below[:2] == ["Mar", "2018"]
    assert lines[lines.index(xi_row) + 2].split()[:2] == ["Jun", "2019"]


def test_a_narrow_terminal_or_list_gets_a_list(run: Run, bundled: Dataset) -> None:
    narrow = run("pairs", env={"COLUMNS": "80"}).stdout
    listed = run("pairs", "--list", env={"COLUMNS": "120"}).stdout
    for out in (narrow, listed):
        assert "With" in out and "Events" in out and "First" in out
        table = out.split("\n\n")[0]  # the caption comes after a blank line
        rows = [line for line in table.splitlines() if line[:1].isalpha()]
        assert len(rows) - 1 == len(expected_pairs(bundled))  # plus the header


def test_the_matrix_names_who_is_left_out(run: Run) -> None:
    out = " ".join(run("pairs", "--top", "3", env={"COLUMNS": "120"}).stdout.split())
    assert "the 3 of" in out and "--list for every pair" in out


def test_types_choose_who_is_paired(run: Run, small_path: Path) -> None:
    people = json.loads(run("--data", str(small_path), "pairs", "--json").stdout)
    pairs = {(r["actor"], r["other"]) for r in people}
    assert pairs == {("Bo Kim", "Cy Kim"), ("Bo Kim", "Ána Lima")}
    states = json.loads(run("--data", str(small_path), "pairs", "--type", "state", "--json").stdout)
    assert states == []


def test_no_pairs_says_so(run: Run) -> None:
    result = run("pairs", "--kind", "weapons-test")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no pairs of actors match kind 'weapons-test'" in result.stderr


def test_csv_has_a_row_per_pair(run: Run, bundled: Dataset) -> None:
    out = run("pairs", "--format", "csv").stdout.splitlines()
    assert out[0] == "actor,actor_id,other,other_id,events,first,first_event,last,last_event"
    assert len(out) - 1 == len(expected_pairs(bundled))


# --- bounded: an event of k actors has k(k-1)/2 pairs ------------------------------------------


def crowd(sizes: list[int], *, same_people: bool = False) -> dict[str, Any]:
    """A data file of one event per size, each with that many people: different people at
    each event, or (same_people) the same ones again."""
    actors: dict[str, Any] = {}
    events = []
    for number, size in enumerate(sizes, start=1):
        ids = [f"p-{i}" if same_people else f"p-{number}-{i}" for i in range(size)]
        for actor_id in ids:
            actors[actor_id] = {"name": actor_id, "role": "Delegate", "type": "person"}
        events.append(
            {
                "id": f"2020-01-{number:02d}-gathering",
                "date": f"2020-01-{number:02d}",
                "status": "held",
                "title": "A gathering",
                "summary": "Many people met.",
                "kind": "conference",
                "actors": ids,
                "sources": ["paper"],
            }
        )
    paper = {"publisher": "The Paper", "title": "Crowds", "published": "2020-02-01"}
    return {"sources": {"paper": paper}, "actors": actors, "events": events}


def test_counting_stops_before_the_event_that_passes_the_limit(
    run: Run, write_data: Callable[[object], Path]
) -> None:
    path = write_data(crowd([3, 200, 2]))  # 3 pairs, then 19900, then 1
    result = run("--data", str(path), "pairs", "--max-pairs", "100", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {(r["actor_id"], r["other_id"], r["events"]) for r in rows} == {
        ("p-1-0", "p-1-1", 1),
        ("p-1-0", "p-1-2", 1),
        ("p-1-1", "p-1-2", 1),
    }
    assert "first 1 of 3 events" in result.stderr and "2020-01-02-gathering" in result.stderr
    table = run("--data", str(path), "pairs", "--max-pairs", "100", env={"COLUMNS": "200"})
    assert table.stderr == ""
    assert "first 1 of 3 events only: 2020-01-02-gathering" in table.stdout  # the caption
    everything = run("--data", str(path), "pairs", "--max-pairs", "19904", "--json")
    assert len(json.loads(everything.stdout)) == 3 + 19900 + 1
    assert everything.stderr == ""


def test_pairs_seen_before_do_not_count_against_the_limit(
    run: Run, write_data: Callable[[object], Path]
) -> None:
    path = write_data(crowd([100, 100, 100], same_people=True))  # 4950 pairs, three times
    result = run("--data", str(path), "pairs", "--max-pairs", "4950", "--format", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    rows = result.stdout.splitlines()[1:]
    assert len(rows) == 4950
    assert all(row.split(",")[4] == "3" for row in rows)


def test_the_default_limit_is_the_librarys(run: Run) -> None:
    from summitry import cli
    from summitry.query import stats

    assert cli.MAX_PAIRS == stats.MAX_PAIRS
    assert f"[default: {stats.MAX_PAIRS};" in " ".join(run("pairs", "--help").stdout.split())


LIMIT_MEMORY = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB of address space
from summitry.cli import main
sys.argv[0] = "summitry"
main()
"""


# The format matters where the count stops short: its note goes in the caption (table,
# Markdown) or to stderr (JSON stands for JSONL and CSV, which have no caption either).
@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["pairs", "--format", f] for f in ("json", "markdown", "table")]
    + [["pairs", "--list"], ["summary"], ["summary", "--json"], ["pairs", "--export", "x.svg"]],
    ids=" ".join,
)
def test_3000_people_at_each_of_3_events_fit_in_bounded_memory(
    write_data: Callable[[object], Path], tmp_path: Path, args: list[str]
) -> None:
    doc = crowd([3000, 3000, 3000], same_people=True)
    for event in doc["events"]:
        event["kind"] = "summit"  # summary counts the leaders' summits by pair too
    path = write_data(doc)
    args = [str(tmp_path / a) if a == "x.svg" else a for a in args]
    done = subprocess.run(
        [sys.executable, "-c", LIMIT_MEMORY, "--data", str(path), *args],
        capture_output=True,
        env={**os.environ, "COLUMNS": "100"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    said = b" ".join((done.stdout + done.stderr).split())
    assert b"no pairs counted in the 3" in said
    assert b"2020-01-01-gathering would take the pairs past 10000" in said

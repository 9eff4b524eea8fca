"""summitry pairs: who met whom, as a matrix or a list."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

from click.testing import Result

from summitry.model import Dataset

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
            shared.setdefault(frozenset((one, two)), []).append(event.span.start.isoformat())
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
    assert (kim_xi["events"], kim_xi["first"], kim_xi["last"]) == (5, "2018-03-27", "2019-06-20")


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
        rows = [line for line in out.splitlines() if line[:1] == " " and line[1:2].isalpha()]
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
    assert "no pairs of actors match kind weapons-test" in result.stderr


def test_csv_has_a_row_per_pair(run: Run, bundled: Dataset) -> None:
    out = run("pairs", "--format", "csv").stdout.splitlines()
    assert out[0] == "actor,actor_id,other,other_id,events,first,last"
    assert len(out) - 1 == len(expected_pairs(bundled))

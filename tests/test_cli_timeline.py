"""summitry timeline: lanes per actor over a time axis."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import Result

from summitry.data.schema import Dataset

Run = Callable[..., Result]
SUMMIT, OTHER, TICK = "\u25c6", "\u2022", "\u252c"


def lane(out: str, name: str) -> str:
    """The chart part of an actor's lane: what comes after the name and the count."""
    line = next(line for line in out.splitlines() if line.startswith(name))
    return line[len(name) :].lstrip().split(" ", 1)[1]


def lanes_of(out: str) -> list[tuple[str, int]]:
    """(name, count) for every lane, top to bottom."""
    above_axis = out.split(TICK, 1)[0].splitlines()
    found = (re.match(r"(\S.*?) +(\d+) ", line) for line in above_axis)
    return [(m[1], int(m[2])) for m in found if m]


def marks(chart: str) -> dict[int, str]:
    return {i: c for i, c in enumerate(chart) if c in (SUMMIT, OTHER)}


def test_kim_and_xi_shows_their_five_meetings_spaced_as_they_were(
    run: Run, bundled: Dataset
) -> None:
    out = run("timeline", "--actor", "Kim", "--actor", "Xi", env={"COLUMNS": "80"}).stdout
    met = [e for e in bundled.events if {"kim-jong-un", "xi-jinping"} <= set(e.actors)]
    assert len(met) == 5
    kim, xi = marks(lane(out, "Kim Jong Un")), marks(lane(out, "Xi Jinping"))
    assert kim == xi
    assert list(kim.values()) == [SUMMIT] * 5
    columns = sorted(kim)
    # The gaps between marks follow the gaps between the dates, to within one month's columns.
    rule = next(line for line in out.splitlines() if TICK in line)
    ticks = [i for i, c in enumerate(rule) if c == TICK]
    month = ticks[1] - ticks[0]
    per_day = (columns[-1] - columns[0]) / (met[-1].span.start - met[0].span.start).days
    for (one, c1), (two, c2) in pairwise(zip(met, columns, strict=True)):
        assert abs((c2 - c1) - (two.span.start - one.span.start).days * per_day) <= month
    assert "Mar" in out and "2018" in out and "2019" in out  # the axis has months and years


def test_summits_and_other_events_are_marked_apart(run: Run, small_path: Path) -> None:
    out = run("--data", str(small_path), "timeline").stdout
    assert sorted(marks(lane(out, "Bo Kim")).values()) == sorted([SUMMIT, OTHER])
    assert list(marks(lane(out, "Cy Kim")).values()) == [SUMMIT]
    assert list(marks(lane(out, "Arcadia")).values()) == [OTHER]
    assert f"{SUMMIT} leaders' summit" in out and f"{OTHER} other event" in out
    assert "start of a month" in out


def test_each_lane_counts_the_actors_events(run: Run, bundled: Dataset) -> None:
    out = run("timeline", "--top", "3").stdout
    counts: dict[str, int] = {}
    for event in bundled.events:
        for actor in event.actors:
            counts[actor] = counts.get(actor, 0) + 1
    busiest = sorted(counts, key=lambda a: (-counts[a], bundled.actors[a].name))[:3]
    assert lanes_of(out) == [(bundled.actors[a].name, counts[a]) for a in busiest]
    assert f"3 of {len(counts)} actors" in out


def test_actors_named_with_actor_come_first(run: Run) -> None:
    out = run("timeline", "--actor", "Moon", "--top", "2").stdout
    assert [name for name, _ in lanes_of(out)] == ["Moon Jae-in", "Kim Jong Un"]


def test_a_short_period_goes_by_week(run: Run) -> None:
    out = run("timeline", "--from", "2018-05", "--to", "2018-06").stdout
    assert "start of a week" in out
    assert "May 2018" in out and "Jun 2018" in out
    assert run("timeline", "--from", "2018-05", "--to", "2018-06", "--by", "month").stdout.count(
        "start of a month"
    )


def test_weeks_too_many_for_the_width_are_grouped_and_labelled_by_month(run: Run) -> None:
    out = run("timeline", "--by", "week").stdout  # 20 months in 100 columns
    assert "start of each 2-week span" in out
    fine, coarse = out.split(TICK, 1)[1].splitlines()[1:3]
    assert fine.split()[:4] == ["Oct", "Jan", "Mar", "May"]
    assert coarse.split() == ["2017", "2018", "2019"]


def test_a_year_left_out_of_a_narrow_axis_is_never_one_its_months_would_be_read_in(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = run("timeline", "--by", "week", "--top", "2").stdout
    fine, coarse = out.split(TICK, 1)[1].splitlines()[1:3]
    years = coarse.split()
    assert years[-2:] == ["2018", "2019"]
    assert coarse.index("2018") <= fine.index("Feb")  # February, under 2018, is of 2018


def test_the_legend_explains_only_the_marks_drawn(run: Run) -> None:
    planned = run("timeline", "--status", "planned").stdout
    assert "planned, not known to have taken place" in planned
    assert "leaders' summit" not in planned and "other event" not in planned
    summits = run("timeline", "--kind", "summit", "--status", "held").stdout
    assert "leaders' summit" in summits
    assert "other event" not in summits and "planned, not known" not in summits


def test_the_axis_covers_the_period_asked_for(run: Run, small_path: Path) -> None:
    # Only February and March 2020 match, but the user asked from January.
    def months(*args: str) -> list[str]:
        out = run("--data", str(small_path), "timeline", "--by", "month", *args).stdout
        return out.split(TICK, 1)[1].splitlines()[1].split()

    assert months("--kind", "summit", "--kind", "visit") == ["Feb", "Mar"]
    assert months("--kind", "summit", "--kind", "visit", "--from", "2020-01") == [
        "Jan",
        "Feb",
        "Mar",
    ]
    # ... but not beyond the data: nothing is known after March 2020.
    assert months("--from", "2020-01", "--to", "2021") == ["Jan", "Feb", "Mar"]


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_the_chart_fits_the_width(run: Run, width: int) -> None:
    out = run("timeline", env={"COLUMNS": str(width)}).stdout
    assert max(len(line) for line in out.splitlines()) <= width
    assert out.count(TICK) >= 5
    if width >= 80:
        assert "Kim Jong Un" in out and "Kim Yong Chol" in out


def test_no_match_says_so_and_draws_nothing(run: Run) -> None:
    result = run("timeline", "--actor", "Xi", "--kind", "weapons-test")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("summitry: no events match")

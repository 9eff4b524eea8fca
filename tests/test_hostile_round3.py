"""Hostile input, round 3: signals, ranges where one date is taken, devices, extreme dates."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from test_trust import many_events

Run = Callable[..., Result]


@pytest.mark.slow
def test_sigterm_while_writing_a_database_leaves_nothing_behind(tmp_path: Path) -> None:
    data = tmp_path / "many.json"
    data.write_text(json.dumps(many_events(20000)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "summitry", "--data", str(data), "to-sqlite", str(out / "x.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(name.endswith(".tmp") for name in os.listdir(out)):
        assert process.poll() is None, process.stderr.read()  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143
    assert stderr == b"Terminated.\n"
    assert os.listdir(out) == []


@pytest.mark.parametrize("option", ["--as-of", "--from", "--to"])
@pytest.mark.parametrize("value", ["2018-05-24/2018-05-30", "[2018-05-24..2018-05-30]"])
def test_a_range_where_one_date_is_taken_says_so(run: Run, option: str, value: str) -> None:
    result = run("list", option, value)
    assert result.exit_code == 2
    assert "is a range, not a date" in result.stderr
    assert "--from and --to, or between" in result.stderr
    assert "time of day" not in result.stderr


def _special(kind: str, path: Path) -> Path:
    """A FIFO, or a character device like /dev/null (1, 3), made at path (never in /dev)."""
    if kind == "fifo":
        os.mkfifo(path)
    else:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return path


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("replace", [[], ["--replace"]], ids=["without-replace", "with-replace"])
@pytest.mark.parametrize("which", ["database", "metadata"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_to_sqlite_refuses_a_fifo_or_a_device_as_either_target(
    run: Run, tmp_path: Path, kind: str, which: str, replace: list[str]
) -> None:
    special = _special(kind, tmp_path / "special")
    database = special if which == "database" else tmp_path / "out.db"
    args = ["to-sqlite", str(database), *replace]
    if which == "metadata":
        args += ["--metadata", str(special)]
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert f"'{special}' is not a regular file" in result.stderr
    mode = special.stat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)
    assert os.listdir(tmp_path) == ["special"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_to_sqlite_refuses_a_link_to_a_device(run: Run, tmp_path: Path) -> None:
    device = _special("device", tmp_path / "null")
    link = tmp_path / "out.db"
    link.symlink_to(device)
    result = run("to-sqlite", str(link), "--replace")
    assert result.exit_code == 2
    assert "is not a regular file" in result.stderr
    assert stat.S_ISCHR(device.stat().st_mode) and link.is_symlink()


def test_json_escapes_exactly_the_controls_json_leaves_raw() -> None:
    from summitry.present.safe import CONTROLS, JSON_UNESCAPED

    every = [chr(code) for code in range(0x3000)]
    controls = {c for c in every if CONTROLS.match(c)}
    raw_in_json = {c for c in every if JSON_UNESCAPED.match(c)}
    c0 = {chr(code) for code in range(0x20)} - {"\t", "\n"}
    assert controls == raw_in_json | c0 and not raw_in_json & c0


EXTREME_DATES = ["0001-01-01", "0001-03", "0001", "9999-12-31", "9999-12", "9999-12-25/9999-12-31"]


@pytest.fixture
def extreme_path(small_doc: dict[str, Any], write_data: Callable[[object], Path]) -> Path:
    """The small data file and one event on each of EXTREME_DATES (those at 9999 planned)."""
    model = small_doc["events"][0]
    for number, day in enumerate(EXTREME_DATES):
        status = "planned" if day.startswith("9999") else "held"
        small_doc["events"].append(
            {**model, "id": f"extreme-{number}", "date": day, "status": status}
        )
    return write_data(small_doc, "extreme.json")


@pytest.mark.parametrize("by", ["week", "month"])
@pytest.mark.parametrize(
    "period",
    [[], ["--to", "0001-02-15"], ["--from", "9999-11-20"]],
    ids=["years-1-to-9999", "year-1-only", "year-9999-only"],
)
def test_timeline_draws_events_in_year_1_and_9999(
    run: Run, extreme_path: Path, by: str, period: list[str]
) -> None:
    assert run("--data", str(extreme_path), "validate").exit_code == 0
    result = run("--data", str(extreme_path), "timeline", "--by", by, *period)
    assert result.exit_code == 0, result.stderr
    assert "Bo Kim" in result.stdout
    labels = result.stdout.split("┬", 1)[1].splitlines()[1:3]
    # The first label names where the axis starts: year 1, or 9999 for its end alone.
    year = "9999" if period[:1] == ["--from"] else "1"
    assert year in " ".join(labels).split()


def test_the_axis_is_clamped_to_the_days_a_date_can_hold() -> None:
    from summitry.present.axis import build

    for unit in ("week", "month"):
        for width in (1, 7, 80):
            for first, last in [(date.min, date.max), (date.min, date.min), (date.max, date.max)]:
                axis = build(first, last, width, unit)
                assert axis.starts[0] <= first and axis.starts[-1] >= last
                assert list(axis.starts) == sorted(axis.starts)
                assert 0 <= axis.column(first) <= axis.column(last) < axis.width

"""Hostile input, round 3: signals, ranges where one date is taken, devices, extreme dates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

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

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

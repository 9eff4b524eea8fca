"""Exports are written whole or not at all, and never onto the data file being read."""

from __future__ import annotations

import errno
import os
import resource
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import Result

import summitry.present.files

Run = Callable[..., Result]
OLD = b"the previous export\n"


def leftovers(folder: Path, *keep: str) -> list[str]:
    """Files in folder other than those named: a temporary file left behind would be one."""
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize("suffix", [".txt", ".json", ".ics"])
def test_an_export_onto_the_data_file_is_refused(
    run: Run, small_path: Path, suffix: str, tmp_path: Path
) -> None:
    data = tmp_path / f"d{suffix}"
    data.write_bytes(small_path.read_bytes())
    before = data.read_bytes()
    result = run("--data", str(data), "list", "--export", str(data))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: '{data}' is the data file being read")
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""
    assert data.read_bytes() == before
    assert leftovers(tmp_path, data.name, small_path.name) == []


def test_the_data_file_through_links_and_the_environment_is_refused(
    run: Run, small_path: Path, tmp_path: Path
) -> None:
    before = small_path.read_bytes()
    soft = tmp_path / "soft.json"
    soft.symlink_to(small_path)
    hard = tmp_path / "hard.json"
    os.link(small_path, hard)
    data = str(small_path)
    relative = os.path.relpath(small_path)
    cases = [
        (["--data", data], soft),  # export through a symbolic link to the data
        (["--data", str(soft)], small_path),  # data read through one
        (["--data", data], hard),  # a hard link: another name, the same file
        (["--data", relative], Path(os.path.abspath(relative))),
    ]
    for options, target in cases:
        result = run(*options, "list", "--export", str(target))
        assert result.exit_code == 2, (options, target)
        assert "is the data file being read" in result.stderr
    result = run("list", "--export", str(hard), env={"SUMMITRY_DATA": data})
    assert result.exit_code == 2
    assert small_path.read_bytes() == before
    assert soft.is_symlink()


def test_a_new_export_has_the_usual_mode_and_a_replaced_one_keeps_its_own(
    run: Run, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.json"
    umask = os.umask(0o022)
    try:
        assert run("list", "--export", str(fresh)).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    private = tmp_path / "private.json"
    private.write_bytes(OLD)
    private.chmod(0o600)
    assert run("list", "--export", str(private)).exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_bytes() != OLD
    assert leftovers(tmp_path, "fresh.json", "private.json") == []


def test_an_export_through_a_symbolic_link_replaces_the_file_it_points_to(
    run: Run, tmp_path: Path
) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(OLD)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run("list", "--export", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_bytes() == run("list", "--format", "csv").stdout_bytes


def test_an_export_onto_something_not_a_regular_file_is_refused(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run("list", "--export", str(fifo))
    assert result.exit_code == 2
    assert "is not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def _failing_fsync(error: BaseException) -> Callable[[int], NoReturn]:
    def fsync(fd: int) -> NoReturn:
        raise error

    return fsync


@pytest.mark.parametrize("existing", [True, False], ids=["over a file", "a new file"])
@pytest.mark.parametrize("suffix", [".svg", ".json"])
def test_a_full_disk_leaves_no_file_and_the_old_one_untouched(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool, suffix: str
) -> None:
    target = tmp_path / f"out{suffix}"
    if existing:
        target.write_bytes(OLD)
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(summitry.present.files.os, "fsync", _failing_fsync(full))
    result = run("list", "--export", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write '{target}': No space left on device\n"
    assert result.stdout == ""
    assert (target.read_bytes() == OLD) if existing else not target.exists()
    assert leftovers(tmp_path, target.name) == []


def test_ctrl_c_while_writing_leaves_nothing_behind(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ics"
    target.write_bytes(OLD)
    monkeypatch.setattr(summitry.present.files.os, "fsync", _failing_fsync(KeyboardInterrupt()))
    result = run("list", "--export", str(target))
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, target.name) == []


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
@pytest.mark.parametrize("existing", [True, False], ids=["over a file", "a new file"])
def test_a_file_size_limit_leaves_no_file_and_the_old_one_untouched(
    tmp_path: Path, existing: bool
) -> None:
    target = tmp_path / "big.svg"
    if existing:
        target.write_bytes(OLD)
    env: dict[str, Any] = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("SUMMITRY_DATA", None)
    done = subprocess.run(
        [sys.executable, "-m", "summitry", "list", "--export", str(target)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        preexec_fn=_limit_file_size(4096),  # the SVG of every event is far larger
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == f"Error: cannot write '{target}': File too large\n"
    assert done.stdout == ""
    assert (target.read_bytes() == OLD) if existing else not target.exists()
    assert leftovers(tmp_path, target.name) == []


def test_write_atomic_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"x" * 10_000)
    summitry.present.files.write_atomic(str(target), b"short")
    assert target.read_bytes() == b"short"
    assert leftovers(tmp_path, "out.txt") == []


@pytest.mark.parametrize(
    "name", [".json", "a" * 250 + ".json"], ids=["only a suffix", "a 255-byte name"]
)
def test_unusual_names_are_written(run: Run, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = run("list", "--limit", "1", "--export", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == run("list", "--limit", "1", "--json").stdout_bytes
    assert leftovers(tmp_path, name) == []

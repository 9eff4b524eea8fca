"""Writing the output fails (a full disk, a closed descriptor, an I/O error) or is interrupted:
one line on stderr and a documented exit status, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

COMMANDS = [
    ["list"],
    ["between", "2019", "2020"],
    ["show", "2020-03-summit"],
    ["actors"],
    ["summary"],
    ["pairs"],
]
FORMATS = ["table", "json", "jsonl", "csv", "markdown"]
CASES = [[*command, "--format", fmt] for command in COMMANDS for fmt in FORMATS]
CASES += [["list", "--format", "ics"], ["show", "2020-03-summit", "--format", "ics"]]
CASES += [["timeline"], ["validate"], ["list", "--export", "EXPORT.svg"], ["--help"], ["--version"]]


def summitry(
    *args: str, stdout: object = subprocess.PIPE, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("SUMMITRY_DATA", "FORCE_COLOR")}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "summitry", *args],
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
        **kwargs,
    )


def one_error_line(done: subprocess.CompletedProcess[bytes], reason: str) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.decode().splitlines()
    assert lines == [lines[0]], lines
    assert lines[0].startswith("Error: cannot write to standard output: "), lines
    assert reason in lines[0]


def with_data(args: list[str], data: Path, tmp_path: Path) -> list[str]:
    args = [str(tmp_path / "out.svg") if a == "EXPORT.svg" else a for a in args]
    return args if args[0].startswith("--") else ["--data", str(data), *args]


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_1(
    small_path: Path, tmp_path: Path, args: list[str]
) -> None:
    with open("/dev/full", "w") as full:
        done = summitry(*with_data(args, small_path, tmp_path), stdout=full)
    one_error_line(done, "No space left on device")


@pytest.mark.slow
@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_1(
    small_path: Path, tmp_path: Path, args: list[str]
) -> None:
    # The shell's `summitry list >&-`: descriptor 1 is not open when summitry starts.
    done = summitry(
        *with_data(args, small_path, tmp_path), stdout=None, preexec_fn=lambda: os.close(1)
    )
    one_error_line(done, "closed")


FAILING_STDOUT = """
import errno, io, sys
class Failing(io.TextIOBase):
    encoding = "utf-8"
    def write(self, text):
        raise OSError(errno.EIO, "Input/output error")
sys.stdout = Failing()
from summitry.cli import main
sys.argv[0] = "summitry"
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["list"], ["list", "--json"], ["summary", "-f", "csv"], ["--help"]]
)
def test_an_io_error_is_one_line_and_exit_1(small_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FAILING_STDOUT, *with_data(args, small_path, small_path.parent)],
        capture_output=True,
        check=False,
    )
    one_error_line(done, "Input/output error")


# --- Ctrl-C ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import json

    from test_trust import many_events

    path = tmp_path_factory.mktemp("long") / "long.json"
    path.write_text(json.dumps(many_events(4000)), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_ctrl_c_while_writing_is_one_line_and_exit_130(long_file: Path, fmt: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "summitry", "--data", str(long_file), "list", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    # The output (megabytes) has begun; nobody reads on, so summitry waits on a full pipe.
    assert process.stdout.read(1)
    time.sleep(1)
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    process.stdout.read()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 130
    assert stderr == b"Aborted.\n"


def test_ctrl_c_while_loading_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, small_path: Path
) -> None:
    from click.testing import CliRunner

    from summitry import cli, cli_base

    def interrupted(path: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_base, "load", interrupted)
    result = CliRunner().invoke(cli.cli, ["--data", str(small_path), "list"])
    assert result.exit_code == 130
    assert result.stderr == "Aborted.\n"

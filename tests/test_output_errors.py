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

# One case per way to standard output. All of summitry's own writing goes through
# present/output.py's write_out, where any result that is text (every format but a drawn
# table, whatever the command; a list-like table off a terminal, as tab-separated lines;
# validate's line) is one sys.stdout.write: `list` as lines and as JSON stand for them (no
# writer touches stdout itself). A drawn table is printed by Rich (print_trimmed: `summary`,
# as `show`, `pairs` and `timeline` are); --export saves the drawing, then writes what was
# drawn; Click's own writing (--help, as --version) fails in main(). Each format's content
# per command is checked in process (test_export, test_hostile).
CASES = [["list", "--format", "table"], ["list", "--format", "json"], ["validate"]]
CASES += [["summary", "--format", "table"], ["list", "--export", "EXPORT.svg"], ["--help"]]


# COLUMNS left out, so that a list-like table is lines (text), whatever the terminal.
ENV = {k: v for k, v in os.environ.items() if k not in ("SUMMITRY_DATA", "FORCE_COLOR", "COLUMNS")}


def summitry(
    *args: str, stdout: object = subprocess.PIPE, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "summitry", *args],
        env=ENV,
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
    "args", [["list"], ["summary"], ["--help"]], ids=["text", "a Rich drawing", "Click's help"]
)
def test_an_io_error_is_one_line_and_exit_1(small_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FAILING_STDOUT, *with_data(args, small_path, small_path.parent)],
        env=ENV,
        capture_output=True,
        check=False,
    )
    one_error_line(done, "Input/output error")


# --- Ctrl-C ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_ctrl_c_while_writing_is_one_line_and_exit_130(big_file: Path) -> None:
    # Every format is text written whole by one sys.stdout.write (see CASES), so one stands
    # for all: the interrupt lands in that write, blocked on the full pipe.
    process = subprocess.Popen(
        [sys.executable, "-m", "summitry", "--data", str(big_file), "list", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    # The output (megabytes) has begun; nobody reads on, so summitry waits on a full pipe.
    assert process.stdout.read(1)
    time.sleep(0.3)  # megabytes to write and a 64 KiB pipe: blocked long before this
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

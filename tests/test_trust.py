"""No input breaks summitry: closed pipes, odd locales and terminals, bad data, any arguments."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, SMALL
from summitry.cli import cli

FUZZ_EXAMPLES = int(os.environ.get("SUMMITRY_FUZZ_EXAMPLES", settings().max_examples))


def summitry(
    *args: str, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run the real program in a subprocess (not CliRunner), stdout and stderr captured as bytes."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("SUMMITRY_DATA", "FORCE_COLOR")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "summitry", *args],
        env=full_env,
        capture_output=True,
        check=False,
        **kwargs,
    )


# --- pipes ---------------------------------------------------------------------------------


# One case per way a closed pipe is met: a table off a terminal for a list-like result is
# text (tab-separated lines), as every other format is, all written whole by one
# sys.stdout.write (csv stands for json, jsonl and markdown, `list` for `between` and
# `actors`); any other table is a Rich drawing (`summary`).
PIPED = [("list", "table"), ("list", "csv"), ("summary", "table")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "fmt"), PIPED, ids=[f"{c} --format {f} | head -1" for c, f in PIPED]
)
def test_a_closed_pipe_ends_quietly(big_file: Path, tmp_path: Path, command: str, fmt: str) -> None:
    err = tmp_path / "stderr"
    script = (
        f'"{sys.executable}" -m summitry --data "{big_file}" {command} --format {fmt}'
        f' 2>"{err}" | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}'
    )
    # COLUMNS left out: Python's readline may have exported one (80), which would make
    # `list` a Rich drawing of 4000 events (seconds) instead of lines, as in a real pipe.
    env = {k: v for k, v in os.environ.items() if k not in ("SUMMITRY_DATA", "FORCE_COLOR")}
    env.pop("COLUMNS", None)
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() in ("0", "141")
    assert err.read_text() == ""


@pytest.mark.slow
def test_the_output_really_is_larger_than_a_pipe(big_file: Path) -> None:
    # Otherwise the pipe tests would pass without ever meeting a closed pipe.
    assert len(summitry("--data", str(big_file), "list", "--format", "csv").stdout) > 1_000_000


# --- locales and terminals ----------------------------------------------------------------


NARROW_ARGS = [
    ("list", "--actor", "Lima"),
    ("show", "2020-03-summit"),
    ("summary",),
    ("actors",),
    ("list", "--json"),
    ("timeline",),
    ("pairs",),
    ("pairs", "--list"),
]


@pytest.mark.slow
@pytest.mark.parametrize("args", [NARROW_ARGS[0], NARROW_ARGS[1]], ids=" ".join)
def test_non_ascii_never_crashes_the_c_locale(small_path: Path, args: tuple[str, ...]) -> None:
    # A real process: under LANG=C Python itself switches its streams to UTF-8 (PEP 538 and
    # 540) as it starts. One case for text (lines off a terminal), one for a Rich drawing.
    done = summitry("--data", str(small_path), *args, env={"LANG": "C", "LC_ALL": "C"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    done.stdout.decode("utf-8")


@pytest.mark.parametrize("columns", [None, "100"], ids=["off a terminal", "COLUMNS=100"])
@pytest.mark.parametrize("charset", ["ascii", "latin-1"], ids=["ASCII output", "Latin-1 output"])
@pytest.mark.parametrize("args", NARROW_ARGS, ids=" ".join)
def test_non_ascii_never_crashes_a_narrow_encoding(
    small_path: Path, charset: str, columns: str | None, args: tuple[str, ...]
) -> None:
    # In process, stdout a TextIOWrapper in `charset` with strict errors, as
    # PYTHONIOENCODING=ascii gives a real process (which test_ascii_output_writes_stand_ins...
    # runs); off a terminal list-like tables are text lines, with COLUMNS Rich drawings.
    result = CliRunner(charset=charset).invoke(
        cli,
        ["--data", str(small_path), *args],
        prog_name="summitry",
        env={"COLUMNS": columns, "NO_COLOR": None, "FORCE_COLOR": None, "SUMMITRY_DATA": None},
    )
    assert result.exit_code == 0, (result.exception, result.stderr)
    assert result.stderr_bytes == b""
    result.stdout_bytes.decode(charset)


@pytest.mark.slow
def test_ascii_output_writes_stand_ins_not_question_marks() -> None:
    out = summitry("list", "--search", "Hanoi", env={"PYTHONIOENCODING": "ascii"}).stdout.decode(
        "ascii"
    )
    assert "27-28 Feb 2019" in out
    chart = summitry("timeline", env={"PYTHONIOENCODING": "ascii"}).stdout.decode("ascii")
    assert "?" not in chart
    assert "* leaders' summit  o other event" in chart  # the marks have stand-ins too


@pytest.mark.parametrize("width", [40, 60, 80, 250])
@pytest.mark.parametrize(
    "command",
    ["list", "actors", "summary", "show 2019-02-27-hanoi-summit", "timeline", "pairs"],
)
def test_tables_fit_the_width_and_keep_every_word(width: int, command: str) -> None:
    # In process: Rich reads COLUMNS and TERM as the console is made, within the invocation;
    # stdout is not a terminal, as a subprocess's captured one is not.
    result = CliRunner().invoke(
        cli,
        command.split(),
        prog_name="summitry",
        env={"COLUMNS": str(width), "TERM": "dumb", "NO_COLOR": None, "FORCE_COLOR": None}
        | {"SUMMITRY_DATA": None},
    )
    assert result.exit_code == 0, (result.exception, result.stderr)
    text = result.stdout_bytes.decode("utf-8")
    assert max(len(line) for line in text.splitlines()) <= width
    assert "\x1b" not in text
    if command == "list":
        words = set(text.split())
        for event in BUNDLED["events"]:
            assert event["title"].split()[0] in words


@pytest.mark.slow
def test_output_to_a_file_has_no_escape_codes(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with target.open("wb") as handle:
        subprocess.run([sys.executable, "-m", "summitry", "summary"], stdout=handle, check=True)
    assert b"\x1b" not in target.read_bytes()
    assert b"Events per month" in target.read_bytes()


def colours(output: bytes) -> set[str]:
    """Foreground colour codes (30-38, 90-97) in ANSI sequences; bold and dim are not colours."""
    found = set()
    for params in re.findall(rb"\x1b\[([0-9;]*)m", output):
        for code in params.decode().split(";"):
            if code and (30 <= int(code) <= 38 or 90 <= int(code) <= 97):
                found.add(code)
    return found


def test_force_color_gives_colour_and_no_color_takes_it_away() -> None:
    # In process: Rich reads FORCE_COLOR and NO_COLOR as the console is made.
    def invoke(env: dict[str, str | None]) -> bytes:
        result = CliRunner().invoke(
            cli, ["list", "-n", "1"], prog_name="summitry", env={"SUMMITRY_DATA": None, **env}
        )
        assert result.exit_code == 0, result.stderr
        return result.stdout_bytes

    assert colours(invoke({"FORCE_COLOR": "1", "NO_COLOR": None}))
    assert not colours(invoke({"FORCE_COLOR": "1", "NO_COLOR": "1"}))


# --- bad data files -----------------------------------------------------------------------


def bad_files(tmp: Path) -> dict[str, Path]:
    files: dict[str, bytes] = {
        "empty": b"",
        "not UTF-8": b'{"sources": {}, "actors": {}, "events": ["\xff\xfe"]}',
        "truncated": json.dumps(SMALL).encode()[:300],
        "deeply nested": b'{"events": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        "a list": b"[]",
        "duplicate ids": json.dumps(
            {**SMALL, "events": SMALL["events"] + SMALL["events"][:1]}
        ).encode(),
        "unknown references": json.dumps(
            {
                **SMALL,
                "events": [{**SMALL["events"][0], "actors": ["nobody"], "sources": ["nothing"]}],
            }
        ).encode(),
        "an impossible date": json.dumps(
            {**SMALL, "events": [{**SMALL["events"][0], "date": "2019-02-29"}]}
        ).encode(),
    }
    out = {}
    for name, content in files.items():
        path = tmp / f"{name.replace(' ', '-')}.json"
        path.write_bytes(content)
        out[name] = path
    out["missing"] = tmp / "missing.json"
    out["a directory"] = tmp
    out["a path through a file"] = out["empty"] / "events.json"
    return out


BAD = [
    "empty",
    "not UTF-8",
    "truncated",
    "deeply nested",
    "a list",
    "duplicate ids",
    "unknown references",
    "an impossible date",
    "missing",
    "a directory",
    "a path through a file",
]


@pytest.mark.parametrize("name", BAD)
@pytest.mark.parametrize(
    "command", [("list",), ("summary",), ("actors",), ("show", "x"), ("validate",)], ids=" ".join
)
def test_a_bad_data_file_is_exit_1_naming_the_file(
    run: Callable[..., Result], tmp_path: Path, name: str, command: tuple[str, ...]
) -> None:
    path = bad_files(tmp_path)[name]
    result = run("--data", str(path), *command)
    assert result.exit_code == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    if command != ("validate",):
        assert result.stderr.count("\n") == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file(run: Callable[..., Result], small_path: Path) -> None:
    small_path.chmod(0)
    result = run("--data", str(small_path), "list")
    assert result.exit_code == 1
    assert "permission denied" in result.stderr


def test_a_permission_error_is_reported(monkeypatch: pytest.MonkeyPatch, small_path: Path) -> None:
    from summitry.data import load as reading
    from summitry.data.load import DataError, load

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reading, "open", refuse, raising=False)
    with pytest.raises(DataError, match="permission denied"):
        load(small_path)


WRONG_VALUES = [7, 2.5, True, [], {}, "", [1], {"a": 1}]
EVENT_FIELDS = [
    "id",
    "date",
    "approximate",
    "title",
    "summary",
    "kind",
    "actors",
    "place",
    "country",
    "sources",
    "note",
]


@pytest.mark.parametrize("field", EVENT_FIELDS)
def test_wrong_types_at_every_event_field(
    run: Callable[..., Result], tmp_path: Path, field: str
) -> None:
    for value in WRONG_VALUES:
        if value == "" and field in ("place", "country", "note"):
            continue  # an empty optional text is read as absent
        doc = json.loads(json.dumps(SMALL))
        doc["events"][0][field] = value
        path = tmp_path / "doc.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        result = run("--data", str(path), "list")
        assert result.exit_code == 1, (field, value)
        assert "events[0] (" in result.stderr or "events[0]:" in result.stderr, result.stderr
        assert field in result.stderr


@pytest.mark.parametrize(
    ("registry", "entry", "field"),
    [("actors", "bo-kim", f) for f in ("name", "aliases", "role", "country", "type")]
    + [("sources", "paper", f) for f in ("publisher", "title", "published", "author")],
)
def test_wrong_types_at_every_registry_field(
    run: Callable[..., Result], tmp_path: Path, registry: str, entry: str, field: str
) -> None:
    for value in WRONG_VALUES:
        if value == "" and field in ("country", "author"):
            continue
        if value == [] and field == "aliases":
            continue  # no aliases is fine
        doc = json.loads(json.dumps(SMALL))
        doc[registry][entry][field] = value
        path = tmp_path / "doc.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        result = run("--data", str(path), "list")
        assert result.exit_code == 1, (registry, field, value)
        assert f"{registry}.{entry}" in result.stderr


@pytest.mark.slow
def test_a_file_of_many_valid_events_is_valid(big_file: Path) -> None:
    # The path of any large file: read whole, decoded in one step, checked in one pass
    # (large files are measured by benchmarks/bench.py).
    done = summitry("--data", str(big_file), "validate")
    assert done.returncode == 0, done.stderr
    assert b"valid: 4000 events" in done.stdout


def test_summitry_never_writes_beside_its_data(
    run: Callable[..., Result], small_path: Path
) -> None:
    folder = small_path.parent
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    for args in (["list"], ["summary", "--json"], ["actors"], ["show", "2019-year"], ["validate"]):
        assert run("--data", str(small_path), *args).exit_code == 0
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


# --- any argument list --------------------------------------------------------------------


def option_names(command: click.Command) -> list[str]:
    return [
        name for param in command.params if isinstance(param, click.Option) for name in param.opts
    ]


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    [
        "",
        "-",
        "--",
        "2018",
        "2018-05",
        "May 2018",
        "Xi",
        "Kim",
        "summit",
        "05/06/2018",
        "out.svg",
        "9" * 30,
        "\x00",
    ]
)


@st.composite
def argument_lists(draw: st.DrawFn) -> list[str]:
    args: list[str] = []
    if draw(st.booleans()):
        args += ["--data", draw(TEXT)]
    name = draw(st.sampled_from([*sorted(cli.commands), "nonsense"]))
    args.append(name)
    command = cli.commands.get(name)
    options = [*option_names(command), "--help"] if command else ["--help"]
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        choice = draw(st.sampled_from(["option", "text"]))
        if choice == "option":
            args.append(draw(st.sampled_from(options)))
        args.append(draw(TEXT))
    return args


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argument_lists())
def test_any_argument_list_gives_exit_0_1_or_2(args: list[str]) -> None:
    runner = CliRunner()
    home = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:  # where an --export may land
        os.chdir(scratch)
        try:
            result = runner.invoke(
                cli, args, prog_name="summitry", env={"COLUMNS": "80", "SUMMITRY_DATA": ""}
            )
        finally:
            os.chdir(home)
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    if result.exit_code:
        assert result.stderr.startswith("Error: ") or "Error:" in result.stderr, (
            args,
            result.stderr,
        )
        assert "Traceback" not in result.stderr

"""Every command has help with examples, and every example runs."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import SMALL
from summitry.cli import cli

Run = Callable[..., Result]
COMMANDS = sorted(cli.commands)


def examples(command: str | None) -> list[list[str]]:
    target = cli if command is None else cli.commands[command]
    doc = target.help or ""
    lines = doc.split("Examples:", 1)[1].splitlines() if "Examples:" in doc else []
    out = []
    for line in lines:
        if line.strip().startswith("summitry "):
            out.append(shlex.split(line.strip())[1:])
        elif out and not line.strip():
            break
    return out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run: Run, command: str) -> None:
    for flag in ("--help", "-h"):
        result = run(command, flag)
        assert result.exit_code == 0
        assert "Examples:" in result.stdout
    assert examples(command)


@pytest.mark.parametrize(
    "args", [args for command in [None, *COMMANDS] for args in examples(command)], ids=shlex.join
)
def test_every_example_runs(
    run: Run, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Examples that name a file of one's own find a small valid one in the working directory.
    (tmp_path / "my-events.json").write_text(json.dumps(SMALL), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("summitry ")

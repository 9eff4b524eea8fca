"""The examples in README.md and docs/*.md are what the program prints:
scripts/readme_examples.py rewrites them, and this test fails when they differ (re-run the
script after a change)."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "readme_examples.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_examples", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT_MODULE = load_script()
DOCUMENTS = SCRIPT_MODULE.documents()


@pytest.mark.parametrize(
    "path", DOCUMENTS, ids=[path.relative_to(ROOT).as_posix() for path in DOCUMENTS]
)
def test_every_console_block_is_what_its_command_prints(path: Path) -> None:
    current = path.read_text(encoding="utf-8")
    assert SCRIPT_MODULE.BLOCK.search(current)
    fresh = SCRIPT_MODULE.regenerate(current)
    diff = "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True), fresh.splitlines(keepends=True), n=1
        )
    )
    assert fresh == current, f"run python scripts/readme_examples.py\n{diff[:3000]}"


def test_every_document_with_console_examples_is_checked() -> None:
    with_blocks = {
        path
        for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
        if "```console" in path.read_text(encoding="utf-8")
    }
    assert with_blocks <= set(DOCUMENTS)
    # Every console block is one the script can run: a command line, then its output.
    for path in with_blocks:
        text = path.read_text(encoding="utf-8")
        assert text.count("```console") == len(SCRIPT_MODULE.BLOCK.findall(text)), path


def test_the_check_finds_a_changed_output() -> None:
    text = "```console\n$ summitry list --kind release --format csv\nnot this\n```\n"
    fresh = SCRIPT_MODULE.regenerate(text)
    assert "not this" not in fresh
    assert fresh.splitlines()[2].startswith("id,date,start,end")


def test_the_check_runs_the_program_as_the_readme_installs_it() -> None:
    text = "```console\n$ .venv/bin/summitry list --kind release --format csv\nnot this\n```\n"
    assert SCRIPT_MODULE.regenerate(text).splitlines()[2].startswith("id,date,start,end")


def test_the_readme_is_a_front_door_whose_examples_run_after_its_set_up() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    commands = [match["command"] for match in SCRIPT_MODULE.BLOCK.finditer(text)]
    assert 6 <= len(commands) <= 8
    # The set-up installs summitry in .venv, not on PATH: the examples call it there.
    assert ".venv/bin/pip install . && .venv/bin/summitry" in text
    assert all(command.startswith(".venv/bin/summitry ") for command in commands), commands
    for page in ("usage", "own-data", "datasette", "calendars", "performance", "contributing"):
        assert f"](docs/{page}.md)" in text
        assert (ROOT / "docs" / f"{page}.md").is_file()

"""The README's examples are what the program prints: scripts/readme_examples.py rewrites
them, and this test fails when they differ (re-run the script after a change)."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "readme_examples.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_examples", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_console_block_is_what_its_command_prints() -> None:
    script = load_script()
    current = script.README.read_text(encoding="utf-8")
    blocks = script.BLOCK.findall(current)
    assert len(blocks) >= 6
    fresh = script.regenerate(current)
    diff = "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True), fresh.splitlines(keepends=True), n=1
        )
    )
    assert fresh == current, f"run python scripts/readme_examples.py\n{diff[:3000]}"


def test_the_check_finds_a_changed_output(tmp_path: Path) -> None:
    script = load_script()
    text = "```console\n$ summitry list --kind release --format csv\nnot this\n```\n"
    fresh = script.regenerate(text)
    assert "not this" not in fresh
    assert fresh.splitlines()[2].startswith("id,date,start,end")

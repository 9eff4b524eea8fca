"""Shell completion, driven the way the shells drive it: COMP_WORDS and COMP_CWORD."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summitry.cli import cli
from summitry.completion import bash_escape
from summitry.data.schema import KINDS, Dataset


def complete(words: str, shell: str = "zsh", env: dict[str, str] | None = None) -> list[str]:
    """The values Click offers for the last word of words (zsh's format: type, value, help)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = CliRunner().invoke(
        cli,
        [],
        prog_name="summitry",
        env={
            "_SUMMITRY_COMPLETE": f"{shell}_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
            "SUMMITRY_DATA": "",
            **(env or {}),
        },
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    if not result.stdout.strip():
        return []
    if shell == "bash":
        return [line.split(",", 1)[1] for line in result.stdout.splitlines()]
    lines = result.stdout.splitlines()
    return [lines[i + 1] for i in range(0, len(lines), 3)]


def test_actor_offers_names_and_aliases(bundled: Dataset) -> None:
    offered = complete("summitry list --actor Ki")
    kims = [a for a in bundled.actors.values() if a.name.startswith("Kim")]
    assert {a.name for a in kims} <= set(offered)
    assert "Kim" in offered and offered.count("Kim") == 1  # an alias three people share
    assert "Kim Jong-un" in offered
    assert not [value for value in offered if not value.casefold().startswith("kim")]


def test_actor_matches_any_word_and_ignores_case_and_accents() -> None:
    assert complete("summitry list --actor jinp") == ["Xi Jinping"]
    assert complete("summitry timeline -a MOON") == ["Moon Jae-in", "Moon"]
    assert complete("summitry list --actor zzz") == []


def test_an_empty_word_offers_everyone(bundled: Dataset) -> None:
    offered = complete("summitry summary --actor ")
    assert set(offered) >= {a.name for a in bundled.actors.values()}


def test_kind_offers_the_vocabulary() -> None:
    assert complete("summitry list --kind ") == list(KINDS)
    assert complete("summitry pairs -k s") == [k for k in KINDS if k.startswith("s")]


def test_show_offers_event_ids(bundled: Dataset) -> None:
    june = [e.id for e in bundled.events if e.id.startswith("2018-06-1")]
    assert complete("summitry show 2018-06-1") == june
    # A word from the middle of an id finds it when no id starts with it.
    assert complete("summitry show hanoi") == [e.id for e in bundled.events if "hanoi" in e.id]


def test_completion_reads_the_data_file_given(small_path: Path) -> None:
    assert complete(f"summitry --data {small_path} list --actor ") == [
        "Ána Lima",
        "Lima",
        "Bo Kim",
        "Kim",
        "Cy Kim",
        "Arcadia",
    ]
    assert complete("summitry list --actor L", env={"SUMMITRY_DATA": str(small_path)}) == [
        "Ána Lima",
        "Lima",
    ]
    # --data after the command, as every command takes it
    assert complete(f"summitry list --data {small_path} --actor L") == ["Ána Lima", "Lima"]


def test_a_broken_data_file_offers_nothing_and_says_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert complete(f"summitry --data {broken} list --actor K") == []
    assert complete(f"summitry --data {broken} show 2018") == []


def test_commands_and_formats_complete_too() -> None:
    assert complete("summitry ti") == ["timeline"]
    assert complete("summitry pairs --format j") == ["json", "jsonl"]


def test_file_names_are_left_to_the_shell() -> None:
    for words in ("summitry --data ev", "summitry list --export ou", "summitry validate my"):
        assert complete(words, shell="bash") == [words.split()[-1]]


def test_bash_gets_values_escaped_for_its_read() -> None:
    # Click's bash script reads each line with `read`, which removes one backslash.
    assert complete("summitry list --actor Moo", shell="bash") == ["Moon\\\\ Jae-in", "Moon"]
    assert bash_escape("N. Korea") == "N.\\ Korea"
    assert bash_escape("Kim's (1)") == "Kim\\'s\\ \\(1\\)"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_real_bash_completes_a_name_with_spaces_as_one_word(tmp_path: Path) -> None:
    # A `summitry` on PATH that runs this checkout's package with this interpreter.
    shim = tmp_path / "summitry"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m summitry "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    script = (
        'eval "$(_SUMMITRY_COMPLETE=bash_source summitry)"\n'
        "COMP_WORDS=(summitry list --actor Moo); COMP_CWORD=3\n"
        '_summitry_completion summitry; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    env.pop("SUMMITRY_DATA", None)
    done = subprocess.run(
        ["bash", "--norc", "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.splitlines() == ["Moon\\ Jae-in", "Moon"]
    # Bash inserts what COMPREPLY holds as typed text: it must parse back to one word.
    echoed = subprocess.run(
        ["bash", "--norc", "-c", f"printf '<%s>' {done.stdout.splitlines()[0]}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert echoed.stdout == "<Moon Jae-in>"

"""Rewrite the output in the ```console blocks of README.md and docs/*.md by running each
block's command.

Each console block starts with a command line, `$ .venv/bin/summitry ...` or
`$ summitry ...` (optionally preceded by `COLUMNS=N`); everything after it is that
command's output, as summitry prints it on a terminal COLUMNS wide (100 unless the line says
otherwise), without colour, from the bundled data. CliRunner's stdout is not a terminal; the
COLUMNS it sets keeps the tables (see docs/usage.md, "Pipes and scripts"). Run it after
changing the program or the data:

    python scripts/readme_examples.py          # rewrite every file that is out of date
    python scripts/readme_examples.py --check  # exit 1 if any file is out of date

tests/test_readme.py runs the check, so the examples cannot drift from the program.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
WIDTH = 100
BLOCK = re.compile(r"^```console\n\$ (?P<command>[^\n]*)\n(?P<output>.*?)^```$", re.M | re.S)
# As the README's set-up installs it (run from the clone), or on PATH (venv activated).
PROGRAMS = (".venv/bin/summitry", "summitry")


def documents() -> list[Path]:
    """README.md and every Markdown file under docs/ that has a console block."""
    docs = sorted(DOCS.rglob("*.md")) if DOCS.is_dir() else []
    return [README] + [path for path in docs if BLOCK.search(path.read_text(encoding="utf-8"))]


def run(command: str) -> str:
    """What the command line prints on stdout, at its width, without colour."""
    from click.testing import CliRunner

    from summitry.cli import cli

    words = shlex.split(command)
    env: dict[str, str | None] = {"COLUMNS": str(WIDTH), "NO_COLOR": "1"}
    env.update(SUMMITRY_DATA=None, FORCE_COLOR=None)
    while words and "=" in words[0] and words[0] not in PROGRAMS:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    if not words or words[0] not in PROGRAMS:
        raise ValueError(f"a console block must run {' or '.join(PROGRAMS)}: {command!r}")
    result = CliRunner().invoke(cli, words[1:], env=env, prog_name="summitry")
    if result.exit_code != 0:
        raise ValueError(f"{command!r} failed ({result.exit_code}): {result.stderr}")
    return result.stdout


def regenerate(text: str) -> str:
    """The text with every console block's output made anew."""

    def block(match: re.Match[str]) -> str:
        command = match["command"]
        output = run(command)
        return f"```console\n$ {command}\n{output}{'' if output.endswith(chr(10)) else chr(10)}```"

    return BLOCK.sub(block, text)


def main(argv: list[str]) -> int:
    stale = []
    for path in documents():
        current = path.read_text(encoding="utf-8")
        fresh = regenerate(current)
        if fresh == current:
            continue
        name = path.relative_to(ROOT).as_posix()
        stale.append(name)
        if "--check" not in argv:
            path.write_text(fresh, encoding="utf-8")
            print(f"{name}: console blocks rewritten")
    if stale and "--check" in argv:
        print(f"out of date: {', '.join(stale)}: run python scripts/readme_examples.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

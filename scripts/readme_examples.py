"""Rewrite the output in README.md's ```console blocks by running each block's command.

Each console block starts with a command line, `$ summitry ...` (optionally preceded by
`COLUMNS=N`); everything after it is that command's output, as summitry prints it on a
terminal COLUMNS wide (100 unless the line says otherwise), without colour, from the
bundled data. Run it after changing the program or the data:

    python scripts/readme_examples.py          # rewrite README.md
    python scripts/readme_examples.py --check  # exit 1 if README.md is out of date

tests/test_readme.py runs the check, so the README's examples cannot drift from the program.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
WIDTH = 100
BLOCK = re.compile(r"^```console\n\$ (?P<command>[^\n]*)\n(?P<output>.*?)^```$", re.M | re.S)


def run(command: str) -> str:
    """What the command line prints on stdout, at its width, without colour."""
    from click.testing import CliRunner

    from summitry.cli import cli

    words = shlex.split(command)
    env: dict[str, str | None] = {"COLUMNS": str(WIDTH), "NO_COLOR": "1"}
    env.update(SUMMITRY_DATA=None, FORCE_COLOR=None)
    while words and "=" in words[0] and words[0] != "summitry":
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    if not words or words[0] != "summitry":
        raise ValueError(f"a console block must run summitry: {command!r}")
    result = CliRunner().invoke(cli, words[1:], env=env, prog_name="summitry")
    if result.exit_code != 0:
        raise ValueError(f"{command!r} failed ({result.exit_code}): {result.stderr}")
    return result.stdout


def regenerate(text: str) -> str:
    """The README text with every console block's output made anew."""

    def block(match: re.Match[str]) -> str:
        command = match["command"]
        output = run(command)
        return f"```console\n$ {command}\n{output}{'' if output.endswith(chr(10)) else chr(10)}```"

    return BLOCK.sub(block, text)


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    fresh = regenerate(current)
    if "--check" in argv:
        if fresh != current:
            print(f"{README.name} is out of date: run python scripts/readme_examples.py")
            return 1
        return 0
    if fresh != current:
        README.write_text(fresh, encoding="utf-8")
        print(f"{README.name}: console blocks rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

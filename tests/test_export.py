"""--export: what the terminal shows, saved as SVG, HTML or text."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from summitry.data.schema import Dataset

Run = Callable[..., Result]
WIDE = {"COLUMNS": "200"}  # wide enough that no title wraps
SVG = "{http://www.w3.org/2000/svg}"


def svg_lines(path: Path) -> str:
    """The text an SVG shows, one <text> run after another (Rich draws spaces as NBSP)."""
    root = ElementTree.parse(path).getroot()  # fails unless the file is well-formed XML
    assert root.tag == f"{SVG}svg"
    return "".join(node.text or "" for node in root.iter(f"{SVG}text")).replace("\u00a0", " ")


def test_svg_is_well_formed_and_has_every_title(run: Run, bundled: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "summits.svg"
    result = run("list", "--kind", "summit", "--export", str(target), env=WIDE)
    assert result.exit_code == 0, result.stderr
    shown = svg_lines(target)
    summits = [e for e in bundled.events if e.kind == "summit"]
    assert summits
    for event in summits:
        assert event.title in shown
        assert event.title in result.stdout  # and the terminal got the same table
    others = [e for e in bundled.events if e.kind == "weapons-test"]
    assert others and all(event.title not in shown for event in others)


def test_the_text_export_is_exactly_what_the_terminal_shows(run: Run, tmp_path: Path) -> None:
    for command in (["list", "--actor", "Xi"], ["timeline"], ["pairs"], ["summary"], ["actors"]):
        target = tmp_path / "out.txt"
        result = run(*command, "--export", str(target))
        assert result.exit_code == 0, (command, result.stderr)
        assert target.read_text(encoding="utf-8") == result.stdout, command


@pytest.mark.parametrize("command", ["between 2018-05 2018-06", "timeline", "pairs", "summary"])
def test_html_export_of_every_drawing_command(run: Run, tmp_path: Path, command: str) -> None:
    target = tmp_path / "out.html"
    result = run(*command.split(), "--export", str(target))
    assert result.exit_code == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    first_line = next(line for line in result.stdout.splitlines() if line.strip())
    assert first_line.split()[0] in html


def test_the_svg_of_a_timeline_has_its_lanes(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "kim-xi.svg"
    run("timeline", "--actor", "Kim", "--actor", "Xi", "--export", str(target))
    shown = svg_lines(target)
    assert "Kim Jong Un" in shown and "Xi Jinping" in shown
    assert shown.count("\u25c6") >= 10 + 1  # five summits in each lane, and the legend


def test_an_unknown_suffix_lists_the_accepted_ones(run: Run, tmp_path: Path) -> None:
    drawings = ".svg, .html, .txt"
    accepted = {
        "list": f"{drawings}, .json, .jsonl, .csv, .md, .ics",
        "show 2019-02-27-hanoi-summit": f"{drawings}, .json, .jsonl, .csv, .md, .ics",
        "actors": f"{drawings}, .json, .jsonl, .csv, .md",  # no calendar of actors
        "timeline": drawings,  # a drawing only
    }
    for command, suffixes in accepted.items():
        result = run(*command.split(), "--export", str(tmp_path / "out.png"))
        assert result.exit_code == 2, command
        assert f"'{tmp_path / 'out.png'}' must end in {suffixes} (the kind" in result.stderr
        assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []
    assert run("actors", "--export", str(tmp_path / "a.ics")).exit_code == 2
    assert run("timeline", "--export", str(tmp_path / "t.json")).exit_code == 2


FORMAT_SUFFIXES = [("csv", "csv"), ("json", "json"), ("jsonl", "jsonl"), ("md", "markdown")]


@pytest.mark.parametrize(
    ("suffix", "fmt"), [*FORMAT_SUFFIXES, ("ics", "ics")], ids=lambda v: f".{v}"
)
def test_each_data_suffix_saves_what_its_format_prints_and_the_screen_is_unchanged(
    run: Run, tmp_path: Path, suffix: str, fmt: str
) -> None:
    target = tmp_path / f"xi.{suffix}"
    exported = run("list", "--actor", "Xi", "--export", str(target))
    assert exported.exit_code == 0, exported.stderr
    assert exported.stdout == run("list", "--actor", "Xi").stdout  # the table, as without
    assert target.read_bytes() == run("list", "--actor", "Xi", "--format", fmt).stdout_bytes
    # and the other way round: the format on screen, the export in its own format
    screen = run("list", "--actor", "Xi", "--format", "json", "--export", str(target))
    assert screen.stdout == run("list", "--actor", "Xi", "--format", "json").stdout
    assert target.read_bytes() == run("list", "--actor", "Xi", "--format", fmt).stdout_bytes


@pytest.mark.parametrize(("suffix", "fmt"), FORMAT_SUFFIXES, ids=lambda v: f".{v}")
@pytest.mark.parametrize(
    "command", ["show 2019-02-27-hanoi-summit", "actors", "summary", "pairs", "between 2018 2018"]
)
def test_every_command_exports_every_data_format(
    run: Run, tmp_path: Path, command: str, suffix: str, fmt: str
) -> None:
    target = tmp_path / f"out.{suffix}"
    result = run(*command.split(), "--export", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == run(*command.split(), "--format", fmt).stdout_bytes


def test_a_drawing_export_with_another_format_on_screen(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    result = run("list", "--actor", "Xi", "--format", "csv", "--export", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("list", "--actor", "Xi", "--format", "csv").stdout
    assert target.read_text(encoding="utf-8") == run("list", "--actor", "Xi").stdout


def test_with_no_match_data_exports_are_empty_and_drawings_not_written(
    run: Run, tmp_path: Path
) -> None:
    query = ("list", "--actor", "Putin", "--kind", "speech")
    assert run(*query, "--export", str(tmp_path / "none.json")).exit_code == 0
    assert (tmp_path / "none.json").read_text(encoding="utf-8") == "[]\n"
    for name in ("none.svg", "none.md"):
        result = run(*query, "--export", str(tmp_path / name))
        assert result.exit_code == 0
        assert "no events match" in result.stderr
        assert not (tmp_path / name).exists()


def test_an_export_that_cannot_be_written_is_exit_1_and_prints_nothing(
    run: Run, tmp_path: Path
) -> None:
    result = run("timeline", "--export", str(tmp_path / "missing" / "out.svg"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write ")
    assert "No such file or directory" in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_export_to_a_directory_is_refused(run: Run, tmp_path: Path) -> None:
    for folder in (tmp_path, tmp_path / "charts.svg"):
        folder.mkdir(exist_ok=True)
        result = run("list", "--export", str(folder))
        assert result.exit_code == 2
        assert "is a directory" in result.stderr


def test_a_nul_byte_in_the_file_name_is_a_usage_error(run: Run) -> None:
    result = run("list", "--export", "out\0.svg")
    assert result.exit_code == 2
    assert "NUL byte" in result.stderr

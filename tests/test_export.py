"""--export: what the terminal shows, saved as SVG, HTML or text."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from summitry.model import Dataset

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


def test_export_needs_a_known_suffix(run: Run, tmp_path: Path) -> None:
    result = run("list", "--export", str(tmp_path / "out.png"))
    assert result.exit_code == 2
    assert "must end in .svg, .html, .txt" in result.stderr
    assert not (tmp_path / "out.png").exists()


def test_export_with_a_text_format_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("list", "--format", "csv", "--export", str(tmp_path / "out.txt"))
    assert result.exit_code == 2
    assert "redirect the output" in result.stderr
    assert result.stdout == ""


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

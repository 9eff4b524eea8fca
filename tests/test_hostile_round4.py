"""Hostile files, round 4: JSON that only Python's reader takes, a byte-order mark, file names
with terminal controls in the lines that report success, Markdown list markers in a source."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

Run = Callable[..., Result]
EMPTY = '{"sources": {}, "actors": {}, "events": []}'


def test_a_file_with_a_byte_order_mark_is_read(
    run: Run, write_data: Callable[..., Path], small_doc: dict[str, Any]
) -> None:
    path = write_data(b"\xef\xbb\xbf" + json.dumps(small_doc).encode())
    result = run("--data", str(path), "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == len(small_doc["events"])
    assert run("validate", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (EMPTY.replace("[]", "[NaN]"), "NaN"),
        (EMPTY.replace('{}, "actors"', '{"a": Infinity}, "actors"'), "Infinity"),
        (EMPTY.replace("[]", '[{"id": "\\ud800"}]'), None),
    ],
    ids=["NaN", "Infinity", "lone surrogate"],
)
def test_json_that_only_pythons_reader_takes_is_one_error_line(
    run: Run, write_data: Callable[..., Path], text: str, word: str | None
) -> None:
    path = write_data(text)
    says = f"line 1, column {text.index(word) + 1}: invalid JSON" if word else ": invalid JSON: "
    for command in (["--data", str(path), "list"], ["validate", str(path)]):
        result = run(*command)
        assert result.exit_code == 1
        assert isinstance(result.exception, SystemExit)  # not a traceback
        assert says in result.stderr and "$schema" not in result.stderr


def test_a_file_name_with_terminal_controls_is_escaped_in_validates_line(
    run: Run, write_data: Callable[..., Path], small_doc: dict[str, Any]
) -> None:
    path = write_data(small_doc, "e\x1b[31mred.json")
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "e\\x1b[31mred.json: valid:" in result.stdout


@pytest.mark.parametrize("publisher", ["- nested", "+ plus", "1. one", "> quote"])
def test_a_publisher_that_looks_like_a_list_marker_stays_text_in_markdown(
    run: Run, write_data: Callable[..., Path], small_doc: dict[str, Any], publisher: str
) -> None:
    source = next(iter(small_doc["sources"]))
    small_doc["sources"][source]["publisher"] = publisher
    event = next(e for e in small_doc["events"] if source in e["sources"])
    path = write_data(small_doc)
    result = run("--data", str(path), "show", event["id"], "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    title = f'"{small_doc["sources"][source]["title"]}"'
    (item,) = [line for line in result.stdout.splitlines() if title in line]
    assert item.startswith("- ") and item[2:].startswith(("\\", "1\\"))


@pytest.mark.parametrize("registry", ["sources", "actors"])
def test_a_registry_that_is_no_object_is_reported_once(
    run: Run, write_data: Callable[..., Path], small_doc: dict[str, Any], registry: str
) -> None:
    small_doc[registry] = []
    result = run("validate", str(write_data(small_doc)))
    assert result.exit_code == 1
    problems = result.stderr.splitlines()[:-1]
    assert len(problems) == 1 and f"'{registry}': is an array, expected an object" in problems[0]


def test_a_huge_value_is_shown_by_its_start_and_end_with_what_is_wrong(
    run: Run, write_data: Callable[..., Path], small_doc: dict[str, Any]
) -> None:
    small_doc["events"][0]["kind"] = "x" * 200_000
    small_doc["events"][1]["y" * 100_000] = 1
    result = run("validate", str(write_data(small_doc)))
    problems = result.stderr.splitlines()[:-1]
    assert len(problems) == 2 and all(len(line) < 600 for line in problems)
    assert "…" in problems[0] and problems[0].endswith(
        "is not a kind (summit, meeting, talks, "
        "visit, statement, speech, announcement, weapons-test, conference, release)"
    )
    assert "…" in problems[1] and problems[1].endswith(": unknown field")


def _stderr_with_number(
    run: Run, write_data: Callable[..., Path], doc: dict[str, Any], at: tuple[str, str], number: str
) -> list[str]:
    """The first entry of a part given the number, as written, at a field: what list and
    validate print on stderr, each checked to end with exit status 1 and no traceback."""
    part, field = at
    entry = doc[part][0] if part == "events" else next(iter(doc[part].values()))
    entry[field] = "PLACEHOLDER"
    path = write_data(json.dumps(doc).replace('"PLACEHOLDER"', number))
    printed = []
    for command in (["--data", str(path), "list"], ["validate", str(path)]):
        result = run(*command)
        assert result.exit_code == 1, result.stdout
        assert isinstance(result.exception, SystemExit)  # not a traceback
        printed.append(result.stderr)
    return printed


@pytest.mark.parametrize(
    "at", [("sources", "author"), ("sources", "url"), ("actors", "country"), ("events", "place")]
)
@pytest.mark.parametrize("number", ["1e400", "-1E999"])
def test_a_number_beyond_a_float_is_refused_not_read_as_null(
    run: Run,
    write_data: Callable[..., Path],
    small_doc: dict[str, Any],
    at: tuple[str, str],
    number: str,
) -> None:
    for stderr in _stderr_with_number(run, write_data, small_doc, at, number):
        assert f"invalid JSON: {number} is too large a number to read" in stderr


@pytest.mark.parametrize("at", [("sources", "published"), ("actors", "name"), ("events", "place")])
def test_an_integer_beyond_a_float_is_one_problem_at_its_field(
    run: Run, write_data: Callable[..., Path], small_doc: dict[str, Any], at: tuple[str, str]
) -> None:
    for stderr in _stderr_with_number(run, write_data, small_doc, at, "1" + "0" * 400):
        assert f"{at[1]}: is a number (number out of range)" in stderr

"""A source's optional url: refused unless http or https, shown wherever its source is."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

Run = Callable[..., Result]
URL = "https://example.org/talks?week=1&x=2"


@pytest.fixture
def with_url(small_doc: dict[str, Any], write_data: Callable[..., Path]) -> Path:
    small_doc["sources"]["wire"]["url"] = URL
    return write_data(small_doc)


def events_citing_wire(run: Run, path: Path) -> list[dict[str, Any]]:
    rows = json.loads(run("--data", str(path), "list", "--json").stdout)
    return [row for row in rows if any(s["id"] == "wire" for s in row["sources"])]


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "javascript:alert(1)", "example.org", "https://", "http://a b"]
)
def test_a_url_that_is_not_http_or_https_is_a_data_error_naming_the_field(
    run: Run, small_doc: dict[str, Any], write_data: Callable[..., Path], url: str
) -> None:
    small_doc["sources"]["paper"]["url"] = url
    result = run("validate", str(write_data(small_doc)))
    assert result.exit_code == 1
    assert "sources.paper: url: " in result.stderr
    assert "is not an http or https URL" in result.stderr


def test_a_source_without_a_url_has_null(run: Run, small_path: Path) -> None:
    rows = json.loads(run("--data", str(small_path), "list", "--json").stdout)
    assert all(source["url"] is None for row in rows for source in row["sources"])


def test_json_jsonl_and_csv_carry_the_url(run: Run, with_url: Path) -> None:
    cited = events_citing_wire(run, with_url)
    assert cited
    for row in cited:
        wire = next(s for s in row["sources"] if s["id"] == "wire")
        assert wire["url"] == URL
    lines = run("--data", str(with_url), "list", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines if '"wire"' in line] == cited
    table = run("--data", str(with_url), "list", "--format", "csv").stdout
    by_id = {row["id"]: row for row in csv.DictReader(io.StringIO(table))}
    for row in cited:
        assert f"<{URL}>" in by_id[row["id"]]["sources"]


def test_show_and_markdown_give_the_url(run: Run, with_url: Path) -> None:
    event_id = events_citing_wire(run, with_url)[0]["id"]
    shown = run("--data", str(with_url), "show", event_id, env={"COLUMNS": "200"}).stdout
    assert URL in shown
    markdown = run("--data", str(with_url), "show", event_id, "--format", "markdown").stdout
    assert URL.replace("&", "\\&") in markdown  # as text: Markdown's characters escaped


def test_the_calendar_has_the_first_url_as_url_and_every_url_in_the_description(
    run: Run, small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    from icalendar import Calendar

    small_doc["sources"]["wire"]["url"] = URL
    small_doc["sources"]["paper"]["url"] = "http://example.com/paper"
    for event in small_doc["events"]:
        event["sources"] = ["paper", "wire"]
    path = write_data(small_doc)
    calendar = Calendar.from_ical(run("--data", str(path), "list", "--format", "ics").stdout)
    vevents = calendar.walk("VEVENT")
    assert vevents
    for vevent in vevents:
        assert str(vevent["URL"]) == "http://example.com/paper"
        description = str(vevent["DESCRIPTION"])
        assert "http://example.com/paper" in description and URL in description


def test_an_event_without_urls_has_no_url_property(run: Run, small_path: Path) -> None:
    text = run("--data", str(small_path), "list", "--format", "ics").stdout
    assert "\nURL:" not in text.replace("\r\n", "\n")


def test_the_sqlite_sources_table_has_the_url(run: Run, with_url: Path, tmp_path: Path) -> None:
    database = tmp_path / "out.db"
    assert run("--data", str(with_url), "to-sqlite", str(database)).exit_code == 0
    with closing(sqlite3.connect(database)) as db:
        found = dict(db.execute("SELECT id, url FROM sources").fetchall())
    assert found["wire"] == URL
    assert found["paper"] is None

"""Shared fixtures: the bundled dataset, a small hand-written data file, and a CliRunner."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings
from msgspec import structs

from summitry.cli import cli
from summitry.data.load import load
from summitry.data.schema import Dataset
from summitry.query.select import chronological

# Hypothesis: 50 examples a property in the default run (the README's test command, within a
# minute on CI); SUMMITRY_HYPOTHESIS_PROFILE=thorough for 1000 each. The two fuzz tests over
# the whole command tree take their count from the profile too, unless SUMMITRY_FUZZ_EXAMPLES
# gives one.
settings.register_profile("default-run", max_examples=50)
settings.register_profile("thorough", max_examples=1000)
settings.load_profile(os.environ.get("SUMMITRY_HYPOTHESIS_PROFILE", "default-run"))

SMALL: dict[str, Any] = {
    "sources": {
        "paper": {"publisher": "The Paper", "title": "A week of talks", "published": "2020-03-10"},
        "wire": {
            "publisher": "The Wire",
            "title": "Talks, continued",
            "published": "2020-04-01",
            "author": "A. Writer",
        },
    },
    "actors": {
        "ana-lima": {
            "name": "Ána Lima",
            "aliases": ["Lima"],
            "role": "Foreign minister of Arcadia",
            "country": "Arcadia",
            "type": "person",
        },
        "bo-kim": {
            "name": "Bo Kim",
            "aliases": ["Kim"],
            "role": "President of Borduria",
            "country": "Borduria",
            "type": "person",
        },
        "cy-kim": {
            "name": "Cy Kim",
            "aliases": ["Kim"],
            "role": "President of Cordonia",
            "country": "Cordonia",
            "type": "person",
        },
        "arcadia": {
            "name": "Arcadia",
            "aliases": [],
            "role": "State",
            "country": "Arcadia",
            "type": "state",
        },
    },
    "events": [
        {
            "id": "2020-03-summit",
            "date": "2020-03-02/2020-03-03",
            "title": "Kim and Kim meet",
            "summary": "The two presidents met for two days.",
            "kind": "summit",
            "status": "held",
            "actors": ["bo-kim", "cy-kim"],
            "place": "Zenda",
            "country": "Borduria",
            "sources": ["paper"],
        },
        {
            "id": "2020-02-lima-visit",
            "date": "2020-02",
            "title": "Lima visits Borduria",
            "summary": "The minister travelled to meet Bo Kim.",
            "kind": "visit",
            "status": "held",
            "actors": ["ana-lima", "bo-kim"],
            "country": "Borduria",
            "sources": ["paper", "wire"],
        },
        {
            "id": "2020-03-15-statement",
            "date": "2020-03-15",
            "approximate": True,
            "note": "The article says 'two weeks later'.",
            "title": "Arcadia welcomes the summit",
            "summary": "A statement praised the nuclear talks.",
            "kind": "statement",
            "status": "held",
            "actors": ["arcadia"],
            "sources": ["wire"],
        },
        {
            "id": "2019-year",
            "date": "2019",
            "title": "A year of preparations",
            "summary": "Officials prepared all year.",
            "kind": "talks",
            "status": "held",
            "actors": ["ana-lima"],
            "place": "Ruritania",
            "sources": ["wire"],
        },
    ],
}


ROOT = Path(__file__).resolve().parents[1]
BUNDLED: dict[str, Any] = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))


def many_events(count: int) -> dict[str, Any]:
    """The bundled registries with `count` events cycled from the bundled ones, ids made unique."""
    events = BUNDLED["events"]
    return {
        **BUNDLED,
        "events": [
            {**events[i % len(events)], "id": f"{events[i % len(events)]['id']}-{i}"}
            for i in range(count)
        ],
    }


@pytest.fixture(scope="session")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid data file of 4000 events (megabytes of output), written once per session."""
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(many_events(4000)), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    """The bundled dataset, loaded once, its events in the order summitry lists them."""
    data = load()
    return structs.replace(data, events=tuple(chronological(data.events)))


@pytest.fixture
def small_doc() -> dict[str, Any]:
    """A fresh deep copy of the small hand-written data document."""
    return json.loads(json.dumps(SMALL))


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[[object], Path]:
    """Write a JSON value (or raw bytes/str) to a data file and return its path."""

    def write(content: object, name: str = "events.json") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def small_path(write_data: Callable[[object], Path]) -> Path:
    """The small data file on disk."""
    return write_data(SMALL, "small.json")


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run summitry with a fixed 100-column, colourless terminal; returns Click's Result."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SUMMITRY_DATA", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(cli, list(args), env=env, prog_name="summitry")

    return invoke


def json_ids(result: Result) -> list[str]:
    """The ids in a JSON array printed by a command."""
    return [row["id"] for row in json.loads(result.stdout)]

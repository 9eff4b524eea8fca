"""`summitry schema`: the data file's JSON Schema, which the bundled file meets and a broken
file does not."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import Result

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def schema(run: Callable[..., Result]) -> dict[str, Any]:
    result = run("schema")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('{\n  "')  # indented
    printed: dict[str, Any] = json.loads(result.stdout)
    return printed


def test_the_bundled_data_meets_the_printed_schema(schema: dict[str, Any]) -> None:
    document = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    jsonschema.validate({"$schema": "./summitry.schema.json", **document}, schema)


def test_the_schema_gives_the_limits_and_vocabularies_of_the_loader(
    schema: dict[str, Any],
) -> None:
    event = schema["$defs"]["Event"]
    assert event["properties"]["title"]["maxLength"] == 80
    assert event["properties"]["summary"]["maxLength"] == 2000
    assert "weapons-test" in json.dumps(event["properties"]["kind"])
    assert event["additionalProperties"] is False


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["events"][0].update(sumary="x"),
        lambda d: d["events"][0].update(kind="party"),
        lambda d: d["events"][0].pop("title"),
        lambda d: d["events"][0].update(summary="x" * 2001),
        lambda d: d["actors"]["bo-kim"].update(type="club"),
        lambda d: d.update(extra=1),
    ],
    ids=[
        "an unknown field",
        "a wrong kind",
        "a missing title",
        "a summary too long",
        "an actor of unknown type",
        "an unknown top-level key",
    ],
)
def test_a_broken_file_fails_the_schema_as_it_fails_the_loader(
    damage: Callable[[dict[str, Any]], None],
    schema: dict[str, Any],
    small_doc: dict[str, Any],
    write_data: Callable[..., Path],
    run: Callable[..., Result],
) -> None:
    jsonschema.validate(small_doc, schema)
    damage(small_doc)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(small_doc, schema)
    assert run("validate", str(write_data(small_doc))).exit_code == 1

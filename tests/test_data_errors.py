"""Data errors through `summitry validate`: each names its fix where one is likely, a long
text is refused at once, "$schema" is accepted, and a file truncated while read is one line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

Run = Callable[..., Result]
Write = Callable[..., Path]


def refusal(run: Run, path: Path) -> str:
    """stderr of `summitry validate PATH`, which must refuse the file without a traceback."""
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("actors", ["bo"], "actors: unknown id 'bo'; did you mean bo-kim?"),
        ("actors", ["ana-lma"], "actors: unknown id 'ana-lma'; did you mean ana-lima?"),
        ("sources", ["papr"], "sources: unknown id 'papr'; did you mean paper?"),
        ("date", "2 March 2020", "'2 March 2020' is not YYYY, YYYY-MM or YYYY-MM-DD; "
         "did you mean 2020-03-02?"),
        ("date", "March 2020", "did you mean 2020-03?"),
        ("date", "2020-3-2", "did you mean 2020-03-02?"),
        ("kind", "missile", "'missile' is not a kind (summit, "),
        ("kind", "missile", "; did you mean weapons-test?"),
        ("kind", "sumit", "; did you mean summit or visit?"),
        ("status", "hled", "'hled' is not a status (held, planned, cancelled); did you mean held?"),
    ],
    ids=[
        "an actor id that is one word of a known id",
        "an actor id spelt wrong",
        "a source id spelt wrong",
        "a date written in words",
        "a month written in words",
        "a date without its zeros",
        "a kind by meaning lists the kinds",
        "a kind by meaning",
        "a kind spelt wrong",
        "a status spelt wrong",
    ],
)  # fmt: skip
def test_a_data_error_suggests_its_fix(
    field: str, value: Any, says: str, run: Run, small_doc: dict[str, Any], write_data: Write
) -> None:
    small_doc["events"][0][field] = value
    assert says in refusal(run, write_data(small_doc))


def test_an_unknown_field_suggests_the_field_meant(
    run: Run, small_doc: dict[str, Any], write_data: Write
) -> None:
    small_doc["events"][2]["aproximate"] = small_doc["events"][2].pop("approximate")
    small_doc["actors"]["arcadia"]["contry"] = small_doc["actors"]["arcadia"].pop("country")
    stderr = refusal(run, write_data(small_doc))
    assert "aproximate: unknown field; did you mean approximate?" in stderr
    assert "actors.arcadia: contry: unknown field; did you mean country?" in stderr


def test_no_fix_is_suggested_where_none_is_likely(
    run: Run, small_doc: dict[str, Any], write_data: Write
) -> None:
    small_doc["events"][0]["actors"] = ["zed"]
    small_doc["events"][1]["date"] = "soon"
    small_doc["events"][2]["kind"] = "xyzzy"
    stderr = refusal(run, write_data(small_doc))
    assert "unknown id 'zed'\n" in stderr
    assert "'soon' is not YYYY, YYYY-MM or YYYY-MM-DD\n" in stderr
    assert "did you mean" not in stderr


def test_the_four_mistakes_of_the_issue_are_each_mended_in_one_run(
    run: Run, small_doc: dict[str, Any], write_data: Write
) -> None:
    small_doc["actors"]["moon-jae-in"] = dict(small_doc["actors"]["bo-kim"], name="Moon Jae-in")
    small_doc["events"][0].update(actors=["moon"])
    small_doc["events"][1].update(date="30 June 2019")
    small_doc["events"][2].update(aproximate=small_doc["events"][2].pop("approximate"))
    small_doc["events"][3].update(kind="missiles")
    stderr = refusal(run, write_data(small_doc))
    assert "did you mean moon-jae-in?" in stderr
    assert "did you mean 2019-06-30?" in stderr
    assert "did you mean approximate?" in stderr
    assert "did you mean weapons-test?" in stderr


def test_a_schema_key_at_the_top_of_a_file_is_accepted(
    run: Run, small_doc: dict[str, Any], write_data: Write
) -> None:
    path = write_data({"$schema": "./summitry.schema.json", **small_doc})
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert run("--data", str(path), "list", "--format", "json").exit_code == 0


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ({"$schema": 7}, "top level: '$schema': is a number, expected a string"),
        ({"$schemas": "x"}, "top level: '$schemas': unknown key"),
    ],
    ids=["a schema key that is not a string", "any other key"],
)
def test_only_a_schema_key_that_is_a_string_is_accepted(
    document: dict[str, Any], says: str, run: Run, small_doc: dict[str, Any], write_data: Write
) -> None:
    assert says in refusal(run, write_data({**document, **small_doc}))


@pytest.mark.parametrize(
    ("place", "limit"),
    [
        (lambda d: d["events"][0], ("summary", 2000)),
        (lambda d: d["events"][2], ("note", 2000)),
        (lambda d: d["events"][0], ("place", 300)),
        (lambda d: d["actors"]["bo-kim"], ("name", 300)),
        (lambda d: d["sources"]["paper"], ("title", 300)),
    ],
    ids=["a summary", "a note", "a place", "an actor's name", "a source's title"],
)
def test_long_text_is_refused_at_its_limit(
    place: Callable[[dict[str, Any]], dict[str, Any]],
    limit: tuple[str, int],
    run: Run,
    small_doc: dict[str, Any],
    write_data: Write,
) -> None:
    field, most = limit
    place(small_doc)[field] = "x" * most
    assert run("validate", str(write_data(small_doc))).exit_code == 0
    place(small_doc)[field] = "x" * (most + 1)
    assert f"{field}: is {most + 1} characters; at most {most}" in refusal(
        run, write_data(small_doc)
    )


def test_a_summary_of_a_million_characters_is_refused_in_one_line(
    run: Run, small_doc: dict[str, Any], write_data: Write
) -> None:
    small_doc["events"][1]["summary"] = "word " * 200_000
    path = write_data(small_doc)
    started = time.perf_counter()
    result = run("--data", str(path), "show", "2020-02-lima-visit")
    took = time.perf_counter() - started
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].endswith(
        "events[1] (2020-02-lima-visit): summary: is 1000000 characters; at most 2000"
    ), lines
    assert len(lines) <= 2 and "Traceback" not in result.stderr
    print(f"refused in {took:.3f} s")  # measured, not asserted: machines differ


def test_a_file_truncated_while_it_is_read_is_one_line_never_a_signal(tmp_path: Path) -> None:
    """Another process truncates and restores a 4 MB file in a loop while summitry loads it."""
    event = {
        "id": "2020-03-summit",
        "date": "2020-03-02",
        "title": "A meeting",
        "summary": "Two officials met. " * 20,
        "kind": "meeting",
        "status": "held",
        "actors": ["bo-kim"],
        "sources": ["paper"],
    }
    document = {
        "sources": {"paper": {"publisher": "P", "title": "T", "published": "2020-04-01"}},
        "actors": {"bo-kim": {"name": "Bo Kim", "role": "President", "type": "person"}},
        "events": [dict(event, id=f"2020-03-02-e{i}") for i in range(8000)],
    }
    whole = json.dumps(document).encode()
    assert len(whole) > 3_000_000
    path = tmp_path / "events.json"
    path.write_bytes(whole)
    truncate = (
        "import os, sys\n"
        "path, whole = sys.argv[1], open(sys.argv[1], 'rb').read()\n"
        "while True:\n"
        "    with open(path, 'r+b') as f:\n"
        "        f.truncate(len(whole) // 3)\n"
        "        f.truncate(0)\n"
        "        f.seek(0)\n"
        "        f.write(whole)\n"
    )
    cutter = subprocess.Popen([sys.executable, "-c", truncate, str(path)])
    summitry = [sys.executable, "-m", "summitry", "--data", str(path), "list", "--format", "csv"]
    outcomes = []
    try:
        for _ in range(20):
            done = subprocess.run(summitry, capture_output=True, timeout=60, check=False)
            outcomes.append(done.returncode)
            assert done.returncode in (0, 1), (done.returncode, done.stderr[-500:])
            assert b"Traceback" not in done.stderr
            if done.returncode == 1:
                assert len(done.stderr.decode().splitlines()) == 1, done.stderr[-500:]
    finally:
        cutter.kill()
        cutter.wait()
    print(f"exit statuses: {outcomes}")

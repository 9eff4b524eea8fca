"""The loader checks events in runs (checks.RUN at a time): whatever the length of a run,
a broken file gets the same problems, each naming the event's place in the whole file."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitry.data import load as dataset
from summitry.data import rules as checks
from summitry.data.load import DataError, load


def broken_doc(small_doc: dict[str, Any]) -> dict[str, Any]:
    """Twelve events, the small file's four three times over, with problems spread out."""
    events = []
    for copy_number in range(3):
        for event in small_doc["events"]:
            event = copy.deepcopy(event)
            event["id"] = f"{event['id']}-{copy_number}"
            events.append(event)
    events[1]["title"] = "Clear \x1b[2J screen"
    events[5]["sources"] = ["paper", "paper"]
    events[6]["date"] = "2020-13"
    events[7]["actors"] = ["nobody"]
    events[8]["date"] = "2021-01"  # after both sources, yet held
    events[9]["id"] = events[2]["id"]
    events[10]["id"] = events[9]["id"]
    events[11]["approximate"] = True
    return {**small_doc, "events": events}


EXPECTED = {
    "events[1] (2020-02-lima-visit-0): title: contains a control character (U+001B) "
    "at character 7; data is plain text",
    "events[5] (2020-02-lima-visit-1): sources: lists the same id twice",
    "events[6] (2020-03-15-statement-1): date: '2020-13': month 13 does not exist "
    "(months are 01 to 12)",
    "events[7] (2019-year-1): actors: unknown id 'nobody'",
    "events[8] (2020-03-summit-2): status: 'held', but every source was published before "
    "2021-01-01 (the latest on 2020-03-10): an event that its sources report only as "
    "upcoming is 'planned'",
    "events[9] (2020-03-15-statement-0): id: duplicate of events[2]",
    "events[10] (2020-03-15-statement-0): id: duplicate of events[2]",
    "events[11] (2019-year-2): note: an approximate date needs a note saying how it was found",
}


@pytest.mark.parametrize("run", [1, 2, 3, 5, 4096])
def test_every_problem_is_found_and_placed_whatever_the_length_of_a_run(
    run: int,
    small_doc: dict[str, Any],
    write_data: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(checks, "RUN", run)
    with pytest.raises(DataError) as caught:
        load(write_data(broken_doc(small_doc)))
    assert set(caught.value.problems) == EXPECTED


@pytest.mark.parametrize("run", [1, 5])
def test_a_good_file_loads_whole_whatever_the_length_of_a_run(
    run: int,
    small_doc: dict[str, Any],
    write_data: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = broken_doc(small_doc)
    doc["events"][1]["title"] = "A clean title"
    doc["events"] = doc["events"][:4] + [
        {**event, "id": f"{event['id']}-again"} for event in doc["events"][:4]
    ]
    monkeypatch.setattr(checks, "RUN", run)
    loaded = load(write_data(doc))
    assert [event.id for event in loaded.events] == [event["id"] for event in doc["events"]]


@pytest.fixture(params=[0, dataset.LITERALS_FROM], ids=["as a large file", "as a small file"])
def either_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Load files both as large ones are loaded (outline first, references as Literals)
    and as small ones are (in one step)."""
    monkeypatch.setattr(dataset, "LITERALS_FROM", request.param)


@pytest.mark.usefixtures("either_way")
def test_events_given_twice_are_each_checked(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    # The first copy is broken: it must not pass unseen behind the good second one.
    text = json.dumps(small_doc)
    path = write_data({})
    path.write_text('{"events": [{"id": "BAD"}], ' + text[1:], encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(path)
    assert "'events': given twice" in caught.value.problems[0]


@pytest.mark.usefixtures("either_way")
def test_an_unknown_reference_is_named_with_every_other_problem(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["events"][0]["place"] = "p\x1b"
    small_doc["events"][1]["title"] = "t\x1b"
    small_doc["events"][1]["actors"] = ["ghost"]
    small_doc["events"][2]["date"] = "2020-13"
    with pytest.raises(DataError) as caught:
        load(write_data(small_doc))
    fields = [problem.split(": ")[1] for problem in caught.value.problems]
    assert sorted(fields) == ["actors", "date", "place", "title"]


@pytest.mark.parametrize("most", [0, 2, 10_000])
def test_references_load_the_same_however_many_ids_there_are(
    most: int,
    small_doc: dict[str, Any],
    write_data: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dataset, "LITERALS_FROM", 0)  # as for a large file
    monkeypatch.setattr(dataset, "MAX_LITERAL_IDS", most)
    path = write_data(small_doc)
    loaded = load(path)
    assert [event.actors for event in loaded.events] == [
        tuple(event["actors"]) for event in small_doc["events"]
    ]
    small_doc["events"][3]["sources"] = ["wire", "nowhere"]
    with pytest.raises(DataError) as caught:
        load(write_data(small_doc))
    assert caught.value.problems == ("events[3] (2019-year): sources: unknown id 'nowhere'",)

"""What the loader refuses beyond the shape of the file: control characters, keys given
twice, numbers Python will not read, endless streams, and a status the sources contradict."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitry.data import load as reading
from summitry.data.dates import parse_edtf
from summitry.data.load import DataError, load
from summitry.data.rules import Problems, check_events, explain, id_date_problem
from summitry.data.schema import Event


def problems_of(path: Path, *, strict: bool = False) -> tuple[str, ...]:
    with pytest.raises(DataError) as caught:
        load(path, strict=strict)
    return caught.value.problems


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        (
            "title",
            "Clear \x1b[2J screen",
            "title: contains a control character (U+001B) at character 7",
        ),
        ("title", "Two\nlines", "title: contains a line break (U+000A) at character 4"),
        (
            "place",
            "Pyong\u202eyang",
            "place: contains a bidirectional override (U+202E) at character 6",
        ),
        ("country", "Land\x9b", "country: contains a control character (U+009B) at character 5"),
        ("summary", "\n\t ", "summary: is empty"),
        ("id", "2020-03-Summit", "id: an id is lower-case letters, digits and hyphens"),
        ("title", " \u3000 ", "title: is empty"),
    ],
    ids=[
        "an escape sequence in a title",
        "a line break in a title",
        "a right-to-left override in a place",
        "a C1 control in a country",
        "a summary of white space",
        "an id with a capital",
        "a title of spaces",
    ],
)
def test_text_that_is_not_plain_text_is_refused_with_field_and_position(
    field: str, value: str, says: str, small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["events"][2][field] = value
    problems = problems_of(write_data(small_doc))
    assert any(says in problem for problem in problems), problems
    assert problems[0].startswith("events[2]")


def test_control_characters_in_summaries_and_notes_load_and_are_shown_escaped(
    small_doc: dict[str, Any], write_data: Callable[..., Path], run: Callable[..., Any]
) -> None:
    small_doc["events"][2]["summary"] = "Bell \x07 rings; \x1b[2J clears"
    small_doc["events"][2]["note"] = "C1 \x9b here"
    path = write_data(small_doc)
    out = run("--data", str(path), "show", "2020-03-15-statement", env={"COLUMNS": "200"}).stdout
    assert "Bell \\x07 rings; \\x1b[2J clears" in out and "C1 \\x9b here" in out
    assert not any(char in out for char in "\x07\x1b\x9b")


def test_line_breaks_and_tabs_are_allowed_in_summaries_and_notes(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["events"][2]["summary"] = "First paragraph.\n\nSecond,\tindented."
    small_doc["events"][2]["note"] = "Line one.\nLine two."
    event = next(e for e in load(write_data(small_doc)).events if e.id == "2020-03-15-statement")
    assert event.summary == "First paragraph.\n\nSecond,\tindented."


def test_control_characters_in_actor_and_source_fields_are_refused(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["actors"]["bo-kim"]["aliases"] = ["Bo", "\x1b]0;owned\x07"]
    small_doc["sources"]["wire"]["title"] = "Wire \x1b[31mred"
    problems = problems_of(write_data(small_doc))
    assert (
        "actors.bo-kim: aliases: item 2 contains a control character (U+001B) at character 1"
        in (" ".join(problems))
    )
    assert any(p.startswith("sources.wire: title: contains a control character") for p in problems)


def test_a_key_given_twice_in_a_registry_is_refused_on_every_load(
    write_data: Callable[..., Path],
) -> None:
    text = (
        '{"sources": {"a": {"publisher": "P", "title": "T", "published": "2020-01-01"},'
        ' "a": {"publisher": "Q", "title": "U", "published": "2020-01-02"}},'
        ' "actors": {}, "events": []}'
    )
    assert problems_of(write_data(text)) == (
        "sources.a: given twice; only the last copy would be read",
    )


def test_a_field_given_twice_in_an_event_is_found_by_validate(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    text = json.dumps(small_doc).replace(
        '"title": "Kim and Kim meet"', '"title": "A", "title": "B"'
    )
    path = write_data(text)
    problems = problems_of(path, strict=True)
    assert problems == (
        "events[0] (2020-03-summit): title: given twice; only the last copy would be read",
    )


def test_a_number_too_long_for_python_is_one_clear_problem(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    text = json.dumps(small_doc).replace('"Kim and Kim meet"', "1" + "0" * 5000)
    for strict in (False, True):
        problems = problems_of(write_data(text), strict=strict)
        assert problems == ("invalid JSON: a number of 5001 digits; at most 4300 are read",)


def test_a_stream_is_read_only_up_to_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_STREAM_BYTES", 1000)
    with pytest.raises(DataError, match="not a regular file and holds more than"):
        load("/dev/zero")


def test_a_small_stream_is_read_whole(small_doc: dict[str, Any], tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    pid = os.fork()
    if pid == 0:  # the writer
        with open(fifo, "w") as out:
            json.dump(small_doc, out)
        os._exit(0)
    data = load(fifo)
    os.waitpid(pid, 0)
    assert len(data.events) == 4


def test_an_event_told_as_held_before_any_source_reports_it_is_refused(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["events"][0]["date"] = "2020-03-20"  # after 'paper', its only source (10 March)
    problems = problems_of(write_data(small_doc))
    assert problems == (
        "events[0] (2020-03-summit): status: 'held', but every source was published before "
        "2020-03-20 (the latest on 2020-03-10): an event that its sources report only as "
        "upcoming is 'planned'",
    )
    small_doc["events"][0]["status"] = "planned"
    assert load(write_data(small_doc)).events[0].status == "planned"


def test_the_status_is_required_and_from_a_vocabulary(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    del small_doc["events"][0]["status"]
    small_doc["events"][1]["status"] = "rumoured"
    problems = problems_of(write_data(small_doc))
    assert problems == (
        "events[0] (2020-03-summit): status: missing",
        "events[1] (2020-02-lima-visit): status: 'rumoured' is not a status "
        "(held, planned, cancelled)",
    )


def test_problems_of_events_that_decode_are_listed_beside_those_that_do_not(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["events"][0]["kind"] = "party"
    small_doc["events"][3].update(id="2020-02-lima-visit", date=small_doc["events"][1]["date"])
    problems = problems_of(write_data(small_doc))
    assert problems == (
        "events[0] (2020-03-summit): kind: 'party' is not a kind (summit, meeting, talks, visit, "
        "statement, speech, announcement, weapons-test, conference, release)",
        "events[3] (2020-02-lima-visit): id: duplicate of events[1]",
    )


def test_first_and_last_appearances_follow_the_dates_not_the_files_order(
    run: Callable[..., Any], small_path: Path
) -> None:
    # The small file lists Bo Kim's March summit before his February visit.
    rows = json.loads(run("--data", str(small_path), "actors", "--json").stdout)
    bo = next(row for row in rows if row["id"] == "bo-kim")
    # Dates as the data writes them: the visit is known to the month, the summit two days.
    assert (bo["first"], bo["last"]) == ("2020-02", "2020-03-02/2020-03-03")


@pytest.mark.parametrize(
    "layout",
    [{}, {"indent": 2}, {"indent": "\t", "separators": (" ,", " :  ")}],
    ids=["compact", "indented", "tabs and spaces around commas and colons"],
)
def test_an_actor_given_twice_is_found_however_the_file_is_laid_out(
    layout: dict[str, Any], small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    # The same actor id a second time, right before its first entry in the registry.
    entry = json.dumps(small_doc["actors"]["ana-lima"], **layout)
    comma, colon = layout.get("separators", (", ", ": "))
    doc_text = json.dumps(small_doc, **layout).replace(
        '"ana-lima"', f'"ana-lima"{colon}{entry}{comma}"ana-lima"', 1
    )
    assert doc_text.count('"ana-lima"' + colon) == 2
    assert "actors.ana-lima: given twice" in problems_of(write_data(doc_text))[0]


def test_keys_written_with_escapes_are_not_taken_for_keys_given_twice(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    # json.dumps writes the key 'caf\u00e9' escaped; summitry re-encodes it as UTF-8.
    small_doc["sources"]["paper"]["title"] = "Caf\u00e9 talks"
    text = json.dumps(small_doc)  # ensure_ascii: every non-ASCII character escaped
    assert "\\u00e9" in text
    assert load(write_data(text)).sources["paper"].title == "Caf\u00e9 talks"


def test_a_field_given_twice_in_an_actor_is_refused_on_every_load(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    text = json.dumps(small_doc).replace('"name": "Bo Kim"', '"name": "Bo", "name": "Bo Kim"')
    assert "actors.bo-kim: name: given twice" in " ".join(problems_of(write_data(text)))


def test_the_loaders_refusals_are_one_line_and_exit_1_through_the_cli(
    run: Callable[..., Any],
    small_doc: dict[str, Any],
    write_data: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    huge = write_data(json.dumps(small_doc).replace('"Kim and Kim meet"', "9" * 5000), "huge.json")
    twice = write_data(
        json.dumps(small_doc).replace('"title": "Kim and Kim meet"', '"title": "A", "title": "B"'),
        "twice.json",
    )
    monkeypatch.setattr(reading, "MAX_STREAM_BYTES", 1000)
    cases = [
        (("--data", "/dev/zero", "list"), "/dev/zero: is not a regular file and holds more than"),
        (("--data", str(huge), "list"), "invalid JSON: a number of 5000 digits"),
        (("validate", str(huge)), "invalid JSON: a number of 5000 digits"),
        (("validate", str(twice)), "title: given twice; only the last copy would be read"),
    ]
    for args, says in cases:
        result = run(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert says in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_validate_names_every_kind_of_problem_in_one_run(
    run: Callable[..., Any], small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    # Schema, references, dates, status and a source's own date, all in one file.
    small_doc["sources"]["extra"] = {"publisher": "P", "title": "T", "published": "2020-3-1"}
    small_doc["events"][1]["sources"] = ["extra"]
    small_doc["events"][0]["sumary"] = "misspelt"
    small_doc["events"][1]["actors"] = ["ana-lima", "nobody"]
    small_doc["events"][2]["date"] = "2020-3-15"
    small_doc["events"][3].update(id="2020-05-year", date="2020-05")  # after 'wire', yet held
    assert small_doc["events"][3]["status"] == "held"
    path = write_data(small_doc)
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = [line.removeprefix(f"{path}: ") for line in result.stderr.splitlines()]
    assert lines == [
        "sources.extra: published: must be one day, YYYY-MM-DD",
        "events[0] (2020-03-summit): sumary: unknown field; did you mean summary?",
        "events[1] (2020-02-lima-visit): actors: unknown id 'nobody'",
        "events[2] (2020-03-15-statement): date: '2020-3-15' is not YYYY, YYYY-MM or YYYY-MM-DD; "
        "did you mean 2020-03-15?",
        "events[3] (2020-05-year): status: 'held', but every source was published before "
        "2020-05-01 (the latest on 2020-04-01): an event that its sources report only as "
        "upcoming is 'planned'",
        "Error: " + str(path) + " is not valid: 5 problems",
    ]
    assert sum("extra" in line for line in lines) == 1, lines


def test_a_source_with_a_bad_date_is_reported_once_not_by_each_event_citing_it(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["sources"]["paper"]["published"] = "10 March 2020"
    assert problems_of(write_data(small_doc)) == (
        "sources.paper: published: must be one day, YYYY-MM-DD",
    )


def test_every_problem_is_found_and_placed_in_a_file_of_many(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    events = []
    for copy_number in range(3):
        for event in small_doc["events"]:
            events.append({**event, "id": f"{event['id']}-{copy_number}"})
    events[1]["title"] = "Clear \x1b[2J screen"
    events[4]["status"] = "rumoured"
    events[5]["sources"] = ["paper", "paper"]
    events[6]["date"] = "2020-13"
    events[7]["actors"] = ["nobody"]
    events[8].update(id="2021-01-summit-2", date="2021-01")  # after both sources, yet held
    events[9].update(id=events[2]["id"], date=events[2]["date"])
    events[10]["id"] = events[9]["id"]
    events[11]["approximate"] = True
    events[11].pop("note", None)
    problems = problems_of(write_data({**small_doc, "events": events}))
    assert problems == (
        "events[1] (2020-02-lima-visit-0): title: contains a control character (U+001B) "
        "at character 7; data is plain text",
        "events[4] (2020-03-summit-1): status: 'rumoured' is not a status "
        "(held, planned, cancelled)",
        "events[5] (2020-02-lima-visit-1): sources: lists the same id twice",
        "events[6] (2020-03-15-statement-1): date: '2020-13': month 13 does not exist "
        "(months are 01 to 12)",
        "events[7] (2019-year-1): actors: unknown id 'nobody'",
        "events[8] (2021-01-summit-2): status: 'held', but every source was published before "
        "2021-01-01 (the latest on 2020-03-10): an event that its sources report only as "
        "upcoming is 'planned'",
        "events[9] (2020-03-15-statement-0): id: duplicate of events[2]",
        "events[10] (2020-03-15-statement-0): id: duplicate of events[2]",
        "events[11] (2019-year-2): note: an approximate date needs a note saying how it was found",
    )


def test_events_given_twice_are_each_checked(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    # The first copy is broken: it must not pass unseen behind the good second one.
    path = write_data('{"events": [{"id": "BAD"}], ' + json.dumps(small_doc)[1:])
    assert "'events': given twice" in problems_of(path)[0]


def test_a_good_file_of_many_events_loads_whole_in_order(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    events = [{**e, "id": f"{e['id']}-{n}"} for n in range(50) for e in small_doc["events"]]
    loaded = load(write_data({**small_doc, "events": events}))
    assert [event.id for event in loaded.events] == [event["id"] for event in events]


def test_an_id_may_not_claim_more_of_the_date_than_the_event_has(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["events"][1]["id"] = "2020-02-14-lima-visit"  # the date is only 2020-02
    small_doc["events"][0]["id"] = "2020-04-summit"  # the date is 2-3 March 2020
    small_doc["events"][2].update(date="[2020-03-10..2020-03-20]", note="A window.")
    small_doc["events"][2]["approximate"] = True  # id 2020-03-15-...: a day of the window
    assert problems_of(write_data(small_doc)) == (
        "events[0] (2020-04-summit): id: its date '2020-04' falls outside the event's date; "
        "start it with '2020-03-02' instead",
        "events[1] (2020-02-14-lima-visit): id: its date '2020-02-14' is more precise than the "
        "event's date; start it with '2020-02' instead",
        "events[2] (2020-03-15-statement): id: its date '2020-03-15' is more precise than the "
        "event's date; start it with '2020-03' instead",
    )


DATES = [
    "2018",
    "2018-06",
    "2018-06-12",
    "2018-06-12/2018-06-14",
    "[2018-05..2018-06]",
    "2018/2019",
]


@given(
    date_text=st.sampled_from(DATES),
    head=st.sampled_from(["", "2018", "2018-06", "2018-06-12", "2018-07", "2019", "2018-0"]),
    tail=st.text(alphabet="0123456789-ab", max_size=6),
)
def test_the_id_date_rule_is_applied_alike_to_every_id_and_date(
    date_text: str, head: str, tail: str
) -> None:
    # However the check is sped up, it must say what id_date_problem says of each pair.
    event_id = (head + tail).strip("-") or "x"
    event = Event(
        id=event_id, date=date_text, title="T", summary="S.", kind="talks",
        actors=("a",), sources=("s",), status="planned", approximate="[" in date_text,
        note="A note.",
    )  # fmt: skip
    problems = Problems("f")
    check_events([event], frozenset({"a"}), frozenset({"s"}), {}, problems)
    said = [p for p in problems.found if p.startswith(f"events[0] ({event_id}): id: ")]
    expected = id_date_problem(event_id, parse_edtf(date_text))
    assert said == ([f"events[0] ({event_id}): id: {expected}"] if expected else [])


FIELD_VALUES = {
    "id": ["2020-03-summit", "BAD", 7],
    "date": ["2020-03", "2020-13", None],
    "title": ["A title", "Two\nlines", ""],
    "summary": ["What happened.", " ", ["a"]],
    "kind": ["summit", "party"],
    "actors": [["bo-kim"], [], "bo-kim"],
    "sources": [["wire"], [1]],
    "status": ["held", "rumoured"],
    "place": ["Lima", "\u202eLima"],
    "note": ["A note.", "\t"],
    "bogus": [1],
}


@given(st.fixed_dictionaries({}, optional={k: st.sampled_from(v) for k, v in FIELD_VALUES.items()}))
def test_an_event_that_does_not_decode_is_explained_the_same_on_every_path(
    event: dict[str, Any],
) -> None:
    # The loader skips re-checking fields that msgspec has already decoded, when all it
    # found was a missing field; the problems must be those of a full explanation.
    raw = msgspec.Raw(json.dumps(event).encode())
    entry = reading._event_or_raw(raw)
    if isinstance(entry, Event):
        return
    quick, full = Problems("f"), Problems("f")
    check_events([entry], frozenset(), frozenset(), {}, quick)
    explain(raw, Event, 0, full)
    assert quick.found == full.found


@pytest.mark.parametrize("key", ["-bo-kim", "Bo-kim", "bo kim", "", "bo-kim\n", "bo-kim\r"])
def test_a_registry_id_that_is_not_a_slug_is_refused(
    key: str, small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    small_doc["actors"][key] = small_doc["actors"]["bo-kim"]
    problems = " ".join(problems_of(write_data(small_doc)))
    assert f"actors.{key}: an id is lower-case letters, digits and hyphens" in problems


def test_registry_keys_written_with_escapes_load_as_the_same_ids(
    small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    text = json.dumps(small_doc).replace('"bo-kim": {', '"\\u0062o-kim": {', 1)
    assert '"\\u0062o-kim": {' in text
    assert load(write_data(text)).actors["bo-kim"].name == "Bo Kim"

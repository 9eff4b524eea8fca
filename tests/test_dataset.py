"""The bundled data's integrity and claims, and the loader's answer to broken files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitry.data.dates import parse_edtf
from summitry.data.load import DataError, load
from summitry.data.rules import MAX_PROBLEMS, id_date_problem
from summitry.data.schema import KINDS, Dataset, Event
from summitry.query.select import chronological


def summits_with(data: Dataset, *actor_ids: str) -> list[Event]:
    return [e for e in data.events if e.kind == "summit" and set(actor_ids) <= set(e.actors)]


# --- the bundled file -------------------------------------------------------------------


def test_the_bundled_file_holds_about_forty_events(bundled: Dataset) -> None:
    assert 38 <= len(bundled.events) <= 55


def test_ids_are_unique_slugs_that_start_with_a_date_no_finer_than_the_event(
    bundled: Dataset,
) -> None:
    ids = [e.id for e in bundled.events]
    assert len(ids) == len(set(ids))
    for event in bundled.events:
        part = event.id.split("-")[0]
        assert part.isdigit() and int(part) == event.span.start.year, event.id
        assert id_date_problem(event.id, event.span) is None, event.id
        assert event.id == event.id.lower() and " " not in event.id


def test_every_reference_is_known_and_every_event_cites_a_source(bundled: Dataset) -> None:
    for event in bundled.events:
        assert event.actors and event.sources
        assert set(event.actors) <= set(bundled.actors)
        assert set(event.sources) <= set(bundled.sources)


def test_every_actor_and_source_is_used(bundled: Dataset) -> None:
    used_actors = {a for e in bundled.events for a in e.actors}
    used_sources = {s for e in bundled.events for s in e.sources}
    assert used_actors == set(bundled.actors)
    assert used_sources == set(bundled.sources)


def test_the_events_keep_the_order_of_the_file(small_doc: dict[str, Any], write_data: Any) -> None:
    small_doc["events"].reverse()
    data = load(write_data(small_doc))
    assert [e.id for e in data.events] == [e["id"] for e in small_doc["events"]]


def test_dates_match_their_spans_and_precede_the_articles(bundled: Dataset) -> None:
    latest = max(s.published for s in bundled.sources.values())
    for event in bundled.events:
        assert parse_edtf(event.date) == event.span
        assert event.span.start <= latest
        assert event.kind in KINDS
        assert len(event.title) <= 80


def test_approximate_dates_say_how_they_were_worked_out(bundled: Dataset) -> None:
    approximate = [e for e in bundled.events if e.approximate]
    assert approximate
    assert all(e.note for e in approximate)


def test_events_dated_after_an_article_do_not_cite_it(bundled: Dataset) -> None:
    # Bloomberg's list of upcoming events may run to 12 June 2018, never beyond.
    for event in bundled.events:
        for source_id in event.sources:
            source = bundled.sources[source_id]
            if event.span.start > source.published:
                assert (event.span.start - source.published).days <= 12, event.id


def test_events_reported_by_both_articles_are_one_event_citing_both(bundled: Dataset) -> None:
    both = {e.id for e in bundled.events if len(e.sources) == 2}
    assert {"2018-05-24-trump-cancels-summit", "2018-06-12-singapore-summit"} <= both


def test_kim_meets_xi_five_times_the_fifth_being_xis_visit(bundled: Dataset) -> None:
    meetings = summits_with(bundled, "kim-jong-un", "xi-jinping")
    assert len(meetings) == 5
    # The AP: third meeting 19 June 2018, fourth summit 8 January 2019, fifth on Xi's visit.
    assert meetings[2].date == "2018-06-19"
    assert meetings[3].date == "2019-01-08"
    # The AP: Xi "will visit North Korea"; it names no city.
    assert (meetings[4].place, meetings[4].country) == (None, "North Korea")


def test_the_pyongyang_summit_is_kims_third_with_moon(bundled: Dataset) -> None:
    meetings = summits_with(bundled, "kim-jong-un", "moon-jae-in")
    assert [e.date for e in meetings][2] == "2018-09-19"
    assert len(meetings) == 3


def test_hanoi_is_kims_second_summit_with_trump(bundled: Dataset) -> None:
    meetings = summits_with(bundled, "kim-jong-un", "donald-trump")
    assert [m.place for m in meetings] == ["Singapore", "Hanoi"]
    assert meetings[1].span.end > meetings[1].span.start


def test_the_may_2019_launch_is_the_second_in_five_days(bundled: Dataset) -> None:
    tests = [e for e in bundled.events if e.kind == "weapons-test" and e.span.start.year == 2019]
    assert len(tests) == 2
    assert (tests[1].span.start - tests[0].span.start).days == 5


def test_xis_visit_is_the_thursday_and_friday_after_the_monday_announcement(
    bundled: Dataset,
) -> None:
    announced = next(e for e in bundled.events if e.id == "2019-06-17-xi-visit-announced")
    visit = next(e for e in bundled.events if e.id.startswith("2019-06-20"))
    assert announced.span.start.weekday() == 0  # Monday
    assert (visit.span.start.weekday(), visit.span.end.weekday()) == (3, 4)


def test_bloombergs_coming_events_are_planned_and_the_rest_held(bundled: Dataset) -> None:
    # Bloomberg's "Key events that may impact the summit" (31 May 2018); of them only the
    # 12 June summit is reported as held by a later source (the AP).
    coming = {
        "2018-05-31-pompeo-kim-yong-chol-talks",
        "2018-06-01-inter-korean-talks",
        "2018-06-01-defence-ministers-meeting",
        "2018-06-02-ross-china-trade-talks",
        "2018-06-07-abe-white-house",
        "2018-06-08-g7-meeting",
        "2018-06-09-sco-summit",
    }
    assert {e.id for e in bundled.events if e.status == "planned"} == coming
    assert {e.status for e in bundled.events if e.id not in coming} == {"held"}


def test_the_kims_and_the_leaders_can_be_found_by_what_people_type(bundled: Dataset) -> None:
    aliases = {a.id: a.aliases for a in bundled.actors.values()}
    for kim in ("kim-jong-un", "kims-sister", "kim-yong-chol"):
        assert "Kim" in aliases[kim]
    assert "Xi" in aliases["xi-jinping"]
    assert "Moon" in aliases["moon-jae-in"]


# --- broken files -------------------------------------------------------------------------


def problems_of(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load(path)
    return caught.value


def test_the_small_file_sorts_by_start_end_and_id(small_path: Path) -> None:
    data = load(small_path)
    assert [e.id for e in chronological(data.events)] == [
        "2019-year",
        "2020-02-lima-visit",
        "2020-03-summit",
        "2020-03-15-statement",
    ]


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "a duplicate id",
        lambda d: d["events"][1].update(id="2020-03-summit"),
        "duplicate of events[0]",
    ),
    ("an unknown actor", lambda d: d["events"][0]["actors"].append("zed"), "unknown id 'zed'"),
    ("an unknown source", lambda d: d["events"][0].update(sources=["nope"]), "unknown id 'nope'"),
    ("an impossible date", lambda d: d["events"][0].update(date="2018-02-30"), "28 days"),
    ("a malformed date", lambda d: d["events"][0].update(date="March 2018"), "not YYYY"),
    (
        "an interval ending early",
        lambda d: d["events"][0].update(date="2020-03-03/2020-03-01"),
        "ends before",
    ),
    ("an unknown kind", lambda d: d["events"][0].update(kind="party"), "'party' is not a kind"),
    ("a missing title", lambda d: d["events"][0].pop("title"), "title: missing"),
    ("an empty summary", lambda d: d["events"][0].update(summary="  "), "summary: is empty"),
    ("a numeric title", lambda d: d["events"][0].update(title=7), "title: is a number"),
    ("a long title", lambda d: d["events"][0].update(title="x" * 81), "at most 80"),
    ("actors as a string", lambda d: d["events"][0].update(actors="bo-kim"), "expected an array"),
    ("no actors", lambda d: d["events"][0].update(actors=[]), "at least one"),
    (
        "approximate as text",
        lambda d: d["events"][0].update(approximate="yes"),
        "expected true or false",
    ),
    ("approximate with no note", lambda d: d["events"][2].pop("note"), "needs a note"),
    ("an unknown field", lambda d: d["events"][0].update(sumary="x"), "sumary: unknown field"),
    (
        "an event that is a list",
        lambda d: d["events"].append([]),
        "is an array, expected an object",
    ),
    (
        "an actor of unknown type",
        lambda d: d["actors"]["arcadia"].update(type="club"),
        "'club' is not an actor type (person, state, organization)",
    ),
    ("an actor with no name", lambda d: d["actors"]["arcadia"].pop("name"), "name: missing"),
    (
        "aliases not a list",
        lambda d: d["actors"]["arcadia"].update(aliases="A"),
        "array of strings",
    ),
    (
        "a source date of a month",
        lambda d: d["sources"]["paper"].update(published="2020-03"),
        "one day",
    ),
    ("events missing", lambda d: d.pop("events"), "'events': missing"),
    ("events an object", lambda d: d.update(events={}), "expected an array"),
    ("an unknown top-level key", lambda d: d.update(extra=1), "unknown key"),
]


@pytest.mark.parametrize(("name", "damage", "says"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_kind_of_problem_is_named_with_file_place_and_field(
    name: str,
    damage: Callable[[dict[str, Any]], None],
    says: str,
    small_doc: dict[str, Any],
    write_data: Callable[[object], Path],
) -> None:
    damage(small_doc)
    path = write_data(small_doc)
    error = problems_of(path)
    assert any(says in problem for problem in error.problems), error.problems
    assert str(path) in error.headline()
    assert all(line.startswith(str(path)) for line in error.lines())


def test_event_problems_name_the_index_and_id(
    small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    small_doc["events"][3]["date"] = "2019-13"
    error = problems_of(write_data(small_doc))
    assert error.problems == (
        "events[3] (2019-year): date: '2019-13': month 13 does not exist (months are 01 to 12)",
    )


def test_every_problem_is_listed_not_just_the_first(
    small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    small_doc["events"][0]["kind"] = "party"
    small_doc["events"][1]["date"] = "2020-02-31"
    small_doc["events"][2]["actors"] = ["nobody"]
    error = problems_of(write_data(small_doc))
    assert len(error.problems) == 3
    assert "and 2 more problems" in error.headline()


def test_problems_past_the_cap_are_counted(
    small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    event = small_doc["events"][0]
    small_doc["events"] = [dict(event, id=f"e{i}", kind="party") for i in range(MAX_PROBLEMS + 7)]
    error = problems_of(write_data(small_doc))
    assert len(error.problems) == MAX_PROBLEMS
    assert error.more == 7
    assert error.lines()[-1].endswith("7 more problems not shown")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "the file is empty"),
        (b"  \n ", "the file is empty"),
        (b'{"events": [', "line 1, column 13: invalid JSON"),
        (b'{\n  "events": [}\n', "line 2, column 14: invalid JSON"),
        (b"[1, 2]", "the top level is a JSON array"),
        (b'"text"', "the top level is a JSON string"),
        (b"null", "the top level is a JSON null"),
        (b'{"events": []}\n\xff', "line 2, column 1: not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=[
        "an empty file",
        "a blank file",
        "truncated JSON",
        "a syntax error on line 2",
        "a list instead of an object",
        "a string instead of an object",
        "null",
        "bytes that are not UTF-8",
        "deep nesting",
    ],
)
def test_files_that_are_not_data_files_get_one_clear_message(
    content: bytes, says: str, write_data: Callable[[object], Path]
) -> None:
    error = problems_of(write_data(content))
    assert says in error.headline()


def test_missing_files_and_directories_are_named(tmp_path: Path) -> None:
    assert "no such file" in problems_of(tmp_path / "nope.json").headline()
    assert "is a directory" in problems_of(tmp_path).headline()


def test_an_empty_but_well_formed_file_loads(write_data: Callable[[object], Path]) -> None:
    data = load(write_data({"sources": {}, "actors": {}, "events": []}))
    assert data.events == ()


def test_the_loader_never_writes(small_path: Path) -> None:
    before = sorted(p.name for p in small_path.parent.iterdir())
    text = small_path.read_bytes()
    load(small_path)
    assert sorted(p.name for p in small_path.parent.iterdir()) == before
    assert small_path.read_bytes() == text


def test_a_load_leaves_the_collector_as_it_found_it_with_no_young_objects_to_walk(
    small_doc: dict[str, Any], write_data: Any
) -> None:
    import gc

    event = small_doc["events"][0]
    small_doc["events"] = [{**event, "id": f"2020-03-n{i}"} for i in range(5000)]
    path = write_data(small_doc)
    assert gc.isenabled()
    load(path)  # 10,000 tuples of actors and sources, more than a young generation holds
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < gc.get_threshold()[0]
    gc.disable()
    try:
        load(path)
        assert not gc.isenabled()  # left off, as the caller had it
    finally:
        gc.enable()
    gc.freeze()  # a caller's own frozen objects (a server about to fork, say) stay frozen
    try:
        frozen = gc.get_freeze_count()
        load(path)
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()


def test_json_numbers_and_keys_are_checked_too(
    small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    small_doc["events"][0]["id"] = "Not A Slug"
    error = problems_of(write_data(json.dumps(small_doc)))
    assert "lower-case letters" in error.problems[0]

"""The loader's fast path builds exactly what its checking path builds, and sorts the same.

The fast path (`dataset._quick_builder`) is what loads 10^6 events quickly; it must never
accept an entry the field-by-field path would reject, and must build the same Event.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SMALL
from summitry import dataset
from summitry.dates import parse_edtf
from summitry.model import Event, Precision, Span, trusted_event

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
DOC = dataset.build(BUNDLED, "bundled")

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
FIELDS = [*sorted(dataset._EVENT_FIELDS), "extra"]
SAMPLES = st.sampled_from(
    [
        "",
        " ",
        "2018-06-12",
        "2018-02-30",
        "2019/2018",
        "summit",
        "Summit",
        "xi-jinping",
        "nobody",
        "Has Caps",
        ["xi-jinping"],
        ["xi-jinping", "xi-jinping"],
        [],
        ["ap-2019-06-20"],
        True,
        "x" * 81,
    ]
)


def slow(entry: object, seen: dict[str, int]) -> tuple[Event | None, list[str]]:
    problems = dataset._Problems("test")
    event = dataset._event(0, entry, DOC.actors, DOC.sources, seen, problems)
    return event, problems.found


@settings(max_examples=300)
@given(
    st.integers(min_value=0, max_value=len(BUNDLED["events"]) - 1),
    st.lists(st.tuples(st.sampled_from(FIELDS), JSON_VALUES | SAMPLES), max_size=3),
    st.lists(st.sampled_from(FIELDS), max_size=2),
)
def test_the_fast_path_accepts_only_what_the_checks_accept(
    index: int, changes: list[tuple[str, Any]], removed: list[str]
) -> None:
    entry = dict(BUNDLED["events"][index])
    for field, value in changes:
        entry[field] = value
    for field in removed:
        entry.pop(field, None)
    fast = dataset._quick_builder(DOC.actors, DOC.sources, {})(entry, 0)
    checked, problems = slow(entry, {})
    if fast is not None:
        assert problems == [] and checked == fast
    elif not problems:
        # The fast path may pass an unusual but valid entry on (a blank optional field);
        # the checking path then builds it.
        assert checked is not None


BAD = [
    ("id", ["", "Has Caps", "a b", 1, None]),
    ("date", ["", "2018-02-30", "2019/2018", "June 2018", 2018, None]),
    ("title", ["", " ", "x" * 81, 1, None]),
    ("summary", ["", " \n", [], None]),
    ("kind", ["Summit", "party", None, 1]),
    ("actors", [[], ["nobody"], ["xi-jinping", "xi-jinping"], "xi-jinping", [1], [[]], None]),
    ("sources", [[], ["nowhere"], "ap-2019-06-20", [{}], None]),
    ("place", [1, [], {}]),
    ("country", [1, False]),
    ("note", [1, {}]),
    ("approximate", ["yes", 1, None]),
    ("unknown-field", ["anything"]),
]


@pytest.mark.parametrize(
    ("field", "value"),
    [(field, value) for field, values in BAD for value in values],
    ids=lambda v: repr(v)[:20],
)
def test_each_kind_of_bad_field_leaves_the_fast_path(field: str, value: object) -> None:
    entry = {**BUNDLED["events"][0], field: value}
    assert dataset._quick_builder(DOC.actors, DOC.sources, {})(entry, 0) is None
    assert slow(entry, {})[1]  # and the checks name a problem


def test_an_approximate_date_without_a_note_leaves_the_fast_path() -> None:
    entry = {**BUNDLED["events"][0], "approximate": True}
    entry.pop("note", None)
    assert dataset._quick_builder(DOC.actors, DOC.sources, {})(entry, 0) is None
    assert slow(entry, {})[1]


def test_every_bundled_event_takes_the_fast_path_and_equals_the_checked_one() -> None:
    quick = dataset._quick_builder(DOC.actors, DOC.sources, {})
    for index, entry in enumerate(BUNDLED["events"]):
        fast = quick(entry, index)
        assert fast is not None, entry["id"]
        assert fast == slow(entry, {})[0]


def test_the_fast_path_leaves_duplicate_ids_to_the_checks() -> None:
    seen: dict[str, int] = {}
    quick = dataset._quick_builder(DOC.actors, DOC.sources, seen)
    entry = BUNDLED["events"][0]
    assert quick(entry, 0) is not None
    assert quick(dict(entry), 1) is None
    assert slow(dict(entry), seen)[1] == [f"events[0] ({entry['id']}): id: duplicate of events[0]"]


def test_trusted_event_is_the_same_object_as_the_dataclass_builds() -> None:
    span = parse_edtf("2019-02-27/2019-02-28")
    fields = ("id", "2019-02-27/2019-02-28", span, "T", "S", "summit", ("a",), ("b",))
    rest = ("Hanoi", "Vietnam", True, "note", "held")
    built = trusted_event(*fields, *rest)
    assert built == Event(*fields, *rest)
    assert hash(built) == hash(Event(*fields, *rest))


# Spans with equal days but different precisions are different objects with equal dates.
SPANS = [
    Span(date(2018, 1, 1) + timedelta(days=d), date(2018, 1, 1) + timedelta(days=d + n), p)
    for d in (0, 3)
    for n in (0, 2)
    for p in Precision
]


@given(st.lists(st.tuples(st.integers(0, len(SPANS) - 1), st.sampled_from("abcde")), max_size=40))
def test_events_are_ordered_by_start_end_and_id(picks: list[tuple[int, str]]) -> None:
    events = [
        trusted_event(
            f"{name}-{i}",
            "d",
            SPANS[s],
            "t",
            "s",
            "talks",
            ("a",),
            ("b",),
            None,
            None,
            False,
            None,
            "held",
        )
        for i, (s, name) in enumerate(picks)
    ]
    expected = sorted(events, key=lambda e: (e.span.start, e.span.end, e.id))
    assert list(dataset._chronological(events)) == expected


def test_a_small_file_out_of_order_loads_in_order(write_data: Any) -> None:
    doc = json.loads(json.dumps(SMALL))
    doc["events"].reverse()
    events = dataset.load(write_data(doc)).events
    keys = [(e.span.start, e.span.end, e.id) for e in events]
    assert keys == sorted(keys)

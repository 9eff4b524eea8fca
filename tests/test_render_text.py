"""The text formats: json_document writes what json.dumps(indent=2) writes, faster."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from summitry.model import Dataset
from summitry.render import records, text

PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text() | st.integers(), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(PLAIN)
def test_json_document_is_json_dumps_with_indent(value: object) -> None:
    assert text.json_document(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@given(ANY_JSON)
def test_values_it_does_not_write_itself_go_to_json_dumps(value: object) -> None:
    # Floats and integer keys are left to json.dumps, so the text is still the same.
    assert text.json_document(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_the_records_of_every_bundled_event(bundled: Dataset) -> None:
    rows = records.events(bundled, bundled.events)
    assert text.json_document(rows) == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    # Shared parts are shared values, and each record is still complete and right.
    for row, event in zip(rows, bundled.events, strict=True):
        assert row["id"] == event.id
        assert row["actors"] == [bundled.actors[a].name for a in event.actors]
        assert [s["id"] for s in row["sources"]] == list(event.sources)
        assert row["start"] == event.span.start.isoformat()

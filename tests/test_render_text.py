"""The text formats: json_document writes what json.dumps(indent=2) writes, through msgspec."""

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


@given(PLAIN)
def test_json_document_is_json_dumps_with_indent(value: object) -> None:
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

"""The text formats: json_document writes what json.dumps(indent=2) writes, through msgspec,
with the characters a terminal acts on (DEL, C1, bidi controls) as \\u escapes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from summitry.data.schema import Dataset
from summitry.present import rows as records
from summitry.present import text

PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)

# json.dumps leaves these as they are; summitry writes them as \\u escapes (the same value):
# DEL, C1, the bidi controls, and the line and paragraph separators (a JSON line stays one).
TERMINAL_CONTROLS = {
    code: f"\\u{code:04x}"
    for code in [*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
}


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).translate(TERMINAL_CONTROLS) + "\n"


@given(PLAIN)
def test_json_document_is_json_dumps_with_indent(value: object) -> None:
    assert text.json_document(value) == dumps(value)


@given(st.text())
def test_json_keeps_the_value_and_writes_no_terminal_control(value: str) -> None:
    assert json.loads(text.json_document([value])) == [value]
    assert json.loads(text.json_lines([value])) == value
    for document in (text.json_document([value]), text.json_lines([value])):
        assert not any(ord(c) in TERMINAL_CONTROLS or ord(c) < 0x20 for c in document if c != "\n")


def test_the_records_of_every_bundled_event(bundled: Dataset) -> None:
    rows = records.event_rows(bundled, bundled.events)
    as_json = json.loads(text.json_document(rows))
    assert text.json_document(rows) == dumps(as_json)
    # Shared parts are shared values, and each record is still complete and right.
    for row, event in zip(as_json, bundled.events, strict=True):
        assert row["id"] == event.id
        assert row["actors"] == [bundled.actors[a].name for a in event.actors]
        assert [s["id"] for s in row["sources"]] == list(event.sources)
        assert row["start"] == event.span.start.isoformat()

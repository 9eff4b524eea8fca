"""The slow reading of a data file: every problem in it, each with its place, in plain words.

`dataset.load` decodes a whole file against the schema in one step, which stops at the
first problem. When it does, the file is read here again: as plain JSON (which gives
line and column for a syntax error, and sees a key given twice in one object), then entry
by entry and field by field against the same schema, so that every problem is listed.
`summitry validate` reads every file this way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, get_args, get_origin

import msgspec

from summitry.data.rules import Problems, check_records
from summitry.data.schema import (
    SLUG_PATTERN,
    SLUG_RULE,
    Actor,
    ActorFields,
    Dataset,
    Event,
    Source,
    SourceFields,
)
from summitry.data.text_rules import text_problem, text_rules
from summitry.errors import DataError

# Python will not turn a longer run of digits into an integer (sys.set_int_max_str_digits).
MAX_DIGITS = 4300
_PARTS = ("sources", "actors", "events")
_SLUG = re.compile(SLUG_PATTERN)
_RULE_OF_FIELD = {
    record: {rule.name: rule for rule in text_rules(record)}
    for record in (SourceFields, ActorFields, Event)
}


class _Object(dict[str, Any]):
    """A JSON object, and the keys given more than once in it (the last copy is kept)."""

    repeated: tuple[str, ...] = ()


class _TooLong(ValueError):
    """A number with more digits than Python reads."""


def check(raw: bytes, origin: str) -> Dataset:
    """The Dataset, or a DataError listing every problem of the file."""
    document = _decode(raw, origin)
    del raw
    problems = Problems(origin)
    if not isinstance(document, dict):
        raise DataError(
            origin,
            [
                f"the top level is a JSON {_json_type(document)}; expected an object with "
                "'sources', 'actors' and 'events'"
            ],
        )
    for key in document:
        if key not in _PARTS:
            problems.add(f"top level: '{key}'", "unknown key (expected sources, actors, events)")
    for key in getattr(document, "repeated", ()):
        problems.add(f"top level: '{key}'", "given twice; only the last copy would be read")
    sources = {
        key: Source(id=key, **msgspec.structs.asdict(fields))
        for key, fields in _registry(document, "sources", SourceFields, problems).items()
    }
    actors = {
        key: Actor(id=key, **msgspec.structs.asdict(fields))
        for key, fields in _registry(document, "actors", ActorFields, problems).items()
    }
    events, positions = _events(document.get("events"), problems)
    check_records(sources, actors, events, problems, positions)
    problems.raise_if_any()
    return Dataset(events=tuple(events), actors=actors, sources=sources, origin=origin)


def _decode(raw: bytes, origin: str) -> Any:
    """The file as plain JSON values, or a DataError naming line and column."""
    if not raw.strip():
        raise DataError(origin, ["the file is empty; a data file is a JSON object"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(
            origin, [f"line {line}, column {column}: not UTF-8 text (byte {error.start})"]
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise DataError(
            origin, [f"line {error.lineno}, column {error.colno}: invalid JSON: {error.msg}"]
        ) from None
    except _TooLong as error:
        raise DataError(origin, [f"invalid JSON: {error}"]) from None
    except RecursionError:
        raise DataError(origin, ["invalid JSON: nested too deeply"]) from None


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    out = _Object(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        out.repeated = tuple(repeated)
    return out


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(f"a number of {len(digits)} digits; at most {MAX_DIGITS} are read")
    return int(digits)


def _registry(
    document: Mapping[str, Any],
    name: str,
    record: type[msgspec.Struct],
    problems: Problems,
) -> dict[str, Any]:
    value = document.get(name)
    if value is None:
        problems.add(f"top level: '{name}'", "missing (expected an object of id: entry)")
        return {}
    if not isinstance(value, dict):
        problems.add(f"top level: '{name}'", f"is {_a(value)}, expected an object")
        return {}
    for key in getattr(value, "repeated", ()):
        problems.add(f"{name}.{key}", "given twice; only the last copy would be read")
    out = {}
    for key, entry in value.items():
        where = f"{name}.{key}"
        if not _SLUG.fullmatch(key):
            problems.add(where, f"an id is {SLUG_RULE}")
        checked = _entry(entry, record, where, problems)
        if checked is not None:
            out[key] = checked
    return out


def _events(value: object, problems: Problems) -> tuple[list[Event], list[int]]:
    """The events that are sound on their own, and the index of each in the file."""
    if value is None:
        problems.add("top level: 'events'", "missing (expected an array of events)")
        return [], []
    if not isinstance(value, list):
        problems.add("top level: 'events'", f"is {_a(value)}, expected an array")
        return [], []
    out = []
    positions = []
    for index, entry in enumerate(value):
        where = f"events[{index}]"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            where += f" ({entry['id']})"
        event = _entry(entry, Event, where, problems)
        if event is not None:
            out.append(event)
            positions.append(index)
    return out, positions


def _entry(value: object, record: type[Any], where: str, problems: Problems) -> Any:
    """The entry decoded as the record, or None after listing each of its problems."""
    if not isinstance(value, dict):
        problems.add(where, f"is {_a(value)}, expected an object")
        return None
    fields = msgspec.structs.fields(record)
    names = {field.encode_name for field in fields}
    sound = True
    for key in value:
        if key not in names:
            problems.add(f"{where}: {key}", "unknown field")
            sound = False
    for key in getattr(value, "repeated", ()):
        problems.add(f"{where}: {key}", "given twice; only the last copy would be read")
        sound = False
    rules = _RULE_OF_FIELD.get(record, {})
    for field in fields:
        name = field.encode_name
        if name not in value:
            if field.required:
                problems.add(f"{where}: {name}", "missing")
                sound = False
            continue
        item = value[name]
        try:
            msgspec.convert(item, field.type)
        except msgspec.ValidationError as error:
            problems.add(f"{where}: {name}", _plain(str(error), item, field.type))
            sound = False
            continue
        rule = rules.get(name)
        found = text_problem(rule, item) if rule else None
        if found:
            problems.add(f"{where}: {name}", found)
            sound = False
    return msgspec.convert(value, record) if sound else None


def _plain(message: str, value: object, annotation: Any) -> str:
    """msgspec's message about a value, in the words of summitry's other messages."""
    message = message.split(" - at `", 1)[0]
    if isinstance(value, list):  # name the item at fault, when one is
        for index, item in enumerate(value):
            try:
                msgspec.convert(item, _item_type(annotation))
            except (msgspec.ValidationError, TypeError):
                return f"item {index + 1} is {_a(item)}, expected a non-empty string"
    if message.startswith("Expected `str` of length <="):
        limit = message.rsplit(" ", 1)[-1]
        return f"is {len(str(value))} characters; at most {limit}"
    if message.startswith("Expected `str` of length >="):
        return "is empty"
    if message.startswith("Expected `array` of length >="):
        return "is empty; at least one is needed"
    if message.startswith("Expected `str` matching regex"):
        return f"an id is {SLUG_RULE}"
    if message.startswith("Invalid enum value"):
        options = ", ".join(_literal_options(annotation))
        return f"'{value}' is not {_description(annotation) or 'allowed'} ({options})"
    if "RFC3339" in message or "date" in message:
        return "must be one day, YYYY-MM-DD"
    if message.startswith("Expected `"):
        return f"is {_a(value)}, expected {_expected(annotation)}"
    return message


def _item_type(annotation: Any) -> Any:
    base = _unwrap(annotation)
    args = get_args(base)
    return args[0] if args else Any


def _unwrap(annotation: Any) -> Any:
    """The type under Annotated and Optional."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
            continue
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if get_origin(annotation) not in (tuple, Literal, list, dict) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


def _description(annotation: Any) -> str | None:
    if get_origin(annotation) is Annotated:
        for meta in get_args(annotation)[1:]:
            if isinstance(meta, msgspec.Meta) and meta.description:
                return meta.description
        return _description(get_args(annotation)[0])
    for arg in get_args(annotation):
        found = _description(arg) if arg is not type(None) else None
        if found:
            return found
    return None


def _literal_options(annotation: Any) -> tuple[str, ...]:
    base = _unwrap(annotation)
    return tuple(str(option) for option in get_args(base))


def _expected(annotation: Any) -> str:
    base = _unwrap(annotation)
    origin = get_origin(base)
    if base is bool:
        return "true or false"
    if base is str or origin is Literal:
        return "a string"
    if origin is tuple or origin is list:
        return "an array of strings"
    if getattr(base, "__name__", "") == "date":
        return "a date, YYYY-MM-DD"
    return "an object"


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _a(value: object) -> str:
    """'a number', 'an array', 'null': the JSON type of a value, with its article."""
    kind = _json_type(value)
    if kind == "null":
        return "null"
    return ("an " if kind[0] in "aeiou" else "a ") + kind

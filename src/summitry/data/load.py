"""Read a data file (or the bundled one) and build a Dataset, or report every problem in it.

The file's bytes are read once and decoded against the schema (schema.py) in one step.
If that fails, the file is decoded again with its events left as JSON text, each event
decoded on its own, and an event that does not decode is explained field by field; then
rules.py checks, in one pass, what the schema cannot say. Every problem is reported in
the same run, each with its place, up to MAX_PROBLEMS.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import stat
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args, get_origin

import msgspec

from summitry.data.rules import (
    MAX_PROBLEMS,
    SLUG_CHARACTERS,
    TEXT_RULES,
    Problems,
    check_events,
    check_text,
    field_text_problem,
)
from summitry.data.schema import (
    SLUG_RULE,
    Actor,
    ActorFields,
    Dataset,
    Event,
    Source,
    SourceFields,
)
from summitry.errors import DataError

__all__ = ["MAX_PROBLEMS", "DataError", "Dataset", "load", "parse", "read_bytes"]

BUNDLED = "data/events.json"
# A pipe, a device or /dev/stdin has no size to check beforehand: read at most this much.
MAX_STREAM_BYTES = 256 * 1024 * 1024
# Python will not turn a longer run of digits into an integer (sys.set_int_max_str_digits).
MAX_DIGITS = 4300
_PARTS = ("sources", "actors", "events")
GIVEN_TWICE = "given twice; only the last copy would be read"


class _Document(msgspec.Struct, forbid_unknown_fields=True):
    """A data file: its registries as JSON text, its events decoded."""

    sources: msgspec.Raw
    actors: msgspec.Raw
    events: list[Event]


class _Outline(msgspec.Struct, forbid_unknown_fields=True):
    """A data file whose events did not all decode: each event kept as JSON text."""

    sources: msgspec.Raw
    actors: msgspec.Raw
    events: list[msgspec.Raw]


_document = msgspec.json.Decoder(_Document)
_outline = msgspec.json.Decoder(_Outline)
_event = msgspec.json.Decoder(Event)


def load(path: str | os.PathLike[str] | None = None, *, strict: bool = False) -> Dataset:
    """Load and check a data file, or the bundled data when path is None.

    strict (for `summitry validate`) also reads the whole file for keys given twice in
    one object, which every load checks only in the registries of sources and actors.
    """
    if path is None:
        return parse(*bundled_bytes(), strict=strict)
    return parse(read_bytes(path), os.fspath(path), strict=strict)


def bundled_bytes() -> tuple[bytes, str]:
    """The bundled data file's bytes and a name for it in messages.

    The copy inside the installed package (wheel), else (a zip import) through
    importlib.resources; a checkout or an editable install falls back to the
    repository's `data/`.
    """
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package
    packaged_path = os.path.join(here, *BUNDLED.split("/"))
    if os.path.isfile(packaged_path):
        return read_bytes(packaged_path), packaged_path
    if not os.path.isdir(here):
        from importlib.resources import files

        packaged = files("summitry").joinpath(BUNDLED)
        if packaged.is_file():
            return packaged.read_bytes(), str(packaged)
    checkout = os.path.join(
        os.path.dirname(os.path.dirname(os.path.realpath(here))), *BUNDLED.split("/")
    )
    return read_bytes(checkout), str(checkout)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, or a DataError that says why it cannot be read.

    Anything that is not a regular file (a pipe, a device, /dev/stdin) is read up to
    MAX_STREAM_BYTES, so that `--data /dev/zero` cannot take all the memory.
    """
    try:
        with open(path, "rb") as handle:
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return handle.read()
            data = handle.read(MAX_STREAM_BYTES + 1)
    except FileNotFoundError:
        reason = "no such file"
    except IsADirectoryError:
        reason = "is a directory, not a data file"
    except PermissionError:
        reason = "permission denied"
    except OSError as error:
        reason = f"cannot be read ({error.strerror or error})"
    except ValueError as error:  # a NUL byte in the path
        reason = f"is not a usable path ({error})"
    else:
        if len(data) <= MAX_STREAM_BYTES:
            return data
        reason = (
            f"is not a regular file and holds more than {MAX_STREAM_BYTES // 2**20} MiB; "
            "save it to a file first"
        )
    raise DataError(os.fspath(path), [reason])


def parse(raw: bytes, origin: str, *, strict: bool = False) -> Dataset:
    """Check the bytes of a data file and build the Dataset, or raise one DataError.

    The cyclic garbage collector is paused meanwhile: decoding makes millions of objects
    and no reference cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(raw, origin, strict)
    finally:
        if was_enabled:
            gc.enable()


def _parse(raw: bytes, origin: str, strict: bool) -> Dataset:
    problems = Problems(origin)
    if strict:
        _repeated_keys(_plain_json(raw, origin), problems)
    try:
        document: _Document | _Outline = _document.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        document = _decode_outline(raw, origin)
    sources, known_sources = _registry(document.sources, "sources", SourceFields, problems)
    actors, known_actors = _registry(document.actors, "actors", ActorFields, problems)
    published = {key: source.published for key, source in sources.items()}
    if isinstance(document, _Document):
        events = document.events
        del document
        check_events(enumerate(events), known_actors, known_sources, published, problems)
    else:
        events = []
        decoded = _decode_events(document.events, events, problems)
        check_events(decoded, known_actors, known_sources, published, problems)
        if not problems.found:  # the one-step decoding failed where nothing else does
            _repeated_keys(_plain_json(raw, origin), problems)
    problems.raise_if_any()
    return Dataset(events=tuple(events), actors=actors, sources=sources, origin=origin)


def _decode_outline(raw: bytes, origin: str) -> _Outline:
    """The file with its events as JSON text, or a DataError for a file that is not one
    object of sources, actors and events."""
    try:
        return _outline.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        pass
    document = _plain_json(raw, origin)
    if not isinstance(document, dict):
        raise DataError(
            origin,
            [
                f"the top level is a JSON {_json_type(document)}; expected an object with "
                "'sources', 'actors' and 'events'"
            ],
        )
    problems = Problems(origin)
    for key in document:
        if key not in _PARTS:
            problems.add(f"top level: '{key}'", "unknown key (expected sources, actors, events)")
    for key, expected in zip(
        _PARTS,
        ("an object of id: entry", "an object of id: entry", "an array of events"),
        strict=True,
    ):
        value = document.get(key)
        if value is None:
            problems.add(f"top level: '{key}'", f"missing (expected {expected})")
        elif not isinstance(value, list if key == "events" else dict):
            shape = "an array" if key == "events" else "an object"
            problems.add(f"top level: '{key}'", f"is {_a(value)}, expected {shape}")
    problems.raise_if_any()
    raise DataError(origin, ["cannot be read as a data file"])  # pragma: no cover


def _decode_events(
    raws: list[msgspec.Raw], events: list[Event], problems: Problems
) -> Iterator[tuple[int, Event]]:
    """Each event that decodes, with its index, also kept in events; the others are
    explained field by field as they come, so that problems are listed in file order."""
    decode = _event.decode
    for index, raw in enumerate(raws):
        try:
            event = decode(raw)
        except (msgspec.ValidationError, RecursionError):
            _explain_event(index, raw, problems)
        else:
            events.append(event)
            yield index, event


def _explain_event(index: int, raw: msgspec.Raw, problems: Problems) -> None:
    """Every problem of one event that does not decode, each field decoded on its own."""
    try:
        fields = _fields.decode(raw)
    except msgspec.ValidationError:
        value = _plain_json(bytes(raw), problems.origin)
        problems.add(f"events[{index}]", f"is {_a(value)}, expected an object")
        return
    where = f"events[{index}]"
    with contextlib.suppress(KeyError, msgspec.ValidationError):
        where += f" ({_text.decode(fields['id'])})"
    for key in fields:
        if key not in _EVENT_FIELDS:
            problems.add(f"{where}: {key}", "unknown field")
    for name, (field, decoder, rule) in _EVENT_FIELDS.items():
        if name not in fields:
            if field.required:
                problems.add(f"{where}: {name}", "missing")
            continue
        try:
            value = decoder.decode(fields[name])
        except (msgspec.ValidationError, RecursionError) as error:
            what = "" if problems.full() else _plain_field(error, fields[name], field, problems)
            problems.add(f"{where}: {name}", what)
            continue
        found = field_text_problem(rule, value) if rule else None
        if found:
            problems.add(f"{where}: {name}", found)


def _plain_field(
    error: Exception, raw: msgspec.Raw, field: msgspec.structs.FieldInfo, problems: Problems
) -> str:
    """What is wrong with one field's JSON, in plain words."""
    if isinstance(error, RecursionError):
        raise DataError(problems.origin, ["invalid JSON: nested too deeply"])
    return _plain(str(error), _plain_json(bytes(raw), problems.origin), field.type)


_fields = msgspec.json.Decoder(dict[str, msgspec.Raw])
_text = msgspec.json.Decoder(str)
_EVENT_FIELDS = {
    field.encode_name: (
        field,
        msgspec.json.Decoder(field.type),
        next((rule for rule in TEXT_RULES[Event] if rule.name == field.encode_name), None),
    )
    for field in msgspec.structs.fields(Event)
}


def _registry(
    raw: msgspec.Raw, name: str, record: type[SourceFields | ActorFields], problems: Problems
) -> tuple[dict[str, Any], frozenset[str]]:
    """A registry's sound entries by id, and every id it gives, for references.

    Read as plain JSON (registries are small), which sees a key given twice."""
    value = _plain_json(bytes(raw), problems.origin)
    if not isinstance(value, dict):
        problems.add(f"top level: '{name}'", f"is {_a(value)}, expected an object")
        return {}, frozenset()
    for key in _repeated(value):
        problems.add(f"{name}.{key}", GIVEN_TWICE)
    kept: dict[str, Any] = {}
    whole = Source if record is SourceFields else Actor
    for key, entry in value.items():
        where = f"{name}.{key}"
        if key.strip(SLUG_CHARACTERS) or not key:
            problems.add(where, f"an id is {SLUG_RULE}")
        fields = _entry(entry, record, where, problems)
        if fields is not None:
            kept[key] = whole(id=key, **msgspec.structs.asdict(fields))
    return kept, frozenset(value)


# --- plain JSON: keys given twice, and line and column of a syntax error ------------------


class _Object(dict[str, Any]):
    """A JSON object, and the keys given more than once in it (the last copy is kept)."""

    repeated: tuple[str, ...] = ()


class _TooLong(ValueError):
    """A number with more digits than Python reads."""


def _plain_json(raw: bytes, origin: str) -> Any:
    """The JSON as Python values (objects as _Object), or a DataError naming line and column."""
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


def _repeated(value: object) -> tuple[str, ...]:
    return getattr(value, "repeated", ())


def _repeated_keys(document: Any, problems: Problems) -> None:
    """Every key given twice at the top level and in the events, with its place."""
    if not isinstance(document, dict):
        return
    for key in _repeated(document):
        problems.add(f"top level: '{key}'", GIVEN_TWICE)
    events = document.get("events")
    for index, event in enumerate(events if isinstance(events, list) else ()):
        for key in _repeated(event):
            problems.add(f"{_event_place(index, event)}: {key}", GIVEN_TWICE)


def _event_place(index: int, value: object) -> str:
    """`events[3] (its-id)`, or `events[3]` for an event without a usable id."""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return f"events[{index}] ({value['id']})"
    return f"events[{index}]"


# --- an entry that does not decode, explained field by field ------------------------------


def _entry(
    value: object, record: type[Any], where: str, problems: Problems, *, repeats: bool = True
) -> Any:
    """The entry decoded as the record, or None after listing each of its problems."""
    if not isinstance(value, dict):
        problems.add(where, f"is {_a(value)}, expected an object")
        return None
    try:
        decoded = msgspec.convert(value, record)
    except msgspec.ValidationError:
        decoded = None
    if decoded is not None and not (repeats and _repeated(value)):
        before = len(problems.found) + problems.more
        check_text(decoded, TEXT_RULES[record], where, problems)
        return decoded if len(problems.found) + problems.more == before else None
    fields = msgspec.structs.fields(record)
    names = {field.encode_name for field in fields}
    for key in value:
        if key not in names:
            problems.add(f"{where}: {key}", "unknown field")
    if repeats:
        for key in _repeated(value):
            problems.add(f"{where}: {key}", GIVEN_TWICE)
    rules = {rule.name: rule for rule in TEXT_RULES[record]}
    for field in fields:
        name = field.encode_name
        if name not in value:
            if field.required:
                problems.add(f"{where}: {name}", "missing")
            continue
        item = value[name]
        try:
            msgspec.convert(item, field.type)
        except msgspec.ValidationError as error:
            problems.add(f"{where}: {name}", _plain(str(error), item, field.type))
            continue
        found = field_text_problem(rules[name], item) if name in rules else None
        if found:
            problems.add(f"{where}: {name}", found)
    return None


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
        return f"'{value}' is not {_description(annotation) or 'allowed'}"
    if message.startswith("Invalid enum value"):
        options = ", ".join(str(option) for option in get_args(_unwrap(annotation)))
        return f"'{value}' is not {_description(annotation) or 'allowed'} ({options})"
    if "RFC3339" in message or "date" in message:
        return "must be one day, YYYY-MM-DD"
    if message.startswith("Expected `"):
        return f"is {_a(value)}, expected {_expected(annotation)}"
    return message


def _item_type(annotation: Any) -> Any:
    args = get_args(_unwrap(annotation))
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
    """The description the schema gives a field's type (`a kind`), if any."""
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

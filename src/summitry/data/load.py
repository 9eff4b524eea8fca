"""Read a data file (or the bundled one) into a Dataset, or report every problem in it."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Sequence
from typing import Any

import msgspec

from summitry.data import rules, schema
from summitry.errors import DataError

__all__ = ["DataError", "load", "parse", "read_bytes"]

BUNDLED = "data/events.json"
# A pipe, a device or /dev/stdin has no size to check beforehand: read at most this much.
MAX_STREAM_BYTES = 256 * 1024 * 1024
# Python will not turn a longer run of digits into an integer (sys.set_int_max_str_digits).
MAX_DIGITS = 4300
_PARTS = {"sources": "an object", "actors": "an object", "events": "an array"}


class _Document(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A data file: its registries as JSON text, its events decoded."""

    schema_url: str = msgspec.field(default="", name="$schema")
    sources: msgspec.Raw
    actors: msgspec.Raw
    events: list[schema.Event]


class _Outline(_Document, forbid_unknown_fields=True, kw_only=True):
    """A data file whose events did not all decode: each event kept as JSON text."""

    events: list[msgspec.Raw]  # type: ignore[assignment]


_document = msgspec.json.Decoder(_Document)
_outline = msgspec.json.Decoder(_Outline)
_event = msgspec.json.Decoder(schema.Event)
_keyed = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])
_DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, RecursionError)


def load(path: str | os.PathLike[str] | None = None, *, strict: bool = False) -> schema.Dataset:
    """Load and check a data file (None: the bundled one); strict also finds repeated keys."""
    if path is None:
        return parse(*bundled_bytes(), strict=strict)
    return parse(read_bytes(path), os.fspath(path), strict=strict)


def bundled_bytes() -> tuple[bytes, str]:
    """The bundled data file's bytes and name: the package's copy, else the checkout's."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package
    packaged_path = os.path.join(here, *BUNDLED.split("/"))
    if os.path.isfile(packaged_path):
        return read_bytes(packaged_path), packaged_path
    if not os.path.isdir(here):
        from importlib.resources import files

        packaged = files("summitry").joinpath(BUNDLED)
        if packaged.is_file():
            return packaged.read_bytes(), str(packaged)
    root = os.path.dirname(os.path.dirname(os.path.realpath(here)))  # the checkout
    checkout = os.path.join(root, *BUNDLED.split("/"))
    return read_bytes(checkout), str(checkout)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes (a stream up to MAX_STREAM_BYTES), or a DataError that says why not."""
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


def parse(raw: bytes, origin: str, *, strict: bool = False) -> schema.Dataset:
    """The Dataset of a data file's bytes, or one DataError with every problem."""
    was_enabled = gc.isenabled()
    gc.disable()  # decoding makes millions of objects and no reference cycles
    try:
        return _parse(raw, origin, strict)
    finally:
        if was_enabled:
            if not gc.get_freeze_count():  # (unfreeze would also thaw what a caller froze)
                gc.freeze()  # with unfreeze: the objects made join the oldest generation at once,
                gc.unfreeze()  # so that the next young collection does not walk them all
            gc.enable()


def _parse(raw: bytes, origin: str, strict: bool) -> schema.Dataset:
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark, which JSON readers may skip
    problems = rules.Problems(origin)
    if strict:
        _repeated_keys(_plain_json(raw, origin), problems)
    try:
        document: _Document = _document.decode(raw)
    except _DECODE_ERRORS:
        document = _decode_outline(raw, origin)
    source_ids, sources = _registry(
        document.sources, "sources", schema.SourceFields, schema.Source, problems
    )
    actor_ids, actors = _registry(
        document.actors, "actors", schema.ActorFields, schema.Actor, problems
    )
    published = {key: source.published for key, source in sources.items()}
    entries: Sequence[schema.Event | rules.Undecoded] = document.events
    if outline := isinstance(document, _Outline):
        entries = [_event_or_raw(raw) for raw in document.events]
    del document
    if actor_ids is None or source_ids is None:  # reported once, not again at each reference
        used = {ref for e in entries if isinstance(e, schema.Event) for ref in e.actors + e.sources}
        actor_ids = frozenset(used) if actor_ids is None else actor_ids
        source_ids = frozenset(used) if source_ids is None else source_ids
    try:
        rules.check_events(entries, actor_ids, source_ids, published, problems)
    except (*_DECODE_ERRORS, ValueError) as error:  # a number too long or nesting too deep
        _plain_json(raw, origin)  # names it
        raise DataError(origin, [f"cannot be read: {error}"]) from None
    if outline and not problems.found:  # the one failure that nothing else names
        _repeated_keys(_plain_json(raw, origin), problems)
    problems.raise_if_any()
    return schema.Dataset(tuple(entries), actors, sources, origin)  # type: ignore[arg-type]


def _decode_outline(raw: bytes, origin: str) -> _Outline:
    """The file with its events as JSON text, or a DataError naming what is wrong at the top."""
    try:
        return _outline.decode(raw)
    except _DECODE_ERRORS as error:
        failure = str(error)
    document = _plain_json(raw, origin)
    if not isinstance(document, dict):
        kind = rules.a_json_type(document).split()[-1]
        why = f"the top level is a JSON {kind}; expected an object with "
        raise DataError(origin, [why + "'sources', 'actors' and 'events'"])
    problems = rules.Problems(origin)
    for key in document:
        if key not in _PARTS and key != "$schema":
            problems.add(f"top level: '{key}'", "unknown key (expected sources, actors, events)")
    for key, shape in _PARTS.items():
        value = document.get(key)
        if value is None:
            expected = "an array of events" if key == "events" else "an object of id: entry"
            problems.add(f"top level: '{key}'", f"missing (expected {expected})")
        elif not isinstance(value, list if key == "events" else dict):
            problems.add(f"top level: '{key}'", f"is {rules.a_json_type(value)}, expected {shape}")
    url = document.get("$schema", "")
    if not problems.found and not isinstance(url, str):
        problems.add("top level: '$schema'", f"is {rules.a_json_type(url)}, expected a string")
    elif not problems.found:  # what Python's reader takes and JSON does not: NaN, a lone surrogate
        byte = failure.partition("(byte ")[2].rstrip(")")
        at = f"{_line_column(raw, int(byte))}: " if byte.isdigit() else ""
        problems.add(f"{at}invalid JSON", failure.removeprefix("JSON is malformed: "))
    raise DataError(origin, problems.found, problems.more)  # at least one was found


def _event_or_raw(raw: msgspec.Raw) -> schema.Event | rules.Undecoded:
    """An event that decodes, else its JSON text, which check_events explains."""
    try:
        return _event.decode(raw)
    except _DECODE_ERRORS as error:
        return rules.Undecoded(raw, str(error).startswith("Object missing required field"))


def _registry(
    raw: msgspec.Raw,
    name: str,
    fields: type[schema.SourceFields | schema.ActorFields],
    record: type[schema.Source | schema.Actor],
    problems: rules.Problems,
) -> tuple[frozenset[str] | None, dict[str, Any]]:
    """Every id of a registry (None if it is no object) and each sound entry's record."""
    if (entries := _sound(raw, fields)) is not None:
        records = {key: record(id=key, **msgspec.structs.asdict(e)) for key, e in entries.items()}
        return frozenset(records), records
    value = _plain_json(bytes(raw), problems.origin)
    if not isinstance(value, dict):
        problems.add(f"top level: '{name}'", f"is {rules.a_json_type(value)}, expected an object")
        return None, {}
    for key in getattr(value, "repeated", ()):
        problems.add(f"{name}.{key}", rules.GIVEN_TWICE)
    sound: dict[str, Any] = {}
    for key, entry in value.items():
        if wrong := rules.text_problem("slug", key):
            problems.add(f"{name}.{key}", wrong)
        before, repeated = problems.count(), getattr(entry, "repeated", ())
        rules.explain(msgspec.json.encode(entry), fields, f"{name}.{key}", problems, repeated)
        if problems.count() == before:  # explain names whatever convert would refuse
            sound[key] = record(id=key, **msgspec.structs.asdict(msgspec.convert(entry, fields)))
    return frozenset(value), sound


def _sound(raw: msgspec.Raw, fields: type[msgspec.Struct]) -> dict[str, Any] | None:
    """A registry's entries if each has a slug id, decodes, has plain text and no key twice."""
    try:
        found = msgspec.json.decode(raw, type=dict[str, fields])  # type: ignore[valid-type]
        again = msgspec.json.encode(_keyed.decode(raw))  # a key given twice is not written again
    except _DECODE_ERRORS:
        return None
    once = msgspec.json.format(again, indent=0) == msgspec.json.format(raw, indent=0)
    plain = all(map(rules.is_slug, found)) and all(map(rules.plain_lines, found.values()))
    return found if once and plain else None


# --- plain JSON: keys given twice, and line and column of a syntax error ------------------


class _Object(dict[str, Any]):
    """A JSON object, and the keys given more than once in it (the last copy is kept)."""

    repeated: tuple[str, ...] = ()


class _TooLong(ValueError):
    """A number that Python cannot read as written: too many digits, or beyond a float."""


def _plain_json(raw: bytes, origin: str) -> Any:
    """The JSON as Python values (objects as _Object), or a DataError naming line and column."""
    if not raw.strip():
        raise DataError(origin, ["the file is empty; a data file is a JSON object"])
    try:
        text = raw.decode("utf-8")  # a byte-order mark is gone: _parse skips it
    except UnicodeDecodeError as error:
        why = f"{_line_column(raw, error.start)}: not UTF-8 text (byte {error.start})"
        raise DataError(origin, [why]) from None
    import json  # only here, for what msgspec does not tell: keys given twice, line and column

    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer, parse_float=_float)
    except json.JSONDecodeError as error:
        why = f"line {error.lineno}, column {error.colno}: invalid JSON: {error.msg}"
        raise DataError(origin, [why]) from None
    except _TooLong as error:
        raise DataError(origin, [f"invalid JSON: {error}"]) from None
    except RecursionError:
        raise DataError(origin, ["invalid JSON: nested too deeply"]) from None


def _line_column(raw: bytes, offset: int) -> str:
    """'line 3, column 5': where a byte of the file is, counting from 1."""
    line, start = raw.count(b"\n", 0, offset) + 1, raw.rfind(b"\n", 0, offset)
    return f"line {line}, column {offset - start}"


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    out = _Object(pairs)
    if len(out) != len(pairs):
        keys = [key for key, _ in pairs]
        out.repeated = tuple(key for i, key in enumerate(keys) if key in keys[:i])
    return out


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(f"a number of {len(digits)} digits; at most {MAX_DIGITS} are read")
    return int(digits)


def _float(digits: str) -> float:
    if abs(number := float(digits)) == float("inf"):  # read as infinity, written back as null
        raise _TooLong(f"{digits} is too large a number to read")
    return number


def _repeated_keys(document: Any, problems: rules.Problems) -> None:
    """Every key given twice at the top level and in the events, with its place."""
    if not isinstance(document, dict):
        return
    for key in getattr(document, "repeated", ()):
        problems.add(f"top level: '{key}'", rules.GIVEN_TWICE)
    events = document.get("events")
    for index, event in enumerate(events if isinstance(events, list) else ()):
        for key in getattr(event, "repeated", ()):
            problems.add(f"{rules.place(index, event.get('id'))}: {key}", rules.GIVEN_TWICE)

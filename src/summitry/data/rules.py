"""What is wrong with a record, field by field, and what the schema cannot say, in one pass.

Text kinds (`Meta(extra={"text": KIND})`): `slug`; `line` (no control, tab, line break or
bidirectional character); `paragraph`. None may be blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any, get_args, get_origin

import msgspec

from summitry.data.dates import Span, edtf, parse_edtf, parse_user_date
from summitry.data.schema import SLUG_RULE, Event
from summitry.data.suggest import did_you_mean, id_hint, kind_hint, suggest
from summitry.errors import DataError, DateError

MAX_PROBLEMS = 50
MAX_LINE = 400  # characters of a problem; a longer one keeps its first and last 200
GIVEN_TWICE = "given twice; only the last copy would be read"
SLUG_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-"
_FORBIDDEN = "[\t\n\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
_ID_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}(?=-|$)")
_EXPECTED = {"str": "a string", "array": "an array of strings", "bool": "true or false"}
_JSON_TYPES = ((bool, "a boolean"), (str, "a string"), ((int, float), "a number"),
               (list, "an array"), (dict, "an object"))  # fmt: skip


class Problems:
    """Collects problems, each with its place, up to a cap, and counts the ones past it."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.found: list[str] = []
        self.more = 0
        self.fields: dict[type[msgspec.Struct], dict[str, _Field]] = {}  # explain's, as built

    def add(self, where: str, what: str) -> None:
        """Record one problem at a place (`events[3] (id): date`)."""
        if len(self.found) < MAX_PROBLEMS:
            line = f"{where}: {what}"
            self.found.append(line if len(line) <= MAX_LINE else f"{line[:200]}…{line[-200:]}")
        else:
            self.more += 1

    def count(self) -> int:
        """How many problems have been found, shown or not."""
        return len(self.found) + self.more

    def full(self) -> bool:
        """Whether further problems are only counted."""
        return len(self.found) >= MAX_PROBLEMS

    def raise_if_any(self) -> None:
        """Raise one DataError with every problem found, if there is one."""
        if self.found:
            raise DataError(self.origin, self.found, self.more)


def _parts(annotation: Any) -> Iterator[Any]:
    """Everything inside a type annotation: types, literal values and Metas."""
    for part in get_args(annotation):
        yield part
        yield from _parts(part)


def _metas(annotation: Any) -> list[msgspec.Meta]:
    return [part for part in _parts(annotation) if isinstance(part, msgspec.Meta)]


class _Field(msgspec.Struct, frozen=True):
    """What explain needs of one field: decoder, required, text kind, several texts or one."""

    decoder: msgspec.json.Decoder[Any]
    required: bool
    text: str | None
    many: bool
    annotation: Any


def _spec(record: type[msgspec.Struct]) -> dict[str, _Field]:
    kinds = {
        field.name: str(meta.extra["text"])
        for field in msgspec.structs.fields(record)
        for meta in _metas(field.type)
        if meta.extra and "text" in meta.extra
    }
    return {
        field.encode_name: _Field(
            msgspec.json.Decoder(field.type),
            field.required,
            kinds.get(field.name),
            any(get_origin(part) is tuple for part in (field.type, *_parts(field.type))),
            field.type,
        )
        for field in msgspec.structs.fields(record)
    }


_AS_FIELDS = msgspec.json.Decoder(dict[str, msgspec.Raw])
_STRING = msgspec.json.Decoder(str)


def text_problem(kind: str, value: str) -> str | None:
    """What is wrong with one text of this kind, or None."""
    if kind == "slug":
        return None if is_slug(value) else f"an id is {SLUG_RULE}"
    if not value or value.isspace():
        return "is empty"
    bad = None if kind == "paragraph" or value.isprintable() else re.search(_FORBIDDEN, value)
    if bad is None:  # printable, or not printable yet allowed: a no-break space, say
        return None
    char = bad.group()
    if char == "\t":
        what = "a tab"
    elif char in "\n\r\u2028\u2029":
        what = "a line break"
    elif "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        what = "a bidirectional override"
    else:
        what = "a control character"
    return f"contains {what} (U+{ord(char):04X}) at character {bad.start() + 1}; data is plain text"


class Undecoded(msgspec.Struct, frozen=True):
    """An event's JSON text that did not decode; given_decode: msgspec found only missing fields."""

    raw: msgspec.Raw
    given_decode: bool


def explain(
    raw: bytes | msgspec.Raw,
    record: type[msgspec.Struct],
    where: str | int,
    problems: Problems,
    repeated: Iterable[str] = (),
    given_decode: bool = False,
) -> None:
    """Every problem of one entry or event (where: its index), given as JSON: unknown,
    repeated (as listed), missing and wrong fields, and text against its rule."""
    fields = problems.fields.get(record) or problems.fields.setdefault(record, _spec(record))
    if given_decode:  # every field given decodes: only missing ones and text rules are left
        plain = msgspec.json.decode(raw)
        if isinstance(where, int):  # past the cap, problems are only counted: no place needed
            where = "" if problems.full() else place(where, plain.get("id"))
        for name, field in fields.items():
            if name not in plain:
                if field.required:
                    problems.add(f"{where}: {name}", "missing")
            elif field.text and (found := _text_problem(field.text, field.many, plain[name])):
                problems.add(f"{where}: {name}", found)
        return
    try:
        value = _AS_FIELDS.decode(raw)
    except msgspec.ValidationError:
        where = place(where, None) if isinstance(where, int) else where
        problems.add(where, f"is {a_json_type(msgspec.json.decode(raw))}, expected an object")
        return
    if isinstance(where, int):
        where = place(where, _text(value.get("id")))
    for key in value if value.keys() - fields.keys() else ():
        if key not in fields:
            hint = did_you_mean(key, {name: name for name in fields}, 0.6)
            problems.add(f"{where}: {key}", f"unknown field{hint}")
    for key in repeated:
        problems.add(f"{where}: {key}", GIVEN_TWICE)
    for name, field in fields.items():
        given = value.get(name)
        if given is None:
            if field.required:
                problems.add(f"{where}: {name}", "missing")
            continue
        try:
            item = field.decoder.decode(given)
        except msgspec.ValidationError as error:
            plain = msgspec.json.decode(given)  # a fraction beyond a float raises: _parse names it
            wrong = "" if problems.full() else _wrong(str(error), plain, field.annotation)
            problems.add(f"{where}: {name}", wrong)
            continue
        if field.text and (found := _text_problem(field.text, field.many, item)):
            problems.add(f"{where}: {name}", found)


def _text_problem(kind: str, many: bool, item: Any) -> str | None:
    """What is wrong with a field's text, or with the first bad one of its texts (or None)."""
    if item is None or not many:
        return None if item is None else text_problem(kind, item)
    for number, text in enumerate(item, 1):
        if found := text_problem(kind, text):
            return f"item {number} {found}"
    return None


def _text(raw: msgspec.Raw | None) -> str | None:
    """A JSON string's text, or None for anything else."""
    try:
        return None if raw is None else _STRING.decode(raw)
    except msgspec.ValidationError:
        return None


def _wrong(message: str, value: Any, annotation: Any) -> str:
    """What msgspec found wrong with one field's value, in plain words."""
    message, _, item = message.partition(" - at `$[")
    if item:
        index = int(item.partition("]")[0])
        if not isinstance(value[index], str) or "of length >=" in message:
            return f"item {index + 1} is {a_json_type(value[index])}, expected a non-empty string"
        return f"item {index + 1} {_wrong(message, value[index], annotation)}"
    if message.startswith("Expected `str` of length <="):
        return f"is {len(value)} characters; at most {message.rsplit(' ', 1)[-1]}"
    if "of length >=" in message:
        return "is empty" + ("" if isinstance(value, str) else "; at least one is needed")
    what = next((meta.description for meta in _metas(annotation) if meta.description), "")
    if message.startswith("Expected `str` matching regex"):
        return f"'{value}' is not {what}"
    if message.startswith("Invalid enum value"):
        options = [part for part in _parts(annotation) if isinstance(part, str)]
        hint = did_you_mean(value, {option: option for option in options}, 0.6)
        hint = kind_hint(value) if what == "a kind" else hint
        return f"'{value}' is not {what} ({', '.join(options)}){hint}"
    if "date" in message:
        return "must be one day, YYYY-MM-DD"
    if "`" not in message:  # msgspec checks a number's size before its type
        return f"is {a_json_type(value)} ({message.lower()})"
    expected = message.split("`")[1].removesuffix(" | null")
    return f"is {a_json_type(value)}, expected {_EXPECTED.get(expected, expected)}"


def a_json_type(value: object) -> str:
    """'a number', 'an array', 'null': the JSON type of a value, with its article."""
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), "null")


def check_events(
    events: Sequence[Event | Undecoded],
    actors: frozenset[str],
    sources: frozenset[str],
    published: Mapping[str, date],
    problems: Problems,
) -> None:
    """Check every event in file order: one that did not decode against the schema, the others
    for text, id, references, date, note and status (published: each sound source's date)."""
    ids = [event.id for event in events if isinstance(event, Event)]
    repeats = _repeats(events) if len(set(ids)) < len(ids) else {}
    dated = cache(_dated)  # many events share a date
    for index, event in enumerate(events):
        if not isinstance(event, Event):
            explain(event.raw, Event, index, problems, given_decode=event.given_decode)
            continue
        ident = event.id
        if (
            not is_slug(ident)
            or not event.title.isprintable()
            or event.title.isspace()
            or event.summary.isspace()
            or (event.place is not None and not _plain_line(event.place))
            or (event.country is not None and not _plain_line(event.country))
            or (event.note is not None and event.note.isspace())
        ):
            explain(msgspec.json.encode(event), Event, place(index, ident), problems)
        if repeats and index in repeats:
            problems.add(f"{place(index, ident)}: id", f"duplicate of events[{repeats[index]}]")
        if event.approximate and event.note is None:
            why = "an approximate date needs a note saying how it was found"
            problems.add(f"{place(index, ident)}: note", why)
        refs = event.actors
        if not actors.issuperset(refs) or (len(refs) > 1 and len(set(refs)) != len(refs)):
            _references(refs, actors, f"{place(index, ident)}: actors", problems)
        refs = event.sources
        if not sources.issuperset(refs) or (len(refs) > 1 and len(set(refs)) != len(refs)):
            _references(refs, sources, f"{place(index, ident)}: sources", problems)
        span, prefix, after = dated(event.date)
        if isinstance(span, str):
            problems.add(f"{place(index, ident)}: date", span)
            continue
        # The known part of its date, a hyphen, no digit: an id that fits (else checked in full).
        fits = ident.startswith(prefix) and not ident[after : after + 1].isdigit()
        if not fits and (wrong := id_date_problem(ident, span)):
            problems.add(f"{place(index, ident)}: id", wrong)
        if event.status == "held":
            latest = published.get(event.sources[0])
            if latest is None or latest < span.start:
                _held(event, span.start, published, place(index, ident), problems)


def is_slug(text: str) -> bool:
    """Whether a text is an id: lower-case letters, digits and hyphens, not starting with one."""
    return bool(text) and not text.strip(SLUG_CHARACTERS) and text[0] != "-"


def _plain_line(text: str) -> bool:
    """Whether a line's text passes at a glance (else text_problem looks closer)."""
    return text.isprintable() and not text.isspace()


def plain_lines(record: msgspec.Struct) -> bool:
    """Whether each text of a record (a tuple's items too) is one printable, non-blank line."""
    texts = [t for v in msgspec.structs.astuple(record) for t in (v if type(v) is tuple else [v])]
    return all(_plain_line(text) for text in texts if isinstance(text, str))


def _repeats(events: Sequence[Event | Undecoded]) -> dict[int, int]:
    """The index of each event whose id an earlier event has, with the earliest's index."""
    first: dict[str, int] = {}
    found = ((i, first.setdefault(e.id, i)) for i, e in enumerate(events) if isinstance(e, Event))
    return {index: earliest for index, earliest in found if earliest != index}


def place(index: int, event_id: object) -> str:
    """Where an event is: `events[3] (its-id)`, or `events[3]` without a usable id."""
    return f"events[{index}] ({event_id})" if isinstance(event_id, str) else f"events[{index}]"


def _dated(text: str) -> tuple[Span | str, str, int]:
    """A date's span, its known part and a hyphen (`2018-06-`) with its length; or what is wrong."""
    try:
        span = parse_edtf(text)
    except DateError as error:
        wrong = str(error)
    else:
        known = edtf(span.start, span.known) + "-"
        return span, known, len(known)
    try:
        meant = parse_user_date(text)
    except DateError:
        return wrong, "", 0
    return wrong + suggest([edtf(meant.start, meant.precision)]), "", 0


def id_date_problem(event_id: str, span: Span) -> str | None:
    """What is wrong with the date an id starts with: finer than the event's date, or outside it."""
    found = _ID_DATE.match(event_id)
    if found is None:
        return None
    part = found.group()
    try:
        first = parse_edtf(part)
    except DateError as error:
        return f"it starts with a date that is not one: {error}"
    known = span.known
    fits = first.start <= span.end and first.end >= span.start
    if first.precision <= known and fits:
        return None
    better = edtf(span.start, known)
    why = "is more precise than" if fits else "falls outside"
    return f"its date '{part}' {why} the event's date; start it with '{better}' instead"


def _references(
    refs: tuple[str, ...], known: frozenset[str], where: str, problems: Problems
) -> None:
    """Every reference names a known id, once."""
    unknown = [ref for ref in refs if ref not in known]
    if unknown:
        hint = "" if problems.full() else id_hint(unknown[0], known)
        problems.add(where, f"unknown id '{unknown[0]}'{hint}")
    else:
        problems.add(where, "lists the same id twice")


def _held(
    event: Event, start: date, published: Mapping[str, date], where: str, problems: Problems
) -> None:
    """A held event needs a source published on or after its first day (a broken one aside)."""
    dates = [published[ref] for ref in event.sources if ref in published]
    if len(dates) == len(event.sources) and start > (last := max(dates)):
        problems.add(
            f"{where}: status",
            f"'held', but every source was published before {start.isoformat()} "
            f"(the latest on {last.isoformat()}): an event that its sources report only "
            "as upcoming is 'planned'",
        )

"""What is wrong with a record, field by field, and what the schema cannot say (text rules,
unique ids, references, dates, statuses), checked in one pass.

Text kinds (`Meta(extra={"text": KIND})`): `slug` (lower-case letters, digits, hyphens);
`line` (not blank; no control, tab, line break or bidirectional character); `paragraph`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, get_args

import msgspec

from summitry.data.dates import Span, edtf, parse_edtf, parse_user_date
from summitry.data.schema import SLUG_RULE, ActorFields, Event, SourceFields
from summitry.data.suggest import did_you_mean, id_hint, kind_hint, suggest
from summitry.errors import DataError, DateError

MAX_PROBLEMS = 50
GIVEN_TWICE = "given twice; only the last copy would be read"
SLUG_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-"
_FORBIDDEN = re.compile("[\t\n\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_ID_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}(?=-|$)")
_EXPECTED = {"str": "a string", "array": "an array of strings", "bool": "true or false"}
_JSON_TYPES = (
    (bool, "a boolean"),
    (str, "a string"),
    ((int, float), "a number"),
    (list, "an array"),
    (dict, "an object"),
)


class Problems:
    """Collects problems, each with its place, up to a cap, and counts the ones past it."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.found: list[str] = []
        self.more = 0

    def add(self, where: str, what: str) -> None:
        """Record one problem at a place (`events[3] (id): date`)."""
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(f"{where}: {what}")
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


FIELDS: dict[type[msgspec.Struct], dict[str, msgspec.structs.FieldInfo]] = {
    record: {field.encode_name: field for field in msgspec.structs.fields(record)}
    for record in (SourceFields, ActorFields, Event)
}
# Each field's own decoder: a value is checked against its field by encoding it and
# decoding it again, which, unlike msgspec.convert, does not hash the field's type each time.
DECODERS: dict[type[msgspec.Struct], dict[str, msgspec.json.Decoder[Any]]] = {
    record: {name: msgspec.json.Decoder(field.type) for name, field in fields.items()}
    for record, fields in FIELDS.items()
}
TEXT_KINDS: dict[type[msgspec.Struct], dict[str, str]] = {
    record: {
        name: str(meta.extra["text"])
        for name, field in fields.items()
        for meta in _metas(field.type)
        if meta.extra and "text" in meta.extra
    }
    for record, fields in FIELDS.items()
}


def text_problem(kind: str, value: str) -> str | None:
    """What is wrong with one text of this kind, or None."""
    if kind == "slug":
        fits = value[:1] != "-" and not value.strip(SLUG_CHARACTERS)
        return None if fits else f"an id is {SLUG_RULE}"
    if not value or value.isspace():
        return "is empty"
    bad = None if kind == "paragraph" or value.isprintable() else _FORBIDDEN.search(value)
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


def explain(value: object, record: type[msgspec.Struct], where: str, problems: Problems) -> None:
    """Every problem of one entry or event (plain JSON values): unknown, repeated, missing
    and wrong fields, and text against its rule."""
    if not isinstance(value, dict):
        problems.add(where, f"is {a_json_type(value)}, expected an object")
        return
    fields, decoders = FIELDS[record], DECODERS[record]
    for key in value:
        if key not in fields:
            hint = did_you_mean(key, {name: name for name in fields}, 0.6)
            problems.add(f"{where}: {key}", f"unknown field{hint}")
    for key in getattr(value, "repeated", ()):
        problems.add(f"{where}: {key}", GIVEN_TWICE)
    for name, field in fields.items():
        if name not in value:
            if field.required:
                problems.add(f"{where}: {name}", "missing")
            continue
        try:
            item = decoders[name].decode(msgspec.json.encode(value[name]))
        except msgspec.ValidationError as error:
            wrong = "" if problems.full() else _wrong(str(error), value[name], field.type)
            problems.add(f"{where}: {name}", wrong)
            continue
        kind = TEXT_KINDS[record].get(name)
        for number, text in enumerate(item if isinstance(item, tuple) else (item,), 1):
            found = text_problem(kind, text) if kind and text is not None else None
            if found:
                prefix = f"item {number} " if isinstance(item, tuple) else ""
                problems.add(f"{where}: {name}", prefix + found)
                break


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
    expected = message.split("`")[1].removesuffix(" | null")
    return f"is {a_json_type(value)}, expected {_EXPECTED.get(expected, expected)}"


def a_json_type(value: object) -> str:
    """'a number', 'an array', 'null': the JSON type of a value, with its article."""
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), "null")


def check_events(
    events: Iterable[tuple[int, Event]],
    actors: frozenset[str],
    sources: frozenset[str],
    published: Mapping[str, date],
    problems: Problems,
) -> None:
    """Check each (index, event) in one pass: text, id, references, date, note and status;
    published holds the date of each sound source (a broken one is reported where it is)."""
    seen: dict[str, int] = {}
    dated: dict[tuple[str, str], tuple[Span | str, str | None]] = {}
    match_id_date = _ID_DATE.match
    slug = SLUG_CHARACTERS
    for index, event in events:
        if (
            event.id.strip(slug)
            or event.id[:1] == "-"
            or not event.title.isprintable()
            or event.title.isspace()
            or event.summary.isspace()
            or (event.place is not None and not _plain_line(event.place))
            or (event.country is not None and not _plain_line(event.country))
            or (event.note is not None and event.note.isspace())
        ):
            explain(msgspec.structs.asdict(event), Event, place(index, event.id), problems)
        first = seen.setdefault(event.id, index)
        if first != index:
            problems.add(f"{place(index, event.id)}: id", f"duplicate of events[{first}]")
        if event.approximate and event.note is None:
            problems.add(
                f"{place(index, event.id)}: note",
                "an approximate date needs a note saying how it was found",
            )
        refs = event.actors
        if not actors.issuperset(refs) or (len(refs) > 1 and len(set(refs)) != len(refs)):
            _references(refs, actors, f"{place(index, event.id)}: actors", problems)
        refs = event.sources
        if not sources.issuperset(refs) or (len(refs) > 1 and len(set(refs)) != len(refs)):
            _references(refs, sources, f"{place(index, event.id)}: sources", problems)
        found = match_id_date(event.id)
        key = (found.group() if found else "", event.date)
        known = dated.get(key)
        if known is None:
            known = dated[key] = _dated(event.id, event.date)
        span, wrong_id = known
        if isinstance(span, str):
            problems.add(f"{place(index, event.id)}: date", span)
            continue
        if wrong_id:
            problems.add(f"{place(index, event.id)}: id", wrong_id)
        if event.status == "held":
            latest = published.get(event.sources[0])
            if latest is None or latest < span.start:
                _held(event, span.start, published, place(index, event.id), problems)


def place(index: int, event_id: object) -> str:
    """Where an event is: `events[3] (its-id)`, or `events[3]` without a usable id."""
    return f"events[{index}] ({event_id})" if isinstance(event_id, str) else f"events[{index}]"


def _plain_line(text: str) -> bool:
    """Whether a line's text passes at a glance (else text_problem looks closer)."""
    return text.isprintable() and not text.isspace()


def _dated(event_id: str, text: str) -> tuple[Span | str, str | None]:
    """The span of a date text, or what is wrong with it (with the date perhaps meant); and
    what is wrong with the date the id starts with."""
    try:
        span = parse_edtf(text)
    except DateError as error:
        wrong = str(error)
    else:
        return span, id_date_problem(event_id, span)
    try:
        meant = parse_user_date(text)
    except DateError:
        return wrong, None
    return wrong + suggest([edtf(meant.start, meant.precision)]), None


def id_date_problem(event_id: str, span: Span) -> str | None:
    """What is wrong with the date an id starts with, if it does: it may be no more precise
    than the event's date (a window's day is not known), and must fall inside it."""
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
    """A held event needs a source published on or after its first day."""
    dates = [published.get(ref) for ref in event.sources]
    if None in dates:
        return  # an unknown or broken source, reported where it is
    last = max(day for day in dates if day is not None)
    if start > last:
        problems.add(
            f"{where}: status",
            f"'held', but every source was published before {start.isoformat()} "
            f"(the latest on {last.isoformat()}): an event that its sources report only "
            "as upcoming is 'planned'",
        )

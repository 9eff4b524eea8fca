"""What the schema cannot say, checked in one pass after decoding: text rules, unique ids,
references, dates and statuses. Problems are collected with their place, up to MAX_PROBLEMS.

A field marked `Meta(extra={"text": KIND})` in the schema holds text of that kind: `slug`
(lower-case letters, digits, hyphens); `line` (not blank; no control character, tab, line
break, bidirectional override or isolate, line or paragraph separator); `paragraph` (not
blank; any character, shown escaped by every output).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Any, NamedTuple, get_args, get_origin

import msgspec

from summitry.data.dates import Span, edtf, parse_edtf, parse_user_date
from summitry.data.schema import SLUG_RULE, ActorFields, Event, SourceFields
from summitry.data.suggest import id_hint, suggest
from summitry.errors import DataError, DateError

MAX_PROBLEMS = 50

SLUG_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(f"[\t\n{_CONTROLS}\u2028\u2029]")


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


class TextRule(NamedTuple):
    """A text field of a record: its name, its kind of text, and whether it holds a list."""

    name: str
    kind: str
    many: bool


def _marker(annotation: Any, many: bool = False) -> TextRule | None:
    """The text kind of an annotation, through Annotated, Optional and tuple[X, ...]."""
    for meta in get_args(annotation)[1:] if get_origin(annotation) is Annotated else ():
        if isinstance(meta, msgspec.Meta) and meta.extra and "text" in meta.extra:
            return TextRule("", str(meta.extra["text"]), many)
    tuple_ = get_origin(annotation) is tuple
    inner = get_args(annotation)[:1] if tuple_ or get_origin(annotation) is Annotated else None
    found = (_marker(arg, many or tuple_) for arg in inner or get_args(annotation))
    return next(filter(None, found), None)


TEXT_RULES: Mapping[type[msgspec.Struct], tuple[TextRule, ...]] = {
    record: tuple(
        rule._replace(name=field.encode_name)
        for field in msgspec.structs.fields(record)
        if (rule := _marker(field.type))
    )
    for record in (SourceFields, ActorFields, Event)
}


def text_problem(kind: str, value: str) -> str | None:
    """What is wrong with one text of this kind, or None."""
    if kind == "slug":
        return None if not value.strip(SLUG_CHARACTERS) else f"an id is {SLUG_RULE}"
    if not value or value.isspace():
        return "is empty"
    if kind == "paragraph" or value.isprintable():
        return None
    bad = _FORBIDDEN.search(value)
    if bad is None:  # not printable, yet allowed: a no-break space, say
        return None
    char = bad.group()
    return (
        f"contains {describe_character(char)} (U+{ord(char):04X}) at character "
        f"{bad.start() + 1}; data is plain text"
    )


def field_text_problem(rule: TextRule, value: Any) -> str | None:
    """What is wrong with the text of one field (each item, for a list), or None."""
    if value is None:
        return None
    if rule.many:
        for index, item in enumerate(value):
            found = text_problem(rule.kind, item)
            if found:
                return f"item {index + 1} {found}"
        return None
    return text_problem(rule.kind, value)


def describe_character(char: str) -> str:
    """A control character in words, for messages."""
    if char == "\t":
        return "a tab"
    if char in "\n\r\u2028\u2029":
        return "a line break"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "a bidirectional override"
    return "a control character"


def check_text(
    record: msgspec.Struct, rules: tuple[TextRule, ...], where: str, problems: Problems
) -> None:
    """Each text field of a record against its rule."""
    for rule in rules:
        found = field_text_problem(rule, getattr(record, rule.name))
        if found:
            problems.add(f"{where}: {rule.name}", found)


def check_events(
    events: Iterable[tuple[int, Event]],
    actors: frozenset[str],
    sources: frozenset[str],
    published: Mapping[str, date],
    problems: Problems,
) -> None:
    """Check, in one pass, each event's text, id, references, date, note and status.

    events are (index in the file, event). actors and sources are every id of the
    registries (a source whose own entry is broken is reported there, not where it is
    cited); published holds the date of each sound source.
    """
    seen: dict[str, int] = {}
    spans: dict[str, Span | str] = {}
    id_dates: dict[tuple[str, str], str | None] = {}
    for index, event in events:
        if (
            event.id.strip(SLUG_CHARACTERS)
            or not event.title.isprintable()
            or event.title.isspace()
            or event.summary.isspace()
            or (event.place is not None and not _plain_line(event.place))
            or (event.country is not None and not _plain_line(event.country))
            or (event.note is not None and event.note.isspace())
        ):
            check_text(event, TEXT_RULES[Event], _at(index, event), problems)
        first = seen.setdefault(event.id, index)
        if first != index:
            problems.add(f"{_at(index, event)}: id", f"duplicate of events[{first}]")
        if event.approximate and event.note is None:
            problems.add(
                f"{_at(index, event)}: note",
                "an approximate date needs a note saying how it was found",
            )
        refs = event.actors
        if not actors.issuperset(refs) or (len(refs) > 1 and len(set(refs)) != len(refs)):
            _references(refs, actors, f"{_at(index, event)}: actors", problems)
        refs = event.sources
        if not sources.issuperset(refs) or (len(refs) > 1 and len(set(refs)) != len(refs)):
            _references(refs, sources, f"{_at(index, event)}: sources", problems)
        span = spans.get(event.date)
        if span is None:
            span = spans[event.date] = _span(event.date)
        if isinstance(span, str):
            hint = "" if problems.full() else _date_hint(event.date)
            problems.add(f"{_at(index, event)}: date", span + hint)
            continue
        found = _ID_DATE.match(event.id)
        key = (found.group() if found else "", event.date)
        if key not in id_dates:
            id_dates[key] = id_date_problem(event.id, span)
        if id_dates[key]:
            problems.add(f"{_at(index, event)}: id", id_dates[key])  # type: ignore[arg-type]
        if event.status == "held":
            latest = published.get(event.sources[0])
            if latest is None or latest < span.start:
                _held(event, span.start, published, _at(index, event), problems)


def _at(index: int, event: Event) -> str:
    """Where an event is: `events[3] (its-id)`."""
    return f"events[{index}] ({event.id})"


def _plain_line(text: str) -> bool:
    """Whether a line's text passes at a glance (else text_problem looks closer)."""
    return text.isprintable() and not text.isspace()


def _span(text: str) -> Span | str:
    """The span of a date text, or what is wrong with it."""
    try:
        return parse_edtf(text)
    except DateError as error:
        return str(error)


def _date_hint(text: str) -> str:
    """'; did you mean 2019-06-30?' for a date a person would read ('30 June 2019'), or ''."""
    try:
        span = parse_user_date(text)
    except DateError:
        return ""
    return suggest([edtf(span.start, span.precision)])


_ID_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}(?=-)")


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

"""The rules for text in a data file, checked in bulk after decoding.

A field of the schema (model.py) marked `Meta(extra={"text": KIND})` holds text of that
kind:

- `slug`: an id, lower-case letters, digits and hyphens;
- `line`: one line of text (names, titles, places): not blank, and no control character,
  no tab or line break, no bidirectional override or isolate, no line or paragraph
  separator;
- `paragraph` (summaries and notes): not blank; any character is allowed.

Control characters (C0, DEL, C1) can rewrite a terminal (clear the screen, set the window
title, make links), and bidirectional overrides make text read differently from what it
holds. In lines, which name and place things, the loader refuses them with the field and the
position. Paragraphs are most of a file's text, and checking each of their characters
would cost a file of 10^6 events about a second, so there they are let through and every
output shows them escaped (render/safe.py), as it does anything that gets through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import chain
from typing import Annotated, Any, NamedTuple, get_args, get_origin

import msgspec

from summitry.data.schema import SLUG_RULE

_SLUGS = re.compile(r"[a-z0-9-]*")
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = f"[\t\n{_CONTROLS}\u2028\u2029]"  # only for a value that fails: compiled then


class FieldRule(NamedTuple):
    """A text field of a record: its name, kind of text, whether it holds a list, and
    whether it may be left out (None)."""

    name: str
    kind: str
    many: bool
    optional: bool


@cache
def text_rules(record: type[msgspec.Struct]) -> tuple[FieldRule, ...]:
    """The rules of a record's text fields, read from the schema's `extra` markers."""
    rules = []
    for field in msgspec.structs.fields(record):
        kind, many = _marker(field.type)
        if kind:
            rules.append(FieldRule(field.encode_name, kind, many, field.default is None))
    return tuple(rules)


def _marker(annotation: Any) -> tuple[str | None, bool]:
    """The text kind of an annotation (through Optional and tuple[X, ...]), and whether
    it is a tuple of them."""
    if get_origin(annotation) is Annotated:
        base, *metas = get_args(annotation)
        for meta in metas:
            if isinstance(meta, msgspec.Meta) and meta.extra and "text" in meta.extra:
                return str(meta.extra["text"]), False
        return _marker(base)
    if get_origin(annotation) is tuple:
        kind, _ = _marker(get_args(annotation)[0])
        return kind, True
    for arg in get_args(annotation):  # X | None
        if arg is not type(None):
            kind, many = _marker(arg)
            if kind:
                return kind, many
    return None, False


def values_pass(rule: FieldRule, values: Iterable[Any]) -> bool:
    """Whether every value of a field obeys its rule, checked in bulk (in C, mostly).

    May answer False for values that pass (a no-break space is not printable, yet
    allowed): False means "look at each one", which text_problem does exactly.
    """
    present: Iterable[str] = filter(None, values) if rule.optional else values
    if rule.many:
        present = chain.from_iterable(present)
    if rule.kind == "slug":
        return _SLUGS.fullmatch("-".join(present)) is not None
    if rule.kind == "paragraph":
        return not any(map(str.isspace, present))
    present = list(present)
    if any(map(str.isspace, present)):
        return False
    # One call over the values joined costs less than a call for each (names are short).
    return " ".join(present).isprintable()


def text_problem(rule: FieldRule, value: Any) -> str | None:
    """What is wrong with one value of the field, or None."""
    if value is None:
        return None
    if rule.many:
        for index, item in enumerate(value):
            found = _one(rule.kind, item)
            if found:
                return f"item {index + 1} {found}"
        return None
    return _one(rule.kind, value)


def _one(kind: str, value: str) -> str | None:
    if kind == "slug":
        return None if _SLUGS.fullmatch(value) else f"an id is {SLUG_RULE}"
    if not value or value.isspace():
        return "is empty"
    if kind == "paragraph":
        return None
    bad = re.search(_FORBIDDEN, value)
    if bad is None:
        return None
    char = bad.group()
    name = describe_character(char)
    return f"contains {name} (U+{ord(char):04X}) at character {bad.start() + 1}; data is plain text"


def describe_character(char: str) -> str:
    """A control character in words, for messages."""
    if char == "\t":
        return "a tab"
    if char in "\n\r\u2028\u2029":
        return "a line break"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "a bidirectional override"
    return "a control character"

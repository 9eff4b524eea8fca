"""Read a data file (or the bundled one), check it against the schema, and build a Dataset.

The file format is declared once, as the msgspec records of `model.py`, and msgspec decodes
and validates a file against them: in one step, or for a large file in two (its outline and
registries, then its events with their references limited to the registries' ids).
`checks.py` then checks, in one pass, what spans records (ids, references, dates,
statuses) and the text rules. A file that fails either step is read again the slow way
(`problems.py`), entry by entry, so that every problem is listed (up to MAX_PROBLEMS),
each naming the file and the place. `reading.py` gets the file's bytes.
"""

from __future__ import annotations

import functools
import gc
import mmap
import os
from typing import Annotated, Any, Literal, get_args

import msgspec
from msgspec.structs import asdict

from summitry.data.read import bundled_bytes, open_bytes, read_bytes
from summitry.data.rules import MAX_PROBLEMS, Problems, check_records
from summitry.data.schema import Actor, ActorFields, Dataset, Event, Slug, Source, SourceFields
from summitry.errors import DataError

__all__ = ["MAX_PROBLEMS", "DataError", "Problems", "load", "parse", "read_bytes"]


class _Outline(msgspec.Struct, forbid_unknown_fields=True):
    """The top level of a data file, each part kept as JSON text: the (small) registries,
    to be checked for keys given twice before they are decoded, and the events, decoded
    once the registries' ids are known."""

    sources: msgspec.Raw
    actors: msgspec.Raw
    events: msgspec.Raw


class _Document(msgspec.Struct, forbid_unknown_fields=True):
    """The top level of a data file with its events decoded (every copy of them, where
    the key is given twice, so that none goes unchecked)."""

    sources: msgspec.Raw
    actors: msgspec.Raw
    events: list[Event]


_outline = msgspec.json.Decoder(_Outline)
_document = msgspec.json.Decoder(_Document)
_sources = msgspec.json.Decoder(dict[Slug, SourceFields])
_actors = msgspec.json.Decoder(dict[Slug, ActorFields])
_entries = msgspec.json.Decoder(dict[str, msgspec.Raw])
_BLANKS = b" \t\r\n"

# In a file of at least LITERALS_FROM bytes with up to MAX_LITERAL_IDS ids in its
# registries, the events' references are decoded as Literals of them. Making the type
# costs about 5 microseconds an id, and a millisecond or two in all: more than it saves
# in a small file such as the bundled one.
LITERALS_FROM = 1 << 20
MAX_LITERAL_IDS = 10_000


def load(path: str | os.PathLike[str] | None = None, *, thorough: bool = False) -> Dataset:
    """Load and check a data file, or the bundled data when path is None.

    thorough (for `summitry validate`) also reads the whole file the slow way, which finds
    what the fast decoder lets pass: a key given twice in one object (msgspec keeps the
    last copy; the registries of sources and actors are checked for it on every load).
    """
    if path is None:
        raw, origin = bundled_bytes()
        return parse(raw, origin, thorough=thorough)
    data, origin = open_bytes(path), os.fspath(path)
    if isinstance(data, mmap.mmap):
        with data:
            return parse(data, origin, thorough=thorough)
    return parse(data, origin, thorough=thorough)


def parse(raw: bytes | mmap.mmap, origin: str, *, thorough: bool = False) -> Dataset:
    """Check the bytes of a data file and build the Dataset, or raise one DataError.

    The cyclic garbage collector is paused while loading: decoding creates millions of
    objects and no reference cycles, and the collector would walk them again and again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        if not thorough:
            try:
                return _fast(raw, origin)
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                pass  # read it again the slow way, for the messages
        from summitry.data import problems

        return problems.check(raw[:], origin)
    finally:
        if was_enabled:
            gc.enable()


def _fast(raw: bytes | mmap.mmap, origin: str) -> Dataset:
    """The Dataset from a file that decodes against the schema, or a DataError.

    Raises msgspec's errors for a file that does not decode, which the slow reading
    explains; problems found after decoding are raised here, all of them.
    """
    # A small file is decoded in one go; a large one's outline first, then its events with
    # the references limited to the registries' ids (see _document_with).
    head = _document.decode(raw) if len(raw) < LITERALS_FROM else _outline.decode(raw)
    if _duplicate_keys(head.sources) or _duplicate_keys(head.actors):
        raise msgspec.ValidationError("a key given twice")
    source_fields = _sources.decode(head.sources)
    actor_fields = _actors.decode(head.actors)
    if isinstance(head, _Document):
        events = head.events
    else:
        del head
        events = _events(raw, tuple(actor_fields), tuple(source_fields))
    sources = {key: Source(id=key, **asdict(value)) for key, value in source_fields.items()}
    actors = {key: Actor(id=key, **asdict(value)) for key, value in actor_fields.items()}
    problems = Problems(origin)
    check_records(sources, actors, events, problems)
    problems.raise_if_any()
    return Dataset(events=tuple(events), actors=actors, sources=sources, origin=origin)


def _events(
    raw: bytes | mmap.mmap, actors: tuple[str, ...], sources: tuple[str, ...]
) -> list[Event]:
    """A large file's events, their references decoded as Literals of these ids where there
    are some, and not too many; any that is not one of them is decoded again as plain
    text, for the checks to name it with every other problem."""
    if actors and sources and len(actors) + len(sources) <= MAX_LITERAL_IDS:
        try:
            return _document_with(actors, sources).decode(raw).events
        except msgspec.ValidationError:
            pass  # maybe a reference to an unknown id: decoded as text below
    return _document.decode(raw).events


@functools.lru_cache(maxsize=4)
def _document_with(
    actors: tuple[str, ...], sources: tuple[str, ...]
) -> msgspec.json.Decoder[_Document]:
    """A decoder of a file whose events' references are limited to its own actors and
    sources (as Literals). msgspec then refuses an unknown one as it decodes, and every
    reference is the one string of its id, shared by all the events that name it, rather
    than a string of its own in each event: about 15% less peak memory for a large file,
    and sets of references that are quick to hash.

    The events are of FileEvent, a subclass of Event made for these ids that adds nothing
    else. (Where a registry is empty or there are more than MAX_LITERAL_IDS ids, the
    plain decoder is used, of Event itself.)
    """
    event_type = msgspec.defstruct(
        "FileEvent",
        [("actors", _limited("actors", actors)), ("sources", _limited("sources", sources))],
        bases=(Event,),
        module=__name__,
        frozen=True,
        kw_only=True,
        gc=False,
        forbid_unknown_fields=True,
    )
    document = msgspec.defstruct(
        "Document",
        [("events", list[event_type])],  # type: ignore[valid-type]
        bases=(_Document,),
        module=__name__,
        forbid_unknown_fields=True,
    )
    return msgspec.json.Decoder(document)


def _limited(name: str, ids: tuple[str, ...]) -> Any:
    """The type of an Event field that lists references (a tuple, with its constraints),
    with each item one of ids."""
    (field,) = (field for field in msgspec.structs.fields(Event) if field.name == name)
    _, *constraints = get_args(field.type)
    return Annotated[(tuple[Literal[ids], ...], *constraints)]  # type: ignore[valid-type]


def _duplicate_keys(raw: msgspec.Raw) -> bool:
    """Whether an object in this (small) part of the file, or in one of its entries, gives a
    key twice.

    Decoded as a dict, a key given twice keeps only its last entry, so the text of the
    entries kept then falls short of the text of the object. Counted without white space,
    an object is exactly its kept keys and values, its braces, a colon for each entry and a
    comma between each two; anything else left over (a key whose escapes are written
    differently, or a key given twice) is looked at with the json module's pairs.
    """
    text = bytes(raw).translate(None, _BLANKS)
    if not text.startswith(b"{"):
        return False  # not an object: an array of aliases, a string (or the typed decoding says)
    try:
        entries = _entries.decode(raw)
    except msgspec.ValidationError:
        return False
    expected = 2 + max(2 * len(entries) - 1, 0)
    expected += sum(len(bytes(value).translate(None, _BLANKS)) for value in entries.values())
    expected += sum(len(msgspec.json.encode(key).translate(None, _BLANKS)) for key in entries)
    if len(text) != expected:
        return _duplicate_pairs(raw)
    return any(map(_duplicate_keys, entries.values()))


def _duplicate_pairs(raw: msgspec.Raw) -> bool:
    """Whether an object in this part of the file gives a key twice, read with json."""
    import json

    found = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in items}) != len(items):
            found.append(True)
        return dict(items)

    try:
        json.loads(bytes(raw), object_pairs_hook=pairs)
    except ValueError:
        return True
    return bool(found)

"""The frozen, slotted records that summitry's data is made of."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date


class Precision(enum.IntEnum):
    """How much of a date is known; a larger value is finer."""

    YEAR = 1
    MONTH = 2
    DAY = 3

    @property
    def label(self) -> str:
        """The lower-case name used in data files and output: year, month or day."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A closed range of days, and how precisely it is known.

    `2018-02` is the span 2018-02-01..2018-02-28 at month precision; an interval such as
    `2019-02-27/2019-02-28` takes the coarser precision of its two ends.
    """

    start: date
    end: date
    precision: Precision

    def overlaps(self, start: date, end: date) -> bool:
        """Whether any day of this span falls in start..end (both inclusive)."""
        return self.start <= end and start <= self.end


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, state or organization that takes part in events."""

    id: str
    name: str
    aliases: tuple[str, ...]
    role: str
    country: str | None
    type: str


@dataclass(frozen=True, slots=True)
class Source:
    """A published article that reports events."""

    id: str
    publisher: str
    title: str
    published: date
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event, with the actors who took part and the articles that report it."""

    id: str
    date: str
    span: Span
    title: str
    summary: str
    kind: str
    actors: tuple[str, ...]
    sources: tuple[str, ...]
    place: str | None = None
    country: str | None = None
    approximate: bool = False
    note: str | None = None
    status: str = "held"


def _trusted_event_constructor() -> Callable[..., Event]:
    # A frozen dataclass's __init__ sets each field through object.__setattr__, which costs
    # about three times as much as the object itself; a loader building 10^6 events of
    # checked values sets the slots directly instead. Same fields, same order, same object.
    new = object.__new__
    setters = [getattr(Event, name).__set__ for name in Event.__slots__]
    assert len(setters) == 13, "update trusted_event for Event's fields"
    (s_id, s_date, s_span, s_title, s_summary, s_kind, s_actors, s_sources) = setters[:8]
    (s_place, s_country, s_approximate, s_note, s_status) = setters[8:]

    def trusted_event(
        id: str,
        date: str,
        span: Span,
        title: str,
        summary: str,
        kind: str,
        actors: tuple[str, ...],
        sources: tuple[str, ...],
        place: str | None,
        country: str | None,
        approximate: bool,
        note: str | None,
        status: str,
    ) -> Event:
        """An Event from values already checked, built without the dataclass __init__."""
        event = new(Event)
        s_id(event, id)
        s_date(event, date)
        s_span(event, span)
        s_title(event, title)
        s_summary(event, summary)
        s_kind(event, kind)
        s_actors(event, actors)
        s_sources(event, sources)
        s_place(event, place)
        s_country(event, country)
        s_approximate(event, approximate)
        s_note(event, note)
        s_status(event, status)
        return event

    return trusted_event


trusted_event = _trusted_event_constructor()


@dataclass(frozen=True, slots=True)
class Dataset:
    """Events in chronological order (start, then end, then id), with their registries."""

    events: tuple[Event, ...]
    actors: Mapping[str, Actor]
    sources: Mapping[str, Source]
    origin: str


ACTOR_TYPES = ("person", "state", "organization")

# held: a source published on or after its first day reports it as having happened;
# planned: reported only as upcoming; cancelled: called off (for users' own data).
STATUSES = ("held", "planned", "cancelled")

KINDS: Mapping[str, str] = {
    "summit": "A meeting of two or more heads of state or government, such as each of "
    "Kim Jong Un's meetings with Xi, Moon, Trump and Putin, or a leaders' summit of a bloc.",
    "meeting": "A meeting in person where at most one side is a head of state or "
    "government: a leader receiving an envoy or a minister, or a dinner between officials.",
    "talks": "Negotiations between officials or delegations, below the level of leaders.",
    "visit": "A trip by a delegation or official whose purpose is the journey itself "
    "rather than one meeting: attending the Olympics, preparing a summit in the other capital.",
    "statement": "Something said in public by an official, a spokesperson or a government: "
    "a press briefing, a published statement, a tweet.",
    "speech": "A set-piece address by a leader, such as a New Year speech.",
    "announcement": "A decision made public: a summit accepted, dated or cancelled, a "
    "moratorium declared, a visit announced.",
    "weapons-test": "A missile launch or a nuclear test.",
    "conference": "A multilateral gathering of ministers or officials, such as a defence forum.",
    "release": "The freeing or handing over of detained people.",
}

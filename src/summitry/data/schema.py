"""The records summitry's data is made of: the one definition of the data file's format."""

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Literal, get_args

from msgspec import Meta, Struct, field

from summitry.data.dates import Span, parse_edtf

KindName = Literal[
    "summit", "meeting", "talks", "visit", "statement", "speech", "announcement",
    "weapons-test", "conference", "release",
]  # fmt: skip
ActorTypeName = Literal["person", "state", "organization"]
# held: a source published on or after its first day reports it as having happened;
# planned: reported only as upcoming; cancelled: called off (for users' own data).
StatusName = Literal["held", "planned", "cancelled"]

ACTOR_TYPES: tuple[str, ...] = get_args(ActorTypeName)
STATUSES: tuple[str, ...] = get_args(StatusName)
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
assert tuple(KINDS) == get_args(KindName), "KINDS and KindName must list the same kinds"


# extra={"text": KIND} marks text that rules.py checks after decoding.
SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"
SLUG_RULE = "lower-case letters, digits and hyphens, starting with a letter or digit"
Slug = Annotated[str, Meta(pattern=SLUG_PATTERN, max_length=200, description=SLUG_RULE)]
Id = Annotated[
    str,
    Meta(min_length=1, max_length=200, extra={"text": "slug"},
         extra_json_schema={"pattern": SLUG_PATTERN, "description": SLUG_RULE}),
]  # fmt: skip
Ref = Annotated[str, Meta(min_length=1, max_length=200)]
EdtfDate = Annotated[
    str,
    Meta(min_length=1, max_length=50,
         extra_json_schema={"description": "YYYY, YYYY-MM or YYYY-MM-DD; A/B; [A..B]"}),
]  # fmt: skip
Line = Annotated[str, Meta(min_length=1, max_length=300, extra={"text": "line"})]
Title = Annotated[str, Meta(min_length=1, max_length=80, extra={"text": "line"})]
Paragraph = Annotated[str, Meta(min_length=1, max_length=2000, extra={"text": "paragraph"})]
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$"
Url = Annotated[
    str,
    Meta(
        pattern=URL_PATTERN,
        max_length=2000,
        description="an http or https URL",
        extra={"text": "line"},
    ),
]
Kind = Annotated[KindName, Meta(description="a kind")]
ActorType = Annotated[ActorTypeName, Meta(description="an actor type")]
Status = Annotated[StatusName, Meta(description="a status")]


class SourceFields(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, gc=False):
    """A source as the data file gives it, under its id."""

    publisher: Line
    title: Line
    published: date
    author: Line | None = None
    url: Url | None = None


class Source(SourceFields, frozen=True, kw_only=True, gc=False):
    """A published article that reports events."""

    id: str


class ActorFields(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, gc=False):
    """An actor as the data file gives it, under its id."""

    name: Line
    role: Line
    type: ActorType
    aliases: tuple[Line, ...] = ()
    outside_names: tuple[Line, ...] = ()  # from outside the sources: for search, never shown
    country: Line | None = None


class Actor(ActorFields, frozen=True, kw_only=True, gc=False):
    """A person, state or organization that takes part in events."""

    id: str


class Event(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, gc=False):
    """One dated event, with the actors who took part and the articles that report it."""

    id: Id
    date: EdtfDate
    title: Title
    summary: Paragraph
    kind: Kind
    actors: Annotated[tuple[Ref, ...], Meta(min_length=1)]
    sources: Annotated[tuple[Ref, ...], Meta(min_length=1)]
    status: Status
    place: Line | None = None
    country: Line | None = None
    approximate: bool = False
    note: Paragraph | None = None

    @property
    def span(self) -> Span:
        """The days the date covers, and how precisely it is known."""
        return parse_edtf(self.date)


class Document(Struct, forbid_unknown_fields=True, kw_only=True):
    """A whole data file, as `summitry schema` describes it; "$schema" names that schema."""

    schema: str = field(default="", name="$schema")
    sources: dict[Slug, SourceFields]
    actors: dict[Slug, ActorFields]
    events: list[Event]


class Dataset(Struct, frozen=True):
    """Every event of a file, in the file's order, with the registries they refer to."""

    events: tuple[Event, ...]
    actors: Mapping[str, Actor]
    sources: Mapping[str, Source]
    origin: str

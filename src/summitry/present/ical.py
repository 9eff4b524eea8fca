"""iCalendar (RFC 5545): one all-day VEVENT per event, written by the icalendar library.

The same data gives the same bytes: UIDs come from the event ids and DTSTAMP from the
data (the latest publication date among the data file's sources), never from the clock.
icalendar is imported here only, so that no other output pays for it at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from summitry.data.dates import Precision, date_in_words, format_day, format_span
from summitry.data.schema import Dataset, Event
from summitry.present.rows import where
from summitry.present.safe import visible

UID_DOMAIN = "summitry"
# Event.status to the VEVENT's STATUS.
EPOCH = date(1970, 1, 1)  # DTSTAMP of data without sources
STATUS = {"held": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}


def calendar(dataset: Dataset, events: Sequence[Event], name: str) -> str:
    """A VCALENDAR named `name` (X-WR-CALNAME) with one VEVENT per event, in the given order.

    Each event covers all the days of its date: DTSTART;VALUE=DATE its first day, DTEND the
    day after its last (RFC 5545's end is exclusive), so `Feb 2018` fills the month. A date
    known only to the month or year, or approximate, says so in SUMMARY and DESCRIPTION.
    """
    from icalendar import Calendar
    from icalendar import Event as VEvent

    cal = Calendar()
    cal.add("prodid", prodid())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", visible(name))
    if events:
        stamp = data_date(dataset)
    for event in events:
        span = event.span
        vevent = VEvent()
        vevent.add("uid", f"{event.id}@{UID_DOMAIN}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", span.start)
        vevent.add("dtend", span.end + timedelta(days=1))
        # Control characters shown escaped, as in every output (loaders may let one through).
        vevent.add("summary", visible(event.title + _qualifier(event)))
        place = where(event.place, event.country)
        if place:
            vevent.add("location", visible(place))
        vevent.add("description", visible(description(dataset, event)))
        vevent.add("categories", [event.kind])
        vevent.add("status", STATUS[event.status])
        # News of the world, not the user's appointments: shown, never counted as busy.
        vevent.add("transp", "TRANSPARENT")
        cal.add_component(vevent)
    ical: bytes = cal.to_ical()
    return ical.decode("utf-8")


def prodid() -> str:
    """The product identifier, with summitry's version: `-//summitry//summitry 0.1.0//EN`."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"-//summitry//summitry {version('summitry')}//EN"
    except PackageNotFoundError:
        return "-//summitry//summitry//EN"


def data_date(dataset: Dataset) -> datetime:
    """Midnight UTC of the latest source's publication date: how recent the data is."""
    latest = max((source.published for source in dataset.sources.values()), default=EPOCH)
    return datetime(latest.year, latest.month, latest.day, tzinfo=timezone.utc)


def _qualifier(event: Event) -> str:
    """' (Feb 2018, day unknown)', ' (approximate date)', or nothing for a known day."""
    parts = []
    if event.span.precision is not Precision.DAY:
        unknown = "day" if event.span.precision is Precision.MONTH else "month and day"
        parts.append(f"{format_span(event.span)}, {unknown} unknown")
    if event.approximate:
        parts.append("approximate date")
    return f" ({'; '.join(parts)})" if parts else ""


def description(dataset: Dataset, event: Event) -> str:
    """The date and how it is known, the summary, actors, sources, note and id, as text."""
    date_line = f"Date: {date_in_words(event.span, event.approximate)}"
    lines = [date_line, "", event.summary, ""]
    actors = [dataset.actors[actor_id].name for actor_id in event.actors]
    lines.append(f"Actors: {', '.join(actors)}")
    lines.append("Sources:")
    for source_id in event.sources:
        source = dataset.sources[source_id]
        byline = f" (by {source.author})" if source.author else ""
        lines.append(
            f"- {source.publisher}, \u201c{source.title}\u201d{byline}, "
            f"{format_day(source.published)}"
        )
    if event.note:
        lines.append(f"Note: {event.note}")
    if event.status != "held":
        lines.append(f"Status: {event.status}")
    lines.append(f"Id: {event.id}")
    return "\n".join(lines)

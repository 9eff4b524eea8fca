"""iCalendar (RFC 5545): one all-day VEVENT per event, written by the icalendar library.

The same data gives the same bytes: UIDs come from the event ids and DTSTAMP from the
data (the latest publication date among the data file's sources), never from the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from summitry.data.dates import Precision, Span, date_in_words, format_day, format_span, parse_edtf
from summitry.present.rows import EventRow, SourceRow, where
from summitry.present.safe import visible

UID_DOMAIN = "summitry"
EPOCH = date(1970, 1, 1)  # DTSTAMP of data without sources
STATUS = {"held": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}


def calendar(events: Sequence[EventRow], name: str, stamp: date | None) -> str:
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
    day = stamp or EPOCH
    dtstamp = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    for event in events:
        span = parse_edtf(event.date)
        vevent = VEvent()
        vevent.add("uid", f"{event.id}@{UID_DOMAIN}")
        vevent.add("dtstamp", dtstamp)
        vevent.add("dtstart", span.start)
        vevent.add("dtend", span.end + timedelta(days=1))
        # Control characters shown escaped, as in every output (loaders may let one through).
        vevent.add("summary", visible(event.title + _qualifier(span, event.approximate)))
        place = where(event.place, event.country)
        if place:
            vevent.add("location", visible(place))
        vevent.add("description", visible(description(event, span)))
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


def _qualifier(span: Span, approximate: bool) -> str:
    """' (Feb 2018, day unknown)', ' (approximate date)', or nothing for a known day."""
    parts = []
    if span.precision is not Precision.DAY:
        unknown = "day" if span.precision is Precision.MONTH else "month and day"
        parts.append(f"{format_span(span)}, {unknown} unknown")
    if approximate:
        parts.append("approximate date")
    return f" ({'; '.join(parts)})" if parts else ""


def citation(source: SourceRow) -> str:
    """'Publisher, “Title” (by Author), 12 Jun 2018'."""
    byline = f" (by {source.author})" if source.author else ""
    published = format_day(date.fromisoformat(source.published))
    return f"{source.publisher}, \u201c{source.title}\u201d{byline}, {published}"


def description(event: EventRow, span: Span) -> str:
    """The date and how it is known, the summary, actors, sources, note and id, as text."""
    lines = [f"Date: {date_in_words(span, event.approximate)}", "", event.summary, ""]
    lines.append(f"Actors: {', '.join(event.actors)}")
    lines.append("Sources:")
    lines += [f"- {citation(source)}" for source in event.sources]
    if event.note:
        lines.append(f"Note: {event.note}")
    if event.status != "held":
        lines.append(f"Status: {event.status}")
    lines.append(f"Id: {event.id}")
    return "\n".join(lines)

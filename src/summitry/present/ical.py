"""iCalendar (RFC 5545) in icalendar's bytes; UID and DTSTAMP from the data, not the clock."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from typing import Any

from summitry.data.dates import Precision, Span, date_in_words, format_span, format_when, parse_edtf
from summitry.data.schema import KINDS
from summitry.present.rows import HINDSIGHT_MARK, HINDSIGHT_MEANING, EventRow, citation, where
from summitry.present.safe import visible

UID_DOMAIN = "summitry"
EPOCH = date(1970, 1, 1)  # DTSTAMP of data without sources
STATUS = {"held": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}


def calendar(events: Sequence[EventRow], name: str, stamp: date | None) -> str:
    """A VCALENDAR named `name`, one all-day VEVENT per event, as icalendar writes it."""
    from icalendar import Calendar, vCategory, vDDDTypes, vDuration, vText, vUnknown, vUri
    from icalendar import Event as VEvent
    from icalendar.parser import Contentline

    def line(name: str, value: Any) -> bytes:
        return _fold(Contentline.from_parts(name, value.params, value))

    cal = Calendar(PRODID=vText(prodid()), VERSION=vText("2.0"), CALSCALE=vText("GREGORIAN"))
    cal["X-WR-CALNAME"] = vUnknown(LINE_BREAKS.sub(" ", visible(name)))
    head = [_fold(content) for content in cal.content_lines()]  # ..., END:VCALENDAR, ""
    begin, end = (_fold(content) for content in VEvent().content_lines()[:2])
    dtstamp = line("DTSTAMP", vDDDTypes(datetime.combine(stamp or EPOCH, time(), timezone.utc)))
    status = {key: line("STATUS", vText(value)) for key, value in STATUS.items()}
    transparent = line("TRANSP", vText("TRANSPARENT"))
    kinds = {kind: line("CATEGORIES", vCategory([kind])) for kind in KINDS}
    duration = cache(lambda days: line("DURATION", vDuration(timedelta(days=days))))
    lines = head[:-2]
    for event in events:
        span = parse_edtf(event.date)
        summary = text(event.title + _qualifier(span, event.approximate))
        summary = f"{HINDSIGHT_MARK} {summary}" if event.hindsight else summary
        place = where(event.place, event.country)
        url = next((source.url for source in event.sources if source.url), None)
        lines += [
            begin,
            line("SUMMARY", vText(summary)),
            line("DTSTART", vDDDTypes(span.start)),
            duration((span.end - span.start).days + 1),
            dtstamp,
            line("UID", vText(f"{event.id}@{UID_DOMAIN}")),
            kinds[event.kind],
            line("DESCRIPTION", vText(text(description(event, span)))),
            *([line("LOCATION", vText(text(place)))] if place else []),
            status[event.status],
            transparent,
            *([line("URL", vUri(text(url)))] if url else []),
            end,
        ]
    lines += head[-2:]
    return b"\r\n".join(lines).decode("utf-8")


LINE_BREAKS = re.compile("[\r\n\u2028\u2029]+")
SEPARATORS = re.compile("[\u2028\u2029]")
FOLD_AT = 74  # octets on a line before a fold, as icalendar folds (under RFC 5545's 75)


def text(value: str) -> str:
    """A TEXT value: controls shown escaped, U+2028 and U+2029 made newlines."""
    return visible(SEPARATORS.sub("\n", value))


def _fold(line: str) -> bytes:
    """A content line folded as icalendar folds it (74 octets, never inside a character)."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_AT:
        return data
    parts = []
    start = 0
    while len(data) - start > FOLD_AT:
        end = start + FOLD_AT
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        if data[end - 1] in b"\\^" and end - start > 1:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def prodid() -> str:
    """The product identifier, with summitry's version: `-//summitry//summitry 0.1.0//EN`."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"-//summitry//summitry {version('summitry')}//EN"
    except PackageNotFoundError:
        return "-//summitry//summitry//EN"


def _qualifier(span: Span, approximate: bool) -> str:
    """' (Feb 2018, day unknown)', ' (approximate date)', and so on; '' for a known day."""
    if span.window:
        return f" ({format_when(span)}, not all of it)"
    parts = []
    if span.precision is not Precision.DAY:
        unknown = "day" if span.precision is Precision.MONTH else "month and day"
        parts.append(f"{format_span(span)}, {unknown} unknown")
    if approximate:
        parts.append("approximate date")
    return f" ({'; '.join(parts)})" if parts else ""


def description(event: EventRow, span: Span) -> str:
    """The date and how it is known, the summary, actors, sources, note and id, as text."""
    lines = [f"Date: {date_in_words(span, event.approximate)}", "", event.summary, ""]
    lines += [f"Actors: {', '.join(event.actors)}", "Sources:"]
    lines += [f"- {citation(source)}" for source in event.sources]
    if event.note:
        lines.append(f"Note: {event.note}")
    if event.status != "held":
        lines.append(f"Status: {event.status}")
    if event.hindsight:
        lines.append(f"{HINDSIGHT_MARK} As of the --as-of day: {HINDSIGHT_MEANING}")
    lines.append(f"Id: {event.id}")
    return "\n".join(lines)

"""Dates: the EDTF strings of data files, the dates a user types, and how to show them."""

from __future__ import annotations

import enum
import re
from datetime import date, datetime, timedelta

from msgspec import Struct

from summitry.errors import DateError


class Precision(enum.IntEnum):
    """How much of a date is known; a larger value is finer."""

    YEAR = 1
    MONTH = 2
    DAY = 3

    @property
    def label(self) -> str:
        """The lower-case name used in data files and output: year, month or day."""
        return self.name.lower()


class Span(Struct, frozen=True, gc=False):
    """A closed range of days, how precisely its ends are known, and whether it is a window."""

    start: date
    end: date
    precision: Precision
    window: bool = False

    @property
    def known(self) -> Precision:
        """How precisely the event's time is known: for a window, the unit that holds it all."""
        if not self.window or self.start == self.end:
            return self.precision
        if (self.start.year, self.start.month) == (self.end.year, self.end.month):
            return min(self.precision, Precision.MONTH)
        return Precision.YEAR


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip
EXAMPLES = "2018, 2018-05, 2018-05-24, May 2018, 24 May 2018 or May 24, 2018"
EN_DASH = "\u2013"


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def edtf(day: date, precision: Precision) -> str:
    """The EDTF text of a day, month or year: `2018-05-24`, `2018-05`, `2018`."""
    return day.isoformat()[: {Precision.YEAR: 4, Precision.MONTH: 7}.get(precision, 10)]


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _iso_part(text: str) -> tuple[date, date, Precision]:
    """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise DateError if it is not one."""
    if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdecimal():
        try:  # only this shape: date.fromisoformat also reads week dates and more
            day_ = date.fromisoformat(text)
            return day_, day_, Precision.DAY
        except ValueError:
            pass
    found = _ISO.fullmatch(text) if text.isascii() else None
    if found is None:
        raise DateError(f"'{text}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 0 for part in found.groups())
    if year == 0:
        raise DateError(f"'{text}': there is no year 0")
    if found.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
    if not 1 <= month <= 12:
        raise DateError(f"'{text}': month {month} does not exist (months are 01 to 12)")
    last = month_end(year, month)
    if found.group(3) is None:
        return date(year, month, 1), last, Precision.MONTH
    if not 1 <= day <= last.day:
        name = MONTH_NAMES[month - 1]
        raise DateError(f"'{text}' is not a real date: {name} {year} has {last.day} days")
    return date(year, month, day), date(year, month, day), Precision.DAY


def parse_edtf(text: str) -> Span:
    """The Span of a data file's date: `YYYY[-MM[-DD]]`, an interval `A/B` or a window `[A..B]`."""
    window = text.startswith("[") and text.endswith("]")
    first, sep, second = text[1:-1].partition("..") if window else text.partition("/")
    if window and not sep:
        raise DateError(f"'{text}' is not a window; write one as [YYYY-MM-DD..YYYY-MM-DD]")
    start, end, precision = _iso_part(first)
    if not sep:
        return Span(start, end, precision)
    start2, end2, precision2 = _iso_part(second)
    what = "window" if window else "interval"
    if end2 < start:
        raise DateError(f"'{text}': the {what} ends before it starts")
    if start2 < start:
        raise DateError(f"'{text}': the second date starts before the first")
    return Span(start, end2, min(precision, precision2), window)


def parse_user_date(text: str) -> Span:
    """The Span a typed date names, at the precision typed (`May 2018`: the month), or DateError."""
    stripped = text.strip()
    if not stripped:
        raise DateError(f"an empty date; use a form such as {EXAMPLES}")
    if re.match(r"^\d{4}/\d{1,2}/\d{1,2}$", stripped):  # 2018/06/12: the ISO order, slashed
        stripped = stripped.replace("/", "-")
    numeric = re.match(r"^\s*(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{2,4})\s*$", stripped)
    if ("/" in stripped.strip("/") and not numeric) or ".." in stripped:
        raise DateError(
            f"'{stripped}' is a range, not a date: give one date, such as {EXAMPLES} "
            "(for a period, use --from and --to, or between START END)"
        )
    if re.match(r"^\d+(-\d+){0,2}$", stripped):
        year, *rest = stripped.split("-")
        padded = "-".join([year, *(part.zfill(2) for part in rest)])
        try:
            return Span(*_iso_part(padded))
        except DateError as error:
            raise DateError(f"{error}; use a form such as {EXAMPLES}") from None
    if numeric:
        left, right = int(numeric.group(1)), int(numeric.group(3))
        if left <= 12 and right <= 12 and left != right:
            raise DateError(
                f"'{stripped}' is ambiguous: it could be day-first or month-first; "
                f"write it as YYYY-MM-DD or with the month's name, e.g. 24 May 2018"
            )
    if re.search(r"\d\s*:\s*\d", stripped):
        raise DateError(f"'{stripped}' has a time of day; give a date such as {EXAMPLES}")
    from dateutil import parser

    # A part that comes out the same against two defaults differing in every part was typed.
    defaults = (datetime(2000, 1, 1, 0, 0), datetime(2004, 2, 2, 1, 1))
    try:
        first, second = (parser.parse(stripped, default=d) for d in defaults)
    except (ValueError, OverflowError, TypeError, AttributeError, IndexError) as error:
        reason = str(error)
        why = " (that day does not exist in that month)" if "day is out of range" in reason else ""
        raise DateError(f"'{stripped}' is not a date{why}; use a form such as {EXAMPLES}") from None
    has_month = first.month == second.month
    has_day = first.day == second.day
    if (first.hour, first.minute) == (second.hour, second.minute):
        raise DateError(f"'{stripped}' has a time of day; give a date such as {EXAMPLES}")
    if first.year != second.year:
        raise DateError(f"'{stripped}' has no year; use a form such as {EXAMPLES}")
    if has_day and not has_month:
        raise DateError(f"'{stripped}' has a day but no month; use a form such as {EXAMPLES}")
    precision = Precision.DAY if has_day else Precision.MONTH if has_month else Precision.YEAR
    return Span(*_iso_part(edtf(first.date(), precision)))


def format_day(day: date, precision: Precision = Precision.DAY) -> str:
    """A day, month or year as people write it: `27 Mar 2018`, `Mar 2018`, `2018`."""
    if precision is Precision.YEAR:
        return str(day.year)
    month = f"{MONTHS[day.month - 1]} {day.year}"
    return month if precision is Precision.MONTH else f"{day.day} {month}"


def format_span(span: Span) -> str:
    """The span as people write it (`27\u201328 Feb 2019`): words both ends share, once."""
    first, last = (format_day(day, span.precision).split() for day in (span.start, span.end))
    kept = len(first)
    while kept and first[kept - 1] == last[kept - 1]:
        kept -= 1
    if not kept:
        return " ".join(last)
    joint = EN_DASH if kept == 1 else f" {EN_DASH} "
    return " ".join(first[:kept]) + joint + " ".join(last)


APPROXIMATE_MARK = "~"


def format_when(span: Span, approximate: bool = False) -> str:
    """An event's date for people: `Feb 2018`, `~30 May 2018`, `a day in 24\u201331 May 2018`."""
    prefix = "a day in " if span.window else APPROXIMATE_MARK if approximate else ""
    return prefix + format_span(span)


def date_in_words(span: Span, approximate: bool) -> str:
    """The date and what is known of it, in words: `Feb 2018 (the articles give only the month)`."""
    text = format_span(span)
    if span.window:
        return f"one day in {text}, not all of it: the sources give only this window (see the note)"
    if span.precision is Precision.YEAR:
        text += " (the articles give only the year)"
    elif span.precision is Precision.MONTH:
        one = (span.start.year, span.start.month) == (span.end.year, span.end.month)
        text += f" (the articles give only the {'month' if one else 'months'})"
    if not approximate:
        return text
    if span.start == span.end:
        text = "about " + text
    return text + ", worked out from the articles (see the note)"


def format_period(start: date | None, end: date | None, known: Precision = Precision.DAY) -> str:
    """A query period for captions, at the precision it covers whole: `May 2018`."""
    if start and end:
        whole = Precision.DAY
        if start.day == 1 and end == month_end(end.year, end.month):
            whole = Precision.YEAR if (start.month, end.month) == (1, 12) else Precision.MONTH
        return format_span(Span(start, end, min(known, whole)))
    if start:
        return f"from {format_day(start, Precision.DAY)}"
    return f"until {format_day(end, Precision.DAY)}" if end else "all dates"

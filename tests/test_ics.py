"""--format ics: an iCalendar file that two independent parsers read, matching --format json."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import ics
import pytest
from click.testing import Result
from icalendar import Calendar

Run = Callable[..., Result]
QUERIES = [
    "list",
    "list --actor Xi",
    "list --kind summit --reverse --limit 3",
    "between 2018-05 2018-06",
    "list --search nuclear --from 2019",
]


def ical(result: Result) -> str:
    """What a command printed, CRLF line ends kept (Result.stdout turns them into LF)."""
    return result.stdout_bytes.decode("utf-8")


def vevents(result: Result) -> list[Any]:
    """The VEVENTs that a command printed, in order, parsed by the icalendar library."""
    return list(Calendar.from_ical(ical(result)).walk("VEVENT"))


def by_uid(result: Result) -> dict[str, Any]:
    """The events that a command printed, parsed by the `ics` package, by UID."""
    return {event.uid: event for event in ics.Calendar(ical(result)).events}


def end_of(vevent: Any) -> date:
    """The exclusive end of an all-day VEVENT: DTSTART plus DURATION (or DTEND)."""
    if "DTEND" in vevent:
        end: date = vevent.decoded("DTEND")
        return end
    start: date = vevent.decoded("DTSTART")
    return start + vevent.decoded("DURATION")


def day(value: str) -> date:
    return date.fromisoformat(value)


@pytest.mark.parametrize("query", QUERIES)
def test_every_event_listed_is_one_vevent_with_the_dates_of_the_json(run: Run, query: str) -> None:
    listed = run(*query.split(), "--format", "json")
    calendar = run(*query.split(), "--format", "ics")
    assert calendar.exit_code == 0, calendar.stderr
    rows = json.loads(listed.stdout)
    assert rows, query

    found = vevents(calendar)
    assert len(found) == len(rows)
    for row, vevent in zip(rows, found, strict=True):  # in the order listed
        assert str(vevent["UID"]) == f"{row['id']}@summitry"
        start, end = vevent.decoded("DTSTART"), end_of(vevent)
        assert type(start) is date and type(end) is date  # all-day: VALUE=DATE
        assert start == day(row["start"])
        assert end == day(row["end"]) + timedelta(days=1)  # exclusive

    parsed = by_uid(calendar)  # the second, independent parser
    assert len(parsed) == len(rows)
    for row in rows:
        event = parsed[f"{row['id']}@summitry"]
        assert event.all_day
        assert event.begin.date() == day(row["start"])
        assert event.end.date() == day(row["end"]) + timedelta(days=1)
        assert event.name.startswith(row["title"])


def test_the_fields_of_each_vevent(run: Run, small_path: Path) -> None:
    result = run("--data", str(small_path), "list", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    found = {str(v["UID"]): v for v in vevents(result)}
    assert set(found) == {
        "2019-year@summitry",
        "2020-02-lima-visit@summitry",
        "2020-03-summit@summitry",
        "2020-03-15-statement@summitry",
    }
    summit = found["2020-03-summit@summitry"]
    assert str(summit["SUMMARY"]) == "Kim and Kim meet"  # a known day: the title alone
    assert summit.decoded("DTSTART") == date(2020, 3, 2)
    assert end_of(summit) == date(2020, 3, 4)  # 2-3 March, end exclusive
    assert str(summit["LOCATION"]) == "Zenda, Borduria"
    assert summit["CATEGORIES"].cats == ["summit"]
    assert str(summit["STATUS"]) == "CONFIRMED"
    # The latest publication among the file's sources is The Wire's, 1 April 2020.
    assert summit.decoded("DTSTAMP") == datetime(2020, 4, 1, tzinfo=timezone.utc)
    text = str(summit["DESCRIPTION"])
    assert "The two presidents met for two days." in text
    assert "Actors: Bo Kim, Cy Kim" in text
    assert "The Paper, \u201cA week of talks\u201d, 10 Mar 2020" in text

    month = found["2020-02-lima-visit@summitry"]
    assert month.decoded("DTSTART") == date(2020, 2, 1)
    assert end_of(month) == date(2020, 3, 1)  # the whole of February (leap year)
    assert str(month["SUMMARY"]) == "Lima visits Borduria (Feb 2020, day unknown)"
    assert str(month["LOCATION"]) == "Borduria"  # no place, the country alone
    assert "Date: Feb 2020 (the articles give only the month)" in str(month["DESCRIPTION"])
    assert "The Wire, \u201cTalks, continued\u201d (by A. Writer), 1 Apr 2020" in str(
        month["DESCRIPTION"]
    )

    year = found["2019-year@summitry"]
    assert (year.decoded("DTSTART"), end_of(year)) == (date(2019, 1, 1), date(2020, 1, 1))
    assert "(2019, month and day unknown)" in str(year["SUMMARY"])
    assert "LOCATION" in year and str(year["LOCATION"]) == "Ruritania"

    guessed = found["2020-03-15-statement@summitry"]
    assert str(guessed["SUMMARY"]) == "Arcadia welcomes the summit (approximate date)"
    assert "LOCATION" not in guessed
    assert "Date: about 15 Mar 2020, worked out from the articles" in str(guessed["DESCRIPTION"])
    assert "Note: The article says 'two weeks later'." in str(guessed["DESCRIPTION"])


def test_the_calendar_names_the_query_and_the_product(run: Run) -> None:
    result = run("list", "--actor", "Xi", "--kind", "summit", "--format", "ics")
    calendar = Calendar.from_ical(ical(result))
    assert str(calendar["X-WR-CALNAME"]) == (
        "summitry: 5 events matching actor 'Xi' (Xi Jinping), kind 'summit'"
    )
    assert str(calendar["PRODID"]).startswith("-//summitry//summitry ")
    assert str(calendar["VERSION"]) == "2.0"


@pytest.mark.parametrize(
    ("status", "expected"),
    [("held", "CONFIRMED"), ("planned", "TENTATIVE"), ("cancelled", "CANCELLED")],
)
def test_status_follows_the_events_status(
    run: Run, small_doc: dict[str, Any], write_data: Callable[..., Path], status: str, expected: str
) -> None:
    small_doc["events"][0]["status"] = status
    path = write_data(small_doc)
    result = run("--data", str(path), "show", "2020-03-summit", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    (vevent,) = vevents(result)
    assert str(vevent["STATUS"]) == expected
    assert next(iter(by_uid(result).values())).status == expected


def test_two_runs_give_the_same_bytes_and_an_event_is_the_same_in_any_query(run: Run) -> None:
    first = run("list", "--format", "ics").stdout_bytes
    assert first == run("list", "--format", "ics").stdout_bytes
    assert first.count(b"\r\n") == first.count(b"\n")  # CRLF line ends throughout

    def block(text: bytes, uid: bytes) -> bytes:
        at = text.index(b"UID:" + uid)
        return text[text.rindex(b"BEGIN:VEVENT", 0, at) : text.index(b"END:VEVENT", at)]

    uid = b"2018-06-12-singapore-summit@summitry"
    narrower = run("list", "--actor", "Trump", "--format", "ics").stdout_bytes
    assert narrower != first
    assert block(first, uid) == block(narrower, uid)


def test_text_is_escaped_and_long_lines_folded(
    run: Run, small_doc: dict[str, Any], write_data: Callable[..., Path]
) -> None:
    title = 'Commas, semicolons; a backslash \\ and "quotes" [bold]x[/bold]'
    summary = "A line\nand another; " + "long words " * 30
    small_doc["events"][0]["title"] = title
    small_doc["events"][0]["summary"] = summary
    small_doc["events"][0]["place"] = "Zenda, Old Town; North"
    path = write_data(small_doc)
    result = run("--data", str(path), "show", "2020-03-summit", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    assert b"SUMMARY:Commas\\, semicolons\\; a backslash \\\\ and" in raw
    (vevent,) = vevents(result)
    assert str(vevent["SUMMARY"]) == title
    assert summary in str(vevent["DESCRIPTION"])
    assert str(vevent["LOCATION"]) == "Zenda, Old Town; North, Borduria"
    (event,) = by_uid(result).values()
    assert event.name == title
    assert event.location == "Zenda, Old Town; North, Borduria"


def test_no_match_is_an_empty_calendar(run: Run) -> None:
    result = run("list", "--actor", "Putin", "--kind", "speech", "--format", "ics")
    assert result.exit_code == 0
    assert "no events match" in result.stderr
    assert ical(result).startswith("BEGIN:VCALENDAR\r\n")
    assert vevents(result) == []
    assert by_uid(result) == {}


def test_show_gives_one_event_and_other_commands_refuse_ics(run: Run) -> None:
    result = run("show", "2019-02-27-hanoi-summit", "--format", "ics")
    (vevent,) = vevents(result)
    assert (vevent.decoded("DTSTART"), end_of(vevent)) == (
        date(2019, 2, 27),
        date(2019, 3, 1),
    )
    for command in ("actors", "summary", "pairs"):
        refused = run(command, "--format", "ics")
        assert refused.exit_code == 2, command
        assert refused.stderr.startswith("Error: Invalid value for '--format'")


@pytest.mark.slow
def test_only_the_calendar_imports_icalendar() -> None:
    program = (
        "import sys\n"
        "from summitry.cli import cli\n"
        "cli(sys.argv[1:], standalone_mode=False)\n"
        "sys.stderr.write(str('icalendar' in sys.modules))\n"
    )
    imported = {}
    for fmt in ("json", "table", "ics"):
        done = subprocess.run(
            [sys.executable, "-c", program, "list", "--format", fmt],
            capture_output=True,
            text=True,
            check=True,
        )
        imported[fmt] = done.stderr
    assert imported == {"json": "False", "table": "False", "ics": "True"}

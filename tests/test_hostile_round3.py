"""Hostile input, round 3: signals, ranges where one date is taken, devices, extreme dates."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from conftest import many_events

Run = Callable[..., Result]


@pytest.mark.slow
def test_sigterm_while_writing_a_database_leaves_nothing_behind(tmp_path: Path) -> None:
    data = tmp_path / "many.json"
    data.write_text(json.dumps(many_events(20000)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "summitry", "--data", str(data), "to-sqlite", str(out / "x.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60

    # Once the database under its temporary name has its tables, rows are being written.
    def writing() -> bool:
        return any(path.exists() and os.path.getsize(path) for path in out.glob("*.tmp"))

    while not writing():
        assert process.poll() is None, process.stderr.read()  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143
    assert stderr == b"Terminated.\n"
    assert os.listdir(out) == []


@pytest.mark.parametrize("option", ["--as-of", "--from", "--to"])
@pytest.mark.parametrize("value", ["2018-05-24/2018-05-30", "[2018-05-24..2018-05-30]"])
def test_a_range_where_one_date_is_taken_says_so(run: Run, option: str, value: str) -> None:
    result = run("list", option, value)
    assert result.exit_code == 2
    assert "is a range, not a date" in result.stderr
    assert "--from and --to, or between" in result.stderr
    assert "time of day" not in result.stderr


def _special(kind: str, path: Path) -> Path:
    """A FIFO, or a character device like /dev/null (1, 3), made at path (never in /dev)."""
    if kind == "fifo":
        os.mkfifo(path)
    else:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return path


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("replace", [[], ["--replace"]], ids=["without-replace", "with-replace"])
@pytest.mark.parametrize("which", ["database", "metadata"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_to_sqlite_refuses_a_fifo_or_a_device_as_either_target(
    run: Run, tmp_path: Path, kind: str, which: str, replace: list[str]
) -> None:
    special = _special(kind, tmp_path / "special")
    database = special if which == "database" else tmp_path / "out.db"
    args = ["to-sqlite", str(database), *replace]
    if which == "metadata":
        args += ["--metadata", str(special)]
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert f"'{special}' is not a regular file" in result.stderr
    mode = special.stat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)
    assert os.listdir(tmp_path) == ["special"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_to_sqlite_refuses_a_link_to_a_device(run: Run, tmp_path: Path) -> None:
    device = _special("device", tmp_path / "null")
    link = tmp_path / "out.db"
    link.symlink_to(device)
    result = run("to-sqlite", str(link), "--replace")
    assert result.exit_code == 2
    assert "is not a regular file" in result.stderr
    assert stat.S_ISCHR(device.stat().st_mode) and link.is_symlink()


def test_json_escapes_exactly_the_controls_json_leaves_raw() -> None:
    from summitry.present.safe import CONTROLS, JSON_UNESCAPED

    every = [chr(code) for code in range(0x3000)]
    controls = {c for c in every if re.match(CONTROLS, c)}
    raw_in_json = {c for c in every if re.match(JSON_UNESCAPED, c)}
    c0 = {chr(code) for code in range(0x20)} - {"\t", "\n"}
    assert controls == raw_in_json | c0 and not raw_in_json & c0


EXTREME_DATES = ["0001-01-01", "0001-03", "0001", "9999-12-31", "9999-12", "9999-12-25/9999-12-31"]


@pytest.fixture
def extreme_path(small_doc: dict[str, Any], write_data: Callable[[object], Path]) -> Path:
    """The small data file and one event on each of EXTREME_DATES (those at 9999 planned)."""
    model = small_doc["events"][0]
    for number, day in enumerate(EXTREME_DATES):
        status = "planned" if day.startswith("9999") else "held"
        small_doc["events"].append(
            {**model, "id": f"extreme-{number}", "date": day, "status": status}
        )
    return write_data(small_doc, "extreme.json")


@pytest.mark.parametrize("by", ["week", "month"])
@pytest.mark.parametrize(
    "period",
    [[], ["--to", "0001-02-15"], ["--from", "9999-11-20"]],
    ids=["years-1-to-9999", "year-1-only", "year-9999-only"],
)
def test_timeline_draws_events_in_year_1_and_9999(
    run: Run, extreme_path: Path, by: str, period: list[str]
) -> None:
    assert run("--data", str(extreme_path), "validate").exit_code == 0
    result = run("--data", str(extreme_path), "timeline", "--by", by, *period)
    assert result.exit_code == 0, result.stderr
    assert "Bo Kim" in result.stdout
    labels = result.stdout.split("┬", 1)[1].splitlines()[1:3]
    # The first label names where the axis starts: year 1, or 9999 for its end alone.
    year = "9999" if period[:1] == ["--from"] else "1"
    assert year in " ".join(labels).split()


def test_the_axis_is_clamped_to_the_days_a_date_can_hold() -> None:
    from summitry.present.axis import build

    for unit in ("week", "month"):
        for width in (1, 7, 80):
            for first, last in [(date.min, date.max), (date.min, date.min), (date.max, date.max)]:
                axis = build(first, last, width, unit)
                assert axis.starts[0] <= first and axis.starts[-1] >= last
                assert list(axis.starts) == sorted(axis.starts)
                assert 0 <= axis.column(first) <= axis.column(last) < axis.width


BREAKS = ("\r", "\n", "\u2028", "\u2029")


def _out(result: Result) -> str:
    """What a command printed, CRLF kept (Result.stdout turns them into LF)."""
    return result.stdout_bytes.decode("utf-8")


def _parsed(text: str) -> tuple[list[Any], dict[str, Any]]:
    """The VEVENTs as icalendar reads them, and the events by UID as the ics package does."""
    import ics
    from icalendar import Calendar

    vevents = Calendar.from_ical(text).walk("VEVENT")
    return vevents, {event.uid: event for event in ics.Calendar(text).events}


def _assert_safe(text: str, count: int) -> None:
    """CRLF ends every content line and is in none; a loose reader (str.splitlines, which
    also splits at U+2028, U+2029, VT, FF, NEL...) sees only the real BEGIN:VEVENT lines;
    both parsers read count events."""
    assert text.endswith("\r\n")
    for line in text.split("\r\n"):
        assert not any(c in line for c in BREAKS), repr(line)
    assert sum(line.startswith("BEGIN:VEVENT") for line in text.splitlines()) == count
    vevents, events = _parsed(text)
    assert len(vevents) == len(events) == count


@pytest.mark.parametrize("where", ["stdout", "export"])
@pytest.mark.parametrize(
    "option, value",
    [
        ("--search", "Kim\nBEGIN:VEVENT"),
        ("--search", "Kim\r\nEND:VCALENDAR"),
        ("--place", "Zenda\nX-EVIL:1"),
        ("--search", "Kim\u2028BEGIN:VEVENT"),
        ("--place", "Zenda\u2029BEGIN:VEVENT"),
    ],
    ids=["search-lf", "search-crlf", "place-lf", "search-u2028", "place-u2029"],
)
def test_a_line_break_in_the_query_is_a_space_in_the_calendar_name(
    run: Run, small_path: Path, tmp_path: Path, option: str, value: str, where: str
) -> None:
    export = tmp_path / "x.ics"
    extra = ["--export", str(export)] if where == "export" else ["--format", "ics"]
    result = run("--data", str(small_path), "list", option, value, *extra)
    assert result.exit_code == 0, result.stderr
    text = export.read_bytes().decode("utf-8") if where == "export" else _out(result)
    _assert_safe(text, 0)
    from icalendar import Calendar

    name = str(Calendar.from_ical(text)["X-WR-CALNAME"])
    assert value.split(max(BREAKS, key=value.count))[-1].strip() in name
    assert not any(c in name for c in BREAKS)


def test_line_and_paragraph_separators_in_the_data_are_escaped_newlines(
    run: Run, small_doc: dict[str, Any], write_data: Callable[[object], Path], tmp_path: Path
) -> None:
    event = small_doc["events"][0]
    event["summary"] = "Two days.\u2029BEGIN:VEVENT\nUID:evil\nEND:VEVENT"
    event["note"] = "A note\u2028BEGIN:VEVENT"
    path = write_data(small_doc, "separators.json")
    export = tmp_path / "all.ics"
    result = run("--data", str(path), "list", "--search", "Kim", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    assert run("--data", str(path), "list", "--export", str(export)).exit_code == 0
    # Kim: the summit, and the visit "to meet Bo Kim".
    for text, count in ((_out(result), 2), (export.read_bytes().decode("utf-8"), 4)):
        _assert_safe(text, count)
        vevents, events = _parsed(text)
        summit = next(v for v in vevents if v["UID"] == "2020-03-summit@summitry")
        description = str(summit["DESCRIPTION"])
        assert "Two days.\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT" in description
        assert "Note: A note\nBEGIN:VEVENT" in description
        assert "Two days.\nBEGIN:VEVENT" in events["2020-03-summit@summitry"].description


def test_events_at_the_ends_of_the_calendar_are_written_as_start_and_duration(
    run: Run, extreme_path: Path
) -> None:
    result = run("--data", str(extreme_path), "list", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    _assert_safe(_out(result), 4 + len(EXTREME_DATES))
    vevents, events = _parsed(_out(result))
    expected = {  # first day and number of days, worked out by hand
        "extreme-0": (date(1, 1, 1), 1),
        "extreme-1": (date(1, 3, 1), 31),
        "extreme-2": (date(1, 1, 1), 365),
        "extreme-3": (date(9999, 12, 31), 1),
        "extreme-4": (date(9999, 12, 1), 31),
        "extreme-5": (date(9999, 12, 25), 7),
    }
    for vevent in vevents:
        uid = str(vevent["UID"])
        first, days = vevent.decoded("DTSTART"), vevent.decoded("DURATION").days
        assert type(first) is date and "DTEND" not in vevent
        assert (events[uid].begin.date(), events[uid].duration.days) == (first, days)
        assert events[uid].all_day
        if uid.startswith("extreme"):
            assert (first, days) == expected[uid.split("@")[0]]


def _reference(rows: list[Any], name: str, stamp: date) -> str:
    """The calendar written the plain icalendar way: Calendar.add, Event.add, to_ical."""
    from datetime import datetime, timedelta, timezone

    from icalendar import Calendar, Event

    from summitry.data.dates import parse_edtf
    from summitry.present import ical
    from summitry.present.rows import where

    cal = Calendar()
    cal.add("prodid", ical.prodid())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for row in rows:
        span = parse_edtf(row.date)
        event = Event()
        event.add("uid", f"{row.id}@summitry")
        event.add("dtstamp", datetime(stamp.year, stamp.month, stamp.day, tzinfo=timezone.utc))
        event.add("dtstart", span.start)
        event.add("duration", timedelta(days=(span.end - span.start).days + 1))
        event.add("summary", ical.text(row.title + ical._qualifier(span, row.approximate)))
        if where(row.place, row.country):
            event.add("location", ical.text(where(row.place, row.country)))
        event.add("description", ical.text(ical.description(row, span)))
        event.add("categories", [row.kind])
        event.add("status", ical.STATUS[row.status])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text


def test_the_calendar_is_byte_for_byte_what_icalendar_writes(
    bundled: Any, small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    from summitry.present import ical
    from summitry.present.rows import event_rows

    rows = list(event_rows(bundled, bundled.events))
    stamp = date(2019, 6, 20)
    assert ical.calendar(rows, "summitry: all", stamp) == _reference(rows, "summitry: all", stamp)


@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n")))
def test_folding_is_icalendars_own(line: str) -> None:
    from icalendar.parser.string import _foldline

    from summitry.present.ical import _fold

    for text in (line, "DESCRIPTION:" + line * 7, "X:" + "\\" * 80 + line, "Y:" + "é^" * 50):
        assert _fold(text) == _foldline(text).encode("utf-8")


# --- round 3, after the fixes: what was new, tried again --------------------------------


def test_a_line_break_in_a_data_value_stays_inside_its_one_line_error(
    run: Run, small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    forged = "b.json: valid: 2 events, 2 actors, 1 source"
    small_doc["sources"]["paper"]["url"] = f"https://a.b/\n{forged}"
    small_doc["events"][0]["kind"] = "summit\u2028evil"
    result = run("validate", str(write_data(small_doc)))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3  # two problems and the closing line, each one line
    assert not any(line.startswith("b.json") for line in lines)
    assert "\\x0a" + forged in result.stderr and "\\u2028" in result.stderr


def test_a_line_break_typed_on_the_command_line_stays_in_one_line(run: Run) -> None:
    for args in (("list", "--actor", "a\nb"), ("list", "x\ny"), ("show", "a\u2029b")):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1, args


def test_line_separators_never_split_a_json_line(
    run: Run, small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    small_doc["events"][0]["summary"] = "One\u2028two\u2029three"
    path = str(write_data(small_doc))
    lines = run("--data", path, "list", "--format", "jsonl").stdout
    records = [json.loads(line) for line in lines.splitlines()]  # str.splitlines splits at U+2028
    assert len(records) == len(small_doc["events"])
    by_id = {record["id"]: record for record in records}
    assert by_id[small_doc["events"][0]["id"]]["summary"] == "One\u2028two\u2029three"
    table = run("--data", path, "list", "--format", "csv").stdout
    assert "\u2028" not in table and "\\u2028" in table


def test_data_given_twice_is_refused_rather_than_one_silently_read(
    run: Run, small_path: Path, write_data: Callable[[object], Path], small_doc: dict[str, Any]
) -> None:
    other = write_data(small_doc, "other.json")
    result = run("--data", str(small_path), "list", "--data", str(other), "--export", "x.csv")
    assert result.exit_code == 2
    assert "--data is given twice" in result.stderr
    same = run("--data", str(small_path), "list", "--data", str(small_path), "--json")
    assert same.exit_code == 0


def test_summary_lists_every_month_up_to_a_window_and_the_window_apart(
    run: Run, small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    event = small_doc["events"][0]
    small_doc["events"] = [
        {**event, "id": "2018-06-a", "date": "2018-06-10"},
        {**event, "id": "2018-b", "date": "[2018-10..2018-12]", "approximate": True, "note": "n"},
    ]
    small_doc["sources"]["paper"]["published"] = "2019-01-01"
    result = run("--data", str(write_data(small_doc)), "summary", "--json")
    periods = [(p["period"], p["events"]) for p in json.loads(result.stdout)["per_period"]]
    months = [("2018-06", 1), ("2018-07", 0), ("2018-08", 0), ("2018-09", 0)]
    assert periods[:5] == [*months, ("[2018-10..2018-12]", 1)]
    assert [p for p, _ in periods[5:]] == ["2018-10", "2018-11", "2018-12"]


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("id", "2018-06", "its date '2018-06' falls outside the event's date"),
        ("id", "-2020-x", "starting with a letter or digit"),
        ("alias", "x" * 301, "aliases: item 2 is 301 characters; at most 300"),
    ],
    ids=["an id that is only a date", "an id that starts with a hyphen", "a long alias"],
)
def test_odd_ids_and_long_items_get_the_rule_they_break(
    run: Run,
    small_doc: dict[str, Any],
    write_data: Callable[[object], Path],
    field: str,
    value: str,
    says: str,
) -> None:
    if field == "id":
        small_doc["events"][0]["id"] = value
    else:
        small_doc["actors"]["ana-lima"]["aliases"].append(value)
    result = run("validate", str(write_data(small_doc)))
    assert result.exit_code == 1
    assert says in result.stderr


def test_an_upper_case_url_scheme_is_an_http_url(
    run: Run, small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    small_doc["sources"]["paper"]["url"] = "HTTPS://Example.org/A"
    assert run("validate", str(write_data(small_doc))).exit_code == 0

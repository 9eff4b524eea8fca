"""A new user's first ten minutes (issue 15): from a list to one event, filters that add up,
pointers for guesses, tables that fit their words, one way to write a date, plain words.

Expected values are worked out from the bundled data, never copied from the output.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from conftest import json_ids
from summitry.data.schema import Dataset, Event

Run = Callable[..., Result]
WIDTHS = (60, 80, 100, 120, 200)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def at(run: Run, width: int, *args: str) -> Result:
    return run(*args, env={"COLUMNS": str(width)})


def short(bundled: Dataset, event: Event) -> str:
    """The id without its leading date, when no other event has the same; else the id."""
    cut = re.sub(r"^\d{4}(-\d\d){0,2}-", "", event.id)
    same = sum(re.sub(r"^\d{4}(-\d\d){0,2}-", "", e.id) == cut for e in bundled.events)
    return cut if same == 1 else event.id


def names_of(bundled: Dataset, event: Event) -> list[str]:
    return [bundled.actors[a].name for a in event.actors]


# 1. From a list to one event ------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_every_listed_event_shows_an_id_that_show_accepts(
    run: Run, bundled: Dataset, width: int
) -> None:
    out = at(run, width, "list", "--actor", "Xi").stdout
    lines = [line.strip() for line in out.splitlines()]
    xi = [e for e in bundled.events if "xi-jinping" in e.actors]
    for event in xi:
        shown = short(bundled, event)
        assert any(shown in line.split() for line in lines), (width, shown)
        detail = run("show", shown, "--json")
        assert detail.exit_code == 0
        assert json.loads(detail.stdout)["id"] == event.id
    assert "'summitry show ID' shows one event in full" in " ".join(lines)


def test_a_short_id_shared_by_several_events_asks_for_the_full_one(run: Run) -> None:
    result = run("show", "kim-xi-beijing")  # Beijing: 27 Mar 2018, 19 Jun 2018, 8 Jan 2019
    assert result.exit_code == 2
    assert "2018-03-27-kim-xi-beijing" in result.stderr
    assert "2019-01-08-kim-xi-beijing" in result.stderr


def test_show_without_an_id_says_where_ids_come_from(run: Run) -> None:
    result = run("show")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Missing argument 'ID'")
    assert "Id column of 'summitry list'" in result.stderr


# 2. Repeated filters ----------------------------------------------------------------------


def test_repeated_search_texts_must_all_be_found(run: Run, bundled: Dataset) -> None:
    def has(event: Event, word: str) -> bool:
        return word in event.title.lower() or word in event.summary.lower()

    both = [e.id for e in bundled.events if has(e, "singapore") and has(e, "summit")]
    only_summit = [e.id for e in bundled.events if has(e, "summit")]
    found = json_ids(run("list", "-s", "singapore", "-s", "summit", "--json"))
    assert found == both
    assert len(both) < len(only_summit)


def test_repeated_places_are_alternatives(run: Run, bundled: Dataset) -> None:
    expected = [e.id for e in bundled.events if e.place in ("Singapore", "Beijing")]
    assert json_ids(run("list", "-p", "Singapore", "-p", "Beijing", "--json")) == expected
    assert len(set(e.place for e in bundled.events if e.id in expected)) == 2


def test_help_says_how_each_repeated_filter_combines(run: Run) -> None:
    out = " ".join(run("list", "--help").stdout.split())
    assert "contains TEXT (ignoring case and accents). Repeat to require all of them." in out
    assert "place or country contains TEXT. Repeat for any of several." in out
    assert "Repeat for any of several." in out.split("--kind KIND")[1].split("--place")[0]


# 3. Guesses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("search", "Singapore"), "try: summitry list --search Singapore"),
        (("list", "Xi"), "try: summitry list --actor Xi"),
        (("list", "summit"), "try: summitry list --kind summit"),
        (("list", "nuclear"), "try: summitry list --search nuclear"),
        (("list", "--since", "2019"), "No such option '--since'; use --from DATE"),
        (("list", "--until", "2019"), "use --to DATE"),
        (("summary", "--date", "2018-06"), "use --from DATE --to DATE"),
        (("list", "--kind", "missile"), "'missile' is not a kind; did you mean weapons-test?"),
        (("list", "--kind", "tweet"), "did you mean statement?"),
    ],
    ids=[
        "a search command",
        "a name as an argument",
        "a kind as an argument",
        "a word as an argument",
        "--since",
        "--until",
        "--date",
        "a missile for a kind",
        "a tweet for a kind",
    ],
)
def test_a_guess_gets_a_pointer_to_what_works(run: Run, args: tuple[str, ...], says: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stderr.count("\n") == 1


def test_between_one_period_is_that_period(run: Run, bundled: Dataset) -> None:
    june = [
        e.id
        for e in bundled.events
        if e.span.start <= date(2018, 6, 30) and e.span.end >= date(2018, 6, 1)
    ]
    assert json_ids(run("between", "2018-06", "--json")) == june
    assert json_ids(run("between", "June 2018", "--json")) == june
    assert "matching Jun 2018" in run("between", "June 2018").stdout


def test_a_search_found_only_in_the_summary_says_so(run: Run, bundled: Dataset) -> None:
    out = at(run, 200, "list", "--search", "Singapore").stdout
    g7 = next(e for e in bundled.events if e.id == "2018-06-08-g7-meeting")
    assert "singapore" not in g7.title.lower() and "Singapore" in g7.summary
    rows = re.split(r"\n(?=\S)", out)  # a row starts with its date, unindented
    g7_row = " ".join(next(row for row in rows if g7.title in row).split())
    assert "summary: \u2026" in g7_row and "Singapore" in g7_row.split("summary:")[1]
    singapore = next(e for e in bundled.events if e.id == "2018-06-12-singapore-summit")
    assert "summary:" not in next(row for row in rows if singapore.title in row)


# 4 and 5. Tables that fit their words, with no trailing spaces -------------------------------

DRAWINGS = [
    ("list",),
    ("list", "--actor", "Xi"),
    ("list", "--search", "Singapore"),
    ("actors",),
    ("pairs", "--list"),
    ("pairs", "--kind", "summit"),
    ("summary",),
    ("timeline", "--actor", "Kim", "--actor", "Xi"),
    ("show", "2018-02-pyeongchang-olympics"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", DRAWINGS, ids=" ".join)
def test_drawings_fit_and_have_no_trailing_spaces(
    run: Run, width: int, args: tuple[str, ...]
) -> None:
    result = at(run, width, *args)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].strip(), "the first line is blank"
    assert all(len(line) <= width for line in lines)
    assert [line for line in lines if line != line.rstrip()] == []


def test_the_first_line_of_a_list_is_its_header(run: Run) -> None:
    first = run("list").stdout.splitlines()[0].split()
    assert first[:2] == ["Date", "Kind"] or first == ["Date", "Event"]


def test_a_text_export_has_no_trailing_spaces(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "list.txt"
    assert run("list", "--export", str(target)).exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Date")
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize("width", [80, 100, 120, 200])
def test_list_keeps_names_whole(run: Run, bundled: Dataset, width: int) -> None:
    out = at(run, width, "list", "--actor", "Xi").stdout
    xi = [e for e in bundled.events if "xi-jinping" in e.actors]
    for name in ("Kim Jong Un", "Xi Jinping"):
        expected = sum(name in names_of(bundled, e) for e in xi)
        in_caption = int(name == "Xi Jinping")  # "matching actor 'Xi' (Xi Jinping)"
        assert out.count(name) == expected + in_caption, (width, name)
    assert out.count("Pyongyang,") == sum(e.place == "Pyongyang" for e in xi)


@pytest.mark.parametrize("width", WIDTHS)
def test_pairs_keep_names_whole(run: Run, bundled: Dataset, width: int) -> None:
    out = at(run, width, "pairs", "--kind", "summit", "--list").stdout
    summits = [e for e in bundled.events if e.kind == "summit"]
    people = [sorted(a for a in e.actors if bundled.actors[a].type == "person") for e in summits]
    pairs = {(one, two) for ids in people for i, one in enumerate(ids) for two in ids[i + 1 :]}
    with_kim = sum("kim-jong-un" in pair for pair in pairs)
    assert out.count("Kim Jong Un") == with_kim
    assert out.count("Vladimir Putin") == 1


def test_the_timeline_legend_breaks_between_items(run: Run) -> None:
    lines = at(run, 60, "timeline", "--actor", "Kim").stdout.splitlines()
    items = (
        "\u25c6 leaders' summit",
        "\u2591 one day somewhere in this stretch (a window)",
        "\u00b7 start of a month",
        "n the actor's events",
    )
    for item in items:  # each item whole on one line, none cut at the width
        assert any(item in line for line in lines), item
    assert all(len(line) <= 60 for line in lines)


def test_a_city_state_is_named_once(run: Run, bundled: Dataset) -> None:
    there = [e for e in bundled.events if e.place == e.country == "Singapore"]
    assert there
    for args in (("-f", "markdown"), ("-f", "table")):
        out = " ".join(at(run, 200, "list", "--place", "Singapore", *args).stdout.split())
        assert "Singapore" in out
        assert "Singapore, Singapore" not in out


# 6. One way to write a date; unambiguous lists in CSV ------------------------------------


def written(event: Event) -> str | None:
    """The date as people write it, worked out here for one-day and month-only dates."""
    start, end = event.span.start, event.span.end
    if event.span.precision.label == "month" and (start.year, start.month) == (end.year, end.month):
        text = f"{MONTHS[start.month - 1]} {start.year}"
    elif start == end:
        text = f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    else:
        return None
    return ("~" if event.approximate else "") + text


def test_every_format_writes_an_approximate_date_the_same_way(run: Run, bundled: Dataset) -> None:
    events = json.loads(run("list", "--json").stdout)
    rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").stdout)))
    markdown = run("list", "--format", "markdown").stdout
    table = at(run, 200, "list").stdout
    by_id = {e.id: e for e in bundled.events}
    approximate = [r for r in events if by_id[r["id"]].approximate]
    assert approximate
    for record, row in zip(events, rows, strict=True):
        event = by_id[record["id"]]
        assert row["when"] == record["when"]
        if event.span.window:
            assert record["when"].startswith("a day in ")
        else:
            assert record["when"].startswith("~") == event.approximate
        if written(event) is not None:
            assert record["when"] == written(event), event.id
    for record in approximate:
        # Markdown escapes the ~ (GitHub reads ~text~ as struck through); it shows as ~.
        shown = record["when"].replace("~", "\\~")
        assert f"| {shown} |" in markdown
        assert record["when"] in table


def test_actors_give_a_month_only_date_as_a_month(
    run: Run, small_doc: dict[str, object], write_data: Callable[[object], Path]
) -> None:
    # Ana Lima takes part only in Lima's visit, '2020-02' (known to the month).
    events = small_doc["events"]
    assert isinstance(events, list)
    year = next(e for e in events if e["id"] == "2019-year")
    year["actors"] = ["arcadia"]
    data = ("--data", str(write_data(small_doc)))
    out = run(*data, "actors", "-s", "lima", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["id"], r["first"], r["last"]) for r in rows] == [("ana-lima", "2020-02", "2020-02")]
    assert "Feb 2020" in at(run, 200, *data, "actors", "-s", "lima").stdout
    assert "| Feb 2020 | Feb 2020 |" in run(*data, "actors", "-s", "lima", "-f", "markdown").stdout


def test_csv_lists_split_on_the_bar_into_the_same_items(
    run: Run,
    bundled: Dataset,
    small_doc: dict[str, object],
    write_data: Callable[[object], Path],
) -> None:
    rows = list(csv.DictReader(io.StringIO(run("actors", "--format", "csv").stdout)))
    for row in rows:
        actor = bundled.actors[row["id"]]
        assert (row["aliases"].split("|") if row["aliases"] else []) == list(actor.aliases)
        assert row["role"] == actor.role
    actors = small_doc["actors"]
    assert isinstance(actors, dict)
    actors["bo-kim"]["role"] = "President of Borduria; former general"
    actors["bo-kim"]["aliases"] = ["Kim", "BK"]
    path = str(write_data(small_doc))
    small = list(csv.DictReader(io.StringIO(run("--data", path, "actors", "-f", "csv").stdout)))
    bo = next(r for r in small if r["id"] == "bo-kim")
    assert (bo["aliases"], bo["role"]) == ("Kim|BK", "President of Borduria; former general")
    events = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").stdout)))
    for row, event in zip(events, bundled.events, strict=True):
        assert row["actors"].split("|") == names_of(bundled, event)
        assert tuple(row["actor_ids"].split("|")) == event.actors


def test_a_bar_inside_a_name_is_escaped_in_csv(
    run: Run, small_doc: dict[str, object], write_data: Callable[[object], Path]
) -> None:
    actors = small_doc["actors"]
    assert isinstance(actors, dict)
    actors["bo-kim"]["aliases"] = ["Kim", "B|K"]
    path = write_data(small_doc)
    rows = list(csv.DictReader(io.StringIO(run("--data", str(path), "actors", "-f", "csv").stdout)))
    bo = next(r for r in rows if r["id"] == "bo-kim")
    assert bo["aliases"] == "Kim|B\\|K"


# 7. Plain words --------------------------------------------------------------------------------


def test_bare_summitry_prints_its_help_and_succeeds(run: Run) -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: summitry")
    assert "Commands:" in result.stdout
    assert result.stderr == ""


def test_one_problem_is_one_problem(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = run("validate", str(missing))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"Error: {missing} is not valid: 1 problem"


def test_one_event_on_one_day_is_said_once(run: Run, bundled: Dataset) -> None:
    same_day = [e for e in bundled.events if e.span.start <= date(2018, 6, 12) <= e.span.end]
    assert len(same_day) == 1
    out = " ".join(at(run, 200, "between", "2018-06-12", "2018-06-12").stdout.split())
    assert "1 event matching 12 Jun 2018." in out
    assert "1 events" not in out


def test_counts_in_captions_agree_with_their_nouns(
    run: Run, small_doc: dict[str, object], write_data: Callable[[object], Path]
) -> None:
    path = str(write_data(small_doc))
    pairs = " ".join(at(run, 200, "--data", path, "pairs", "--kind", "summit").stdout.split())
    assert "1 pair in 1 event matching kind 'summit'" in pairs
    actors = " ".join(at(run, 200, "--data", path, "actors", "-s", "lima").stdout.split())
    assert "1 of 4 actors matching 'lima'" in actors


@pytest.mark.parametrize("typed", ["foo", "Febtober 2018", "31/31/2018", "99999 May"])
def test_date_errors_do_not_leak_the_parsers_words(run: Run, typed: str) -> None:
    result = run("list", "--from", typed)
    assert result.exit_code == 2
    assert f"'{typed}' is not a date" in result.stderr
    assert "Unknown string format" not in result.stderr
    assert "must be in" not in result.stderr and "out of range" not in result.stderr


def test_captions_quote_what_was_typed_the_same_way(run: Run) -> None:
    out = " ".join(at(run, 200, "list", "-a", "Xi Jinping", "-k", "summit").stdout.split())
    assert "matching actor 'Xi Jinping', kind 'summit'" in out
    note = run("list", "-a", "Putin", "-k", "speech", "-p", "Moscow", "-s", "tea").stderr
    assert note == (
        "summitry: no events match actor 'Putin' (Vladimir Putin), kind 'speech', "
        "place 'Moscow', text 'tea'\n"
    )


def test_counter_of_repeated_ids_is_what_the_short_ids_rely_on(bundled: Dataset) -> None:
    # The README and the help use singapore-summit as a short id: it must name one event.
    cuts = Counter(re.sub(r"^\d{4}(-\d\d){0,2}-", "", e.id) for e in bundled.events)
    assert cuts["singapore-summit"] == 1


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        (["--actor", "kim", "jong", "un"], "summitry list --actor 'kim jong un'"),
        (
            ["--actor", "Moon", "Jae", "In", "--kind", "summit"],
            "summitry list --actor 'Moon Jae In'",
        ),
        (["-s", "nuclear", "test"], "summitry list -s 'nuclear test'"),
    ],
    ids=["a full name without quotes", "a name then another option", "a search of two words"],
)
def test_a_value_of_several_words_without_quotes_is_put_back_together(
    run: Run, typed: list[str], suggested: str
) -> None:
    result = run("list", *typed)
    assert result.exit_code == 2
    assert f"needs quotes; try: {suggested}" in result.stderr


def test_show_takes_any_unique_part_of_an_id(run: Run, bundled: Dataset) -> None:
    wanted = [e for e in bundled.events if "vladivostok" in e.id]
    assert len(wanted) == 1
    result = run("show", "vladivostok", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == wanted[0].id


def test_a_part_of_several_ids_lists_them_and_exits_2(run: Run, bundled: Dataset) -> None:
    xi = sorted(e.id for e in bundled.events if "kim-xi" in e.id)
    assert len(xi) > 1
    result = run("show", "kim-xi")
    assert result.exit_code == 2
    assert f"part of the ids of {len(xi)} events" in result.stderr
    assert all(event_id in result.stderr for event_id in xi)

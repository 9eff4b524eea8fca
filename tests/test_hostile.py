"""A data file written by an attacker: markup, control codes, formulas and HTML in every text
field. Every command in every format prints it as plain text, and no output acts on it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL
from summitry.cli import cli

Run = Callable[..., Result]

MARKUP = "x[/bold]y [bold red]R[/] [reverse]V[/reverse] :smile:"
LINKS = '[link=http://evil.example/]L[/link] [link=x"><script>alert(1)</script>]C[/]'
HTML = '<b>b</b><script>alert(2)</script><a href="javascript:alert(3)">J</a>'
CONTROLS = "\x1b[2J\x1b]0;T\x07\x1b]8;;http://e/\x1b\\O\x1b]8;;\x1b\\ \x9b31m \x7f \u202eRLO"
FORMULA = '=HYPERLINK("http://evil","x")'
# What the terminal controls in CONTROLS look like in a table or CSV: escaped, one by one.
CONTROLS_SHOWN = (
    "\\x1b[2J\\x1b]0;T\\x07\\x1b]8;;http://e/\\x1b\\O\\x1b]8;;\\x1b\\ \\x9b31m \\x7f \\u202eRLO"
)
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile(start: str) -> str:
    """A hostile text that starts with start (a formula character, to test CSV)."""
    return f"{start} {MARKUP} {LINKS} {HTML} {CONTROLS}"


HOSTILE_DOC: dict[str, Any] = {
    "sources": {
        "src": {
            "publisher": hostile("=pub"),
            "title": hostile("+title"),
            "published": "2020-03-01",
            "author": hostile("@author"),
        }
    },
    "actors": {
        "ann": {
            "name": hostile("-Ann"),
            "aliases": [hostile("\tal")],
            "role": hostile("=role"),
            "country": hostile("@country"),
            "type": "person",
        },
        "bob": {
            "name": hostile(FORMULA),
            "aliases": [],
            "role": hostile("\rrole"),
            "country": hostile("+country"),
            "type": "person",
        },
    },
    "events": [
        {
            "id": "2020-01-02-summit",
            "date": "2020-01-02",
            "status": "held",
            "title": "=1+1 [bold red]R[/] <i>i</i> \x1b[2J \u202e",
            "summary": hostile("-summary"),
            "note": hostile("=note"),
            "approximate": True,
            "kind": "summit",
            "actors": ["ann", "bob"],
            "place": hostile("@place"),
            "country": hostile("+country"),
            "sources": ["src"],
        },
        {
            "id": "2020-02-talks",
            "date": "2020-02",
            "status": "held",
            "title": "[link=javascript:alert(1)]click[/link] :smile: \x9b2J",
            "summary": hostile("summary"),
            "kind": "talks",
            "actors": ["ann"],
            "sources": ["src"],
        },
    ],
}
COMMANDS = [
    ["list"],
    ["between", "2020", "2020"],
    ["show", "2020-01-02-summit"],
    ["actors"],
    ["summary"],
    ["pairs"],
    ["pairs", "--list"],
]
FORMATS = ["table", "json", "jsonl", "csv", "markdown"]


def shown_as(text: str) -> str:
    """The text as a table or CSV shows it: each terminal control as its escape."""
    return RAW_CONTROLS.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else "\\u202e", text
    )


@pytest.fixture
def lenient_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader with its text rules off, as if a control character got through: the
    renderers' own escaping must hold without them."""
    from summitry.data import rules as checks

    monkeypatch.setattr(checks, "text_problem", lambda kind, value: None)


def without_controls(value: Any) -> Any:
    """The document with every control character (and tab) taken out of its texts."""
    if isinstance(value, str):
        return RAW_CONTROLS.sub("", value).replace("\t", "")
    if isinstance(value, dict):
        return {key: without_controls(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_controls(item) for item in value]
    return value


class Hostile(NamedTuple):
    path: Path
    doc: dict[str, Any]
    controls: bool


@pytest.fixture(params=["markup, HTML and formulas", "and control characters"])
def hostile_file(request: pytest.FixtureRequest, write_data: Callable[[object], Path]) -> Hostile:
    """The hostile file as the loader accepts it, and with control characters too (the
    loader's text rules off)."""
    if request.param == "and control characters":
        request.getfixturevalue("lenient_loader")
        return Hostile(write_data(HOSTILE_DOC, "hostile.json"), HOSTILE_DOC, True)
    doc = without_controls(HOSTILE_DOC)
    return Hostile(write_data(doc, "hostile.json"), doc, False)


def assert_inert(result: Result) -> None:
    """Exit 0, no traceback, and not one character a terminal would act on."""
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream
        assert not RAW_CONTROLS.search(stream), RAW_CONTROLS.search(stream)


def test_the_loader_names_each_control_character_and_prints_none(
    run: Run, write_data: Callable[[object], Path]
) -> None:
    result = run("validate", str(write_data(HOSTILE_DOC, "hostile.json")))
    assert result.exit_code == 1
    assert "actors.ann: name: contains a control character (U+001B)" in result.stderr
    assert not RAW_CONTROLS.search(result.stderr)


def test_markup_html_and_formulas_pass_the_loader(
    run: Run, write_data: Callable[[object], Path]
) -> None:
    result = run("validate", str(write_data(without_controls(HOSTILE_DOC))))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_in_every_format_is_inert(
    run: Run, hostile_file: Hostile, command: list[str], fmt: str
) -> None:
    # Wide enough that no cell wraps: each text is on one line of the table.
    result = run(
        "--data", str(hostile_file.path), *command, "--format", fmt, env={"COLUMNS": "5000"}
    )
    assert_inert(result)
    out = result.stdout
    if fmt in ("json", "jsonl"):
        # The exact text, every character kept: JSON escapes what a terminal acts on.
        values = json.loads(out) if fmt == "json" else [json.loads(x) for x in out.splitlines()]
        found = set(strings(values))
        if command[0] in ("list", "between", "show"):
            assert hostile_file.doc["events"][0]["summary"] in found
        assert hostile_file.doc["actors"]["bob"]["name"] in found
    elif fmt == "table":
        assert shown_as(hostile_file.doc["actors"]["bob"]["name"]) in out
        assert "[bold red]R[/]" in out
        assert ":smile:" in out and "\U0001f604" not in out
        assert LINKS in out
        assert CONTROLS_SHOWN in out or not hostile_file.controls
    elif fmt == "csv":
        for row in csv.reader(io.StringIO(out)):
            for cell in row:
                assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    elif fmt == "markdown":
        assert "<script>" not in out and "<b>" not in out
        assert "\\<script\\>" in out
        assert "\\[bold red\\]R\\[/\\]" in out


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@pytest.mark.parametrize(
    "command", [["list"], ["between", "2020", "2020"], ["show", "2020-01-02-summit"]], ids=" ".join
)
def test_the_calendar_is_inert(run: Run, hostile_file: Hostile, command: list[str]) -> None:
    result = run("--data", str(hostile_file.path), *command, "--format", "ics")
    assert_inert(result)
    unfolded = result.stdout.replace("\r\n ", "").replace("\n ", "")
    assert "[bold red]R[/]" in unfolded
    assert ("\\x1b[2J" in unfolded) == hostile_file.controls  # ICS writes \ for a backslash


@pytest.mark.parametrize("command", [["timeline"], ["timeline", "--by", "week"]], ids=" ".join)
def test_the_commands_without_formats_are_inert(
    run: Run, hostile_file: Hostile, command: list[str]
) -> None:
    result = run("--data", str(hostile_file.path), *command)
    assert_inert(result)


def test_show_prints_every_field_literally(run: Run, hostile_file: Hostile) -> None:
    result = run(
        "--data", str(hostile_file.path), "show", "2020-01-02-summit", env={"COLUMNS": "5000"}
    )
    assert_inert(result)
    event = hostile_file.doc["events"][0]
    source = hostile_file.doc["sources"]["src"]
    shown = [event[f] for f in ("title", "summary", "note", "place", "country")]
    shown += [a[f] for a in hostile_file.doc["actors"].values() for f in ("name", "role")]
    shown += [source[f] for f in ("publisher", "title", "author")]
    for text in shown:
        assert shown_as(text) in result.stdout, text


@pytest.mark.parametrize(
    "control",
    ["\x00", "\x07", "\x08", "\x0d", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066"],
    ids=lambda c: f"U+{ord(c):04X}",
)
@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
@pytest.mark.usefixtures("lenient_loader")
def test_each_control_character_is_shown_escaped(
    run: Run,
    small_doc: dict[str, Any],
    write_data: Callable[[object], Path],
    control: str,
    fmt: str,
) -> None:
    small_doc["events"][0]["title"] = f"before{control}after"
    small_doc["actors"]["bo-kim"]["name"] = f"Bo{control}Kim"
    path = write_data(small_doc)
    result = run("--data", str(path), "list", "--format", fmt, env={"COLUMNS": "200"})
    assert_inert(result)
    escape = f"\\x{ord(control):02x}" if ord(control) < 0x100 else f"\\u{ord(control):04x}"
    if fmt == "markdown":
        escape = "\\" + escape  # Markdown escapes the backslash itself
    assert f"before{escape}after" in result.stdout
    assert f"Bo{escape}Kim" in result.stdout


def test_an_error_message_shows_control_characters_escaped(run: Run) -> None:
    result = run("show", "no-such-\x1b[2J-event")
    assert result.exit_code == 2, result.stderr
    assert "\x1b" not in result.stderr
    assert "no-such-\\x1b[2J-event" in result.stderr


# --- CSV formulas ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "column"),
    [(["list"], "title"), (["actors"], "name"), (["pairs"], "actor"), (["summary"], "name")],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"], ids=repr)
@pytest.mark.usefixtures("lenient_loader")  # the loader refuses a tab or line break in a name
def test_a_csv_cell_that_would_be_a_formula_gets_an_apostrophe(
    run: Run,
    small_doc: dict[str, Any],
    write_data: Callable[[object], Path],
    command: list[str],
    column: str,
    start: str,
) -> None:
    formula = f'{start}HYPERLINK("http://evil","x")'
    for event in small_doc["events"]:
        event["title"] = formula + " " + event["id"]
    for actor in small_doc["actors"].values():
        actor["name"] = formula + " " + actor["role"]
    path = write_data(small_doc)
    result = run("--data", str(path), *command, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    cells = [row[column] for row in rows if row.get("section", "actor") == "actor"]
    assert cells
    # A carriage return is shown escaped, and then the cell starts with a backslash.
    expected = "'" + start if start != "\r" else "\\x0d"
    for cell in cells:
        assert cell.startswith(expected + "HYPERLINK"), cell


def test_numbers_and_dates_in_csv_are_left_as_they_are(run: Run, small_path: Path) -> None:
    out = run("--data", str(small_path), "actors", "-f", "csv").stdout
    cy = next(row for row in csv.DictReader(io.StringIO(out)) if row["id"] == "cy-kim")
    both = "2020-03-02/2020-03-03"  # the summit's date, as the data writes it
    assert (cy["events"], cy["first"], cy["last"]) == ("1", both, both)


# --- exports ---------------------------------------------------------------------------------


class Elements(HTMLParser):
    """Every element and attribute of an HTML page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# Rich's HTML page: <html>, <head>, <meta charset>, <style>, <body>, <pre>, <code>, and a <span
# class="rN"> per style. An <a>, a <script>, an <img> or an href could only come from the data.
PAGE_TAGS = {"html", "head", "meta", "style", "body", "pre", "code", "span"}
PAGE_ATTRIBUTES = {"charset", "style", "class"}


@pytest.mark.parametrize("command", [c for c in COMMANDS] + [["timeline"]], ids=" ".join)
def test_the_html_export_has_no_element_or_attribute_from_the_data(
    run: Run, hostile_file: Hostile, tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "out.html"
    result = run(
        "--data",
        str(hostile_file.path),
        *command,
        "--export",
        str(target),
        env={"COLUMNS": "1000", "FORCE_COLOR": "1"},  # with colour: a span per style
    )
    assert result.exit_code == 0, result.stderr
    page = Elements()
    page.feed(target.read_text(encoding="utf-8"))
    page.close()
    assert page.tags <= PAGE_TAGS, page.tags - PAGE_TAGS
    assert {name for name, _ in page.attributes} <= PAGE_ATTRIBUTES
    for _, value in page.attributes:
        assert "evil" not in (value or "") and "alert" not in (value or "")
    text = "".join(page.text)
    assert "\x1b" not in text
    if command[0] not in ("timeline",):
        assert "<script>alert(2)</script>" in text.replace("\u00a0", " ")  # as text, shown


def test_the_svg_export_has_the_data_as_text_only(
    run: Run, hostile_file: Hostile, tmp_path: Path
) -> None:
    import xml.etree.ElementTree as ElementTree

    target = tmp_path / "out.svg"
    result = run(
        "--data", str(hostile_file.path), "list", "--export", str(target), env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.stderr
    root = ElementTree.parse(target).getroot()  # well-formed XML, or this fails
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    # Rich draws a window: its frame (rect), buttons (circle), clip paths and text runs.
    assert tags <= {"svg", "style", "defs", "clipPath", "rect", "circle", "g", "text"}, tags
    for element in root.iter():
        assert not any("href" in name for name in element.attrib)
    shown = "".join(node.text or "" for node in root.iter() if node.tag.endswith("text"))
    assert "<i>i</i>" in shown.replace("\u00a0", " ")


@pytest.mark.usefixtures("lenient_loader")
def test_the_timeline_shows_markup_and_controls_in_a_name_literally(
    run: Run, small_doc: dict[str, Any], write_data: Callable[[object], Path]
) -> None:
    small_doc["actors"]["bo-kim"]["name"] = "\x1b[7m[red]Bo"
    path = write_data(small_doc)
    result = run("--data", str(path), "timeline", env={"COLUMNS": "120"})
    assert_inert(result)
    assert "\\x1b[7m[red]Bo" in result.stdout


# --- any width --------------------------------------------------------------------------------


NARROW_COMMANDS = [
    ["list"],
    ["show", "2020-02-lima-visit"],
    ["actors"],
    ["summary"],
    ["pairs", "--list"],
]


@pytest.mark.parametrize("width", [1, 10, 20, 39])
@pytest.mark.parametrize("command", NARROW_COMMANDS, ids=" ".join)
def test_at_any_width_every_value_is_printed(
    run: Run,
    small_doc: dict[str, Any],
    write_data: Callable[[object], Path],
    command: list[str],
    width: int,
) -> None:
    small_doc["actors"]["ana-lima"]["name"] = "Ána Supercalifragilisticexpialidocious Lima"
    path = write_data(small_doc)
    result = run("--data", str(path), *command, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    # Lines of plain text: a value wrapped over several lines is whole once they are joined.
    joined = "".join("".join(lines).split())
    event = small_doc["events"][1]  # the Lima visit
    ana, bo = small_doc["actors"]["ana-lima"], small_doc["actors"]["bo-kim"]
    expected = {
        "list": [event["title"], ana["name"], "Feb 2020", event["country"]],
        "show": [event["title"], event["summary"], ana["name"], ana["role"], "A week of talks"],
        "actors": [ana["name"], ana["role"], bo["role"], "Feb 2020", "2\u20133 Mar 2020"],
        "summary": [ana["name"], "statement", "Mar 2020", "Events per month"],
        "pairs": [ana["name"], bo["name"], "Feb 2020"],
    }[command[0]]
    for value in expected:
        assert "".join(value.split()) in joined, value


# --- fuzz: any text in any text field ------------------------------------------------------------


FUZZ_EXAMPLES = int(os.environ.get("SUMMITRY_FUZZ_EXAMPLES", settings().max_examples))
TEXT_FIELDS = [("events", 0, f) for f in ("title", "summary", "note", "place", "country")]
TEXT_FIELDS += [("events", 1, f) for f in ("title", "summary", "country")]
TEXT_FIELDS += [("actors", "bo-kim", f) for f in ("name", "role", "country")]
TEXT_FIELDS += [("actors", "ana-lima", f) for f in ("name", "role")]
TEXT_FIELDS += [("sources", "wire", f) for f in ("publisher", "title", "author")]
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(
    [hostile(""), MARKUP, LINKS, HTML, CONTROLS, FORMULA, "[", "]", "[/]", "\\", "\x1b", "\u202e"]
)
FUZZ_COMMANDS = [["list", "--format", fmt] for fmt in FORMATS] + [
    ["show", "2020-03-summit"],
    ["show", "2020-03-summit", "--format", "markdown"],
    ["actors", "--format", "csv"],
    ["actors"],
    ["summary"],
    ["pairs", "--list"],
    ["timeline"],
    ["list", "--export", "out.html"],
]


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    values=st.dictionaries(st.sampled_from(TEXT_FIELDS), ANY_TEXT, min_size=1, max_size=4),
    aliases=st.lists(ANY_TEXT, max_size=2),
    command=st.sampled_from(FUZZ_COMMANDS),
    width=st.sampled_from(["1", "20", "80", "200"]),
    lenient=st.booleans(),
)
def test_any_text_in_any_field_gives_inert_output(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    values: dict[tuple[str, Any, str], str],
    aliases: list[str],
    command: list[str],
    width: str,
    lenient: bool,
) -> None:
    """With the loader as it is, and with its text rules off (as if text got through)."""
    doc = json.loads(json.dumps(SMALL))
    for (registry, key, field), value in values.items():
        doc[registry][key][field] = value
    doc["actors"]["cy-kim"]["aliases"] = aliases
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    command = [str(tmp_path / c) if c == "out.html" else c for c in command]
    with monkeypatch.context() as patch:
        if lenient:
            from summitry.data import rules as checks

            patch.setattr(checks, "text_problem", lambda kind, value: None)
        result = CliRunner().invoke(
            cli,
            ["--data", str(path), *command],
            prog_name="summitry",
            env={"COLUMNS": width, "NO_COLOR": "1", "SUMMITRY_DATA": ""},
        )
    assert result.exit_code in (0, 1, 2), (values, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert not RAW_CONTROLS.search(stream), (values, stream)
    if result.exit_code:
        assert result.stderr.startswith("Error: "), result.stderr
    if command[-1].endswith("out.html") and result.exit_code == 0:
        page = Elements()
        page.feed((tmp_path / "out.html").read_text(encoding="utf-8"))
        assert page.tags <= PAGE_TAGS

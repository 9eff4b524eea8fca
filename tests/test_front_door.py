"""A user's own chronology and the front door: --data anywhere, hints that lead somewhere."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]
COMMANDS = ["list", "between 2020", "show 2020-03-summit", "actors", "summary", "pairs"]


@pytest.mark.parametrize("command", COMMANDS)
def test_data_may_come_before_or_after_the_command(
    run: Run, small_path: Path, command: str
) -> None:
    words = command.split()
    before = run("--data", str(small_path), *words, "--json")
    after = run(*words, "--data", str(small_path), "--json")
    assert before.exit_code == after.exit_code == 0, after.stderr
    assert json.loads(after.stdout) == json.loads(before.stdout)
    assert '"2020-' in after.stdout  # the small file's, not the bundled data (2017-2019)


def test_every_command_says_data_and_summitry_data_in_its_help(run: Run) -> None:
    from summitry.cli import cli

    for name in cli.commands:
        text = " ".join(run(name, "--help").stdout.split())
        assert "--data PATH" in text and "SUMMITRY_DATA" in text, name


def test_timeline_and_validate_take_data_after_the_command(run: Run, small_path: Path) -> None:
    assert run("validate", "--data", str(small_path)).stdout.startswith(str(small_path))
    assert "Bo Kim" in run("timeline", "--data", str(small_path)).stdout


@pytest.mark.parametrize(
    ("args", "says", "never"),
    [
        (
            ("list", "2018-05", "2018-06"),
            "try: summitry list --from 2018-05 --to 2018-06 (or: summitry between 2018-05 2018-06)",
            "--search",
        ),
        (("list", "May 2018"), "--from 'May 2018' --to 'May 2018'", "--search"),
        (("list", "Kim", "Xi"), "try: summitry list --actor Kim --actor Xi", "--search '"),
        (("list", "summit"), "try: summitry list --kind summit", "--search summit"),
        (("list", "nuclear"), "try: summitry list --search nuclear", "--actor"),
        (("list", "--csv"), "No such option '--csv'; use --format csv", "Did you mean"),
        (("list", "--planned"), "use --status planned", "--place"),
        (("list", "--json", "id,title"), "--json takes no field list", "--search"),
    ],
    ids=[
        "two months point to --from/--to and between",
        "a month in words",
        "two actors point to --actor each",
        "a kind points to --kind",
        "other words point to --search",
        "--csv points to --format csv",
        "--planned points to --status planned",
        "a field list after --json",
    ],
)
def test_stray_words_get_a_pointer_that_works(
    run: Run, args: tuple[str, ...], says: str, never: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert never not in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("where", ["before", "after"])
def test_stray_words_are_read_against_the_data_file_wherever_data_is_given(
    run: Run, small_path: Path, where: str
) -> None:
    given = ("--data", str(small_path))
    args = (*given, "list", "Lima") if where == "before" else ("list", "Lima", *given)
    result = run(*args)
    assert result.exit_code == 2
    assert "try: summitry list --actor Lima" in result.stderr  # an actor of that file only


def test_the_pointed_commands_find_what_was_meant(run: Run) -> None:
    by_dates = run("list", "--from", "2018-05", "--to", "2018-06", "--json")
    assert json.loads(by_dates.stdout)
    two_actors = json.loads(run("list", "--actor", "Kim", "--actor", "Xi", "--json").stdout)
    assert len(two_actors) >= 5


def test_to_sqlite_without_the_library_names_both_install_commands(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "sqlite_utils", None)  # as if not installed
    result = run("to-sqlite", str(tmp_path / "x.db"))
    assert result.exit_code == 1
    assert ".venv/bin/pip install '.[sqlite]'" in result.stderr
    assert "pip install 'summitry[sqlite]'" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("Putin",), "try: summitry list --actor Putin"),
        (("2018-06",), "try: summitry between 2018-06"),
        (("May", "2018"), "try: summitry between 'May 2018'"),
        (("export", "events.csv"), "try: summitry list --export FILE"),
        (("sqlite", "x.db"), "try: summitry to-sqlite FILE"),
        (("list", "--type", "summit"), "No such option '--type'; use --kind KIND"),
        (("list", "--format", "sqlite"), "for a database use: summitry to-sqlite FILE"),
    ],
    ids=[
        "an actor",
        "a month",
        "a month in words",
        "export",
        "sqlite",
        "--type for --kind",
        "--format sqlite",
    ],
)
def test_a_guessed_command_or_option_points_to_what_works(
    run: Run, args: tuple[str, ...], says: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_empty_data_path_is_refused_not_read_as_the_bundled_data(run: Run, where: str) -> None:
    words = ["--data", "", "list"] if where == "before" else ["list", "--data", ""]
    result = run(*words, "--actor", "Xi")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'--data': is empty" in result.stderr and len(result.stderr.splitlines()) == 1

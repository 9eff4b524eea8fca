"""Usage errors: one line on stderr, exit status 2, and a form that works."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("list", "--actor", "Zi"), "no actor matches 'Zi'; did you mean Xi Jinping?"),
        (
            ("list", "--actor", "Pence"),
            "no actor matches 'Pence'; the text of 1 event mentions it (actors are those who "
            "took part): summitry list --search Pence",
        ),
        (("list", "--actor", "Bolton"), "no actor matches 'Bolton'; 'summitry actors' lists"),
        (("list", "--kind", "sumit"), "'sumit' is not a kind; did you mean summit"),
        (("between", "05/06/2018", "2018-07"), "ambiguous"),
        (("between", "2018-13", "2019"), "month 13 does not exist"),
        (("between", "June 31 2018", "2019"), "not a date"),
        (("between", "2018-07", "2018-06"), "START is after END"),
        (("list", "--from", "2019", "--to", "2018"), "--from is after --to"),
        (("summary", "--from", "2019-02", "--to", "2019-01"), "--from is after --to"),
        (("between",), "Missing argument 'START'"),
        (("list", "--from", "yesterday"), "Invalid value for '--from'"),
        (("list", "--limit", "-1"), "Invalid value for '--limit'"),
        (("list", "--format", "xml"), "Invalid value for '--format'"),
        (("list", "--bogus"), "--bogus"),
        (("lst",), "No such command 'lst'"),
    ],
    ids=[
        "an unknown actor",
        "a person mentioned who took no part",
        "a name like no actor's",
        "an unknown kind",
        "an ambiguous date",
        "a month that does not exist",
        "a day that does not exist",
        "a start after the end",
        "--from after --to",
        "--from after --to in summary",
        "a missing argument",
        "a date that is not a date",
        "a negative limit",
        "an unknown format",
        "an unknown option",
        "an unknown command",
    ],
)
def test_usage_errors_are_one_line_and_exit_2(run: Run, args: tuple[str, ...], says: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert says in result.stderr
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1


def test_date_errors_show_a_form_that_works(run: Run) -> None:
    assert "24 May 2018" in run("between", "2018-13", "2019").stderr
    assert "YYYY-MM-DD" in run("between", "05/06/2018", "2019").stderr


def test_errors_point_to_the_commands_help(run: Run) -> None:
    assert "(see 'summitry between --help')" in run("between", "2018-07", "2018-06").stderr

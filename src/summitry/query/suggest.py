"""Pointers for people who guess: what a mistyped command, option, kind or stray word meant.

Used only when something was not understood, to turn "No such command" or "unexpected extra
argument" into the command line that does what the user was after.
"""

from __future__ import annotations

from collections.abc import Sequence

from summitry.data.schema import KINDS, Dataset
from summitry.errors import QueryError
from summitry.query.select import match_actors
from summitry.query.words import fold

# Commands people try, from other tools, and the command line that does it.
COMMANDS = {
    "search": "list --search",
    "find": "list --search",
    "grep": "list --search",
    "filter": "list --search",
    "ls": "list",
    "events": "list",
    "view": "show",
    "get": "show",
    "people": "actors",
    "who": "actors",
    "stats": "summary",
}

# Options people try for a period, and what to use instead.
DATE_OPTIONS = {
    "--since": "--from DATE (and --to DATE for the end)",
    "--after": "--from DATE (and --to DATE for the end)",
    "--start": "--from DATE",
    "--until": "--to DATE",
    "--till": "--to DATE",
    "--before": "--to DATE",
    "--end": "--to DATE",
    "--date": "--from DATE --to DATE (the same DATE twice for one day, month or year)",
    "--on": "--from DATE --to DATE (the same DATE twice for one day, month or year)",
    "--in": "--from DATE --to DATE (the same DATE twice for one day, month or year)",
    "--year": "--from YEAR --to YEAR",
    "--month": "--from YYYY-MM --to YYYY-MM",
}


def command(name: str, rest: Sequence[str]) -> str | None:
    """'summitry list --search Singapore' for 'summitry search Singapore', or None."""
    instead = COMMANDS.get(name.casefold())
    if instead is None:
        return None
    line = f"summitry {instead}"
    if instead.endswith("--search"):
        typed = [word for word in rest if not word.startswith("-")]
        line += " " + (_quote(" ".join(typed)) if typed else "TEXT")
    return line


def date_option(option: str) -> str | None:
    """What to type instead of --since, --until, --date and the like, or None."""
    return DATE_OPTIONS.get(option.split("=", 1)[0].casefold())


def stray_words(
    dataset: Dataset | None, command_path: str, stray: Sequence[str], *, filters: bool = True
) -> str:
    """The message for words given to a command that takes none: the option they belong to.

    With filters (list, between, ...): an actor's name goes to --actor, a kind to --kind,
    anything else to --search; otherwise (actors) to --search.
    """
    text = " ".join(stray)
    option = "--search"
    if filters and fold(text) in KINDS:
        option = "--kind"
    elif filters and dataset is not None:
        try:
            match_actors(dataset, text)
            option = "--actor"
        except QueryError:
            pass
    line = f"{command_path} {option} {_quote(text)}"
    also = "; --search TEXT finds words in titles and summaries" if option != "--search" else ""
    return f"unexpected argument '{text}': filters are options; try: {line}{also}"


# Options whose value is often more than one word: a name, a place, a text.
WORDY_OPTIONS = frozenset(("--actor", "-a", "--place", "-p", "--search", "-s"))


def continued_value(command_path: str, typed: Sequence[str], stray: Sequence[str]) -> str | None:
    """For `--actor kim jong un` (no quotes): the message that puts the words back together,
    `--actor 'kim jong un'`; None when the stray words do not follow such an option's value.
    """
    for index in range(2, len(typed) - len(stray) + 1):
        if list(typed[index : index + len(stray)]) != list(stray):
            continue
        option, value = typed[index - 2], typed[index - 1]
        if option in WORDY_OPTIONS:
            whole = " ".join((value, *stray))
            return (
                f"unexpected argument '{' '.join(stray)}': a value of more than one word "
                f"needs quotes; try: {command_path} {option} {_quote(whole)}"
            )
    return None


def _quote(text: str) -> str:
    """The text quoted for a shell, as shlex writes it (imported only when a hint needs it)."""
    import shlex

    return shlex.quote(text)

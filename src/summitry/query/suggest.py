"""Pointers for people who guess: what a mistyped command, option, kind or stray word meant.

Used only when something was not understood, to turn "No such command" or "unexpected extra
argument" into the command line that does what the user was after.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from summitry.data.dates import parse_user_date
from summitry.data.schema import KINDS, STATUSES, Dataset
from summitry.errors import DateError, QueryError
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


# Options people try for a format or a status, and the option that takes it as a value.
VALUE_OPTIONS = {
    **{f"--{fmt}": ("format_", f"--format {fmt}") for fmt in ("csv", "jsonl", "markdown", "ics")},
    **{f"--{status}": ("status", f"--status {status}") for status in STATUSES},
}


def option(name: str, params: Collection[str | None]) -> str | None:
    """What to type instead of an unknown option (--since, --csv, --planned), or None."""
    name = name.split("=", 1)[0].casefold()
    if name in DATE_OPTIONS and "from_" in params:
        return f"use {DATE_OPTIONS[name]}"
    param, instead = VALUE_OPTIONS.get(name, (None, ""))
    return f"use {instead}" if param in params else None


def stray_words(
    dataset: Dataset | None,
    command_path: str,
    typed: Sequence[str],
    stray: Sequence[str],
    params: Collection[str | None],
) -> str:
    """The message for words given to a command that takes none: what to type instead.

    A word after an option that takes several words is its value, unquoted; a field list
    after --json is refused by name; with the filters, dates go to --from/--to (or
    between), actors' names to --actor each, a kind to --kind, other words to --search.
    """
    text = " ".join(stray)
    start = f"unexpected argument '{text}'"
    continued = continued_value(command_path, typed, stray)
    if continued is not None:
        return f"{start}: {continued}"
    before = typed[len(typed) - len(stray) - 1] if len(typed) > len(stray) else ""
    if before in ("--json",) and "," in stray[0]:
        return (
            f"{start}: --json takes no field list; it writes every field "
            "(pick fields from it with jq, or use --format csv)"
        )
    if "actor" not in params:
        if "search" in params:
            return f"{start}: try: {command_path} --search {_quote(text)}"
        return f"{start}: {command_path.split()[-1]} takes no such argument"
    return f"{start}: filters are options; try: {_as_options(dataset, command_path, stray)}"


def _as_options(dataset: Dataset | None, command_path: str, stray: Sequence[str]) -> str:
    """The command line that reads the stray words as options."""
    dates = _dates(stray)
    if dates:
        first, last = dates[0], dates[-1]
        program = command_path.split()[0]
        return (
            f"{command_path} --from {_quote(first)} --to {_quote(last)} "
            f"(or: {program} between {' '.join(map(_quote, dates))})"
        )
    text = " ".join(stray)
    if fold(text) in KINDS:
        return f"{command_path} --kind {_quote(text)}"
    if dataset is not None:
        for names in ([text], list(stray)):
            if all(_is_actor(dataset, name) for name in names):
                return command_path + "".join(f" --actor {_quote(name)}" for name in names)
    return f"{command_path} --search {_quote(text)}"


def _dates(words: Sequence[str]) -> list[str]:
    """The words, when one or two of them are all dates a user may type; else []."""
    if not 1 <= len(words) <= 2:
        return []
    try:
        for word in words:
            parse_user_date(word)
    except DateError:
        return []
    return list(words)


def _is_actor(dataset: Dataset, name: str) -> bool:
    try:
        match_actors(dataset, name)
    except QueryError:
        return False
    return True


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
                f"a value of more than one word needs quotes; "
                f"try: {command_path} {option} {_quote(whole)}"
            )
    return None


def _quote(text: str) -> str:
    """The text quoted for a shell, as shlex writes it (imported only when a hint needs it)."""
    import shlex

    return shlex.quote(text)

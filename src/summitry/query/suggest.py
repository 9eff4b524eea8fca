"""Pointers for people who guess: what a mistyped command, option, kind or stray word meant."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from shlex import quote

from summitry.data.dates import parse_user_date
from summitry.data.schema import KINDS, STATUSES, Dataset
from summitry.data.suggest import fold
from summitry.errors import DateError, QueryError
from summitry.query.select import match_actors

# Commands people try, from other tools, and the command line that does it.
COMMANDS = {
    **dict.fromkeys(("search", "find", "grep", "filter"), "list --search"),
    **dict.fromkeys(("ls", "events"), "list"),
    **dict.fromkeys(("view", "get"), "show"),
    **dict.fromkeys(("people", "who"), "actors"),
    "stats": "summary",
    **dict.fromkeys(("export", "save", "csv", "ics", "calendar"), "list --export FILE"),
    **dict.fromkeys(("sqlite", "db", "datasette"), "to-sqlite FILE"),
}

# Options people try for a period, and what to use instead.
ONE_PERIOD = "--from DATE --to DATE (the same DATE twice for one day, month or year)"
DATE_OPTIONS = {
    **dict.fromkeys(("--since", "--after"), "--from DATE (and --to DATE for the end)"),
    "--start": "--from DATE",
    **dict.fromkeys(("--until", "--till", "--before", "--end"), "--to DATE"),
    **dict.fromkeys(("--date", "--on", "--in"), ONE_PERIOD),
    "--year": "--from YEAR --to YEAR",
    "--month": "--from YYYY-MM --to YYYY-MM",
}


def command(name: str, rest: Sequence[str], dataset: Dataset | None = None) -> str | None:
    """The command line meant by an unknown command, a date or an actor's name; or None."""
    typed = [word for word in rest if not word.startswith("-")]
    instead = COMMANDS.get(name.casefold())
    if instead is not None:
        searched = " " + (quote(" ".join(typed)) if typed else "TEXT")
        return f"summitry {instead}" + (searched if instead.endswith("--search") else "")
    words = [name, *typed][:2]
    for dates in (words, [" ".join(words)]):
        if _are_dates(dates):
            return f"summitry between {' '.join(map(quote, dates))}"
    actor = dataset is not None and _is_actor(dataset, name)
    return f"summitry list --actor {quote(name)}" if actor else None


# Options people try, the parameter a command needs for the pointer, and the option to use.
VALUE_OPTIONS = {
    **{name: ("from_", instead) for name, instead in DATE_OPTIONS.items()},
    "--type": ("kind", "--kind KIND"),
    **{f"--{fmt}": ("format_", f"--format {fmt}") for fmt in ("csv", "jsonl", "markdown", "ics")},
    **{f"--{status}": ("status", f"--status {status}") for status in STATUSES},
}


def option(name: str, params: Collection[str | None]) -> str | None:
    """What to type instead of an unknown option (--since, --csv, --planned), or None."""
    param, instead = VALUE_OPTIONS.get(name.split("=", 1)[0].casefold(), (None, ""))
    return f"use {instead}" if param in params else None


def stray_words(
    dataset: Dataset | None,
    command_path: str,
    typed: Sequence[str],
    stray: Sequence[str],
    params: Collection[str | None],
) -> str:
    """The message for words given to a command that takes none: what to type instead."""
    text = " ".join(stray)
    start = f"unexpected argument '{text}'"
    if (continued := continued_value(command_path, typed, stray)) is not None:
        return f"{start}: {continued}"
    before = typed[len(typed) - len(stray) - 1] if len(typed) > len(stray) else ""
    if before == "--json" and "," in stray[0]:
        fields = "it writes every field (pick fields from it with jq, or use --format csv)"
        return f"{start}: --json takes no field list; {fields}"
    if "actor" not in params:
        if "search" in params:
            return f"{start}: try: {command_path} --search {quote(text)}"
        return f"{start}: {command_path.split()[-1]} takes no such argument"
    return f"{start}: filters are options; try: {_as_options(dataset, command_path, stray)}"


def _as_options(dataset: Dataset | None, command_path: str, stray: Sequence[str]) -> str:
    """The command line that reads the stray words as options."""
    if _are_dates(stray):
        between = f"(or: {command_path.split()[0]} between {' '.join(map(quote, stray))})"
        return f"{command_path} --from {quote(stray[0])} --to {quote(stray[-1])} {between}"
    text = " ".join(stray)
    if fold(text) in KINDS:
        return f"{command_path} --kind {quote(text)}"
    if dataset is not None:
        for names in ([text], list(stray)):
            if all(_is_actor(dataset, name) for name in names):
                return command_path + "".join(f" --actor {quote(name)}" for name in names)
    return f"{command_path} --search {quote(text)}"


def _are_dates(words: Sequence[str]) -> bool:
    """Whether the words are one or two dates a user may type."""
    try:
        spans = [parse_user_date(word) for word in words[:3]]
    except DateError:
        return False
    return 1 <= len(spans) <= 2


def _is_actor(dataset: Dataset, name: str) -> bool:
    try:
        match_actors(dataset, name)
    except QueryError:
        return False
    return True


WORDY_OPTIONS = frozenset(("--actor", "-a", "--place", "-p", "--search", "-s"))


def continued_value(command_path: str, typed: Sequence[str], stray: Sequence[str]) -> str | None:
    """For `--actor kim jong un`, the message that suggests `--actor 'kim jong un'`; else None."""
    for index in range(2, len(typed) - len(stray) + 1):
        option, value = typed[index - 2], typed[index - 1]
        if option in WORDY_OPTIONS and list(typed[index : index + len(stray)]) == list(stray):
            fixed = f"{command_path} {option} {quote(' '.join((value, *stray)))}"
            return f"a value of more than one word needs quotes; try: {fixed}"
    return None

"""Shell completion: what to offer for --actor, --kind, show's ID and file names.

Click drives completion (docs/usage.md says how to enable it); these are the callbacks it
calls. They read the same data file the command would (--data before or after the command,
or SUMMITRY_DATA), and offer nothing when it cannot be loaded: a completion prints no error.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from summitry.data.load import load
from summitry.data.schema import KINDS, Dataset
from summitry.errors import DataError
from summitry.query.select import chronological
from summitry.query.words import fold, words

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem

Items = list["CompletionItem"]
_BASH_SPECIAL = r"([^\w,./@%+=:-])"  # compiled on first use (re caches it)


def _dataset(ctx: click.Context) -> Dataset | None:
    path = (
        ctx.params.get("data")  # --data after the command
        or ctx.find_root().params.get("data")
        or os.environ.get("SUMMITRY_DATA")
        or None
    )
    try:
        return load(path)
    except DataError:
        return None


def _starts(typed: str, text: str) -> bool:
    """Whether the text, or one of its words, begins with what was typed (ignoring case)."""
    folded = fold(text)
    return folded.startswith(typed) or any(word.startswith(typed) for word in words(text))


def actor_candidates(dataset: Dataset, incomplete: str) -> list[tuple[str, str]]:
    """(name, help) for every actor name and alias that begins with, or has a word that
    begins with, what was typed; an alias shared by several actors is offered once."""
    typed = fold(incomplete)
    offered: dict[str, tuple[str, list[str]]] = {}
    for actor in dataset.actors.values():
        outside = f"{actor.name} (a name from outside the sources)"
        names = [(actor.name, actor.role), *((alias, actor.name) for alias in actor.aliases)]
        names += [(other, outside) for other in actor.outside_names]
        for name, meaning in names:
            if not _starts(typed, name):
                continue
            offered.setdefault(fold(name), (name, []))[1].append(meaning)
    return [(shown, ", ".join(meanings)) for shown, meanings in offered.values()]


def event_id_candidates(dataset: Dataset, incomplete: str) -> list[tuple[str, str]]:
    """(id, title) for the ids that begin with what was typed, else those that contain it."""
    typed = incomplete.strip().casefold()
    events = chronological(dataset.events)
    found = [(e.id, e.title) for e in events if e.id.startswith(typed)]
    return found or [(e.id, e.title) for e in events if typed in e.id]


def kind_candidates(incomplete: str) -> list[tuple[str, str]]:
    """(kind, the first sentence of its definition) for the kinds that begin with the text."""
    typed = fold(incomplete)
    return [
        (kind, meaning.split(": ")[0].split(", such as")[0].rstrip("."))
        for kind, meaning in KINDS.items()
        if kind.startswith(typed)
    ]


def _items(pairs: list[tuple[str, str]]) -> Items:
    from click.shell_completion import CompletionItem

    return [CompletionItem(value, help=help_) for value, help_ in pairs]


def complete_actor(ctx: click.Context, _param: click.Parameter, incomplete: str) -> Items:
    """Click's callback for --actor."""
    dataset = _dataset(ctx)
    return _items(actor_candidates(dataset, incomplete)) if dataset else []


def complete_event_id(ctx: click.Context, _param: click.Parameter, incomplete: str) -> Items:
    """Click's callback for show's ID."""
    dataset = _dataset(ctx)
    return _items(event_id_candidates(dataset, incomplete)) if dataset else []


def complete_kind(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> Items:
    """Click's callback for --kind."""
    return _items(kind_candidates(incomplete))


def complete_path(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> Items:
    """Click's callback for file names (--data, --export, validate's PATH): the shell's own."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def bash_escape(value: str) -> str:
    """A value as bash must see it typed: 'Kim Jong Un' -> 'Kim\\ Jong\\ Un'."""
    return re.sub(_BASH_SPECIAL, r"\\\1", value)


def use_escaping_bash() -> None:
    """Make Click's bash completion escape spaces, so 'Kim Jong Un' stays one argument.

    Click's bash script adds each value to COMPREPLY as it is, and bash inserts it
    unquoted; zsh and fish quote values themselves, so only bash needs this. Set up only
    while completing, so a normal run does not import Click's completion module.
    """
    from click.shell_completion import BashComplete, add_completion_class

    class EscapingBashComplete(BashComplete):
        def format_completion(self, item: CompletionItem) -> str:
            if item.type != "plain":
                return f"{item.type},{item.value}"
            # The script reads each line with `read` (no -r), which eats one level of \.
            return f"{item.type},{bash_escape(item.value)}".replace("\\", "\\\\")

    add_completion_class(EscapingBashComplete, "bash")

"""Shell completion for --actor, --kind, show's ID and file names (none when the data is broken)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summitry.data.load import load
from summitry.data.schema import KINDS, Dataset
from summitry.data.suggest import fold, words
from summitry.errors import DataError
from summitry.query.select import chronological

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem

Items = list["CompletionItem"]


def _dataset(ctx: click.Context) -> Dataset | None:
    path = ctx.params.get("data") or ctx.find_root().params.get("data") or None
    try:
        return load(path)
    except DataError:
        return None


def _items(pairs: list[tuple[str, str]]) -> Items:
    from click.shell_completion import CompletionItem

    return [CompletionItem(value, help=help_) for value, help_ in pairs]


def complete_actor(ctx: click.Context, _param: click.Parameter, incomplete: str) -> Items:
    """Names and aliases that begin, or have a word that begins, with what was typed; once each."""
    dataset = _dataset(ctx)
    typed = fold(incomplete)
    offered: dict[str, tuple[str, list[str]]] = {}
    for actor in dataset.actors.values() if dataset else ():
        outside = f"{actor.name} (a name from outside the sources)"
        names = [(actor.name, actor.role), *((alias, actor.name) for alias in actor.aliases)]
        names += [(other, outside) for other in actor.outside_names]
        for name, meaning in names:
            if fold(name).startswith(typed) or any(w.startswith(typed) for w in words(name)):
                offered.setdefault(fold(name), (name, []))[1].append(meaning)
    return _items([(shown, ", ".join(meanings)) for shown, meanings in offered.values()])


def complete_event_id(ctx: click.Context, _param: click.Parameter, incomplete: str) -> Items:
    """The event ids that begin with what was typed, else those that contain it."""
    dataset = _dataset(ctx)
    typed = incomplete.strip().casefold()
    events = chronological(dataset.events) if dataset else []
    found = [(e.id, e.title) for e in events if e.id.startswith(typed)]
    return _items(found or [(e.id, e.title) for e in events if typed in e.id])


def complete_kind(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> Items:
    """The kinds that begin with what was typed, with the first sentence of their meaning."""
    typed = fold(incomplete)
    kinds = [(k, m.split(": ")[0].split(", such as")[0].rstrip(".")) for k, m in KINDS.items()]
    return _items([(kind, meaning) for kind, meaning in kinds if kind.startswith(typed)])


def complete_path(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> Items:
    """File names: left to the shell."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def bash_escape(value: str) -> str:
    """The value with a backslash before each character that bash may treat specially."""
    return re.sub(r"([^\w,./@%+=:-])", r"\\\1", value)


def use_escaping_bash() -> None:
    """Make Click's bash completion escape spaces, so 'Kim Jong Un' stays one argument."""
    from click.shell_completion import BashComplete, add_completion_class

    class EscapingBashComplete(BashComplete):
        def format_completion(self, item: CompletionItem) -> str:
            if item.type != "plain":
                return f"{item.type},{item.value}"
            # The script reads each line with `read` (no -r), which eats one level of \.
            return f"{item.type},{bash_escape(item.value)}".replace("\\", "\\\\")

    add_completion_class(EscapingBashComplete, "bash")

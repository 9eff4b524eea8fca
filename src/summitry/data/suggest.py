"""Folded words and did-you-mean: shared by the loader's messages and the query's."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from summitry.data.schema import KINDS

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower-case text with its accents removed, for matching: 'Zí Jìnpíng' -> 'zi jinping'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> tuple[str, ...]:
    """The folded words of a text: 'Kim Jong-un' -> ('kim', 'jong', 'un')."""
    return tuple(_WORD.findall(fold(text)))


def did_you_mean(typed: str, choices: dict[str, str], cutoff: float = 0.5) -> str:
    """'; did you mean A or B?' for the closest choices (folded key -> shown name), or ''."""
    import difflib  # only when something was not found

    close = difflib.get_close_matches(fold(typed), list(choices), n=6, cutoff=cutoff)
    return suggest(list(dict.fromkeys(choices[key] for key in close)))


def suggest(names: list[str]) -> str:
    """'; did you mean A, B or C?' for the first three names, or ''."""
    names = names[:3]
    listed = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    return f"; did you mean {listed}?" if names else ""


def kinds_by_meaning(typed: str) -> list[str]:
    """Kinds named, then described, by a word like one typed: 'missiles' -> weapons-test."""
    wanted = [word for word in words(typed) if len(word) >= 4]
    found = [
        kind
        for kind, description in KINDS.items()
        if any(_alike(w, known) for w in wanted for known in words(f"{kind} {description}"))
    ]
    return sorted(found, key=lambda kind: not any(_alike(w, kind) for w in wanted))


def kind_hint(typed: str) -> str:
    """'; did you mean K?' for a kind alike in meaning ('missile'), else in spelling ('sumit')."""
    return suggest(kinds_by_meaning(typed)) or did_you_mean(typed, {k: k for k in KINDS})


def id_hint(typed: str, known: Iterable[str]) -> str:
    """'; did you mean X?' for ids with the typed one among their words, or close to it."""
    ids = sorted(known)
    within = [key for key in ids if typed in key.split("-")]
    return suggest(within) or did_you_mean(typed, {key: key for key in ids}, 0.6)


def _alike(one: str, other: str) -> bool:
    length = min(len(one), len(other))
    shared = next((i for i in range(length) if one[i] != other[i]), length)
    return shared >= max(4, length - 2)

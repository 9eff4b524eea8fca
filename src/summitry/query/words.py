"""Text matching shared by queries and suggestions: folded words, did-you-mean, kinds by meaning."""

from __future__ import annotations

import re
import unicodedata

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
    import difflib  # only needed when something was not found

    close = difflib.get_close_matches(fold(typed), list(choices), n=6, cutoff=cutoff)
    return suggest(list(dict.fromkeys(choices[key] for key in close)))


def suggest(names: list[str]) -> str:
    """'; did you mean A, B or C?' for the first three names, or ''."""
    if not names:
        return ""
    *rest, last = names[:3]
    return f"; did you mean {', '.join(rest) + ' or ' if rest else ''}{last}?"


def kinds_by_meaning(typed: str) -> list[str]:
    """The kinds whose name or description has a word like one typed ('missiles' ->
    weapons-test, 'trip' -> visit), those alike by name first."""
    wanted = [word for word in words(typed) if len(word) >= 4]
    found = [
        kind
        for kind, description in KINDS.items()
        if any(_alike(w, known) for w in wanted for known in words(f"{kind} {description}"))
    ]
    return sorted(found, key=lambda kind: not any(_alike(w, kind) for w in wanted))


def _alike(one: str, other: str) -> bool:
    length = min(len(one), len(other))
    shared = next((i for i in range(length) if one[i] != other[i]), length)
    return shared >= max(4, length - 2)

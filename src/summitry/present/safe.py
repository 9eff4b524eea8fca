"""Data as inert text: control characters shown as escapes, spreadsheet formulas defused."""

from __future__ import annotations

import re

# DEL, C1, the bidi controls and the line and paragraph separators: controls beyond C0.
BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029"
# Patterns as text, which re compiles on first use: most text is printable and needs none.
JSON_UNESCAPED = f"[{BEYOND_C0}]"
CONTROLS = f"[\x00-\x08\x0b-\x1f{BEYOND_C0}]"
LINE_CONTROLS = f"[\x00-\x1f{BEYOND_C0}]"
FORMULA_STARTS = frozenset("=+-@\t\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with each terminal control character replaced by its visible escape."""
    return text if text.isprintable() else re.sub(CONTROLS, _escape, text)


def one_line(text: str) -> str:
    """The text as one line: every control character, tab and line break too, as its escape."""
    return text if text.isprintable() else re.sub(LINE_CONTROLS, _escape, text)


def json_visible(document: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as \\uXXXX escapes (the same value)."""
    if document.replace("\n", "").isprintable():  # the encoder escapes C0 but its own newlines
        return document
    return re.sub(JSON_UNESCAPED, lambda match: f"\\u{ord(match.group()):04x}", document)


def spreadsheet_cell(text: str) -> str:
    """The text of a CSV cell, with an apostrophe in front when it would start a formula."""
    return "'" + text if text[:1] in FORMULA_STARTS else text

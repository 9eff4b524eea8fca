"""Data as inert text: control characters made visible, spreadsheet formulas defused.

A data file may hold anything a JSON string can. Before data reaches a terminal, a pipe or a
text format, `visible` replaces every character that a terminal would act on rather than show
(C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings,
overrides and isolates) with its escape as Python writes it: ESC is shown as the four
characters `\\x1b`, RIGHT-TO-LEFT OVERRIDE as `\\u202e`. `spreadsheet_cell` prefixes a CSV
cell that a spreadsheet would read as a formula with an apostrophe (OWASP's advice).
"""

from __future__ import annotations

import re

# DEL and C1 (7f-9f); LRE, RLE, PDF, LRO, RLO (202a-202e) and LRI, RLI, FSI, PDI (2066-2069):
# the bidi controls that reorder text after them. JSON's encoder already writes C0 as \\u00XX,
# so this is what JSON text needs; other text needs C0 too, but tab (09) and newline (0a).
BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
JSON_UNESCAPED = re.compile(f"[{BEYOND_C0}]")
CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f{BEYOND_C0}]")
# OWASP, "CSV Injection": a cell starting with one of these is read as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with each terminal control character replaced by its visible escape."""
    if CONTROLS.search(text) is None:
        return text
    return CONTROLS.sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_visible(document: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as \\uXXXX escapes: the same value,
    and nothing a terminal acts on. A check of ASCII text costs one pass in C."""
    if document.isascii():
        return document.replace("\x7f", "\\u007f") if "\x7f" in document else document
    if JSON_UNESCAPED.search(document) is None:
        return document
    return JSON_UNESCAPED.sub(_json_escape, document)


def spreadsheet_cell(text: str) -> str:
    """The text of a CSV cell, with an apostrophe in front when it would start a formula."""
    return "'" + text if text[:1] in FORMULA_STARTS else text

"""The one place where summitry writes its results: stdout, a terminal or a closed pipe.

Streams that cannot encode a character (LANG=C, PYTHONIOENCODING=ascii) get a close ASCII
stand-in instead of an error; a reader that goes away (`summitry list | head -1`) ends the
program quietly with status 0.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

ASCII_STAND_INS = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u2588": "#",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00b7": "-",
    "\u2192": "->",
    "\u2500": "-",
    "\u252c": "+",
    "\u25c6": "*",
    "\u2022": "o",
    "\u25cb": "+",
    "\u00d7": "x",
}
EXPORT_SUFFIXES = (".svg", ".html", ".txt")
ERRORS = "summitry-ascii"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        stand_in = ASCII_STAND_INS.get(char)
        if stand_in is None:
            decomposed = unicodedata.normalize("NFKD", char)
            stand_in = decomposed.encode("ascii", "ignore").decode("ascii") or "?"
        out.append(stand_in)
    return "".join(out), error.end


codecs.register_error(ERRORS, _stand_in)


def prepare_streams() -> None:
    """Make stdout and stderr replace characters they cannot encode instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors=ERRORS)


def console() -> Console:
    """A Rich console on stdout: colour only on a terminal, NO_COLOR and FORCE_COLOR obeyed."""
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False)


class ExportError(Exception):
    """An export file that could not be written."""


def emit(result: str | RenderableType, export: str | None = None, title: str = "summitry") -> None:
    """Write a rendered result to stdout; a closed pipe ends the program quietly (status 0).

    With export, also save what is drawn to that file (.svg, .html or .txt, from its suffix)
    exactly as it appears on the terminal, before anything is written to stdout.
    """
    try:
        if export is not None:
            sys.stdout.write(_record(result, export, title))
        elif isinstance(result, str):
            sys.stdout.write(result)
        else:
            console().print(result)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise SystemExit(0) from None


def _record(result: str | RenderableType, export: str, title: str) -> str:
    """Draw the result on a recording console, save the recording, return what was drawn."""
    from rich.console import Console

    screen = console()
    drawn = io.TextIOWrapper(io.BytesIO(), encoding=screen.encoding, errors=ERRORS, newline="")
    recorder = Console(
        file=drawn,
        record=True,
        width=screen.width,
        height=screen.height,
        color_system=screen.color_system,  # type: ignore[arg-type]
        force_terminal=screen.is_terminal,
        no_color=screen.no_color,
        highlight=False,
    )
    recorder.print(result)
    drawn.flush()
    savers: dict[str, Callable[[], None]] = {
        ".svg": lambda: recorder.save_svg(export, title=title),
        ".html": lambda: recorder.save_html(export),
        ".txt": lambda: recorder.save_text(export),
    }
    save = savers.get(os.path.splitext(export)[1].lower())
    if save is None:
        raise ExportError(f"cannot export to '{export}': use a .svg, .html or .txt file")
    try:
        save()
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ExportError(f"cannot write '{export}': {reason}") from None
    return drawn.buffer.getvalue().decode(drawn.encoding)


def _discard_stdout() -> None:
    # Point stdout at /dev/null so the interpreter's final flush has nowhere to fail.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass

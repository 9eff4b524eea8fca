"""Writing results: ASCII stand-ins where a stream cannot encode; a closed pipe is quiet."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

from summitry.errors import RefusedTarget, WriteError
from summitry.present.files import reason, same_file, write_atomic
from summitry.present.formats import FORMATS, by_suffix, write
from summitry.present.rows import Result
from summitry.present.safe import one_line, visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

ASCII_STAND_INS = {
    **dict.fromkeys("\u2013\u2014\u00b7\u2500", "-"),
    **dict.fromkeys("\u2018\u2019", "'"),
    **dict.fromkeys("\u201c\u201d", '"'),
    **dict.fromkeys("\u252c\u25cb", "+"),
    **dict(zip("\u2588\u25c6\u2022\u00d7\u2591", "#*ox:", strict=True)),
    "\u2192": "->",
}
ERRORS = "summitry-ascii"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = ""
    for char in error.object[error.start : error.end]:
        stand_in = ASCII_STAND_INS.get(char) or unicodedata.normalize("NFKD", char)
        out += stand_in.encode("ascii", "ignore").decode("ascii") or "?"  # stand-ins are ASCII
    return out, error.end


codecs.register_error(ERRORS, _stand_in)


class ClosedStream(io.TextIOBase):
    """Stdout closed at start (`>&-`): writing fails as on a closed descriptor."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "the descriptor is closed")


def prepare_streams() -> None:
    """Stdout and stderr replace what they cannot encode; a closed stdout fails when written."""
    if sys.stdout is None:
        sys.stdout = ClosedStream()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors=ERRORS)


def console(**settings: Any) -> Console:
    """A Rich console on stdout, or on the settings' file: no markup, emoji or highlighting."""
    from rich.console import Console

    return Console(**{"file": sys.stdout, **settings}, highlight=False, markup=False, emoji=False)


def to_terminal() -> bool:
    """Whether tables are drawn: stdout is a terminal (as Rich tells) or COLUMNS is set."""
    refused = os.environ.get("TTY_COMPATIBLE") == "0"
    return not refused and (console().is_terminal or bool(os.environ.get("COLUMNS")))


def print_trimmed(screen: Console, result: RenderableType) -> None:
    """Print what Rich draws with no spaces at the end of a line."""
    from rich.segment import Segment, Segments

    segments: list[Segment] = []
    for line in screen.render_lines(result, screen.options, pad=False, new_lines=False):
        while line and not line[-1].control and not line[-1].text.rstrip(" "):
            line.pop()
        if line and not line[-1].control:
            line[-1] = line[-1]._replace(text=line[-1].text.rstrip(" "))
        segments += [*line, Segment.line()]
    screen.print(Segments(segments), end="")


def output_error(error: OSError) -> WriteError:
    """The WriteError for an error writing stdout, which is pointed at /dev/null."""
    discard_stdout()
    return WriteError(f"cannot write to standard output: {reason(error)}")


def emit(
    result: Result | str,
    fmt: str = "table",
    export: str | None = None,
    title: str = "summitry",
    data_file: str | None = None,
) -> None:
    """The notes to stderr, the result in fmt to stdout, and in its own format to export."""
    if isinstance(result, str):  # a line that may name a user's file: controls shown as escapes
        return write_out(visible(result))
    for note in result.notes:
        sys.stderr.write(one_line(note) + "\n")
    if result.kind == "timeline" and not result.rows:
        return
    shown = not (result.nothing and FORMATS[fmt].caption)
    drawing = screen = write(fmt, result) if shown else ""
    if shown and fmt == "table" and not to_terminal():  # piped: the rows only, no caption
        from summitry.present.tables import lines

        screen = lines(result) or screen
    saved = False
    if export is not None:
        if data_file is not None and same_file(export, data_file):
            raise RefusedTarget(
                f"'{export}' is the data file being read; summitry never writes its data: "
                "choose another file"
            )
        found = by_suffix(export)
        assert found is not None
        chosen, suffix = found
        if not (result.nothing and chosen.caption):
            content = drawing if chosen.name == fmt else write(chosen.name, result)
            drawn, saved = _save(export, suffix, content, title), True
            if content is screen and drawn is not None:
                screen = drawn  # what was recorded for the export, not drawn again
    if shown or saved:
        write_out(screen)


def write_out(result: str | RenderableType) -> None:
    """Write the result to stdout; a closed pipe exits 0."""
    try:
        if isinstance(result, str):
            sys.stdout.write(result)
        else:
            print_trimmed(console(), result)
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
        raise SystemExit(0) from None
    except OSError as error:
        raise output_error(error) from None


def _save(path: str, suffix: str, content: str | RenderableType, title: str) -> str | None:
    """Save the file whole or not at all; for a drawing, return the text drawn."""
    drawn = None
    if not isinstance(content, str):
        drawn, recorder = _record(content)
        exports = {".svg": lambda: recorder.export_svg(title=title), ".html": recorder.export_html}
        content = exports.get(suffix, recorder.export_text)()
    try:
        write_atomic(path, content.encode("utf-8"))
    except (OSError, ValueError) as error:
        raise WriteError(f"cannot write '{path}': {reason(error)}") from None
    return drawn


def _record(drawing: RenderableType) -> tuple[str, Console]:
    """Draw on a console like stdout's that records; what was drawn, and the recorder."""
    screen = console()
    drawn = io.TextIOWrapper(io.BytesIO(), encoding=screen.encoding, errors=ERRORS, newline="")
    same = {name: getattr(screen, name) for name in ("width", "height", "color_system", "no_color")}
    recorder = console(file=drawn, record=True, force_terminal=screen.is_terminal, **same)
    print_trimmed(recorder, drawing)
    drawn.flush()
    return drawn.buffer.getvalue().decode(drawn.encoding), recorder


def discard_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's final flush cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)

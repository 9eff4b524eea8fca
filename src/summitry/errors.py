"""Every error summitry raises on purpose, each with the exit status it ends the program with."""

from __future__ import annotations

from collections.abc import Sequence

EXIT_FILE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class SummitryError(Exception):
    """An error a user can cause: one line for stderr and an exit status."""

    exit_code = EXIT_USAGE


class QueryError(SummitryError, ValueError):
    """A query that names something the data does not have, or a period that ends first."""


class DateError(SummitryError, ValueError):
    """A date string that cannot be read; the message says why and what would work."""


class DataError(SummitryError):
    """A data file that cannot be used, with every problem found in it."""

    exit_code = EXIT_FILE

    def __init__(self, origin: str, problems: Sequence[str], more: int = 0) -> None:
        self.origin = origin
        self.problems = tuple(problems)
        self.more = more
        super().__init__(self.headline())

    def headline(self) -> str:
        """One line: the first problem, and how many others there are."""
        first = f"{self.origin}: {self.problems[0]}"
        others = len(self.problems) - 1 + self.more
        if others:
            first += f" (and {others} more problem{'s' if others != 1 else ''})"
        return first

    def lines(self) -> list[str]:
        """Every problem on a line of its own, naming the file."""
        out = [f"{self.origin}: {problem}" for problem in self.problems]
        if self.more:
            out.append(f"{self.origin}: ... and {self.more} more problems not shown")
        return out


class RefusedTarget(SummitryError):
    """A file not to write: the data file, a directory, a device, or one existing (no --replace)."""


class WriteError(SummitryError):
    """A file (an export, a database, standard output) that could not be written."""

    exit_code = EXIT_FILE


class MissingLibrary(SummitryError):
    """An optional library that a command needs is not installed."""

    exit_code = EXIT_FILE


class SigTerm(KeyboardInterrupt):
    """SIGTERM while a file is written: it unwinds as Ctrl-C does, and nothing is left behind."""

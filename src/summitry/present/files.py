"""Writing a file all at once: built under a temporary name beside it, renamed into place."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from msgspec import Struct

from summitry.errors import SigTerm

T = TypeVar("T")


class Staged(Struct, Generic[T], frozen=True):
    """A file built under a temporary name beside its target, not yet renamed into place."""

    temporary: str
    target: str
    result: T
    companions: Sequence[str] = ()

    def commit(self) -> None:
        """Rename the file over its target (os.replace, atomic on one file system)."""
        os.replace(self.temporary, self.target)

    def discard(self) -> None:
        """Remove the temporary file and its companions (if still there)."""
        for leftover in (self.temporary, *(self.temporary + c for c in self.companions)):
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def stage(
    path: str, build: Callable[[str], T], *, suffix: str = ".tmp", companions: Sequence[str] = ()
) -> Staged[T]:
    """Build a file by build(name) beside path, with its mode; on any failure, remove it all."""
    import signal
    import tempfile

    signal.signal(signal.SIGTERM, _sigterm)  # stopped from here on, it cleans up as on Ctrl-C

    target = os.path.realpath(path)
    try:
        status = os.stat(target)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        if not stat.S_ISREG(status.st_mode):
            raise ValueError("not a regular file")
        mode = stat.S_IMODE(status.st_mode)
    directory, name = os.path.split(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{name[:40]}.", suffix=suffix, dir=directory)
    try:
        os.close(handle)
        result = build(temporary)
        os.chmod(temporary, mode)
    except BaseException:
        Staged(temporary, target, None, tuple(companions)).discard()
        raise
    return Staged(temporary, target, result, tuple(companions))


def _sigterm(_signum: int, _frame: object) -> None:
    """SIGTERM's handler: unwind as Ctrl-C does."""
    raise SigTerm


def write_atomic(path: str, data: bytes) -> None:
    """Write data to path, flushed to disk, so that path holds its old content or all of data."""

    def build(temporary: str) -> None:
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())

    staged = stage(path, build, suffix=".part")
    try:
        staged.commit()
    finally:
        staged.discard()


def target_problem(path: str) -> str | None:
    """Why path cannot be written as a file (a NUL byte, a folder, a FIFO or device), or None."""
    if "\0" in path:
        return "a file name cannot contain a NUL byte"
    if os.path.isdir(path):
        return f"'{path}' is a directory"
    with contextlib.suppress(OSError, ValueError):
        if not stat.S_ISREG(os.stat(path).st_mode):
            return f"'{path}' is not a regular file"
    return None


def same_file(first: str, second: str) -> bool:
    """Whether two paths name one file (through symbolic or hard links too)."""
    try:
        one, other = os.stat(first), os.stat(second)
    except (OSError, ValueError):
        return False
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def reason(error: BaseException) -> str:
    """What went wrong, in a few words: the OS's message, else the error's text or type."""
    return getattr(error, "strerror", None) or str(error) or type(error).__name__

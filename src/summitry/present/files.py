"""Writing a file all at once: a temporary file beside it, renamed into place when complete."""

from __future__ import annotations

import contextlib
import os
import stat


def write_atomic(path: str, data: bytes) -> None:
    """Write data to path so that path holds either its old content or all of data.

    The bytes go to a temporary file in the same directory, are flushed to disk, and the
    file is renamed over path (os.replace, atomic on one file system). On any failure,
    a full disk, a file-size limit or Ctrl-C included, the temporary file is removed and
    path is left as it was. A symbolic link is followed: the file it points to is replaced.
    A new file gets the usual permissions (0666 less the umask), a replaced one keeps its own.
    """
    import tempfile

    target = os.path.realpath(path)
    mode = _mode(target)
    directory, name = os.path.split(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{name[:64]}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode(target: str) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def same_file(first: str, second: str) -> bool:
    """Whether two paths name one file (through symbolic or hard links too); False if either
    does not exist."""
    try:
        one, other = os.stat(first), os.stat(second)
    except (OSError, ValueError):
        return False
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)

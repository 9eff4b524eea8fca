"""The bytes of a data file, read so that no path can take all the memory or crash the reader.

A large regular file is mapped into memory rather than copied; anything that is not a
regular file (a pipe, a device, /dev/stdin) is read up to MAX_STREAM_BYTES; every way a
path can fail to be read is one DataError that says why.
"""

from __future__ import annotations

import mmap
import os
import stat

from summitry.errors import DataError

BUNDLED = "data/events.json"
# A pipe, a device or /dev/stdin has no size to check beforehand: read at most this much.
MAX_STREAM_BYTES = 256 * 1024 * 1024
# A regular file at least this large is mapped into memory rather than read: msgspec
# decodes straight from the page cache, without a copy of the file.
MAP_FROM_BYTES = 1024 * 1024


def bundled_bytes() -> tuple[bytes, str]:
    """The bundled data file's bytes and a name for it in messages.

    Reads the copy inside the installed package (wheel): straight from the package's folder
    when it is one (importing importlib.resources costs more than the whole lookup), else
    through importlib.resources (a zip import). Falls back to the repository's `data/` when
    running from a checkout or an editable install, which do not see the packaged copy.
    """
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package
    packaged_path = os.path.join(here, *BUNDLED.split("/"))
    if os.path.isfile(packaged_path):
        return read_bytes(packaged_path), packaged_path
    if not os.path.isdir(here):
        from importlib.resources import files

        packaged = files("summitry").joinpath(BUNDLED)
        if packaged.is_file():
            return packaged.read_bytes(), str(packaged)
    checkout = os.path.join(
        os.path.dirname(os.path.dirname(os.path.realpath(here))), *BUNDLED.split("/")
    )
    return read_bytes(checkout), str(checkout)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, or a DataError that says why it cannot be read (see open_bytes)."""
    data = open_bytes(path)
    if isinstance(data, mmap.mmap):
        with data:
            return data[:]
    return data


def open_bytes(path: str | os.PathLike[str]) -> bytes | mmap.mmap:
    """A file's bytes, or a DataError that says why it cannot be read.

    A large regular file is mapped into memory rather than copied (the caller closes the
    map); a small one is read whole; anything else (a pipe, a device, /dev/stdin) is read
    up to MAX_STREAM_BYTES, so that `--data /dev/zero` cannot take all the memory.
    """
    origin = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode):
                if info.st_size >= MAP_FROM_BYTES:
                    return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                return handle.read()
            data = handle.read(MAX_STREAM_BYTES + 1)
    except FileNotFoundError:
        reason = "no such file"
    except IsADirectoryError:
        reason = "is a directory, not a data file"
    except PermissionError:
        reason = "permission denied"
    except OSError as error:
        reason = f"cannot be read ({error.strerror or error})"
    except ValueError as error:  # a NUL byte in the path
        reason = f"is not a usable path ({error})"
    else:
        if len(data) <= MAX_STREAM_BYTES:
            return data
        reason = (
            f"is not a regular file and holds more than {MAX_STREAM_BYTES // 2**20} MiB; "
            "save it to a file first"
        )
    raise DataError(origin, [reason])

"""Atomic file writes: a file is replaced whole or not at all.

Every file geomap writes goes through :func:`atomic_write` (writers that take
an open file) or :func:`atomic_path` (writers that take a file name, such as
GDAL or pyarrow). The new content is written to a temporary file in the same
folder, flushed to disk and moved over the target with :func:`os.replace`, so
a failure, a full disk or a kill in the middle leaves the previous file intact
and no temporary file behind (a kill may leave one hidden ``.NAME.*.tmp``
entry, never a truncated target).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write", "atomic_path"]


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", *, encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file that replaces ``path`` when the block ends without an error.

    Parameters
    ----------
    path : str or Path
        The file to write. Its folder must exist.
    mode : str
        ``"w"`` (text, the default) or ``"wb"`` (bytes).
    encoding : str, optional
        The encoding of a text file (UTF-8 by default); ignored for bytes.

    Yields
    ------
    file object
        The temporary file, open for writing.

    Raises
    ------
    OSError
        When the file cannot be written or moved into place; ``path`` is
        then unchanged and the temporary file removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_write(target) as fh:
    ...     _ = fh.write("done")
    >>> target.read_text()
    'done'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write writes with mode 'w' or 'wb', not {mode!r}")
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding, newline=None if "b" in mode else "") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _publish(Path(name), path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary file name that replaces ``path`` when the block ends without an error.

    For writers that open the file themselves (GDAL, pyarrow). The name has
    the same file name as ``path``, inside a temporary folder beside it, so
    the writer sees the usual extension and any side files it makes are
    removed with the folder.

    Parameters
    ----------
    path : str or Path
        The file to write. Its folder must exist.

    Yields
    ------
    Path
        Where the writer should write; nothing exists there yet.

    Raises
    ------
    OSError
        When the file cannot be moved into place; ``path`` is then unchanged.
    """
    path = Path(path)
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        staged = folder / path.name
        yield staged
        if not staged.is_file():
            raise OSError(f"{path}: nothing was written")
        with open(staged, "rb+") as fh:
            os.fsync(fh.fileno())
        _publish(staged, path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _publish(staged: Path, path: Path) -> None:
    """Give ``staged`` the permissions a new file would have, and move it over ``path``."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        os.chmod(staged, mode)
    os.replace(staged, path)
    _sync_folder(path.parent)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of a replaced file (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

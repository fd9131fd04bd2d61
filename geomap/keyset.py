"""A set of many strings in little memory: what a pass over a large corpus remembers of each article.

Reading a corpus keeps every article id it has given (ids are unique within a
corpus), and an ingest every content key it has seen (an article read twice is
extracted once). As Python strings in a set, these cost 150 to 250 bytes per
article; a :class:`KeySet` keeps a 16-byte hash of each, so that a pass over a
million articles remembers them in about 16 MB.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

__all__ = ["KeySet"]

#: Hashes held in a Python set before they are merged into the sorted array.
BUFFER = 16_384


class KeySet:
    """A set of strings kept as a sorted array of their 128-bit BLAKE2b hashes, and the last hashes added.

    Two different strings are taken for one only if their 128-bit hashes are
    equal: for a billion strings, a chance of about one in 10^20.

    Parameters
    ----------
    keys : iterable of str
        The strings to start with.
    buffer : int, optional
        Hashes added that are kept in a Python set (fast to add to) before
        they join the sorted array (16 bytes each); :data:`BUFFER` by default.

    Examples
    --------
    >>> keys = KeySet(["a", "b"])
    >>> keys.add("c")
    >>> "c" in keys, "d" in keys, len(keys)
    (True, False, 3)
    """

    __slots__ = ("_sorted", "_recent", "_buffer")

    def __init__(self, keys: Iterable[str] = (), buffer: int | None = None) -> None:
        self._sorted = None  # a numpy array once the first hashes are merged (numpy is imported only then)
        self._recent: set[bytes] = set()
        self._buffer = max(1, BUFFER if buffer is None else buffer)
        for key in keys:
            self.add(key)

    def add(self, key: str) -> None:
        """Add ``key`` (adding it again changes nothing)."""
        digest = _digest(key)
        if digest in self._recent or self._in_sorted(digest):
            return
        self._recent.add(digest)
        if len(self._recent) >= self._buffer:
            import numpy as np

            merged = np.array(sorted(self._recent), dtype="S16")
            if self._sorted is not None:
                merged = np.insert(self._sorted, self._sorted.searchsorted(merged), merged)
            self._sorted, self._recent = merged, set()

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        digest = _digest(key)
        return digest in self._recent or self._in_sorted(digest)

    def __len__(self) -> int:
        return (0 if self._sorted is None else len(self._sorted)) + len(self._recent)

    def _in_sorted(self, digest: bytes) -> bool:
        if self._sorted is None:
            return False
        where = int(self._sorted.searchsorted(digest))
        # an item of an "S16" array comes back without its trailing zero bytes
        return where < len(self._sorted) and self._sorted[where] == digest.rstrip(b"\0")


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()

import hashlib
import itertools

import numpy as np

from geomap.keyset import KeySet


def _ending_in_zero() -> str:
    """A string whose hash ends with a zero byte (an "S16" array drops trailing zeros when it gives an item back)."""
    for n in itertools.count():
        key = f"key-{n}"
        if hashlib.blake2b(key.encode(), digest_size=16).digest().endswith(b"\0"):
            return key
    raise AssertionError


def test_a_keyset_holds_what_was_added_across_merges():
    words = [f"article-{n}" for n in range(50)] + ["ناقلة", "", "\ud800", _ending_in_zero()]
    keys = KeySet(buffer=7)  # merges into the sorted array every seventh key
    for word in words:
        keys.add(word)
        keys.add(word)  # again: counted once
    assert len(keys) == len(words) and len(keys._recent) < 7
    assert all(word in keys for word in words)
    assert not any(f"other-{n}" in keys for n in range(200))
    assert 3 not in keys
    assert list(keys._sorted) == sorted(keys._sorted)


def test_a_keyset_takes_16_bytes_a_key():
    keys = KeySet(f"article-{n}" for n in range(120_000))
    assert len(keys) == 120_000
    assert keys._sorted.dtype == np.dtype("S16")
    assert keys._sorted.nbytes + 120 * len(keys._recent) < 120_000 * 16 + 6_000_000

"""Things found in an article, indexed by their offsets.

Later stages ask, sentence by sentence, which mentions lie inside a
sentence, whether anything overlaps a word, or which actor was named last
before a word. Asked of a list, each question reads the whole article, and
an article read once per sentence costs time in the square of its length.
:class:`SpanIndex` answers each in logarithmic time (plus the size of the
answer), so an article costs time in proportion to its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import Generic, TypeVar

__all__ = ["SpanIndex", "LineStarts"]

T = TypeVar("T")


def _span_bounds(item: object) -> tuple[int, int]:
    span = item.span  # type: ignore[attr-defined]
    return span.start, span.end


class SpanIndex(Generic[T]):
    """Items that cover stretches of a text, in text order, queried by offset.

    Parameters
    ----------
    items : iterable
        The items (mentions, actor mentions...). They are kept in the order of
        their start offsets, items starting together in the order given.
    bounds : callable, optional
        ``(start, end)`` of an item; by default that of its ``span``.

    Examples
    --------
    >>> index = SpanIndex([(0, 4), (5, 9), (10, 12)], bounds=lambda s: s)
    >>> index.within(4, 12)
    [(5, 9), (10, 12)]
    >>> index.overlaps(3, 5), index.overlaps(9, 10)
    (True, False)
    >>> index.overlapping(3, 6), index.starting_in(4, 10)
    ([(0, 4), (5, 9)], [(5, 9)])
    >>> next(index.preceding(10))
    (5, 9)
    """

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]] = _span_bounds):
        placed = sorted(((bounds(item), item) for item in items), key=lambda p: p[0][0])
        self.items: tuple[T, ...] = tuple(item for _, item in placed)
        self._starts = [b[0] for b, _ in placed]
        self._ends = [b[1] for b, _ in placed]
        self._reach = list(accumulate(self._ends, max))  # the furthest end among the first k items
        self._longest = max((e - s for s, e in zip(self._starts, self._ends, strict=True)), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def within(self, start: int, end: int) -> list[T]:
        """The items lying inside ``start``..``end``, in text order."""
        first, last = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [self.items[k] for k in range(first, last) if self._ends[k] <= end]

    def starting_in(self, start: int, end: int) -> list[T]:
        """The items starting at ``start`` or after it and before ``end``, in text order."""
        return list(self.items[bisect_left(self._starts, start):bisect_left(self._starts, end)])

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items sharing at least one character with ``start``..``end``, in text order."""
        first = bisect_right(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        return [self.items[k] for k in range(first, last) if self._ends[k] > start]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether an item shares at least one character with ``start``..``end``."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start

    def preceding(self, offset: int) -> Iterator[T]:
        """The items ending at or before ``offset``, the last in text order first."""
        for k in range(bisect_right(self._starts, offset) - 1, -1, -1):
            if self._ends[k] <= offset:
                yield self.items[k]


class LineStarts:
    """Where each line of a text begins, to find the line of an offset without reading back to it.

    Examples
    --------
    >>> LineStarts("ab\\ncd").of(4)
    3
    """

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        """The start of the line ``offset`` is in: ``text.rfind("\\n", 0, offset) + 1``."""
        return self._starts[bisect_right(self._starts, offset) - 1]

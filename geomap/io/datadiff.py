"""What changed between two versions of keyed data: the gazetteer index, the committed layers.

The checks that shipped data is current compare content (names, coordinates, features),
never the version stamps of the libraries that produced it, and say what changed.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

__all__ = ["describe_changes"]


def describe_changes(
    old: Mapping[Hashable, Any], new: Mapping[Hashable, Any], what: str = "entry", limit: int = 20
) -> list[str]:
    """Lines that say which keyed entries were added, removed or changed, and how.

    Parameters
    ----------
    old, new
        Entries by key (a GeoNames id, a feature id, …); an entry is a mapping of fields or
        any comparable value.
    what
        The name of an entry in the lines ("city", "routes feature").
    limit
        At most this many lines, then one line counting the rest.

    Examples
    --------
    >>> describe_changes({1: {"lat": 1.0, "name": "A"}}, {1: {"lat": 2.0, "name": "A"}, 2: "B"}, "city")
    ['city 1: lat 1.0 → 2.0', 'city 2 added: B']
    """
    lines = []
    for key in sorted(set(old) | set(new), key=repr):
        if key not in new:
            lines.append(f"{what} {key} removed: {_short(old[key])}")
        elif key not in old:
            lines.append(f"{what} {key} added: {_short(new[key])}")
        elif old[key] != new[key]:
            a, b = old[key], new[key]
            if isinstance(a, Mapping) and isinstance(b, Mapping):
                fields = sorted(set(a) | set(b), key=str)
                changed = [f"{f} {_short(a.get(f))} → {_short(b.get(f))}" for f in fields if a.get(f) != b.get(f)]
                lines.append(f"{what} {key}: " + "; ".join(changed))
            else:
                lines.append(f"{what} {key}: {_short(a)} → {_short(b)}")
    if len(lines) > limit:
        lines = [*lines[:limit], f"… and {len(lines) - limit} more"]
    return lines


def _short(value: Any, width: int = 80) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= width else text[: width - 1] + "…"

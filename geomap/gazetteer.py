"""The gazetteer: every place geomap can put on a map, with its Arabic names.

(Interface only; the full gazetteer is built in this module.)
"""

from __future__ import annotations

from functools import lru_cache

from .model import Place

__all__ = ["Gazetteer", "default_gazetteer"]


class Gazetteer:
    """Places indexed by their normalised Arabic names."""

    def __init__(self, places: dict[str, Place] | None = None, names: dict[str, tuple[str, ...]] | None = None):
        self.places = places or {}  # id -> Place
        self.names = names or {}  # normalised name -> place ids

    def lookup(self, name: str) -> tuple[Place, ...]:
        return tuple(self.places[i] for i in self.names.get(name, ()))

    def country(self, code: str) -> Place | None:
        return self.places.get(f"country:{code}")

    def capital(self, code: str) -> Place | None:
        return None


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with geomap, loaded once per process."""
    return Gazetteer()

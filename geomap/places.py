"""Finding place names in Arabic text (the second stage)."""

from __future__ import annotations

from .gazetteer import Gazetteer
from .model import PlaceMention

__all__ = ["find_places"]


def find_places(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every stretch of ``text`` that may name a place in ``gazetteer``, in text order."""
    return []

"""Choosing which place each mention denotes (the third stage)."""

from __future__ import annotations

from .gazetteer import Gazetteer
from .model import ArticlePlaces, PlaceMention

__all__ = ["resolve_places"]


def resolve_places(text: str, mentions: list[PlaceMention], gazetteer: Gazetteer) -> ArticlePlaces:
    """The places an article names, each once with all its mentions, and its actor words."""
    return ArticlePlaces(places=())

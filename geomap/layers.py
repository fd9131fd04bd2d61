"""Route and event layers as GeoDataFrames (the fifth stage)."""

from __future__ import annotations

from collections.abc import Iterable

from .model import ArticleExtraction

__all__ = ["build_layers"]


def build_layers(extractions: Iterable[ArticleExtraction]) -> dict:
    """The layers of a corpus: ``places``, ``events``, ``routes``, ``countries``."""
    raise NotImplementedError

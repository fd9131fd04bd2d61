"""Events and supply flows from an article (the fourth stage)."""

from __future__ import annotations

from .gazetteer import Gazetteer
from .model import Article, ArticlePlaces, Event, Flow

__all__ = ["extract_events"]


def extract_events(article: Article, places: ArticlePlaces, gazetteer: Gazetteer) -> tuple[tuple[Event, ...], tuple[Flow, ...]]:
    """The events and flows ``article`` reports, each tied to its evidence sentence."""
    return (), ()

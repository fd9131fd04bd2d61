"""One article through every stage: a pure function of the article and the gazetteer."""

from __future__ import annotations

from .events import extract_events
from .gazetteer import Gazetteer, default_gazetteer
from .model import Article, ArticleExtraction
from .places import find_places
from .resolve import resolve_places

__all__ = ["extract_article"]


def extract_article(article: Article, gazetteer: Gazetteer | None = None) -> ArticleExtraction:
    """Places, actors, events and flows of one article.

    Depends only on ``article`` and ``gazetteer``, so a corpus can be mapped
    over any parallel engine, one article at a time.
    """
    gazetteer = gazetteer or default_gazetteer()
    mentions = find_places(article.text, gazetteer)
    places = resolve_places(article.text, mentions, gazetteer)
    events, flows = extract_events(article, places, gazetteer)
    return ArticleExtraction(article=article, places=places.places, actors=places.actors, events=events, flows=flows)

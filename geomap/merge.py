"""Merging the flows and events of a corpus into routes and merged events."""

from __future__ import annotations

from collections.abc import Iterable

from .model import ArticleExtraction, MergedEvent, Route

__all__ = ["merge_flows", "merge_events"]


def merge_flows(extractions: Iterable[ArticleExtraction]) -> list[Route]:
    """One route per (supplier, recipient, commodity), in a stable order."""
    return []


def merge_events(extractions: Iterable[ArticleExtraction]) -> list[MergedEvent]:
    """The same event reported by several articles becomes one, in a stable order."""
    return []

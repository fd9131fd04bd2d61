"""The interactive map (the last stage)."""

from __future__ import annotations

__all__ = ["render_map"]


def render_map(layers: dict, title: str | None = None):
    """A folium.Map of the layers."""
    raise NotImplementedError

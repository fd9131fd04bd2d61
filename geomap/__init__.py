"""geomap: maps of alleged arms and supply flows between states, from Arabic news.

The public API mirrors the command line::

    import geomap

    corpus = geomap.read_corpus()            # the bundled sample corpus
    extractions = geomap.extract(corpus)     # places, events, flows per article
    layers = geomap.build_layers(extractions)
    m = geomap.render_map(layers)            # a folium.Map; shows inline in Jupyter
    geomap.save_map(m, "supply-map.html")
    geomap.save_figure(geomap.render_figure(layers), "flows.png")  # or .pdf, .svg
    geomap.write_layers(layers, "layers/")

Names are imported on first use, so ``import geomap`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_corpus": "read.articles",
    "Corpus": "read.articles",
    "extract": "pipeline",
    "extract_article": "pipeline",
    "default_gazetteer": "annotate.gazetteer",
    "Resources": "resources",
    "build_layers": "layers",
    "Layers": "layers",
    "write_layers": "io.export",
    "render_map": "render.map",
    "save_map": "render.map",
    "render_figure": "render.figure",
    "save_figure": "render.figure",
    "merge_flows": "corpus.merge",
    "merge_events": "corpus.merge",
    "Article": "model",
    "ArticleExtraction": "model",
    "Event": "model",
    "Flow": "model",
    "Place": "model",
    "Route": "model",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

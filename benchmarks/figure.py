"""Time drawing and writing the static figure (PNG, PDF, SVG) and measure the files.

    python benchmarks/figure.py                          # bundled corpus + synthetic (10,000 events, 1,000 routes)
    python benchmarks/figure.py --events 2000 --routes 200

The corpora are those of ``benchmarks/map.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from map import bundled_corpus, synthetic_corpus, timed  # noqa: E402

from geomap.layers import build_layers  # noqa: E402
from geomap.render.figure import render_figure, save_figure  # noqa: E402


def measure(title: str, layers, repeat: int) -> None:
    figure, seconds = timed(lambda: render_figure(layers), repeat)
    print(f"\n{title}: {len(layers.events)} events, {len(layers.routes)} routes")
    print(f"  render_figure: {seconds:.2f} s (median of {repeat})")
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".png", ".pdf", ".svg"):
            started = time.perf_counter()
            path = save_figure(figure, Path(tmp) / f"figure{suffix}")
            elapsed = time.perf_counter() - started
            print(f"  save_figure {suffix}: {elapsed:.2f} s, {path.stat().st_size:,} bytes")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--routes", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    extractions, name, _ = bundled_corpus()
    measure("bundled corpus", build_layers(extractions, corpus_name=name), args.repeat)
    extractions, routes, events, gazetteer = synthetic_corpus(args.events, args.routes)
    layers = build_layers(extractions, gazetteer, "synthetic", routes=routes, events=events)
    measure("synthetic corpus", layers, 1)


if __name__ == "__main__":
    main()

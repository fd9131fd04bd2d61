"""Extraction time against article length: one article repeated 1, 8, 64 and 256 times.

    .venv/bin/python benchmarks/linear.py                  # the first bundled seed article
    .venv/bin/python benchmarks/linear.py article.txt --sizes 1 8 64

The copies are joined with blank lines into one article and extracted whole
(places, resolution, events, flows). CPU time (``time.process_time``) is
printed for each size, with the cost per copy and the ratio of the largest
size to one copy: work that grows linearly keeps that ratio near the number
of copies (under 300 for 256 copies).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from geomap.pipeline import extract_article
from geomap.read.articles import read_corpus
from geomap.resources import Resources

SEEDS = Path(__file__).parents[1] / "geomap" / "data" / "corpus" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, help="an article file (default: the first bundled seed)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 8, 64, 256], help="how many copies to join")
    parser.add_argument("--runs", type=int, default=16, help="timed runs of one copy (fewer of longer articles)")
    args = parser.parse_args()

    resources = Resources.load()
    corpus = read_corpus([args.path] if args.path else [SEEDS])
    if not corpus.articles:
        raise SystemExit("no article to extract")
    article = corpus.articles[0]
    extract_article(article, resources)  # warm-up: vocabularies and compiled patterns load once

    print(f"article {article.id}: {len(article.text):,} characters")
    timings: dict[int, float] = {}
    for copies in args.sizes:
        long = replace(article, text="\n\n".join([article.text] * copies))
        runs = []
        for _ in range(max(1, args.runs // copies)):  # short articles are timed several times, the best kept
            started = time.process_time()
            extraction = extract_article(long, resources)
            runs.append(time.process_time() - started)
        timings[copies] = min(runs)
        print(f"{copies:>5}x {len(long.text):>10,} chars  {timings[copies]:9.3f} s CPU  "
              f"{timings[copies] / copies * 1000:8.2f} ms/copy  "
              f"({len(extraction.events)} events, {len(extraction.flows)} flows)")
    smallest, largest = min(timings), max(timings)
    if largest != smallest and timings[smallest] > 0:
        ratio = timings[largest] / timings[smallest]
        print(f"ratio {largest}x/{smallest}x: {ratio:.0f} (linear: about {largest // smallest})")


if __name__ == "__main__":
    main()

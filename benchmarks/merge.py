"""Merging a corpus and building its layers: time against the number of articles.

    python benchmarks/merge.py                          # 1,000 / 10,000 / 100,000 articles
    python benchmarks/merge.py --sizes 1000 10000 --repeat 3

The articles are synthesised from the extractions of the bundled corpus: copy
``i`` of an article gets its own id, an outlet among a few hundred and all its
dates (publication, events, flows) moved by ``i`` modulo four years, in months.
So a larger corpus reports the same happenings more often, as a year of news
does, and a linear merge takes ten times as long for ten times the articles.
Each size prints the CPU time of ``merge_flows`` + ``merge_events`` and of
``build_layers`` (routes and events given), and the ratio to the previous size
(CPU time, not wall time, so that other work on the machine does not count).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

from geomap.corpus.merge import merge_events, merge_flows
from geomap.layers import build_layers
from geomap.model import ArticleExtraction
from geomap.pipeline import extract
from geomap.read.articles import read_corpus

SHIFT_MONTHS = 48
OUTLETS = 300


def shift(iso: str | None, months: int) -> str | None:
    """``iso`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) moved by ``months``; days past the 28th become the 28th."""
    if not iso or not iso[:4].isdigit():
        return iso
    parts = iso.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year + months // 12:04d}"
    total = year * 12 + int(parts[1]) - 1 + months
    head = f"{total // 12:04d}-{total % 12 + 1:02d}"
    return head if len(parts) == 2 else f"{head}-{min(int(parts[2]), 28):02d}"


def synthesise(templates: list[ArticleExtraction], n: int) -> list[ArticleExtraction]:
    """``n`` extractions made from ``templates`` with varied ids, outlets and dates."""
    out = []
    for i in range(n):
        x = templates[i % len(templates)]
        months = (i // len(templates)) % SHIFT_MONTHS
        article = replace(x.article, id=f"{x.article.id}-{i:06d}", outlet=f"outlet-{i % OUTLETS}",
                          published=shift(x.article.published, months))
        events = tuple(replace(e, date_start=shift(e.date_start, months), date_end=shift(e.date_end, months))
                       for e in x.events)
        flows = tuple(replace(f, date_start=shift(f.date_start, months), date_end=shift(f.date_end, months))
                      for f in x.flows)
        out.append(replace(x, article=article, events=events, flows=flows))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (the best is kept)")
    args = parser.parse_args()

    templates = extract(read_corpus())
    reports = sum(len(x.events) + len(x.flows) for x in templates)
    print(f"templates: {len(templates)} bundled articles, {reports} events and flows")
    previous = None
    for n in args.sizes:
        extractions = synthesise(templates, n)
        merging = layering = float("inf")
        for _ in range(args.repeat):
            t0 = time.process_time()
            routes, events = merge_flows(extractions), merge_events(extractions)
            t1 = time.process_time()
            layers = build_layers(extractions, routes=routes, events=events)
            t2 = time.process_time()
            merging, layering = min(merging, t1 - t0), min(layering, t2 - t1)
        line = (f"{n:>7,} articles: merge {merging:7.2f} s CPU ({len(routes)} routes, {len(events)} events), "
                f"layers {layering:7.2f} s ({len(layers.places)} places)")
        if previous is not None:
            scale = n / previous[0]
            line += f"; x{scale:g} articles: merge x{merging / previous[1]:.1f}, layers x{layering / previous[2]:.1f}"
        print(line, flush=True)
        previous = (n, merging, layering)


if __name__ == "__main__":
    main()

"""Extraction throughput: articles per second on one core, over the seed corpus repeated.

    python benchmarks/extract.py                 # bundled seed corpus, repeated 20 times
    python benchmarks/extract.py --repeat 50 corpus/   # any corpus

Loading the resources (gazetteer and vocabularies) is timed apart (it happens once per process). Each
stage is timed over the whole run, so the report shows where the time goes:
finding places, resolving them, and extracting events and flows (dates are
part of the last).
"""

from __future__ import annotations

import argparse
import statistics
import time

from geomap.corpus import read_corpus
from geomap.events import extract_events
from geomap.flows import extract_flows
from geomap.merge import merge_events, merge_flows
from geomap.model import Article, ArticleExtraction
from geomap.places import place_mentions, scan
from geomap.resolve import resolve_places
from geomap.resources import default_resources
from geomap.stance import ArticleText, article_actors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="corpus files or folders (default: the bundled seeds)")
    parser.add_argument("--repeat", type=int, default=20, help="how many times to run over the corpus")
    args = parser.parse_args()

    started = time.perf_counter()
    resources = default_resources()  # the object merging reads too
    gazetteer = resources.gazetteer
    load = time.perf_counter() - started

    corpus = read_corpus(args.paths or None)
    articles = [a for a in corpus.articles if isinstance(a, Article)]
    if not articles:
        raise SystemExit("no articles to extract")
    chars = sum(len(a.text) for a in articles)

    # one warm-up pass: vocabularies and compiled patterns are cached after it
    for article in articles:
        matches = scan(article.text, gazetteer)
        extract_events(article, resolve_places(article.text, place_mentions(matches), gazetteer, matches), resources)

    stages = {"find places": 0.0, "resolve": 0.0, "events and flows": 0.0}
    flows_alone = 0.0
    extractions: list[ArticleExtraction] = []
    rounds = []
    for _ in range(args.repeat):
        round_start = time.perf_counter()
        for article in articles:
            t0 = time.perf_counter()
            matches = scan(article.text, gazetteer)
            t1 = time.perf_counter()
            places = resolve_places(article.text, place_mentions(matches), gazetteer, matches)
            t2 = time.perf_counter()
            events, flows = extract_events(article, places, resources)
            t3 = time.perf_counter()
            stages["find places"] += t1 - t0
            stages["resolve"] += t2 - t1
            stages["events and flows"] += t3 - t2
            extractions.append(ArticleExtraction(article, places.places, places.actors, events, flows))
        rounds.append(time.perf_counter() - round_start)
    for article in articles * args.repeat:
        matches = scan(article.text, gazetteer)
        places = resolve_places(article.text, place_mentions(matches), gazetteer, matches)
        doc = ArticleText(article.text)
        actors = article_actors(resources, article, places, doc)
        t0 = time.perf_counter()
        extract_flows(article, places, resources, actors=actors, doc=doc)
        flows_alone += time.perf_counter() - t0
    t0 = time.perf_counter()
    routes, merged = merge_flows(extractions), merge_events(extractions)
    merging = time.perf_counter() - t0

    total = sum(rounds)
    n = len(articles) * args.repeat
    print(f"resources load (gazetteer and vocabularies): {load:.2f} s (once per process)")
    print(f"corpus: {len(articles)} articles, {chars:,} characters, run {args.repeat} times ({n} articles)")
    print(f"throughput: {n / total:.1f} articles/s per core, {chars * args.repeat / total / 1000:.0f} k characters/s")
    print(f"per article: median round {statistics.median(rounds) / len(articles) * 1000:.2f} ms")
    for name, seconds in stages.items():
        print(f"  {name:<17} {seconds / n * 1000:7.2f} ms/article  ({seconds / total:.0%})")
    print(f"    of which flows  {flows_alone / n * 1000:7.2f} ms/article (timed apart)")
    print(f"merging {n} extractions: {merging * 1000:.1f} ms ({len(routes)} routes, {len(merged)} events)")


if __name__ == "__main__":
    main()

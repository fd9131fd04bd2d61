"""Extraction throughput: articles per CPU second on one core, and the peak memory of the process.

    python benchmarks/extract.py                       # the bundled seeds, and ../shared/corpus/dev if present
    python benchmarks/extract.py corpus/ other.jsonl   # each path measured as a corpus of its own
    python benchmarks/extract.py --repeat 50 corpus/   # run over it 50 times

Loading the resources (gazetteer and vocabularies) is timed apart (it happens
once per process). Each corpus is run over until about 100 articles are
extracted (or ``--repeat`` times), after one warm-up pass; times are CPU
times of this process. Each stage is timed over the whole run, so the report
shows where the time goes: building the article's document (folded text,
words, sentences), finding places, resolving them, and extracting events and
flows (dates and stance are part of the last).
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import time
from pathlib import Path

from geomap.annotate.places import place_mentions, scan
from geomap.annotate.resolve import resolve_places
from geomap.annotate.stance import article_actors
from geomap.corpus.merge import merge_events, merge_flows
from geomap.extraction.events import extract_events
from geomap.extraction.flows import extract_flows
from geomap.model import Article, ArticleExtraction
from geomap.read.articles import read_corpus
from geomap.resources import Resources, default_resources
from geomap.text.document import ArticleText

_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
_ARTICLES = 100  # articles extracted per corpus when --repeat is not given


def _peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KB elsewhere


def _extract(article: Article, resources: Resources, stages: dict[str, float]) -> ArticleExtraction:
    """:func:`geomap.pipeline.extract_article`, with the CPU time of each stage added to ``stages``."""
    gazetteer = resources.gazetteer
    t0 = time.process_time()
    doc = ArticleText(article.text, resources.readings)
    t1 = time.process_time()
    matches = scan(article.text, gazetteer, doc.folded)
    t2 = time.process_time()
    places = resolve_places(article.text, place_mentions(matches), gazetteer, matches)
    t3 = time.process_time()
    actors = article_actors(resources, article, places, doc)
    flows = extract_flows(article, places, resources, actors, doc)
    events = extract_events(article, places, resources, doc, actors, flows)
    t4 = time.process_time()
    for name, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
        stages[name] += seconds
    return ArticleExtraction(article, places.places, places.actors, events, flows)


def _measure(name: str, paths: list[str] | None, resources: Resources, repeat: int | None) -> None:
    corpus = read_corpus(paths)
    articles = [a for a in corpus.articles if isinstance(a, Article)]
    if not articles:
        raise SystemExit(f"{name}: no articles to extract")
    rounds = repeat or max(1, math.ceil(_ARTICLES / len(articles)))
    chars = sum(len(a.text) for a in articles)
    stages = {"document": 0.0, "find places": 0.0, "resolve": 0.0, "events and flows": 0.0}
    for article in articles:  # warm-up
        _extract(article, resources, dict(stages))
    extractions: list[ArticleExtraction] = []
    started = time.process_time()
    for _ in range(rounds):
        extractions.extend(_extract(article, resources, stages) for article in articles)
    total = time.process_time() - started
    flows_alone = 0.0
    for article in articles:
        doc = ArticleText(article.text, resources.readings)
        matches = scan(article.text, resources.gazetteer, doc.folded)
        places = resolve_places(article.text, place_mentions(matches), resources.gazetteer, matches)
        actors = article_actors(resources, article, places, doc)
        t0 = time.process_time()
        extract_flows(article, places, resources, actors=actors, doc=doc)
        flows_alone += time.process_time() - t0
    t0 = time.process_time()
    routes, merged = merge_flows(extractions), merge_events(extractions)
    merging = time.process_time() - t0

    n = len(articles) * rounds
    print(f"{name}: {len(articles)} articles, {chars:,} characters, run {rounds} times ({n} articles)")
    print(f"  throughput: {n / total:.1f} articles per CPU second ({total / n * 1000:.2f} ms an article), "
          f"{chars * rounds / total / 1000:.0f} k characters per CPU second")
    for stage, seconds in stages.items():
        print(f"    {stage:<17} {seconds / n * 1000:7.2f} ms/article  ({seconds / total:.0%})")
    print(f"      of which flows {flows_alone / len(articles) * 1000:6.2f} ms/article (timed apart)")
    print(f"  merging {n} extractions: {merging * 1000:.1f} ms ({len(routes)} routes, {len(merged)} events)")
    print(f"  peak memory of the process so far: {_peak_rss_mb():.0f} MB RSS")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*",
                        help="corpus files or folders, each measured on its own (default: the bundled seeds, "
                             "and ../shared/corpus/dev beside the repository when it is there)")
    parser.add_argument("--repeat", type=int, default=None,
                        help=f"how many times to run over each corpus (default: until {_ARTICLES} articles)")
    args = parser.parse_args()

    started = time.process_time()
    resources = default_resources()
    print(f"resources load (gazetteer and vocabularies): {time.process_time() - started:.2f} CPU s (once per process), "
          f"{_peak_rss_mb():.0f} MB RSS")
    if args.paths:
        corpora = [(path, [path]) for path in args.paths]
    else:
        corpora = [("bundled seeds", None)] + ([("dev", [str(_DEV)])] if _DEV.is_dir() else [])
    for name, paths in corpora:
        _measure(name, paths, resources, args.repeat)


if __name__ == "__main__":
    main()

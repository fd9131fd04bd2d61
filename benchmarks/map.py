"""Time building the map layers and measure the size of their exports.

    python benchmarks/map.py            # bundled corpus + synthetic corpus (10,000 events, 1,000 routes)
    python benchmarks/map.py --events 2000 --routes 200 --repeat 5

The synthetic corpus is drawn with a seeded random generator over the places
of the gazetteer, so every run builds the same layers.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from geomap.io.export import write_layers
from geomap.layers import build_layers, world_countries
from geomap.model import (
    COMMODITIES,
    EVENT_TYPES,
    Article,
    ArticleExtraction,
    Event,
    Flow,
    MergedEvent,
    Place,
    Quantity,
    ResolvedPlace,
    Route,
    Span,
)

SEED = 20240429
EVENTS_PER_ARTICLE = 5


def gazetteer_places():
    """Places to draw from (sorted by id), and the gazetteer (None when it cannot be loaded)."""
    try:
        from geomap.annotate.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
        places = sorted(gazetteer.places.values(), key=lambda p: p.id)
    except (OSError, ValueError) as err:
        print(f"(gazetteer not available: {err}; drawing from country outline points)")
        gazetteer, places = None, []
    if not places:
        places = [
            Place(f"country:{code}", c["name"], "country", code, c["lat"], c["lon"], source="Natural Earth")
            for code, c in sorted(world_countries().items())
        ]
    return places, gazetteer


def _date(rng: random.Random) -> str | None:
    year = rng.randint(2014, 2025)
    precision = rng.random()
    if precision < 0.15:
        return None
    if precision < 0.3:
        return str(year)
    if precision < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def synthetic_corpus(events: int = 10_000, routes: int = 1_000, seed: int = SEED):
    """A deterministic corpus: extractions, merged routes and merged events."""
    rng = random.Random(seed)
    places, gazetteer = gazetteer_places()
    countries = sorted({p.country for p in places if p.country})
    by_country: dict[str, list[Place]] = {}
    for place in places:
        by_country.setdefault(place.country, []).append(place)
    n_articles = max(1, events // EVENTS_PER_ARTICLE)
    texts = [f"مقال تجريبي رقم {i}. " * 30 for i in range(n_articles)]
    articles = [Article(f"synthetic-{i:05d}", texts[i], title=f"Article {i}", published=_date(rng) or "2024",
                        outlet="Synthetic") for i in range(n_articles)]

    def evidence(article_index: int) -> Span:
        start = rng.randrange(0, 200)
        return Span(start, start + 40, texts[article_index][start:start + 40])

    article_events: list[list[Event]] = [[] for _ in range(n_articles)]
    merged_events = []
    for i in range(events):
        a = i % n_articles
        place = rng.choice(places)
        start = _date(rng)
        event = Event(rng.choice(EVENT_TYPES), evidence(a), place=place, date_start=start,
                      date_end=start if rng.random() < 0.7 else None,
                      actors=tuple(sorted(rng.sample(countries, 2))))
        article_events[a].append(event)
        merged_events.append(MergedEvent(f"event-{i:05d}", event, ((articles[a].id, event),)))

    article_flows: list[list[Flow]] = [[] for _ in range(n_articles)]
    merged_routes = []
    seen = set()
    while len(merged_routes) < routes:
        supplier, recipient = rng.sample(countries, 2)
        commodity = rng.choice(COMMODITIES)
        rid = f"{supplier}-{recipient}-{commodity}"
        if rid in seen:
            continue
        seen.add(rid)
        reports = []
        for _ in range(rng.randint(1, 4)):
            a = rng.randrange(n_articles)
            flow = Flow(supplier, recipient, commodity, evidence(a), date_start=_date(rng),
                        quantity=Quantity(rng.randint(1, 100_000), "units", rng.choice([None, "more_than", "about"])))
            article_flows[a].append(flow)
            reports.append((articles[a].id, flow))
        origin = rng.choice(by_country[supplier]) if rng.random() < 0.3 else None
        destination = rng.choice(by_country[recipient]) if rng.random() < 0.3 else None
        dates = sorted(f.date_start for _, f in reports if f.date_start)
        merged_routes.append(Route(
            rid, supplier, recipient, commodity, tuple(reports), origin=origin, destination=destination,
            sources=len({a for a, _ in reports}), quantities=tuple(f.quantity for _, f in reports),
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            denied_by=(recipient,) if rng.random() < 0.3 else (), articles=tuple(dict.fromkeys(a for a, _ in reports)),
        ))
    merged_routes.sort(key=lambda r: r.id)
    extractions = []
    for i, article in enumerate(articles):
        used = {e.place.id: e.place for e in article_events[i] if e.place is not None}
        resolved = tuple(ResolvedPlace(p, (Span(0, 5, article.text[:5]),)) for _, p in sorted(used.items()))
        extractions.append(ArticleExtraction(article, places=resolved, events=tuple(article_events[i]),
                                             flows=tuple(article_flows[i])))
    return extractions, merged_routes, merged_events, gazetteer


def bundled_corpus():
    from geomap.pipeline import extract_corpus
    from geomap.read.articles import read_corpus

    corpus = read_corpus()
    started = time.perf_counter()
    extractions, failures = extract_corpus(corpus.articles)
    return extractions, corpus.name, time.perf_counter() - started


def timed(function, repeat: int):
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def sizes(layers) -> tuple[dict[str, int], float]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        paths = write_layers(layers, Path(tmp))
        elapsed = time.perf_counter() - started
        return {p.name: p.stat().st_size for p in paths}, elapsed


def report(title: str, layers, build_seconds: float, extra: str = "") -> None:
    files, write_seconds = sizes(layers)
    print(f"\n{title}")
    if extra:
        print(f"  {extra}")
    print(f"  rows: {len(layers.places)} places, {len(layers.events)} events, {len(layers.routes)} routes, "
          f"{len(layers.countries)} countries")
    print(f"  build_layers: {build_seconds:.3f} s (median); write_layers: {write_seconds:.3f} s")
    for name, size in files.items():
        print(f"    {name:<20} {size:>12,} bytes")


def measure_layers(events: int = 10_000, routes: int = 1_000, repeat: int = 3) -> None:
    """Print the layer-building figures for the bundled and the synthetic corpus."""
    try:
        extractions, name, extract_seconds = bundled_corpus()
    except Exception as err:  # the extraction stages may be unavailable in a partial checkout
        print(f"\nbundled corpus: not measured ({type(err).__name__}: {err})")
    else:
        layers, seconds = timed(lambda: build_layers(extractions, corpus_name=name), repeat)
        report(f"bundled corpus ({len(extractions)} articles)", layers, seconds,
               f"extraction (not part of layers): {extract_seconds:.3f} s")

    started = time.perf_counter()
    extractions, merged_routes, merged_events, gazetteer = synthetic_corpus(events, routes)
    generate_seconds = time.perf_counter() - started
    layers, seconds = timed(lambda: build_layers(extractions, gazetteer, corpus_name="synthetic",
                                                 routes=merged_routes, events=merged_events), repeat)
    report(f"synthetic corpus ({len(extractions)} articles, {events:,} events, {routes:,} routes)", layers,
           seconds, f"generated in {generate_seconds:.2f} s; routes and events given already merged")
    merged, seconds = timed(lambda: build_layers(extractions, gazetteer, corpus_name="synthetic"), 1)
    print(f"  build_layers merging the extractions itself (geomap.corpus.merge): {seconds:.3f} s, "
          f"{len(merged.routes)} routes, {len(merged.events)} events")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--routes", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    measure_layers(args.events, args.routes, args.repeat)


if __name__ == "__main__":
    main()

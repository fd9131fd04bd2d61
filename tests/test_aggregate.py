import random
from dataclasses import replace

import pytest
from common import SEEDS

from geomap.corpus.aggregate import Aggregate
from geomap.io.export import flat_layer
from geomap.layers import LAYER_NAMES, build_layers
from geomap.model import Article, ArticleExtraction, Event, Flow, Place, ResolvedPlace, Span
from geomap.pipeline import extract
from geomap.read.articles import read_corpus

HOMS = Place("test:homs", "Homs", "city", "SY", 34.73, 36.71)
LATAKIA = Place("test:latakia", "Latakia", "city", "SY", 35.52, 35.78)


@pytest.fixture(scope="module")
def corpus():
    """The seed articles, each twice more under other ids, outlets and publication dates."""
    seeds = extract(read_corpus(SEEDS))
    copies = [
        replace(x, article=replace(x.article, id=f"{x.article.id}-{n}", outlet=f"outlet {n}",
                                   published=f"202{n}-0{n}-1{n}"))
        for n in (1, 2) for x in seeds
    ]
    return seeds + copies


def _same(a, b):
    for name in LAYER_NAMES:
        left, right = flat_layer(getattr(a, name)), flat_layer(getattr(b, name))
        assert left.to_json() == right.to_json(), name
    assert a.corpus == b.corpus


def _in_parts(extractions, parts, seed, shared=False):
    """The aggregate of ``extractions`` split into ``parts`` interleaved parts, combined in a shuffled order.

    With ``shared``, the parts are made by :meth:`Aggregate.part` of the total.
    """
    total = Aggregate()
    aggregates = [total.part() if shared else Aggregate() for _ in range(parts)]
    for order, extraction in enumerate(extractions):
        aggregates[order % parts].add(extraction, order)
    random.Random(seed).shuffle(aggregates)
    for aggregate in aggregates:
        total.update(aggregate)
    for order, extraction in enumerate(extractions):
        total.cite(extraction.article, order)
    return total


@pytest.mark.parametrize(("parts", "shared"), [(1, False), (2, False), (5, False), (5, True)])
def test_parts_combined_in_any_order_give_the_layers_of_the_whole(corpus, parts, shared):
    whole = build_layers(corpus, corpus_name="c")
    assert len(whole.routes) and len(whole.events) and len(whole.places)
    _same(build_layers(_in_parts(corpus, parts, seed=parts, shared=shared), corpus_name="c"), whole)


def test_equal_values_of_the_reports_are_kept_once(corpus):
    kept = [f for x in Aggregate.of(corpus + corpus).extractions() for f in x.flows]
    half = len(kept) // 2
    assert kept[:half] == kept[half:]
    pairs = zip(kept[:half], kept[half:], strict=True)
    assert all(a.evidence.text is b.evidence.text and a.origin is b.origin for a, b in pairs)


def test_aggregate_keeps_no_text_and_only_articles_that_report(corpus):
    aggregate = Aggregate.of(corpus)
    assert len(aggregate) == len(corpus)
    reporting = [x for x in corpus if x.flows or x.events]
    assert [x.article.id for x in aggregate.extractions()] == [x.article.id for x in reporting]
    assert all(x.article.text == "" and not x.places and not x.actors for x in aggregate.extractions())


def _report(article_id: str, title: str, flows=(), events=(), places=()) -> ArticleExtraction:
    text = "نص تجريبي عن شحنة أسلحة"
    return ArticleExtraction(Article(article_id, text, title=title, published="2024-02-03"),
                             places=places, flows=flows, events=events)


def test_evidence_cites_the_last_article_of_an_id_even_from_another_part():
    span = Span(0, 3, "نص ")
    flow = Flow("IR", "SY", "missiles", span, origin=HOMS, destination=LATAKIA, date_start="2024-02")
    event = Event("shipment", span, LATAKIA, "2024-02-03")
    extractions = [
        _report("dup", "first title", flows=(flow,), events=(event,)),
        _report("other", "other", places=(ResolvedPlace(HOMS, (span, span)),)),
        _report("dup", "last title", places=(ResolvedPlace(HOMS, (span,)),)),
    ]
    whole = build_layers(extractions)
    assert [e["title"] for e in whole.routes.iloc[0]["evidence"]] == ["last title"]
    assert whole.places.iloc[0]["mentions"] == 3 and whole.places.iloc[0]["articles"] == ["other", "dup"]
    _same(build_layers(_in_parts(extractions, 3, seed=1)), whole)

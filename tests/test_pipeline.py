import pytest

import geomap
from geomap import pipeline
from geomap.model import Article, ArticleExtraction


@pytest.fixture(scope="module")
def corpus():
    return geomap.read_corpus()


def test_extract_gives_one_extraction_per_article_in_order(corpus):
    extractions = geomap.extract(corpus)
    assert [e.article for e in extractions] == list(corpus.articles)
    assert all(isinstance(e, ArticleExtraction) for e in extractions)


def test_parallel_extraction_equals_serial_extraction(corpus):
    assert geomap.extract(corpus, jobs=2) == geomap.extract(corpus)


def test_an_article_that_fails_is_reported_and_the_others_are_kept(corpus, monkeypatch):
    real = pipeline.extract_article

    def fragile(article, gazetteer=None):
        if article.id == corpus.articles[1].id:
            raise ValueError("malformed")
        return real(article, gazetteer)

    monkeypatch.setattr(pipeline, "extract_article", fragile)
    seen = []
    extractions, failures = pipeline.extract_corpus(corpus.articles, progress=seen.append)
    assert [e.article.id for e in extractions] == [a.id for a in corpus.articles if a.id != corpus.articles[1].id]
    assert len(failures) == 1 and "malformed" in failures[0].reason
    assert failures[0].source == corpus.articles[1].source
    assert seen == list(corpus.articles)
    with pytest.warns(UserWarning, match="malformed"):
        assert len(geomap.extract(corpus)) == len(corpus.articles) - 1


def test_extract_article_depends_only_on_its_input():
    article = Article(id="x", text="وصل وفد روسي إلى دمشق يوم الاثنين.", published="2024-03-04")
    assert pipeline.extract_article(article) == pipeline.extract_article(article)

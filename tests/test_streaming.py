"""`geomap extract` writes each record as soon as its article is done."""

import io
import json
import sys
import types

import pytest

import geomap
from geomap import pipeline
from geomap.cli import main
from geomap.read.articles import Skipped


@pytest.fixture(scope="module")
def corpus():
    return geomap.read_corpus()


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_records_are_written_before_the_last_article_is_extracted(corpus, monkeypatch, fmt):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    real = pipeline.extract_article
    last = corpus.articles[-1].id
    written_before_last: list[str] = []

    def observed(article, gazetteer=None):
        if article.id == last:
            written_before_last.append(out.getvalue())
        return real(article, gazetteer)

    monkeypatch.setattr(pipeline, "extract_article", observed)
    assert main(["extract", "--format", fmt, "--quiet"]) == 0
    assert written_before_last, "the last article was never extracted"
    before = written_before_last[0]
    ids = [a.id for a in corpus.articles]
    # every article before the last is already out, in order
    assert [i for i in ids if f'"article": "{i}"' in before] == ids[:-1]
    if fmt == "jsonl":
        assert [json.loads(line)["article"] for line in before.splitlines()] == ids[:-1]
        assert [json.loads(line)["article"] for line in out.getvalue().splitlines()] == ids
    else:
        assert [record["article"] for record in json.loads(out.getvalue())] == ids


def test_the_json_array_is_written_as_one_dump_of_the_records(corpus, monkeypatch):
    from geomap.io.record import to_record

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["extract", "--format", "json", "--quiet"]) == 0
    records = [to_record(e) for e in geomap.extract(corpus)]
    assert out.getvalue() == json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def test_an_empty_batch_is_an_empty_array(tmp_path, monkeypatch):
    (tmp_path / "empty.txt").write_text("")
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    main(["extract", "--format", "json", "--quiet", str(tmp_path)])
    assert out.getvalue() == "[]\n"


@pytest.mark.parametrize("jobs", [1, 2])
def test_iter_extractions_gives_each_result_in_input_order(corpus, jobs):
    results = pipeline.iter_extractions(corpus.articles, jobs=jobs)
    assert isinstance(results, types.GeneratorType)
    pairs = list(results)
    assert [article for article, _ in pairs] == list(corpus.articles)
    assert [result for _, result in pairs] == geomap.extract(corpus)


def test_a_failed_article_is_reported_in_its_place(corpus, monkeypatch):
    real = pipeline.extract_article
    bad = corpus.articles[2].id

    def fragile(article, gazetteer=None):
        if article.id == bad:
            raise ValueError("malformed")
        return real(article, gazetteer)

    monkeypatch.setattr(pipeline, "extract_article", fragile)
    results = [result for _, result in pipeline.iter_extractions(corpus.articles)]
    assert [isinstance(r, Skipped) for r in results] == [a.id == bad for a in corpus.articles]


def test_each_extraction_is_handed_on_before_the_next_is_made(corpus, monkeypatch):
    events: list[str] = []
    real = pipeline.extract_article

    def logged(article, gazetteer=None):
        events.append(f"extract {article.id}")
        return real(article, gazetteer)

    monkeypatch.setattr(pipeline, "extract_article", logged)
    pipeline.extract_corpus(corpus.articles, each=lambda e: events.append(f"done {e.article.id}"))
    assert events == [f"{step} {a.id}" for a in corpus.articles for step in ("extract", "done")]

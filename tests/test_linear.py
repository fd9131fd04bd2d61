"""Extraction work grows with the length of an article, not with its square.

No timings: the tests count how often the work done once per article is
done, and how many lines of geomap's code run, for an article and for the
same article repeated.
"""

import random
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from common import SEEDS

import geomap
from geomap import pipeline
from geomap.annotate import stance
from geomap.extraction import events, flows
from geomap.model import ActorMention, Article, ArticlePlaces, Span
from geomap.pipeline import extract_article
from geomap.read.articles import read_corpus
from geomap.resources import default_resources
from geomap.text import document, spans
from geomap.text.sentences import MAX_SENTENCE_CHARS, split_sentences
from geomap.text.spans import LineStarts, SpanIndex

PACKAGE = str(Path(geomap.__file__).parent)


@pytest.fixture(scope="module")
def seed():
    return read_corpus([SEEDS]).articles[-1]


def repeated(article, copies: int, tag: str):
    """The article ``copies`` times, as one article; ``tag`` makes the text unlike any cached one."""
    return replace(article, text="\n\n".join([article.text] * copies) + f"\n\n{tag}.")


def count_calls(monkeypatch, counter: Counter, module, name: str, key: str | None = None) -> None:
    real = getattr(module, name)

    def counted(*args, **kwargs):
        counter[key or name] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


@pytest.mark.parametrize("copies", [1, 20])
def test_per_article_work_is_done_once_per_article(seed, monkeypatch, copies):
    counter: Counter = Counter()
    count_calls(monkeypatch, counter, pipeline, "article_actors")
    count_calls(monkeypatch, counter, events, "article_actors", "article_actors in events")
    count_calls(monkeypatch, counter, flows, "article_actors", "article_actors in flows")
    count_calls(monkeypatch, counter, stance, "find_organisations")
    for module in (events, document):
        count_calls(monkeypatch, counter, module, "split_sentences")
    article = repeated(seed, copies, f"per-article-{copies}")
    extraction = extract_article(article, default_resources())
    assert len(extraction.flows) >= copies  # every copy is read
    assert counter["article_actors"] == 1
    assert counter["article_actors in events"] == 0
    assert counter["article_actors in flows"] == 0
    assert counter["find_organisations"] <= 1
    assert counter["split_sentences"] == 1  # the article is split once, for every stage


def test_per_article_work_does_not_grow_with_the_sentences(seed, monkeypatch):
    counts = []
    for copies in (1, 20):
        counter: Counter = Counter()
        count_calls(monkeypatch, counter, spans.SpanIndex, "__init__", "indexes")
        count_calls(monkeypatch, counter, pipeline, "article_actors")
        extract_article(repeated(seed, copies, f"grows-{copies}"), default_resources())
        counts.append(counter)
        monkeypatch.undo()
    assert counts[0] == counts[1]


def lines_run(article) -> int:
    """How many lines of geomap's own code run to extract ``article``."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def enter(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(enter)
    try:
        extract_article(article, default_resources())
    finally:
        sys.settrace(None)
    return count


def test_the_code_run_grows_linearly_with_the_article(seed):
    extract_article(seed, default_resources())  # vocabularies and patterns load once, outside the count
    one = lines_run(repeated(seed, 1, "lines-1"))
    many = lines_run(repeated(seed, 16, "lines-16"))
    # linear work runs at most 16 times the lines of one copy (less: some work is per article)
    assert many < 1.25 * 16 * one, f"16 copies ran {many / one:.1f} times the lines of one"


def test_a_text_without_punctuation_is_read_in_windows():
    words = ["كلمة", "ثانية", "طويلةجدا" * 3]
    text = " ".join(words[k % 3] for k in range(2000))
    found = split_sentences(text)
    assert len(found) > 1
    assert all(0 < len(s.text) <= MAX_SENTENCE_CHARS and text[s.start:s.end] == s.text for s in found)
    assert "".join(s.text for s in found).replace(" ", "") == text.replace(" ", "")


def test_a_word_longer_than_a_window_is_cut():
    text = "ب" * (2 * MAX_SENTENCE_CHARS + 5)
    assert [len(s.text) for s in split_sentences(text)] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]


BOUNDS = [(0, 4), (2, 3), (5, 9), (5, 6), (8, 15), (10, 12), (20, 21)]


@pytest.mark.parametrize("start, end", [(a, b) for a in range(0, 23, 2) for b in range(a, 24, 3)])
def test_span_index_answers_as_a_scan_of_the_list(start, end):
    index = SpanIndex(BOUNDS, bounds=lambda b: b)
    assert index.within(start, end) == [b for b in BOUNDS if start <= b[0] and b[1] <= end]
    assert index.overlapping(start, end) == [b for b in BOUNDS if b[0] < end and start < b[1]]
    assert index.overlaps(start, end) == any(b[0] < end and start < b[1] for b in BOUNDS)
    assert index.starting_in(start, end) == [b for b in BOUNDS if start <= b[0] < end]
    assert list(index.preceding(end)) == [b for b in BOUNDS if b[1] <= end][::-1]


@pytest.mark.parametrize("text", ["", "\n", "ab\ncd\n\nx", "\n\nabc\n", "بلا سطر"])
def test_line_starts_match_a_search_back(text):
    lines = LineStarts(text)
    assert [lines.of(k) for k in range(len(text) + 1)] == [text.rfind("\n", 0, k) + 1 for k in range(len(text) + 1)]


def article_actors_by_scanning(orgs, actors):
    """The rule of ``stance.article_actors``, written as a scan of every pair."""
    def inside(a, org):
        return org.span.start <= a.span.start and a.span.end <= org.span.end and a.span != org.span

    own = [a for a in actors if not any(inside(a, o) for o in orgs)]
    for org in orgs:
        if not any(a.span.start < org.span.end and org.span.start < a.span.end for a in own):
            own.append(org)
    return tuple(sorted(own, key=lambda a: (a.span.start, a.span.end, a.actor)))


def test_article_actors_follow_the_rule_of_a_full_scan(monkeypatch):
    rng = random.Random(5)
    text = "x" * 100

    def mentions(kind, count):
        found = []
        for _ in range(count):
            start = rng.randint(0, 60)
            end = start + rng.randint(1, 12)
            found.append(ActorMention(Span(start, end, text[start:end]), rng.choice("ABC"), kind))
        return sorted(found, key=lambda a: (a.span.start, a.span.end, a.actor))

    for _ in range(500):
        orgs, actors = mentions("organisation", rng.randint(0, 5)), mentions("country", rng.randint(0, 8))
        monkeypatch.setattr(stance, "find_organisations", lambda _res, _text, _words=None, orgs=orgs: tuple(orgs))
        found = stance.article_actors(default_resources(), Article("a", text), ArticlePlaces((), tuple(actors)))
        assert found == article_actors_by_scanning(orgs, actors)

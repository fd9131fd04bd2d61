"""One article through every stage: a pure function of the article and the resources."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from geomap.annotate.gazetteer import Gazetteer
from geomap.annotate.places import place_mentions, scan
from geomap.annotate.resolve import resolve_places
from geomap.annotate.stance import article_actors
from geomap.extraction.events import extract_events
from geomap.extraction.flows import extract_flows
from geomap.model import Article, ArticleExtraction
from geomap.read.articles import Corpus, Skipped
from geomap.resources import Resources, default_resources
from geomap.text.document import ArticleText

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["extract", "extract_article", "extract_corpus", "iter_extractions"]


def extract_article(article: Article, resources: Resources | Gazetteer | None = None) -> ArticleExtraction:
    """Places, actors, events and flows of one article.

    Depends only on ``article`` and ``resources``, so a corpus can be mapped
    over any parallel engine, one article at a time.

    Parameters
    ----------
    article
        The article.
    resources
        The gazetteer and vocabularies (:meth:`Resources.load`); by default
        the bundled ones with the ``GEOMAP_VOCABULARY`` entries, built once.
        A bare :class:`~geomap.annotate.gazetteer.Gazetteer` is taken with the
        default vocabularies, compiled anew on each call unless it is
        :func:`~geomap.annotate.gazetteer.default_gazetteer`.
    """
    res = as_resources(resources)
    gazetteer = res.gazetteer
    doc = ArticleText(article.text, res.readings)  # the words, sentences and dates every stage reads
    matches = scan(article.text, gazetteer, doc.folded)
    places = resolve_places(article.text, place_mentions(matches), gazetteer, matches)
    actors = article_actors(res, article, places, doc)  # the states and organisations named, found once
    flows = extract_flows(article, places, res, actors, doc)
    events = extract_events(article, places, res, doc, actors, flows)
    return ArticleExtraction(article=article, places=places.places, actors=places.actors, events=events, flows=flows)


def as_resources(resources: Resources | Gazetteer | None) -> Resources:
    """``resources`` as a :class:`Resources`: the default ones for ``None``, a gazetteer with the vocabularies."""
    if resources is None:
        return default_resources()
    if isinstance(resources, Gazetteer):
        built = default_resources.cache_info().currsize > 0  # never load the bundled data for another gazetteer
        if built and resources is default_resources().gazetteer:
            return default_resources()
        return Resources.load(gazetteer=resources)
    return resources


def iter_extractions(
    articles: Iterable[Article], resources: Resources | Gazetteer | None = None, jobs: int = 1
) -> Iterator[tuple[Article, ArticleExtraction | Skipped]]:
    """Extract the articles one by one, giving each result as soon as it is ready, in input order.

    An article whose extraction fails gives a :class:`~geomap.read.articles.Skipped`
    instead of an extraction; the others go on.

    Parameters
    ----------
    articles
        The articles, e.g. ``read_corpus(...).articles``.
    resources
        The gazetteer and vocabularies; see :func:`extract_article`.
    jobs
        Worker processes; with more than one, articles are extracted in
        parallel and their results still come in input order, each as soon
        as it and those before it are done.

    Yields
    ------
    tuple
        Each article, with its extraction or the reason it failed.

    Examples
    --------
    >>> import geomap
    >>> article, result = next(iter_extractions(geomap.read_corpus().articles))
    >>> result.article is article
    True
    """
    articles = list(articles)
    resources = as_resources(resources)
    if jobs > 1 and len(articles) > 1:
        with _worker_pool(jobs, resources) as pool:
            # one article per task: a result is not held back by the rest of a chunk
            yield from zip(articles, pool.map(_extract_or_fail, articles), strict=True)
        return
    _start_worker(resources)
    for article in articles:
        yield article, _extract_or_fail(article)


def extract_corpus(
    articles: Iterable[Article],
    resources: Resources | Gazetteer | None = None,
    progress: Callable[[Article], None] | None = None,
    jobs: int = 1,
    each: Callable[[ArticleExtraction], None] | None = None,
) -> tuple[list[ArticleExtraction], list[Skipped]]:
    """Extract every article; one that fails is reported, the others go on.

    Parameters
    ----------
    articles
        The articles, e.g. ``read_corpus(...).articles``.
    resources
        The gazetteer and vocabularies; see :func:`extract_article`.
    progress
        Called after each article, e.g. to advance a progress bar.
    jobs
        Worker processes; with more than one, articles are extracted in
        parallel and the results still come in input order.
    each
        Called with each extraction as soon as it is done, in input order
        (e.g. to write its record before the next article is extracted).

    Returns
    -------
    tuple
        The extractions in input order, and the failures.
    """
    extractions: list[ArticleExtraction] = []
    failures: list[Skipped] = []
    for article, result in iter_extractions(articles, resources, jobs):
        if isinstance(result, Skipped):
            failures.append(result)
        else:
            extractions.append(result)
            if each is not None:
                each(result)
        if progress is not None:
            progress(article)
    return extractions, failures


_worker_resources: Resources | None = None


@contextlib.contextmanager
def _worker_pool(jobs: int, resources: Resources) -> Iterator[Executor]:
    """A pool of worker processes that never outlives its work or its parent.

    When the block ends with an error (an interrupt, a SIGTERM turned into an
    exception by the command), the workers are stopped at once instead of
    finishing their queue. Each worker ignores SIGINT (the parent handles it)
    and exits when its parent is gone, even one killed with SIGKILL.
    """
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, initializer=_start_worker_process, initargs=(resources,))
    try:
        yield pool
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def _stop_workers(pool: Executor) -> None:
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)


def _start_worker_process(resources: Resources) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, name="geomap-parent-watch", daemon=True).start()
    _start_worker(resources)


def _exit_with_parent() -> None:
    """End this worker process as soon as its parent process has ended, however it ended."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    parent.join()  # waits on the parent's sentinel, which closes when the parent exits
    os._exit(1)


def _start_worker(resources: Resources) -> None:
    global _worker_resources
    _worker_resources = resources


def _extract_or_fail(article: Article) -> ArticleExtraction | Skipped:
    try:
        return extract_article(article, _worker_resources)
    except Exception as err:  # noqa: BLE001 - one bad article must not lose the batch
        return Skipped(article.source or article.id, f"extraction failed ({type(err).__name__}: {err})")


def extract(
    articles: Iterable[Article] | Corpus, resources: Resources | Gazetteer | None = None, jobs: int = 1
) -> list[ArticleExtraction]:
    """Extract a corpus (or any articles); articles that fail are left out with a warning.

    Examples
    --------
    >>> import geomap
    >>> extractions = geomap.extract(geomap.read_corpus())
    >>> [e.article.id for e in extractions][:2]
    ['000_655a2c920b90747a', '001_6e3fabea0c23a5d5']
    """
    if isinstance(articles, Corpus):
        articles = articles.articles
    extractions, failures = extract_corpus(articles, resources, jobs=jobs)
    for failure in failures:
        warnings.warn(str(failure), stacklevel=2)
    return extractions

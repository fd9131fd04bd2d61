"""``geomap ingest`` and ``geomap build --store``: the command side of :mod:`geomap.io.store`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["IngestBar", "add_compact_command", "add_ingest_command", "add_store_options", "read_for_build"]

INGEST_EXAMPLES = """\
examples:
  geomap ingest articles/ --store store/              # extract what is new, append it to store/
  geomap ingest today/ --store store/                 # the next day: only today's articles are extracted
  geomap ingest crawl.warc.gz --store store/ --scheduler local            # a local Dask cluster
  geomap ingest news/ --store store/ --scheduler tcp://scheduler:8786     # a running Dask cluster
  geomap build --store store/ --since 2024-01 --until 2024-06

The store is a Parquet dataset partitioned by publication month (the README's
section "Large corpora"). An article already in the store, extracted with the
same gazetteer and vocabulary, is not extracted again; when those change, every
stored article is extracted again and the command says so. Exit status as for
'geomap extract'.
"""


def add_ingest_command(commands, add_inputs) -> argparse.ArgumentParser:
    """Register ``geomap ingest`` on the sub-command parsers ``commands``; returns its parser."""
    ingest = commands.add_parser(
        "ingest",
        help="extract new articles into a store of extraction records",
        description="Extract the articles not yet in a store and append their records to it.",
        epilog=INGEST_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_inputs(ingest)
    ingest.add_argument("--store", type=Path, required=True, metavar="DIR", help="the store folder")
    ingest.add_argument("--scheduler", metavar="ADDRESS",
                        help="extract on a Dask cluster: its scheduler address, or 'local' for a local cluster "
                             "(needs geomap[dask])")
    ingest.add_argument("--progress", action="store_true",
                        help="show the progress bar even when standard error is not a terminal (a log file)")
    ingest.set_defaults(run=_ingest)
    return ingest


COMPACT_EXAMPLES = """\
examples:
  geomap compact --store store/                       # after many ingests: few large files per month

Each ingest adds a file per month and batch of 500 articles, so a store grown by
many ingests holds many small files, slow to read ('geomap ingest' says when).
compact rewrites the files of each month partition into files of at most 5,000
articles, in the order builds read them, and removes the old files only once the
new ones are complete: an interruption loses no article. A partition that is
already compact is left alone. Builds and ingests give the same results after it.
Exit status: 0 when done, 2 on an error.
"""


def add_compact_command(commands) -> argparse.ArgumentParser:
    """Register ``geomap compact`` on the sub-command parsers ``commands``; returns its parser."""
    compact = commands.add_parser(
        "compact",
        help="rewrite the small files of a store into a few large ones",
        description="Rewrite the many small files that ingests add to a store into a few large files per month.",
        epilog=COMPACT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compact.add_argument("--store", type=Path, required=True, metavar="DIR", help="the store folder")
    compact.add_argument("--quiet", "-q", action="store_true", help="no summary, only errors")
    compact.set_defaults(run=_compact)
    return compact


def _compact(args: argparse.Namespace) -> int:
    from geomap.cli import EXIT_OK, _CommandError, _say
    from geomap.io.store import StoreError, compact

    try:
        report = compact(args.store)
    except StoreError as err:
        raise _CommandError(str(err)) from err
    if not args.quiet:
        _say(report.summary())
    return EXIT_OK


def add_store_options(build: argparse.ArgumentParser) -> None:
    """``--store``, ``--since`` and ``--until`` of ``geomap build``."""
    build.add_argument("--store", type=Path, metavar="DIR", help="build from this store instead of extracting PATHs")
    build.add_argument("--since", type=_iso, metavar="DATE", help="with --store: articles published from DATE on")
    build.add_argument("--until", type=_iso, metavar="DATE", help="with --store: articles published up to DATE")


def _iso(value: str) -> str:
    from geomap.extraction.events import date_interval

    try:
        date_interval(value)
    except ValueError:
        value = ""
    if not value or len(value) not in (4, 7, 10) or not value[:4].isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO date (2024, 2024-04 or 2024-04-29)")
    return value


def _ingest(args: argparse.Namespace) -> int:
    from geomap.cli import EXIT_OK, EXIT_SKIPPED, _CommandError, _load_data, _say
    from geomap.io.store import StoreError, ingest, local_engine
    from geomap.read.articles import CorpusError

    _load_data()
    if args.scheduler:
        from geomap.distributed import DaskMissing, dask_engine

        try:
            engine = dask_engine(args.scheduler, say=_say)
        except DaskMissing as err:
            raise _CommandError(str(err)) from err
    else:
        engine = local_engine(jobs=args.jobs)
    try:
        with IngestBar(args.progress or (not args.quiet and sys.stderr.isatty())) as bar:
            report = ingest(args.paths or None, args.store, engine=engine, say=_say, progress=bar)
    except (CorpusError, StoreError) as err:
        raise _CommandError(str(err)) from err
    finally:
        close = getattr(engine, "close", None)
        if close is not None:
            close()
    if not args.quiet or report.skipped:
        _say(report.summary())
    return EXIT_SKIPPED if report.skipped else EXIT_OK


class IngestBar:
    """A progress bar on standard error: the articles extracted of those sent so far (a Dask cluster's too).

    Called with ``(done, sent)`` by :func:`geomap.io.store.ingest`, possibly from
    the thread of a Dask client; shows nothing when ``show`` is false.
    """

    def __init__(self, show: bool) -> None:
        import threading

        self.show, self.bar, self.lock = show, None, threading.Lock()

    def __enter__(self) -> IngestBar:
        if self.show:
            from tqdm import tqdm

            self.bar = tqdm(total=0, unit="article", desc="extracted", file=sys.stderr, leave=False)
        return self

    def __call__(self, done: int, sent: int) -> None:
        if self.bar is None:
            return
        with self.lock:
            self.bar.total = max(sent, self.bar.total or 0)
            if done > self.bar.n:
                self.bar.update(done - self.bar.n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.refresh()  # the last count, however quickly it came
            self.bar.close()


def read_for_build(args: argparse.Namespace):
    """``(corpus, extractions, problems, summary)`` for ``geomap build``.

    With ``--store``, ``extractions`` is the :class:`~geomap.corpus.aggregate.Aggregate` of the store's articles
    (read a partition at a time, see :func:`geomap.io.store.aggregate_store`); without, the extractions of PATHs.
    """
    from geomap.cli import _CommandError, _read_and_extract, _say

    if not getattr(args, "store", None):
        if getattr(args, "since", None) or getattr(args, "until", None):
            raise _CommandError("--since and --until select articles of a store; give --store DIR")
        return _read_and_extract(args)
    if args.paths:
        raise _CommandError("give either PATHs to extract or --store DIR to build from, not both")
    from geomap.io.store import StoreError, aggregate_store
    from geomap.read.articles import Corpus

    try:
        aggregate = aggregate_store(args.store, args.since, args.until, say=_say)
    except StoreError as err:
        raise _CommandError(str(err)) from err
    return Corpus((), (), args.store.name), aggregate, 0, f"{len(aggregate)} articles read from {args.store}"

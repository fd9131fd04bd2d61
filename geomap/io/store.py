"""A store of extraction records: a partitioned Parquet dataset that grows article by article.

``geomap ingest PATH... --store DIR`` extracts the articles not yet in the store
and appends their records; ``geomap build --store DIR`` merges and renders from
it without extracting again. The store is plain Parquet (pandas, DuckDB, Dask
and pyarrow read it directly)::

    DIR/articles/month=2024-04/part-000001-000000.parquet
    DIR/articles/month=2024/...        (articles dated to the year only)
    DIR/articles/month=undated/...     (articles without a publication date)

One row per article, partitioned by publication month (hive-style folders), with
the columns of :data:`ARTICLE_SCHEMA`: ``key`` (the content hash of the article:
id, title, text, publication date, URL, outlet, language), ``fingerprint`` (of the
gazetteer, the vocabulary and the geomap version that extracted it), ``run`` and
``position`` (which ingest added it, and where in its input: the order a build
reads articles in), the article's fields and text, and its ``places``, ``actors``,
``events`` and ``flows`` as nested columns (lists of structs holding every field
of :mod:`geomap.model`, so a build from the store equals a direct build).

An article whose key is in the store with the current fingerprint is not
extracted again. When the fingerprint changes (another gazetteer or vocabulary,
another geomap version), the next ingest says so and extracts every stored
article again from its stored text.

Each ingest writes a file per month and batch; :func:`compact` (``geomap compact
--store DIR``) rewrites the many small files of each month into a few large ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from geomap.io.atomic import atomic_path
from geomap.keyset import KeySet
from geomap.model import (
    ActorMention,
    Article,
    ArticleExtraction,
    Event,
    Flow,
    Place,
    Quantity,
    ResolvedPlace,
    Span,
)
from geomap.read.articles import Skipped

if TYPE_CHECKING:
    from geomap.annotate.gazetteer import Gazetteer
    from geomap.corpus.aggregate import Aggregate
    from geomap.resources import Resources

__all__ = [
    "ARTICLE_SCHEMA",
    "StoreError",
    "IngestReport",
    "article_key",
    "fingerprint",
    "ingest",
    "read_store",
    "aggregate_store",
    "to_row",
    "from_row",
    "extract_rows",
    "write_rows",
    "CompactReport",
    "compact",
    "store_files",
]

ARTICLES = "articles"
#: Articles extracted and written at a time.
BATCH = 500

_SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
_PLACE = pa.struct([
    ("id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("country", pa.string()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("population", pa.int64()), ("source", pa.string()),
])
_QUANTITY = pa.struct([("value", pa.float64()), ("unit", pa.string()), ("qualifier", pa.string())])
_STRINGS = pa.list_(pa.string())

#: The columns of ``articles/`` (the partition column ``month`` comes from the folder names).
ARTICLE_SCHEMA = pa.schema([
    ("key", pa.string()),
    ("fingerprint", pa.string()),
    ("run", pa.int64()),
    ("position", pa.int64()),
    ("id", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("source", pa.string()),
    ("url", pa.string()),
    ("outlet", pa.string()),
    ("language", pa.string()),
    ("text", pa.string()),
    ("places", pa.list_(pa.struct([("place", _PLACE), ("mentions", pa.list_(_SPAN))]))),
    ("actors", pa.list_(pa.struct([("span", _SPAN), ("actor", pa.string()), ("kind", pa.string())]))),
    ("events", pa.list_(pa.struct([
        ("type", pa.string()), ("evidence", _SPAN), ("place", _PLACE), ("date_start", pa.string()),
        ("date_end", pa.string()), ("actors", _STRINGS), ("claimed_by", _STRINGS), ("denied_by", _STRINGS),
        ("status", pa.string()),
    ]))),
    ("flows", pa.list_(pa.struct([
        ("supplier", pa.string()), ("recipient", pa.string()), ("commodity", pa.string()), ("evidence", _SPAN),
        ("weapon", pa.string()), ("quantity", _QUANTITY), ("transport", pa.string()), ("date_start", pa.string()),
        ("date_end", pa.string()), ("claimed_by", _STRINGS), ("denied_by", _STRINGS), ("status", pa.string()),
        ("origin", _PLACE), ("destination", _PLACE),
    ]))),
])
_EXTRACTED = ("places", "actors", "events", "flows")


class StoreError(Exception):
    """A store that cannot be read or written; the message names the folder and the problem."""


# ---------------------------------------------------------------------------------------------------------------------
# keys


def article_key(article: Article) -> str:
    """The content hash of an article: what its extraction depends on, not where it was read from.

    >>> article_key(Article("a", "نص")) == article_key(Article("a", "نص", source="elsewhere.txt"))
    True
    """
    content = [article.id, article.title, article.text, article.published, article.url, article.outlet,
               article.language]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()


def fingerprint() -> str:
    """A hash of the gazetteer and vocabulary files in use (bundled and user ones) and of the geomap version."""
    from geomap import __version__

    digest = hashlib.sha256(f"geomap {__version__}\n".encode())
    data = Path(str(resources.files("geomap") / "data"))
    folders = [data / "gazetteer", data / "vocabulary"]
    user = os.environ.get("GEOMAP_VOCABULARY")
    if user and Path(user).is_dir():
        folders.append(Path(user))
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                digest.update(f"{folder.name}/{path.name}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def month_of(published: str | None) -> str:
    """The partition of an article: ``2024-04``, ``2024`` (year only) or ``undated``.

    >>> month_of("2024-04-29"), month_of("2024"), month_of(None)
    ('2024-04', '2024', 'undated')
    """
    if not published:
        return "undated"
    return published[:7]


# ---------------------------------------------------------------------------------------------------------------------
# rows


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def to_row(extraction: ArticleExtraction, key: str, print_: str, run: int, position: int) -> dict[str, Any]:
    """The store row of one extraction (see :data:`ARTICLE_SCHEMA`)."""
    article = extraction.article
    row: dict[str, Any] = {"key": key, "fingerprint": print_, "run": run, "position": position}
    row.update({name: getattr(article, name) for name in Article.__dataclass_fields__})
    row.update({name: _plain(getattr(extraction, name)) for name in _EXTRACTED})
    return row


def _span(d: dict) -> Span:
    return Span(d["start"], d["end"], d["text"])


def _place(d: dict | None) -> Place | None:
    return None if d is None else Place(**d)


def _event(d: dict) -> Event:
    return Event(
        type=d["type"], evidence=_span(d["evidence"]), place=_place(d["place"]), date_start=d["date_start"],
        date_end=d["date_end"], actors=tuple(d["actors"]), claimed_by=tuple(d["claimed_by"]),
        denied_by=tuple(d["denied_by"]), status=d["status"],
    )


def _flow(d: dict) -> Flow:
    quantity = d["quantity"]
    return Flow(
        supplier=d["supplier"], recipient=d["recipient"], commodity=d["commodity"], evidence=_span(d["evidence"]),
        weapon=d["weapon"], quantity=None if quantity is None else Quantity(**quantity), transport=d["transport"],
        date_start=d["date_start"], date_end=d["date_end"], claimed_by=tuple(d["claimed_by"]),
        denied_by=tuple(d["denied_by"]), status=d["status"], origin=_place(d["origin"]),
        destination=_place(d["destination"]),
    )


def _article(row: dict[str, Any]) -> Article:
    """The article of a store row (its text empty when the row was read without it)."""
    fields = {name: row.get(name) for name in Article.__dataclass_fields__}
    return Article(**{**fields, "text": fields["text"] or "", "source": fields["source"] or ""})


def from_row(row: dict[str, Any]) -> ArticleExtraction:
    """The extraction a store row holds (the article's text is empty when the row was read without it)."""
    return ArticleExtraction(
        article=_article(row),
        places=tuple(ResolvedPlace(_place(p["place"]), tuple(_span(m) for m in p["mentions"])) for p in row["places"]),
        actors=tuple(ActorMention(_span(a["span"]), a["actor"], a["kind"]) for a in row["actors"]),
        events=tuple(_event(e) for e in row["events"]),
        flows=tuple(_flow(f) for f in row["flows"]),
    )


# ---------------------------------------------------------------------------------------------------------------------
# extracting and writing a batch (the unit of work of every engine)


@dataclass(frozen=True)
class Pending:
    """An article to extract, with its place in the store."""

    article: Article
    key: str
    run: int
    position: int


def extract_rows(
    batch: Iterable[Pending], resources: Resources | Gazetteer | None, print_: str,
    done: Callable[[int], None] | None = None,
) -> tuple[list[dict], list[Skipped]]:
    """Extract a batch with ``resources``: the store rows of the articles, and the articles whose extraction failed.

    ``done``, when given, is called after each article with the number of articles of the batch done so far.
    """
    from geomap.pipeline import extract_article

    rows, failures = [], []
    for count, item in enumerate(batch, 1):
        try:
            extraction = extract_article(item.article, resources)
        except Exception as err:  # noqa: BLE001 - one bad article must not lose the batch
            failures.append(Skipped(item.article.source or item.article.id,
                                    f"extraction failed ({type(err).__name__}: {err})"))
        else:
            rows.append(to_row(extraction, item.key, print_, item.run, item.position))
        if done is not None:
            done(count)
    return rows, failures


def write_rows(store: Path, rows: list[dict], name: str) -> int:
    """Write ``rows`` into ``store/articles/month=.../name.parquet``, one file per month; returns the rows written."""
    import pyarrow.parquet as pq

    by_month: dict[str, list[dict]] = {}
    for row in rows:
        by_month.setdefault(month_of(row["published"]), []).append(row)
    for month, group in sorted(by_month.items()):
        folder = store / ARTICLES / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_path(folder / f"{name}.parquet") as staged:
            pq.write_table(pa.Table.from_pylist(group, schema=ARTICLE_SCHEMA), staged, compression="zstd")
    return len(rows)


# ---------------------------------------------------------------------------------------------------------------------
# reading the store


def _dataset(store: Path):
    import pyarrow.dataset as ds

    folder = store / ARTICLES
    if not folder.is_dir():
        return None
    try:
        return ds.dataset(folder, format="parquet", partitioning="hive", schema=_with_month(ARTICLE_SCHEMA),
                          exclude_invalid_files=False, ignore_prefixes=[".", "_"])
    except (pa.ArrowException, OSError) as err:
        raise StoreError(f"{store}: not a readable geomap store ({err})") from err


def _with_month(schema: pa.Schema) -> pa.Schema:
    return schema.append(pa.field("month", pa.string()))


@dataclass
class _Stored:
    """What an ingest needs to know of a store: the keys stored with a fingerprint, the last run, the stale files."""

    keys: KeySet
    run: int
    stale_files: list[str]


def _stored(store: Path, current: str) -> _Stored:
    """The keys stored with the ``current`` fingerprint, the last run and the files holding rows of another."""
    import pyarrow.compute as pc

    stored = _Stored(KeySet(), 0, [])
    dataset = _dataset(store)
    if dataset is None:
        return stored
    import pyarrow.parquet as pq

    # file by file: a scan of the whole dataset keeps every file's footer, gigabytes for many small files
    try:
        for path in dataset.files:
            table = pq.read_table(path, columns=["key", "fingerprint", "run"])
            if not len(table):
                continue
            fresh = pc.equal(table["fingerprint"], current)
            if not pc.all(fresh).as_py():
                stored.stale_files.append(path)
            for key in table["key"].filter(fresh).to_pylist():
                stored.keys.add(key)
            stored.run = max(stored.run, pc.max(table["run"]).as_py())
    except (pa.ArrowException, OSError) as err:
        raise StoreError(f"{store}: not a readable geomap store ({err})") from err
    stored.stale_files.sort()
    return stored


def read_store(
    store: str | Path, since: str | None = None, until: str | None = None, *, with_text: bool = False,
    say: Callable[[str], None] | None = None,
) -> list[ArticleExtraction]:
    """The extractions in a store, in the order they were ingested.

    Parameters
    ----------
    store : str or Path
        The store folder.
    since, until : str, optional
        ISO dates (``2024``, ``2024-04``, ``2024-04-29``): only articles published
        in that period (an article whose date is less precise counts when its
        period overlaps). With either bound, undated articles are left out.
    with_text : bool
        Also read the articles' text (not needed to merge or map).
    say : callable, optional
        Told when some rows were extracted with another fingerprint (they are left out).

    Returns
    -------
    list of ArticleExtraction
    """
    import pyarrow.compute as pc

    store = Path(store)
    dataset = _require(store)
    current = fingerprint()
    columns = [c for c in ARTICLE_SCHEMA.names if with_text or c != "text"]
    try:
        table = dataset.to_table(columns=[*columns, "month"])
    except (pa.ArrowException, OSError) as err:
        raise StoreError(f"{store}: not a readable geomap store ({err})") from err
    fresh = pc.equal(table["fingerprint"], current)
    stale = len(table) - pc.sum(fresh).as_py() if len(table) else 0
    if stale and say is not None:
        say(_stale_notice(stale, store))
    table = table.filter(fresh).sort_by([("run", "ascending"), ("position", "ascending")])
    low, high = _bounds(since, until)
    seen: set[str] = set()
    out = []
    for batch in table.to_batches():
        for row in batch.to_pylist():
            if row["key"] in seen or not _in_period(row["published"], low, high):
                continue
            seen.add(row["key"])
            out.append(from_row(row))
    return out


#: Rows read at a time when a build aggregates the store.
READ_BATCH = 256
_INDEX = ["key", "fingerprint", "run", "position", "published"]
_CITED = ["id", "title", "published", "source", "url", "outlet", "language", "fingerprint", "run", "position"]


def _order(run: int, position: int) -> int:
    """The place of a stored article in the order a build reads them: by ingest, then by input position."""
    return (run << 32) | position


def aggregate_store(
    store: str | Path, since: str | None = None, until: str | None = None, *,
    say: Callable[[str], None] | None = None,
) -> Aggregate:
    """The :class:`~geomap.corpus.aggregate.Aggregate` of the articles in a store, read one month partition at a time.

    Gives the same layers (:func:`geomap.layers.build_layers`) as the
    extractions of :func:`read_store`, without holding them: each partition is
    read a batch of rows at a time, without the articles' text, aggregated on
    its own and combined with the others; memory grows with the routes, events
    and places and the reports they cite, not with the articles read.

    Parameters
    ----------
    store : str or Path
        The store folder.
    since, until : str, optional
        As for :func:`read_store`.
    say : callable, optional
        As for :func:`read_store`.

    Returns
    -------
    Aggregate
    """
    from geomap.corpus.aggregate import Aggregate

    store = Path(store)
    dataset = _require(store)
    current = fingerprint()
    low, high = _bounds(since, until)
    by_month: dict[str, list[str]] = {}
    for path in dataset.files:
        by_month.setdefault(Path(path).parent.name.partition("=")[2], []).append(path)
    total, stale = Aggregate(), 0
    give_back_memory = _heap_trimmer()
    try:
        for month in sorted(by_month):
            files = sorted(by_month[month])
            part = _files(files)
            keep, stale_here = _kept(part.to_table(columns=_INDEX), current, low, high)
            stale += stale_here
            if not keep:
                continue
            aggregate = total.part()
            columns = [c for c in ARTICLE_SCHEMA.names if c not in ("text", "fingerprint")]
            for batch in part.to_batches(columns=columns, batch_size=READ_BATCH):
                _aggregate_batch(batch, keep, aggregate)
            total.update(aggregate)
            del aggregate
            give_back_memory()
        if total.cited:
            import pyarrow.compute as pc

            wanted = pc.field("id").isin(pa.array(sorted(total.cited), pa.string())) & (
                pc.field("fingerprint") == current)
            for month in sorted(by_month):
                _cite_last(_files(sorted(by_month[month])), wanted, total, low, high)
            give_back_memory()
    except (pa.ArrowException, OSError) as err:
        raise StoreError(f"{store}: not a readable geomap store ({err})") from err
    if stale and say is not None:
        say(_stale_notice(stale, store))
    return total


def _aggregate_batch(batch: pa.RecordBatch, keep: dict[int, str], aggregate: Aggregate) -> None:
    """Add the rows of ``batch`` that ``keep`` names (order -> key) to ``aggregate``.

    Mentions and actors are counted in Arrow: only each place, its number of
    mentions and the actor codes become Python objects.
    """
    import pyarrow.compute as pc

    places: list[list[tuple[Place, int]]] = [[] for _ in range(batch.num_rows)]
    listed = batch.column("places")
    flat = pc.list_flatten(listed)
    found = zip(pc.list_parent_indices(listed).to_pylist(), flat.field("place").to_pylist(),
                pc.list_value_length(flat.field("mentions")).fill_null(0).to_pylist(), strict=True)
    for row, place, mentions in found:
        places[row].append((_place(place), mentions))
    actors: list[list[str]] = [[] for _ in range(batch.num_rows)]
    listed = batch.column("actors")
    for row, actor in zip(pc.list_parent_indices(listed).to_pylist(),
                          pc.list_flatten(listed).field("actor").to_pylist(), strict=True):
        actors[row].append(actor)
    rest = batch.select([name for name in batch.schema.names if name not in ("places", "actors")])
    for n, row in enumerate(rest.to_pylist()):
        order = _order(row["run"], row["position"])
        if keep.get(order) != row["key"]:
            continue
        del keep[order]
        aggregate.add_parts(_article(row), order, places[n], actors[n], [_event(e) for e in row["events"]],
                            [_flow(f) for f in row["flows"]])


def _heap_trimmer() -> Callable[[], None]:
    """A function handing the heap pages freed since its last call back to the system (glibc; elsewhere a no-op).

    The rows of a partition read by a build, and the articles of a batch an
    ingest has sent, become many short-lived Python objects among the few
    kept; without this the process keeps their pages (a third of a build's
    memory at 10,000 articles) although it no longer uses them.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        trim = None
    if trim is None:
        return lambda: None
    return lambda: trim(0)


def _require(store: Path):
    dataset = _dataset(store)
    if dataset is None:
        raise StoreError(f"{store}: no geomap store here (no {ARTICLES}/ folder); run 'geomap ingest ... --store'")
    return dataset


def _files(files: list[str]):
    import pyarrow.dataset as ds

    return ds.dataset(files, format="parquet", schema=ARTICLE_SCHEMA)


def _stale_notice(stale: int, store: Path) -> str:
    return (f"{stale} stored articles were extracted with another gazetteer, vocabulary or geomap version and "
            f"are left out; 'geomap ingest --store {store}' extracts them again")


def _kept(index: pa.Table, current: str, low: dt.date | None, high: dt.date | None) -> tuple[dict[int, str], int]:
    """The rows of a partition a build reads (order -> key), and the number of rows with another fingerprint.

    A row is read when its fingerprint is the current one, its publication date
    is in the period, and no row of the same article comes before it (an
    article's rows share its key, hence its month: they are in one partition).
    """
    first: dict[str, int] = {}
    stale = 0
    for key, print_, run, position, published in zip(*(index[c].to_pylist() for c in _INDEX), strict=True):
        if print_ != current:
            stale += 1
            continue
        order = _order(run, position)
        if (key not in first or order < first[key]) and _in_period(published, low, high):
            first[key] = order
    return {order: key for key, order in first.items()}, stale


def _cite_last(part, wanted, aggregate: Aggregate, low: dt.date | None, high: dt.date | None) -> None:
    """Let the last article of each cited id in ``part`` stand for it, as when the corpus is aggregated at once.

    ``wanted`` selects the current rows of the cited ids.
    """
    for batch in part.to_batches(columns=_CITED, filter=wanted, batch_size=READ_BATCH):
        for row in batch.to_pylist():
            if _in_period(row["published"], low, high):
                aggregate.cite(_article(row), _order(row["run"], row["position"]))


def _bounds(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    from geomap.extraction.events import date_interval

    return (date_interval(since)[0] if since else None, date_interval(until)[1] if until else None)


def _in_period(published: str | None, low: dt.date | None, high: dt.date | None) -> bool:
    if low is None and high is None:
        return True
    if not published:
        return False
    from geomap.extraction.events import date_interval

    try:
        first, last = date_interval(published)
    except ValueError:  # a malformed date ("2024-00") is no date
        return False
    return (low is None or last >= low) and (high is None or first <= high)


# ---------------------------------------------------------------------------------------------------------------------
# ingesting


@dataclass
class IngestReport:
    """What an ingest did."""

    read: int = 0
    present: int = 0
    extracted: int = 0
    reextracted: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.read} articles read, {self.present} already in the store, {self.extracted} extracted"
        if self.reextracted:
            text += f" ({self.reextracted} of them stored ones extracted again)"
        if self.skipped:
            text += f", {len(self.skipped)} skipped"
        return text


#: Told how many articles of a batch (by its part name) are done, while the batch runs.
BatchProgress = Callable[[str, int], None]
#: Runs batches of articles: takes the store, the fingerprint, ``(part name, batch)`` pairs and a
#: :data:`BatchProgress` (or ``None``), and yields, per batch in the order given, the rows written and failures.
Engine = Callable[[Path, str, Iterable[tuple[str, list[Pending]]], BatchProgress | None],
                  Iterator[tuple[int, list[Skipped]]]]


def local_engine(gazetteer: Gazetteer | None = None, jobs: int = 1) -> Engine:
    """Extract and write batches in this process, or in ``jobs`` worker processes.

    In this process, progress is told after each article; with ``jobs``, after each batch.
    """

    def run(store: Path, print_: str, batches: Iterable[tuple[str, list[Pending]]],
            progress: BatchProgress | None = None):
        if jobs > 1:
            yield from _in_processes(store, print_, batches, gazetteer, jobs)
            return
        from functools import partial

        from geomap.annotate.gazetteer import default_gazetteer

        resources_ = gazetteer or default_gazetteer()
        for name, batch in batches:
            done = None if progress is None else partial(progress, name)
            rows, failures = extract_rows(batch, resources_, print_, done)
            yield write_rows(store, rows, name), failures

    return run


def _in_processes(store, print_, batches, gazetteer, jobs):
    from concurrent.futures import ProcessPoolExecutor

    from geomap.pipeline import _start_worker

    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(gazetteer,)) as pool:
        running: deque = deque()
        for name, batch in batches:
            running.append(pool.submit(_process_batch, store, print_, name, batch))
            if len(running) > 2 * jobs:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()


def _process_batch(store: Path, print_: str, name: str, batch: list[Pending]) -> tuple[int, list[Skipped]]:
    from geomap import pipeline

    rows, failures = extract_rows(batch, pipeline._worker_resources, print_)
    return write_rows(store, rows, name), failures


def ingest(
    paths: str | Path | Iterable[str | Path] | None,
    store: str | Path,
    *,
    engine: Engine | None = None,
    batch_size: int = BATCH,
    say: Callable[[str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Extract the articles under ``paths`` that are not in ``store`` yet and append their records.

    Parameters
    ----------
    paths
        Corpus files or folders, as for :func:`geomap.read.articles.read_corpus`.
    store : str or Path
        The store folder (created when missing).
    engine : callable, optional
        Runs the batches; :func:`local_engine` by default, or
        :func:`geomap.distributed.dask_engine` for a Dask cluster.
    batch_size : int
        Articles per batch (and at most per Parquet file).
    say : callable, optional
        Receives one line per skipped input and notices such as a changed
        fingerprint, or a store of many small files (at least
        :data:`MANY_FILES`, of fewer than :data:`FEW_ROWS` articles on
        average) that :func:`compact` would make faster to read.
    progress : callable, optional
        Called with the number of articles extracted (or failed) so far and
        the number sent to be extracted so far, as often as the engine tells:
        after each article in this process and on a Dask cluster (at most
        twice a second per batch there), after each batch with ``jobs``.

    Returns
    -------
    IngestReport
    """
    from geomap.read.articles import iter_corpus

    store = Path(store)
    say = say or (lambda _message: None)
    engine = engine or local_engine()
    try:
        store.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"{store}: cannot create the store ({err.strerror or err})") from err
    current = fingerprint()
    index = _stored(store, current)
    present, run, stale_files = index.keys, index.run + 1, index.stale_files
    stored = len(present)
    del index
    report = IngestReport()

    def pending() -> Iterator[Pending]:
        if stale_files:
            say(f"the gazetteer, vocabulary or geomap version changed since {len(stale_files)} stored file(s) were "
                "written: every stored article is extracted again")
            for row in _stale_rows(stale_files):
                if row["key"] in present:
                    continue
                present.add(row["key"])
                report.reextracted += 1
                yield Pending(from_row(row).article, row["key"], row["run"], row["position"])
        position = 0
        for item in iter_corpus(paths):
            if isinstance(item, Skipped):
                report.skipped.append(item)
                say(f"skipped {item}")
                continue
            report.read += 1
            key = article_key(item)
            if key in present:
                report.present += 1
                continue
            present.add(key)
            yield Pending(item, key, run, position)
            position += 1

    tally = _Tally(progress)

    def batches() -> Iterator[tuple[str, list[Pending]]]:
        batch: list[Pending] = []
        number = 0
        for item in pending():
            batch.append(item)
            if len(batch) == batch_size:
                yield tally.sent(f"part-{run:06d}-{number:06d}", batch)
                batch, number = [], number + 1
        if batch:
            yield tally.sent(f"part-{run:06d}-{number:06d}", batch)

    # the articles of each batch sent are freed once it is done, but the heap keeps their pages (on a Dask cluster,
    # among the messages of the client's threads): handed back after each batch, the client's memory stays flat
    give_back_memory = _heap_trimmer()
    for written, failures in engine(store, current, batches(), tally.running if progress is not None else None):
        report.extracted += written
        for failure in failures:
            report.skipped.append(failure)
            say(f"skipped {failure}")
        tally.finished()
        give_back_memory()
    for path in stale_files:
        Path(path).unlink(missing_ok=True)
    files = store_files(store)
    if files >= MANY_FILES and stored + report.extracted < FEW_ROWS * files:
        say(f"{store} holds {files} files of {(stored + report.extracted) // files} articles on average, slow to "
            f"read; 'geomap compact --store {store}' rewrites them into a few large files per month")
    return report


class _Tally:
    """Articles sent and done in an ingest, from the batches sent, the engine's progress and the batches finished.

    The engine may tell progress from another thread (a Dask client's), and
    after its batch has finished: such late news is ignored.
    """

    def __init__(self, progress: Callable[[int, int], None] | None) -> None:
        import threading

        self.progress = progress
        self.lock = threading.Lock()
        self.queued = self.done = 0
        self.running_batches: dict[str, list[int]] = {}  # name -> [size, done]
        self.order: deque[str] = deque()

    def sent(self, name: str, batch: list[Pending]) -> tuple[str, list[Pending]]:
        with self.lock:
            self.queued += len(batch)
            self.running_batches[name] = [len(batch), 0]
            self.order.append(name)
        self._tell()
        return name, batch

    def running(self, name: str, done: int) -> None:
        with self.lock:
            state = self.running_batches.get(name)
            if state is None or done <= state[1]:
                return
            self.done += min(done, state[0]) - state[1]
            state[1] = min(done, state[0])
        self._tell()

    def finished(self) -> None:
        """The oldest batch still running has finished (engines yield in the order batches were sent)."""
        with self.lock:
            size, done = self.running_batches.pop(self.order.popleft())
            self.done += size - done
        self._tell()

    def _tell(self) -> None:
        if self.progress is not None:
            with self.lock:
                done, queued = self.done, self.queued
            self.progress(done, queued)


def _stale_rows(files: list[str]) -> Iterator[dict]:
    import pyarrow.parquet as pq

    for path in files:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH):
            yield from batch.to_pylist()


# ---------------------------------------------------------------------------------------------------------------------
# compacting

#: Rows at most in one file written by :func:`compact` (a partition with more gets several files).
COMPACT_ROWS = 5_000
#: Rows per row group of a compacted file: what a build decodes at a time.
COMPACT_ROW_GROUP = 1_000
#: :func:`ingest` suggests compacting a store of at least this many files ...
MANY_FILES = 100
#: ... holding on average fewer rows than this per file.
FEW_ROWS = 500


@dataclass
class CompactReport:
    """What a compaction did."""

    partitions: int = 0
    files_read: int = 0
    files_written: int = 0
    rows: int = 0
    duplicates: int = 0

    def summary(self) -> str:
        if not self.partitions:
            return "nothing to compact: every partition already holds as few files as it can"
        partitions = "1 month partition" if self.partitions == 1 else f"{self.partitions} month partitions"
        text = f"{self.files_read} files of {partitions} rewritten as {self.files_written} ({self.rows} articles)"
        if self.duplicates:
            text += f", {self.duplicates} duplicate rows left out"
        return text


def compact(store: str | Path) -> CompactReport:
    """Rewrite the small files of each month partition of ``store`` into few large ones.

    Each ingest adds a file per month and batch of articles, so a store grown by
    many ingests holds many files of a few rows, slow to read. In each partition,
    the rows of each fingerprint are rewritten in the order builds read them
    (``run``, ``position``) into files of at most :data:`COMPACT_ROWS` rows, and
    only then are the files they came from removed: an interruption leaves
    every row in the store (some possibly twice, which readers and the next
    compaction ignore). Rows of different fingerprints never share a file, so
    that an ingest after a vocabulary change still replaces stale files whole.
    A partition that already holds as few files as it can is left alone:
    compacting twice changes nothing.

    Parameters
    ----------
    store : str or Path
        The store folder.

    Returns
    -------
    CompactReport

    Raises
    ------
    StoreError
        When the store is missing or a file cannot be read or written; the
        files already in place stay, and no row is lost.
    """
    store = Path(store)
    dataset = _require(store)
    by_folder: dict[str, list[str]] = {}
    for path in dataset.files:
        by_folder.setdefault(str(Path(path).parent), []).append(path)
    report = CompactReport()
    try:
        for folder in sorted(by_folder):
            _compact_partition(Path(folder), sorted(by_folder[folder]), report)
    except (pa.ArrowException, OSError) as err:
        raise StoreError(f"{store}: cannot compact the store ({err})") from err
    return report


def _compact_partition(folder: Path, files: list[str], report: CompactReport) -> None:
    """Rewrite the files of one partition that :func:`compact` would reduce; the others stay."""
    import pyarrow.parquet as pq

    # fingerprint -> (run, position, key) -> (file, row) of its first copy
    groups: dict[str, dict[tuple[int, int, str], tuple[int, int]]] = {}
    sources: dict[str, set[int]] = {}
    copies: dict[str, int] = {}
    for number, path in enumerate(files):
        index = pq.read_table(path, columns=["key", "fingerprint", "run", "position"])
        columns = (index[c].to_pylist() for c in ("key", "fingerprint", "run", "position"))
        for row, (key, print_, run, position) in enumerate(zip(*columns, strict=True)):
            groups.setdefault(print_, {}).setdefault((run, position, key), (number, row))
            sources.setdefault(print_, set()).add(number)
            copies[print_] = copies.get(print_, 0) + 1
    shared = {n for n in range(len(files)) if sum(n in s for s in sources.values()) > 1}
    rewrite = [
        print_ for print_, rows in sorted(groups.items())
        if len(sources[print_]) > -(-len(rows) // COMPACT_ROWS) or copies[print_] > len(rows)
        or sources[print_] & shared
    ]
    if not rewrite:
        return
    replaced: set[int] = set()
    for print_ in rewrite:
        rows = groups[print_]
        names = "\n".join([print_, *(Path(files[n]).name for n in sorted(sources[print_]))])
        stem = f"compact-{hashlib.sha256(names.encode()).hexdigest()[:16]}"
        order = sorted(rows)
        for part, start in enumerate(range(0, len(order), COMPACT_ROWS)):
            table = _gather(files, [rows[k] for k in order[start:start + COMPACT_ROWS]])
            with atomic_path(folder / f"{stem}-{part:04d}.parquet") as staged:
                pq.write_table(table, staged, compression="zstd", row_group_size=COMPACT_ROW_GROUP)
            report.files_written += 1
        replaced |= sources[print_]
        report.rows += len(rows)
        report.duplicates += copies[print_] - len(rows)
    for number in sorted(replaced):  # only once every row is in its new file
        Path(files[number]).unlink(missing_ok=True)
    report.partitions += 1
    report.files_read += len(replaced)


def _gather(files: list[str], wanted: list[tuple[int, int]]) -> pa.Table:
    """The rows ``wanted`` (file number, row) of ``files``, in that order, reading each file once."""
    import pyarrow.compute as pc

    by_file: dict[int, list[int]] = {}
    for slot, (number, _row) in enumerate(wanted):
        by_file.setdefault(number, []).append(slot)
    pieces, slots = [], []
    for number, chosen in sorted(by_file.items()):
        table = _files([files[number]]).to_table()
        pieces.append(table.take(pa.array([wanted[s][1] for s in chosen], pa.int64())))
        slots.extend(chosen)
    gathered = pa.concat_tables(pieces)
    return gathered.take(pc.sort_indices(pa.array(slots, pa.int64())))


def store_files(store: str | Path) -> int:
    """The number of Parquet files in ``store/articles`` (0 when there is none)."""
    folder = Path(store) / ARTICLES
    if not folder.is_dir():
        return 0
    return sum(1 for month in folder.iterdir() if month.is_dir() and not month.name.startswith((".", "_"))
               for path in month.iterdir() if path.suffix == ".parquet" and not path.name.startswith((".", "_")))

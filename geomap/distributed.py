"""Ingesting on a Dask cluster: the engine behind ``geomap ingest --scheduler``.

The client reads the inputs, keeps the articles that are not in the store yet
and sends them in batches to the workers. Each worker loads the gazetteer and
the vocabulary once, when it starts (:class:`GeomapResources`, a Dask worker
plugin), extracts the articles of a batch and writes their records into the
store itself; only counts and the names of failed articles come back. The
store folder must therefore be reachable by every worker under the same path
(a shared file system; on one machine, any folder). While a batch runs, its
worker tells the client how many of its articles are done (Dask events on a
topic of the ingest's own, at most every :data:`PROGRESS_EVERY` seconds), so a
progress bar follows the cluster article by article, not batch by batch.

Dask is an optional dependency: ``pip install 'geomap[dask]'``.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geomap.io.store import BatchProgress, Pending, extract_rows, write_rows
from geomap.read.articles import Skipped

__all__ = ["DaskMissing", "GeomapResources", "dask_engine"]

INSTALL = "pip install 'geomap[dask]'"
PLUGIN_NAME = "geomap-resources"
#: Seconds between two progress events of a batch.
PROGRESS_EVERY = 0.5


class DaskMissing(ImportError):
    """Dask (with its distributed scheduler) is not installed."""


def _distributed():
    try:
        import distributed
    except ImportError as err:
        raise DaskMissing(f"--scheduler runs on Dask, which is not installed; install it with: {INSTALL}") from err
    return distributed


try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # the message comes from _distributed() when the engine is asked for
    _WorkerPlugin = object


class GeomapResources(_WorkerPlugin):
    """Loads the gazetteer and the vocabulary once per worker, when the worker starts."""

    name = PLUGIN_NAME

    def __init__(self) -> None:
        self.resources = None

    def setup(self, worker) -> None:
        from geomap.resources import default_resources

        self.resources = default_resources()


def _run_batch(
    store: str, print_: str, name: str, batch: list[Pending], topic: str | None = None, every: float = PROGRESS_EVERY
) -> tuple[int, list[Skipped]]:
    """Extract one batch on a worker, with the worker's resources, and write its records.

    With ``topic``, logs ``[name, articles done]`` on that topic as the batch
    runs, at most every ``every`` seconds (and after its last article).
    """
    from distributed import get_worker

    worker = get_worker()
    resources = worker.plugins[PLUGIN_NAME].resources
    done = None
    if topic is not None:
        last = [time.monotonic()]

        def done(count: int) -> None:
            now = time.monotonic()
            if count == len(batch) or now - last[0] >= every:
                last[0] = now
                worker.log_event(topic, [name, count])

    rows, failures = extract_rows(batch, resources, print_, done)
    return write_rows(Path(store), rows, name), failures


class DaskEngine:
    """Runs ingest batches on a Dask cluster (see :func:`dask_engine`)."""

    def __init__(self, client, cluster=None, window: int | None = None, every: float = PROGRESS_EVERY) -> None:
        self.client, self.cluster = client, cluster
        threads = sum(client.nthreads().values()) or 1
        self.window = window or 2 * threads
        self.every = every

    def __call__(
        self, store: Path, print_: str, batches: Iterable[tuple[str, list[Pending]]],
        progress: BatchProgress | None = None,
    ) -> Iterator[tuple[int, list[Skipped]]]:
        topic = None
        if progress is not None:
            topic = f"geomap-progress-{uuid.uuid4().hex}"
            self.client.subscribe_topic(topic, lambda event: progress(*event[1]))
        try:
            running: deque = deque()
            for name, batch in batches:
                running.append(self.client.submit(_run_batch, str(Path(store).resolve()), print_, name, batch,
                                                  topic, self.every, key=f"geomap-{name}-{os.getpid()}", pure=False))
                if len(running) >= self.window:
                    yield running.popleft().result()
            while running:
                yield running.popleft().result()
        finally:
            if topic is not None:
                self.client.unsubscribe_topic(topic)

    def close(self) -> None:
        """Disconnect from the cluster (and stop it when it was started here)."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def dask_engine(
    scheduler: str, *, workers: int | None = None, say: Callable[[str], None] | None = None, window: int | None = None
) -> DaskEngine:
    """An ingest engine on the Dask cluster at ``scheduler`` (an address), or on a new local one (``"local"``).

    Parameters
    ----------
    scheduler : str
        ``tcp://host:8786`` (any address :class:`distributed.Client` accepts), or ``local``.
    workers : int, optional
        With ``local``: worker processes (one thread each); the number of cores by default.
    say : callable, optional
        Told where the cluster's dashboard is.
    window : int, optional
        Batches in flight at once (twice the cluster's threads by default): bounds the client's memory.

    Raises
    ------
    DaskMissing
        When Dask is not installed; the message says how to install it.
    """
    distributed = _distributed()
    cluster = None
    if scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                           processes=True, dashboard_address=":0")
        client = distributed.Client(cluster)
    else:
        client = distributed.Client(scheduler)
    client.register_plugin(GeomapResources(), name=PLUGIN_NAME)
    if say is not None and client.dashboard_link and cluster is None:
        say(f"Dask dashboard: {client.dashboard_link}")
    return DaskEngine(client, cluster, window)

"""Ingesting a large synthetic corpus into a store, and building the map from the store.

    python benchmarks/ingest.py                                   # 2,000 articles on a local Dask cluster
    python benchmarks/ingest.py --articles 10000 --keep big/      # keeps the corpus and the store in big/
    python benchmarks/ingest.py --keep big/ --build-only          # only the build, from the kept store
    python benchmarks/ingest.py --scheduler none                  # in this process

The corpus is made from the bundled articles: article ``i`` is bundled article
``i mod 5`` with its paragraphs shuffled (seeded), its own id and a publication
date moved by up to four years; it is written as gzip JSON Lines files of 1,000
articles. Prints articles per second of the ingest, the peak resident memory of
the client and of each worker (sampled with psutil, or from ``/proc`` without
it, every tenth of a second), a second ingest of the same files (nothing to
extract), and the time and peak memory of ``geomap build --store`` (the map,
no layers).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from geomap.io.store import ingest, local_engine
from geomap.read.articles import read_corpus

SEED = 20240429
PER_FILE = 1000


def rss_mb(pid: int) -> float | None:
    """The resident memory of process ``pid`` now, in MB (psutil, else ``/proc``); ``None`` when it is gone."""
    try:
        import psutil
    except ImportError:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None
    try:
        return psutil.Process(pid).memory_info().rss / 2**20
    except psutil.Error:
        return None


class Sampler:
    """The peak resident memory of some processes, sampled every ``every`` seconds in a thread."""

    def __init__(self, pids: list[int], every: float = 0.1) -> None:
        self.peaks = dict.fromkeys(pids, 0.0)
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, pids: list[int]) -> None:
        for pid in pids:
            self.peaks.setdefault(pid, 0.0)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def sample(self) -> None:
        for pid in list(self.peaks):
            rss = rss_mb(pid)
            if rss is not None and rss > self.peaks[pid]:
                self.peaks[pid] = rss

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def write_corpus(folder: Path, n: int) -> None:
    """``n`` synthetic articles as gzip JSON Lines files in ``folder``."""
    rng = random.Random(SEED)
    templates = read_corpus().articles
    handle = None
    for i in range(n):
        if i % PER_FILE == 0:
            if handle is not None:
                handle.close()
            handle = gzip.open(folder / f"part-{i // PER_FILE:05d}.jsonl.gz", "wt", encoding="utf-8")
        article = templates[i % len(templates)]
        paragraphs = [p for p in article.text.split("\n") if p.strip()]
        head, body = paragraphs[0], paragraphs[1:]
        rng.shuffle(body)
        year = 2021 + rng.randrange(4)
        published = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        record = {"id": f"syn-{i:06d}", "title": head, "text": "\n".join([head, *body]), "published": published,
                  "outlet": f"outlet-{i % 50}"}
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if handle is not None:
        handle.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--scheduler", default="local", help="'local' (a local Dask cluster), an address, or 'none'")
    parser.add_argument("--workers", type=int, help="worker processes of the local cluster (default: cores)")
    parser.add_argument("--keep", type=Path, help="use this folder (corpus/ and store/) and keep it")
    parser.add_argument("--build-only", action="store_true", help="with --keep: only build from the kept store")
    args = parser.parse_args()
    if args.build_only and not args.keep:
        parser.error("--build-only needs --keep")

    root = args.keep or Path(tempfile.mkdtemp(prefix="geomap-ingest-"))
    corpus, store = root / "corpus", root / "store"
    if not corpus.is_dir():
        corpus.mkdir(parents=True)
        started = time.perf_counter()
        write_corpus(corpus, args.articles)
        print(f"corpus: {args.articles:,} articles written in {time.perf_counter() - started:.1f} s to {corpus}")
    if not args.build_only:
        run_ingest(corpus, store, args)
    build(store, root)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


def run_ingest(corpus: Path, store: Path, args: argparse.Namespace) -> None:
    """Ingest ``corpus`` into ``store`` and print the speed and the peak memory of the client and workers."""
    with Sampler([os.getpid()]) as sampler:
        engine = None
        workers: dict[str, int] = {}
        if args.scheduler == "none":
            engine = local_engine()
        else:
            from geomap.distributed import dask_engine

            engine = dask_engine(args.scheduler, workers=args.workers)
            workers = engine.client.run(os.getpid)
            if args.scheduler == "local":  # on this machine: sample the workers too
                sampler.watch(list(workers.values()))
        try:
            started = time.perf_counter()
            report = ingest([corpus], store, engine=engine)
            took = time.perf_counter() - started
            sampler.sample()
            print(f"ingest: {report.summary()} in {took:.1f} s: {report.extracted / took:.1f} articles per second")
            print(f"client peak memory: {sampler.peaks[os.getpid()]:.0f} MB")
            if workers:
                peaks = engine.client.run(_own_peak_mb)
                for n, (address, peak) in enumerate(sorted(peaks.items()), 1):
                    sampled = sampler.peaks.get(workers[address])
                    extra = f" (sampled {sampled:.0f} MB)" if sampled else ""
                    print(f"worker {n} ({address}) peak memory: {peak:.0f} MB{extra}")
            started = time.perf_counter()
            again = ingest([corpus], store, engine=engine)
            print(f"second ingest: {again.summary()} in {time.perf_counter() - started:.1f} s")
        finally:
            close = getattr(engine, "close", None)
            if close is not None:
                close()


def _own_peak_mb() -> float:
    """The peak resident memory of this process in MB, as the kernel counts it (run on each worker)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(store: Path, root: Path) -> None:
    """Time ``geomap build --store`` (the map, no layers) in its own process and sample its memory."""
    command = [sys.executable, "-m", "geomap.cli", "build", "--store", str(store), "-q",
               "--output", str(root / "map.html")]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with Sampler([process.pid]) as sampler:
        _, errors = process.communicate()
    took = time.perf_counter() - started
    if process.returncode != 0:
        print(f"build --store failed ({process.returncode}): {errors.strip()[-300:]}")
        return
    print(f"build --store: {took:.1f} s, peak memory {sampler.peaks[process.pid]:.0f} MB")


if __name__ == "__main__":
    main()

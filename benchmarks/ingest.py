"""Ingesting a large synthetic corpus into a store, and building the map from the store.

    python benchmarks/ingest.py                                   # 2,000 articles on a local Dask cluster
    python benchmarks/ingest.py --articles 100000 --keep big/     # the year-of-news size; keeps corpus and store
    python benchmarks/ingest.py --scheduler none                  # in this process

The corpus is made from the bundled articles: article ``i`` is bundled article
``i mod 5`` with its paragraphs shuffled (seeded), its own id and a publication
date moved by up to four years; it is written as gzip JSON Lines files of 1,000
articles. Prints articles per second of the ingest, the peak resident memory of
the client and of each worker, the time of ``geomap build --store`` and its peak
memory, and a second ingest of the same files (nothing to extract).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geomap.corpus import read_corpus
from geomap.store import ingest, local_engine

SEED = 20240429
PER_FILE = 1000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="geomap-ingest-"))
    corpus, store = root / "corpus", root / "store"
    if not corpus.is_dir():
        corpus.mkdir(parents=True)
        started = time.perf_counter()
        write_corpus(corpus, args.articles)
        print(f"corpus: {args.articles:,} articles written in {time.perf_counter() - started:.1f} s to {corpus}")

    engine = None
    if args.scheduler == "none":
        engine = local_engine()
    else:
        from geomap.distributed import dask_engine

        engine = dask_engine(args.scheduler, workers=args.workers)
    try:
        started = time.perf_counter()
        report = ingest([corpus], store, engine=engine)
        took = time.perf_counter() - started
        print(f"ingest: {report.summary()} in {took:.1f} s: {report.extracted / took:.1f} articles per second")
        print(f"client peak memory: {_peak_mb():.0f} MB")
        client = getattr(engine, "client", None)
        if client is not None:
            peaks = client.run(_peak_mb)
            for n, (address, peak) in enumerate(sorted(peaks.items()), 1):
                print(f"worker {n} ({address}) peak memory: {peak:.0f} MB")
        started = time.perf_counter()
        again = ingest([corpus], store, engine=engine)
        print(f"second ingest: {again.summary()} in {time.perf_counter() - started:.1f} s")
    finally:
        close = getattr(engine, "close", None)
        if close is not None:
            close()

    command = [sys.executable, "-m", "geomap.cli", "build", "--store", str(store), "-q",
               "--output", str(root / "map.html")]
    started = time.perf_counter()
    timed = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    peak = timed.stderr.strip().splitlines()[-1] if timed.stderr.strip() else "?"
    print(f"build --store: {took:.1f} s, peak memory {int(peak) / 1024 if peak.isdigit() else peak:.0f} MB"
          if peak.isdigit() else f"build --store: {took:.1f} s ({timed.stderr.strip()[-200:]})")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Benchmark of the place stages: gazetteer cold start, throughput, memory.

    .venv/bin/python benchmarks/places.py [--seconds 3]

Cold start is measured in fresh interpreters (import, load the shipped
gazetteer, build the matcher on the first article); throughput on the seed
articles, each made unique so that no cache helps; memory as the peak
resident size of the process and the Python allocations of a cold start.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SEEDS = Path(__file__).parents[1] / "geomap" / "data" / "corpus" / "seeds"

COLD = """
import sys, time, tracemalloc, resource, json
if sys.argv[1:] == ["memory"]:
    tracemalloc.start()  # slows everything down: timed runs go without
t0 = time.perf_counter()
c0 = time.process_time()
from geomap.annotate.gazetteer import default_gazetteer
from geomap.annotate.places import find_places
g = default_gazetteer()
t1 = time.perf_counter()
c1 = time.process_time()
from geomap.annotate.resolve import resolve_places
text = "وصل الوفد الإيراني إلى بيونغ يانغ ثم طهران"
resolve_places(text, find_places(text, g), g)
t2 = time.perf_counter()
c2 = time.process_time()
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"load": t1 - t0, "first": t2 - t0, "load_cpu": c1 - c0, "first_cpu": c2 - c0, "traced_peak": peak,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _fresh(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", COLD, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def cold_start(runs: int) -> dict[str, float]:
    results = [_fresh() for _ in range(runs)]
    memory = _fresh("memory")
    return {
        "load_s": statistics.median(r["load"] for r in results),
        "first_article_s": statistics.median(r["first"] for r in results),
        "load_cpu_s": statistics.median(r["load_cpu"] for r in results),
        "first_article_cpu_s": statistics.median(r["first_cpu"] for r in results),
        "traced_peak_mb": memory["traced_peak"] / 1e6,
        "maxrss_mb": max(r["maxrss_kb"] for r in results) / 1e3,
    }


def throughput(seconds: float) -> dict[str, float]:
    from geomap.annotate.gazetteer import default_gazetteer
    from geomap.annotate.places import find_places
    from geomap.annotate.resolve import resolve_places

    gaz = default_gazetteer()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    find_places(texts[0], gaz)  # build the matcher
    result = {}
    for label, resolve in (("find", False), ("find_resolve", True)):
        n, chars, start, cpu = 0, 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - start < seconds:
            text = texts[n % len(texts)] + f"\n{n}"  # unique: no cache helps
            mentions = find_places(text, gaz)
            if resolve:
                resolve_places(text, mentions, gaz)
            n += 1
            chars += len(text)
        # CPU time of this process: per-core speed, whatever else the machine runs
        elapsed = time.process_time() - cpu
        result[f"{label}_articles_per_s"] = n / elapsed
        result[f"{label}_chars_per_s"] = chars / elapsed
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=3.0, help="time per throughput measurement")
    ap.add_argument("--runs", type=int, default=3, help="fresh interpreters for the cold start")
    args = ap.parse_args()
    cold = cold_start(args.runs)
    print(f"gazetteer cold start: {cold['load_s']:.3f} s wall, {cold['load_cpu_s']:.3f} s CPU "
          f"(import + load; target < 1 s); {cold['first_article_s']:.3f} s wall, "
          f"{cold['first_article_cpu_s']:.3f} s CPU to the first article resolved (matcher built, word list read)")
    print(f"cold start memory: {cold['traced_peak_mb']:.1f} MB Python allocations at peak, "
          f"{cold['maxrss_mb']:.0f} MB peak resident")
    speed = throughput(args.seconds)
    print(f"find_places: {speed['find_articles_per_s']:.0f} seed-like articles/s "
          f"({speed['find_chars_per_s'] / 1e6:.2f} M chars/s) per CPU second, one core (target >= 500)")
    print(f"find_places + resolve_places: {speed['find_resolve_articles_per_s']:.0f} articles per CPU second")
    print(f"peak resident memory of this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")


if __name__ == "__main__":
    main()

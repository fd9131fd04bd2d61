"""Time rendering the map, measure the HTML, and time it to interactive in headless Chromium.

    python benchmarks/render.py                       # bundled corpus + synthetic (10,000 events, 1,000 routes)
    python benchmarks/render.py --events 2000 --routes 200 --no-browser

The synthetic corpus is measured twice: as generated (short evidence), and
with every evidence sentence distinct and as long as a news sentence
(``--evidence-chars``, 250 by default), the size a real corpus would reach.

Targets: the saved page of 10,000 events and 1,000 routes under 10 MB and
interactive within 2 s, in both cases. Interactive means: Leaflet ready, the
routes and the event markers or their clusters drawn (markercluster draws
them once it has grouped every marker), and then the page responding: a frame
painted and a task run after them, so that work still queued when the markers
appear is counted too. Popups carry their three latest quotes (``render_map(quotes=3)``),
not every quote. The corpora are those of ``benchmarks/map.py``. Times are
medians of ``--repeat`` runs; the load of the machine is printed with them
(headless Chromium shares the CPUs with whatever else runs), and so is the CPU
time the page's main thread spent until it was interactive, which the load
does not inflate.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from map import bundled_corpus, synthetic_corpus, timed  # noqa: E402

from geomap.layers import build_layers  # noqa: E402
from geomap.render.map import render_map, save_map  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
LOCAL = ("file:", "data:")
MAX_BYTES = 10e6
MAX_SECONDS = 2.0
READY = """() => window.L && document.querySelector('.leaflet-marker-pane .leaflet-marker-icon')
    && (document.querySelector('path.gm-route') || !document.querySelector('.leaflet-control-layers-group'))"""
# the page answers: the next frame is painted and a task queued after it runs (the tasks already queued run first)
RESPONDS = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"


def time_to_interactive(path: Path, repeat: int = 5) -> tuple[float, float, int, int]:
    """Median seconds from navigation to the page interactive (Leaflet ready, routes and markers drawn, the page
    responding), the median CPU time of the page's main thread until then (Chromium's ``ThreadTime``: what the
    page costs, whatever else the machine runs), and what is drawn."""
    from playwright.sync_api import sync_playwright

    times = []
    cpu = []
    drawn = (0, 0)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL) else r.abort())
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")  # before the navigation, so that the page's CPU time is all counted
            started = time.perf_counter()
            page.goto(path.as_uri(), wait_until="commit")
            page.wait_for_function(READY, timeout=60_000, polling=20)
            page.evaluate(RESPONDS)
            times.append(time.perf_counter() - started)
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            cpu.append(metrics.get("ThreadTime", float("nan")))
            drawn = page.evaluate(
                "[document.querySelectorAll('path.gm-route').length,"
                " document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon').length]"
            )
            context.close()
        browser.close()
    return statistics.median(times), statistics.median(cpu), drawn[0], drawn[1]


def measure(title: str, layers, repeat: int, browser: bool) -> tuple[float, float | None, float | None]:
    """Print the render time, the HTML size and the time to interactive; return the size (MB), the time and the
    main thread's CPU time (None without a browser)."""
    m, render_seconds = timed(lambda: render_map(layers), repeat)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        started = time.perf_counter()
        save_map(m, path)
        save_seconds = time.perf_counter() - started
        size = path.stat().st_size
        print(f"\n{title}")
        print(f"  layers: {len(layers.events):,} events, {len(layers.routes):,} routes, "
              f"{len(layers.countries)} countries")
        print(f"  render_map: {render_seconds:.2f} s (median); save_map (HTML build + write): {save_seconds:.2f} s")
        print(f"  HTML: {size / 1e6:.2f} MB ({'within' if size < MAX_BYTES else 'OVER'} the "
              f"{MAX_BYTES / 1e6:.0f} MB target)")
        seconds = cpu = None
        if browser and CHROMIUM.exists():
            load = os.getloadavg()[0]
            seconds, cpu, routes, markers = time_to_interactive(path, repeat)
            print(f"  headless Chromium: interactive in {seconds:.2f} s (median of {repeat}; "
                  f"{'within' if seconds < MAX_SECONDS else 'OVER'} the {MAX_SECONDS:.0f} s target; "
                  f"load average {load:.1f} on {os.cpu_count()} CPUs); {routes} route paths, "
                  f"{markers} markers/clusters drawn")
            print(f"  main thread busy {cpu:.2f} s of CPU until then (median)")
    return size / 1e6, seconds, cpu


def lengthen_evidence(layers, chars: int):
    """Give every evidence item of the events and routes its own sentence of ``chars`` characters."""
    filler = "أفادت مصادر مطلعة بأن شحنات من الذخائر والطائرات المسيرة وصلت إلى الميناء خلال الأسبوع الماضي. "
    count = 0
    for frame in (layers.events, layers.routes):
        values = []
        for value in frame["evidence"]:
            items = [dict(item) for item in value]
            for item in items:
                count += 1
                text = f"{count} " + filler * (chars // len(filler) + 1)
                item["text"] = text[:chars]
            values.append(items)
        frame["evidence"] = values
    return layers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--routes", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measure (medians are printed)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--evidence-chars", type=int, default=250,
                        help="also measure with every synthetic evidence sentence this long (0: skip)")
    args = parser.parse_args(argv)
    try:
        extractions, name, _ = bundled_corpus()
    except Exception as err:  # the extraction stages may be unavailable in a partial checkout
        print(f"\nbundled corpus: not measured ({type(err).__name__}: {err})")
    else:
        measure(f"bundled corpus ({len(extractions)} articles)", build_layers(extractions, corpus_name=name),
                args.repeat, not args.no_browser)
    extractions, routes, events, gazetteer = synthetic_corpus(args.events, args.routes)
    layers = build_layers(extractions, gazetteer, corpus_name="synthetic", routes=routes, events=events)
    results = {"short quotes": measure(f"synthetic corpus ({args.events:,} events, {args.routes:,} routes)", layers,
                                       args.repeat, not args.no_browser)}
    if args.evidence_chars:
        results[f"{args.evidence_chars}-character quotes"] = measure(
            f"synthetic corpus, every evidence sentence distinct and {args.evidence_chars} characters long",
            lengthen_evidence(layers, args.evidence_chars), args.repeat, not args.no_browser)
    print(f"\nsummary ({args.events:,} events, {args.routes:,} routes):")
    for case, (size, seconds, cpu) in results.items():
        interactive = "not measured" if seconds is None else f"interactive in {seconds:.2f} s ({cpu:.2f} s of CPU)"
        print(f"  {case}: {size:.2f} MB, {interactive}")


if __name__ == "__main__":
    main()

"""The saved map in headless Chromium, with the network cut off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from common import require
from render_data import flow_layers, sample_layers

from geomap.render import render_map, save_map

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
HOSTILE = (
    "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> "
    "${window.__pwned=3} `${alert(1)}` </script><b>bold</b> {{ 6*7 }} {% for x in y %} {# {{cite web}} {map}"
)

MARKERS = ".leaflet-marker-pane .gm-ev"
ROUTES = "path.gm-route"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.exists(), f"headless Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Session:
    """A page on a file:// map, recording network attempts, script errors and dialogs."""

    def __init__(self, browser, path: Path, viewport: tuple[int, int] = (1400, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        try:
            self.page.wait_for_function(f"window.L && document.querySelectorAll('{MARKERS}').length > 0",
                                        timeout=15000)
        except Exception as err:
            raise AssertionError(f"the map did not draw its markers; script errors: {self.errors}") from err

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def click_route(self, index: int = 0) -> None:
        """Click the ``index``-th route (an SVG path) where it is painted and on top (once the map is still)."""
        for _ in range(4):
            self.page.wait_for_timeout(400)  # let a popup's auto-pan finish
            if self._click_route(index):
                return
        raise AssertionError(f"no popup opened on route {index}")

    def _click_route(self, index: int) -> bool:
        x, y = self.page.evaluate(
            """(i) => {
                const path = document.querySelectorAll('path.gm-route')[i];
                const m = path.getScreenCTM();
                const length = path.getTotalLength();
                for (let k = 1; k < 200; k++) {
                    const p = path.getPointAtLength(length * (0.2 + 0.6 * ((k * 0.618) % 1)));
                    const x = Math.round(p.x * m.a + p.y * m.c + m.e), y = Math.round(p.x * m.b + p.y * m.d + m.f);
                    if (document.elementFromPoint(x, y) === path) { return [x, y]; }
                }
                return null;
            }""",
            index,
        )
        self.page.mouse.click(x, y)
        try:
            self.page.wait_for_selector(".leaflet-popup .gm-popup", timeout=1500)
        except Exception:  # noqa: BLE001 - a miss: try again
            return False
        return True

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def saved_map(tmp_path_factory) -> Path:
    return save_map(render_map(sample_layers()), tmp_path_factory.mktemp("map") / "map.html")


@pytest.fixture()
def session(browser, saved_map):
    session = Session(browser, saved_map)
    yield session
    session.close()


def test_map_runs_offline_and_draws_routes_and_markers(session, tmp_path):
    assert session.page.evaluate("typeof window.L") == "object"
    assert session.count(ROUTES) == 3  # the routes
    assert session.count("path.gm-route + path.gm-arrow") == 3  # one arrowhead each, drawn over its route
    assert session.count(MARKERS) == 2  # the events
    assert session.count(".leaflet-overlay-pane canvas") >= 1  # basemap and countries on canvas
    assert session.count(".leaflet-control-minimap") == 1
    assert session.count(".leaflet-timeline-control") == 1
    assert "Reported arms and supply flows" in session.page.inner_text(".gm-title")
    screenshot = tmp_path / "screenshot.png"
    session.page.screenshot(path=str(screenshot))
    assert screenshot.stat().st_size > 10_000  # a drawn map, not a blank page
    assert session.requests == []
    assert session.errors == []


def test_marker_popup_shows_arabic_evidence_right_to_left(session):
    session.page.locator(MARKERS).first.click()
    quote = session.page.wait_for_selector(".leaflet-popup blockquote")
    assert quote.get_attribute("dir") == "rtl"
    assert re.search("[\u0600-\u06ff]", quote.inner_text())
    assert "Report a" in session.page.inner_text(".leaflet-popup .gm-cite")
    assert session.errors == []


def test_route_popup_names_supplier_recipient_and_evidence(session):
    texts = []
    for index in range(3):
        session.click_route(index)
        texts.append(session.page.inner_text(".leaflet-popup .gm-popup"))
        session.page.click(".leaflet-popup-close-button")
        session.page.wait_for_selector(".leaflet-popup", state="detached")
    joined = "\n".join(texts)
    assert "Iran → Russia" in joined
    assert "North Korea → Russia" in joined
    assert "كوريا الشمالية" in joined
    assert session.errors == []


def test_time_slider_hides_what_happened_later(session, saved_map):
    slider = re.search(r"(timeline_slider_\w+)\.setTime\((\d+)\)", saved_map.read_text(encoding="utf-8")).group(1)
    session.page.evaluate(f"{slider}.setTime(Date.parse('2022-10-01'))")
    session.page.wait_for_timeout(300)
    assert session.count(MARKERS) == 0  # both events are dated 2023
    assert session.count(ROUTES) == 1  # only the 2022 drones
    assert session.count("path.gm-arrow") == 1  # and its arrowhead alone
    session.page.evaluate(f"{slider}.setTime(Date.parse('2023-08-15'))")
    session.page.wait_for_timeout(300)
    assert session.count(MARKERS) == 1  # the July visit, not the September summit
    assert session.errors == []


def test_hostile_article_text_is_shown_literally_and_never_runs(browser, tmp_path):
    path = save_map(render_map(sample_layers(evidence_text=HOSTILE, title=HOSTILE), title=HOSTILE), tmp_path / "x.html")
    session = Session(browser, path)
    try:
        session.page.locator(MARKERS).first.click()
        quote = session.page.wait_for_selector(".leaflet-popup blockquote")
        assert quote.text_content() == HOSTILE
        assert HOSTILE in session.page.inner_text(".leaflet-popup .gm-cite")
        session.click_route(0)
        assert session.page.text_content(".leaflet-popup blockquote") == HOSTILE
        session.page.hover(MARKERS)
        assert session.page.evaluate("typeof window.__pwned") == "undefined"
        assert session.count(".leaflet-popup b, .leaflet-popup img, .gm-title b") == 0
        assert HOSTILE in session.page.inner_text(".gm-title")
        assert session.dialogs == []
        assert session.requests == []  # the <img src=x> never loads
        assert session.errors == []
    finally:
        session.close()


ARROWS = """() => Array.from(document.querySelectorAll('path.gm-route')).map((path) => {
    const head = path.nextElementSibling;
    const [x, y, angle] = head.getAttribute('transform').match(/-?[\\d.]+/g).map(Number);
    const length = path.getTotalLength(), end = path.getPointAtLength(length);
    let best = null;
    for (let k = 0; k <= 2000; k++) {
        const p = path.getPointAtLength(length * k / 2000);
        const d = Math.hypot(p.x - x, p.y - y);
        if (best === null || d < best.d) { best = {d: d, k: k}; }
    }
    const a = path.getPointAtLength(length * Math.max(best.k - 3, 0) / 2000);
    const b = path.getPointAtLength(length * Math.min(best.k + 3, 2000) / 2000);
    const along = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
    const m = head.parentNode.getScreenCTM();
    const sx = x * m.a + y * m.c + m.e, sy = x * m.b + y * m.d + m.f;
    const covered = Array.from(document.querySelectorAll('.leaflet-marker-icon')).some((icon) => {
        const r = icon.getBoundingClientRect();
        return sx >= r.left - 4 && sx <= r.right + 4 && sy >= r.top - 4 && sy <= r.bottom + 4;
    });
    return {fromLine: best.d, turn: Math.abs(((angle - along) % 360 + 540) % 360 - 180),
            fromEnd: Math.hypot(end.x - x, end.y - y), covered: covered, shown: head.isConnected};
})"""


def _map_name(path: Path) -> str:
    return re.search(r"var (map_\w+) = L\.map\(", path.read_text(encoding="utf-8")).group(1)


def test_arrowheads_sit_on_the_route_clear_of_its_end_and_markers(session):
    arrows = session.page.evaluate(ARROWS)
    assert len(arrows) == 3
    for arrow in arrows:
        assert arrow["fromLine"] < 2.0  # on the drawn line
        assert arrow["turn"] < 10.0  # pointing along it, towards the recipient
        assert arrow["fromEnd"] >= 25.0  # not at the end, where the markers are
        assert not arrow["covered"]
    assert session.errors == []


def test_parallel_ribbons_and_an_antimeridian_route(browser, tmp_path):
    path = save_map(render_map(flow_layers()), tmp_path / "flows.html")
    session = Session(browser, path)
    name = _map_name(path)
    try:
        arrows = session.page.evaluate(ARROWS)
        assert len(arrows) == 4 and all(a["fromLine"] < 2.0 and a["fromEnd"] >= 25.0 for a in arrows)
        lines = session.page.evaluate(
            f"""() => {{
                const out = {{}};
                {name}.eachLayer((layer) => {{
                    if (layer.feature && layer.getLatLngs && layer.feature.geometry.type === 'LineString') {{
                        out[layer.feature.properties.id] = layer.getLatLngs().map((p) => p.lng);
                    }}
                }});
                const view = {name}.getBounds();
                return {{lines: out, view: [view.getWest(), view.getEast(), view.getSouth(), view.getNorth()]}};
            }}"""
        )
        lngs = lines["lines"]["RU-US-equipment"]
        assert max(abs(b - a) for a, b in zip(lngs, lngs[1:], strict=False)) <= 180.0
        assert lngs[0] < 180.0 < lngs[-1]  # one line across the antimeridian
        west, east, _, _ = lines["view"]
        every = [lng for line in lines["lines"].values() for lng in line]
        assert west <= min(every) and max(every) <= east  # the map opens on every route
        assert east - west < 360.0  # not the whole world
        # the ribbons from Pyongyang keep apart on the screen
        ends = session.page.evaluate(
            "() => Array.from(document.querySelectorAll('path.gm-route')).map((p) => "
            "{ const q = p.getPointAtLength(p.getTotalLength() / 2); return [q.x, q.y]; })"
        )
        middles = sorted({(round(x), round(y)) for x, y in ends})
        assert len(middles) == 4
        assert session.errors == []
    finally:
        session.close()


def test_map_opens_on_the_routes_and_events(session, saved_map):
    name = _map_name(saved_map)
    view = session.page.evaluate(
        f"""() => {{
            const view = {name}.getBounds(), inside = [];
            {name}.eachLayer((layer) => {{
                if (layer.feature && layer.feature.properties.id && (layer.getLatLngs || layer.getLatLng)) {{
                    inside.push(view.contains(layer.getBounds ? layer.getBounds() : layer.getLatLng()));
                }}
            }});
            const width = view.getEast() - view.getWest(), height = view.getNorth() - view.getSouth();
            return {{inside: inside, width: width, height: height}};
        }}"""
    )
    assert len(view["inside"]) >= 3 and all(view["inside"])
    assert view["width"] < 300.0 and view["height"] < 120.0  # fitted to the data, not the world


def test_bundled_corpus_map(browser, tmp_path):
    import geomap

    corpus = geomap.read_corpus()
    layers = geomap.build_layers(geomap.extract(corpus), corpus_name=corpus.name)
    session = Session(browser, save_map(render_map(layers), tmp_path / "seeds.html"))
    try:
        assert session.count(ROUTES) == len(layers.routes)
        session.page.locator(MARKERS).first.click()
        quote = session.page.wait_for_selector(".leaflet-popup blockquote")
        assert re.search("[\u0600-\u06ff]", quote.inner_text())
        session.page.click(".leaflet-popup-close-button")
        session.page.wait_for_selector(".leaflet-popup", state="detached")
        session.page.wait_for_timeout(300)
        session.page.screenshot(path=str(tmp_path / "screenshot-seeds.png"))
        assert session.requests == []
        assert session.errors == []
    finally:
        session.close()


@pytest.mark.parametrize(("height", "open_"), [(900, True), (500, False)])
def test_legend_starts_folded_on_a_small_map(browser, saved_map, height, open_):
    session = Session(browser, saved_map, viewport=(900, height))
    try:
        assert session.page.evaluate("document.querySelector('details.gm-legend').open") is open_
        session.page.click("details.gm-legend summary")
        assert session.page.evaluate("document.querySelector('details.gm-legend').open") is not open_
        assert session.errors == []
    finally:
        session.close()

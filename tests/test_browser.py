"""The saved map in headless Chromium, with the network cut off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from common import require
from render_data import flow_layers, large_layers, sample_layers

from geomap.render.map import render_map, save_map

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

# a page that never reaches the state a test waits for fails that test within two minutes
pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]


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

    def __init__(self, browser, path: Path, viewport: tuple[int, int] = (1400, 900), ready: str = MARKERS):
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
            self.page.wait_for_function(f"window.L && document.querySelectorAll('{ready}').length > 0",
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


def _settle(session: Session, condition: str, arg=None, timeout: int = 10_000, polling: str | int = "raf") -> None:
    """Wait until the JavaScript predicate ``condition`` holds, or ``timeout`` ms pass.

    The caller asserts afterwards, so a page that never gets there fails with
    the assertion's message, not a timeout's.
    """
    try:
        session.page.wait_for_function(condition, arg=arg, timeout=timeout, polling=polling)
    except Exception:  # noqa: BLE001 - the assertions that follow say what is wrong
        pass


def _settle_counts(session: Session, counts: dict[str, int]) -> None:
    """Wait until each selector of ``counts`` matches that many elements (see :func:`_settle`)."""
    _settle(session, "(counts) => Object.entries(counts).every(([s, n]) => document.querySelectorAll(s).length === n)",
            counts)


def _settle_position(session: Session, selector: str) -> None:
    """Wait until the element of ``selector`` stops moving (a popup's auto-pan, a zoom animation)."""
    _settle(session, """(selector) => {
        const box = JSON.stringify(document.querySelector(selector)?.getBoundingClientRect());
        const still = window.gmLastBox === box;
        window.gmLastBox = box;
        return still;
    }""", selector, polling=200)


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
    slider = re.search(r"geomap\.draw\((timeline_slider_\w+), (\d+)\)", saved_map.read_text(encoding="utf-8")).group(1)
    session.page.evaluate(f"{slider}.setTime(Date.parse('2022-10-01'))")
    _settle_counts(session, {MARKERS: 0, ROUTES: 1, "path.gm-arrow": 1})
    assert session.count(MARKERS) == 0  # both events are dated 2023
    assert session.count(ROUTES) == 1  # only the 2022 drones
    assert session.count("path.gm-arrow") == 1  # and its arrowhead alone
    session.page.evaluate(f"{slider}.setTime(Date.parse('2023-08-15'))")
    _settle_counts(session, {MARKERS: 1})
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
    const covered = Array.from(document.querySelectorAll('.leaflet-marker-icon:not(.gm-label)')).some((icon) => {
        const r = icon.getBoundingClientRect();
        return sx >= r.left - 4 && sx <= r.right + 4 && sy >= r.top - 4 && sy <= r.bottom + 4;
    });
    return {fromLine: best.d, turn: Math.abs(((angle - along) % 360 + 540) % 360 - 180),
            fromEnd: Math.hypot(end.x - x, end.y - y), covered: covered, shown: head.isConnected};
})"""


def _arrows(session: Session) -> list[dict]:
    """Where each route's arrowhead sits, once every route drawn on the page has one."""
    session.page.wait_for_function(
        "() => Array.from(document.querySelectorAll('path.gm-route')).every((path) => "
        "path.nextElementSibling && path.nextElementSibling.matches('path.gm-arrow[transform]'))",
        timeout=5000,
    )
    return session.page.evaluate(ARROWS)


def _map_name(path: Path) -> str:
    return re.search(r"var (map_\w+) = L\.map\(", path.read_text(encoding="utf-8")).group(1)


def test_arrowheads_sit_on_the_route_clear_of_its_end_and_markers(session):
    arrows = _arrows(session)
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
        arrows = _arrows(session)
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


@pytest.fixture(scope="module")
def cited_map(tmp_path_factory) -> Path:
    from render_data import cited_layers

    return save_map(render_map(cited_layers(10)), tmp_path_factory.mktemp("cited") / "cited.html")


def test_route_popup_cites_its_three_latest_quotes_and_links_only_web_addresses(browser, cited_map):
    session = Session(browser, cited_map)
    try:
        session.click_route(0)
        popup = session.page.locator(".leaflet-popup .gm-popup")
        assert popup.locator("blockquote").count() == 3
        assert "… and 7 more" in popup.inner_text()
        cites = popup.locator(".gm-cite").all_inner_texts()
        # newest first: article 10 (https), 9 (https), 8 (a javascript: address)
        assert "[10] تقرير رقم 10 — Outlet 10, 2024-03-10 — https://news.example/article/10" in cites[0]
        assert "javascript:alert(document.domain)" in cites[2]
        links = popup.locator("a")
        assert links.count() == 2
        for i in range(2):
            link = links.nth(i)
            assert link.get_attribute("href").startswith("https://news.example/article/")
            assert (link.get_attribute("rel"), link.get_attribute("target")) == ("noopener noreferrer", "_blank")
        assert popup.locator(".gm-cite").nth(2).locator("a").count() == 0
        sources = popup.locator(".gm-sources-line").inner_text()
        assert sources.split() == ["Sources:", *(f"[{n}]" for n in range(1, 11))]
        assert session.requests == []
        assert session.errors == []
    finally:
        session.close()


def test_sources_list_has_every_article_and_a_popup_number_opens_it(browser, cited_map):
    from render_data import ODD_URLS

    session = Session(browser, cited_map)
    try:
        panel = session.page.locator("details.gm-sources")
        assert panel.evaluate("d => d.open") is False
        assert panel.locator("summary").inner_text() == "Sources (10)"
        items = panel.locator("li")
        assert items.count() == 0  # made when the list first opens
        panel.locator("summary").click()
        items.nth(9).wait_for(state="attached", timeout=5000)  # the "toggle" event comes after the click
        assert items.count() == 10
        for n in range(1, 11):
            item = panel.locator(f"li#gm-source-{n}")
            assert item.get_attribute("value") == str(n)
            text = item.text_content()
            assert f"تقرير رقم {n}" in text and f"Outlet {n}, 2024-03-{n:02d}" in text
            if n in ODD_URLS:
                assert ODD_URLS[n] in text and item.locator("a").count() == 0
            else:
                assert item.locator("a").get_attribute("href") == f"https://news.example/article/{n}"
        assert panel.locator("a[href^='javascript'], a[href^='data'], a[href^='file']").count() == 0
        panel.locator("summary").click()
        assert panel.evaluate("d => d.open") is False
        session.click_route(0)
        session.page.locator(".leaflet-popup .gm-sources-line button", has_text="[4]").click()
        assert panel.evaluate("d => d.open") is True
        assert panel.locator("li.gm-current").get_attribute("id") == "gm-source-4"
        assert session.errors == []
    finally:
        session.close()


def test_folium_plugins_added_to_the_map_draw(browser, tmp_path):
    from folium.plugins import HeatMap, MeasureControl

    m = render_map(sample_layers())
    HeatMap([[55.7, 37.6, 1.0], [35.7, 51.4, 0.8], [39.0, 125.7, 0.6]], radius=30).add_to(m)
    MeasureControl().add_to(m)
    with pytest.warns(UserWarning, match="no longer self-contained"):
        path = save_map(m, tmp_path / "plugins.html")
    session = Session(browser, path)
    try:
        assert session.count("canvas.leaflet-heatmap-layer") == 1  # inlined from folium: drawn offline
        assert session.count(ROUTES) == 3
        # the measure control needs the network, which is cut off: its files were asked for and nothing else
        measure = "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min"
        assert f"{measure}.js" in session.requests
        assert set(session.requests) <= {f"{measure}.js", f"{measure}.css"}
    finally:
        session.close()


def _map_name_in(session) -> str:
    return session.page.evaluate(
        "Object.keys(window).find(k => /^map_\\w+$/.test(k) && window[k] instanceof L.Map)"
    )


def test_country_and_place_names_are_drawn(session):
    _settle(session, "document.querySelectorAll('.gm-label-country').length > 0")
    countries = session.page.locator(".gm-label-country").all_inner_texts()
    assert {"Russia", "Iran"} <= set(countries)
    assert session.count(".gm-label-place") == 0  # places are named only when zoomed in
    name = _map_name_in(session)
    session.page.evaluate(f"{name}.setView([40.5, 127.5], 6); 0")
    _settle(session, """() => {
        const names = [...document.querySelectorAll('.gm-label-place')].map((e) => e.textContent);
        return names.includes('Pyongyang') && names.includes('Rajin');
    }""")
    places = set(session.page.locator(".gm-label-place").all_inner_texts())
    assert {"Pyongyang", "Rajin"} <= places
    assert "Tehran" not in places  # out of view
    session.page.evaluate(f"{name}.setZoom(3); 0")
    _settle_counts(session, {".gm-label-place": 0})
    assert session.count(".gm-label-place") == 0
    assert session.errors == []


def test_country_names_in_arabic_are_drawn_right_to_left(browser, tmp_path):
    session = Session(browser, save_map(render_map(sample_layers(), labels="ar"), tmp_path / "ar.html"))
    try:
        label = session.page.locator(".gm-label-country span", has_text="روسيا")
        assert label.count() == 1
        assert (label.get_attribute("dir"), label.get_attribute("lang")) == ("rtl", "ar")
        assert session.errors == []
    finally:
        session.close()


# ---------------------------------------------------------------------------------------------------------------------
# the filter panel, the table of flows and the export; the layout on small screens and in print

ROWS = ".gm-panel .gm-table tbody tr[data-id]"


def _open_panel(session: Session) -> None:
    """Open the filter panel (it starts folded when the map would not fit beside it)."""
    if not session.page.evaluate("document.querySelector('details.gm-panel').open"):
        session.page.click("details.gm-panel summary")
    # the table is filled when the panel's toggle event comes, a task after it opens
    session.page.wait_for_selector(".gm-panel .gm-table tbody tr", state="attached", timeout=5000)


def _row_ids(session: Session) -> list[str]:
    return session.page.eval_on_selector_all(ROWS, "rows => rows.map(r => r.dataset.id)")


def _download(session: Session, button: str) -> str:
    with session.page.expect_download() as info:
        session.page.click(f".gm-export button:text-is('{button}')")
    return Path(info.value.path()).read_text(encoding="utf-8-sig")


def test_choosing_a_supplier_reduces_routes_events_and_table_rows(session):
    _open_panel(session)
    assert session.page.evaluate("document.querySelector('details.gm-panel').open") is True  # a large window
    assert session.count(ROUTES) == 3
    assert len(_row_ids(session)) == 3
    session.page.get_by_label("Supplier").select_option("KP")
    assert session.count(ROUTES) == 1
    assert _row_ids(session) == ["KP-RU-munitions"]
    assert session.count(MARKERS) == 2  # North Korea is an actor of the summit and the place of the visit
    session.page.get_by_label("Supplier").select_option("IR")
    assert session.count(ROUTES) == 2
    assert sorted(_row_ids(session)) == ["IR-RU-drones", "IR-YE-missiles"]
    assert session.count(MARKERS) == 0
    # Iran, Russia and Yemen: the countries of the flows shown, not North Korea
    assert session.page.inner_text(".gm-panel .gm-count") == "2 of 3 flows · 0 of 2 events · 3 of 4 countries"
    session.page.get_by_label("Status").select_option("denied")
    assert _row_ids(session) == ["IR-RU-drones"]
    assert session.count(ROUTES) == 1
    session.page.click(".gm-panel-bar button:text-is('Reset')")
    assert session.count(ROUTES) == 3 and session.count(MARKERS) == 2
    assert session.page.inner_text(".gm-panel .gm-count") == "3 of 3 flows · 2 of 2 events · 4 of 4 countries"
    assert session.errors == []


def test_date_range_recipient_commodity_and_search_filter_the_flows(session):
    _open_panel(session)
    session.page.get_by_label("From").fill("2023-01-01")
    assert sorted(_row_ids(session)) == ["IR-YE-missiles", "KP-RU-munitions"]  # not the 2022 drones
    assert session.count(ROUTES) == 2
    session.page.get_by_label("To").fill("2023-08-31")
    assert _row_ids(session) == ["KP-RU-munitions"]  # the missiles are dated September
    assert session.count(MARKERS) == 1  # the July visit, not the September summit
    session.page.click(".gm-panel-bar button:text-is('Reset')")
    session.page.get_by_label("Recipient").select_option("RU")
    session.page.get_by_label("Commodity").select_option("drones")
    assert _row_ids(session) == ["IR-RU-drones"]
    session.page.click(".gm-panel-bar button:text-is('Reset')")
    session.page.fill(".gm-panel input[type=search]", "shahed")
    assert _row_ids(session) == ["IR-RU-drones"]
    assert session.count(ROUTES) == 1
    extent = """() => [document.querySelector('path.gm-route').getBoundingClientRect().toJSON(),
                      document.querySelector('.gm-panel').getBoundingClientRect().toJSON()]"""
    session.page.click(".gm-panel-bar button:text-is('Reset')")
    session.page.get_by_label("Supplier").select_option("IR")  # Tehran to Moscow and Sanaa, no event
    before = session.page.evaluate(extent)[0]
    session.page.click(".gm-panel-bar button:text-is('Zoom to selection')")
    _settle(session, f"() => ({extent})()[0].height > {before['height']} * 1.5")
    _settle_position(session, "path.gm-route")
    route, panel = session.page.evaluate(extent)
    assert route["height"] > before["height"] * 1.5  # zoomed in
    assert 0 < route["left"] and route["right"] < panel["left"] and 0 < route["top"] and route["bottom"] < 900
    assert session.errors == []


def test_table_sorts_by_a_column(session):
    _open_panel(session)
    assert _row_ids(session) == ["IR-YE-missiles", "KP-RU-munitions", "IR-RU-drones"]  # latest first
    session.page.click(".gm-table th button:text-is('Sources')")
    assert _row_ids(session)[0] == "KP-RU-munitions"  # two sources
    assert session.page.get_attribute(".gm-table th:nth-child(8)", "aria-sort") == "descending"
    session.page.click(".gm-table th button:text-is('Supplier')")
    assert [session.page.inner_text(f"{ROWS}:nth-child({i}) td:first-child") for i in (1, 2, 3)] == [
        "Iran", "Iran", "North Korea",
    ]
    assert session.errors == []


def test_a_table_row_opens_its_popup_clear_of_the_legend_and_panel(browser, saved_map):
    session = Session(browser, saved_map, viewport=(1920, 1080))  # room for the open panel and a popup
    _open_panel(session)
    for route, text in (("IR-RU-drones", "Shahed-136"), ("KP-RU-munitions", "152mm shells")):
        session.page.click(f"{ROWS}[data-id='{route}']")
        session.page.wait_for_selector(".leaflet-popup .gm-popup")
        assert text in session.page.inner_text(".leaflet-popup .gm-popup")
        _settle_position(session, ".leaflet-popup")  # the popup's auto-pan
        overlaps = session.page.evaluate(
            """() => {
                const popup = document.querySelector('.leaflet-popup').getBoundingClientRect();
                return ['.gm-legend', '.gm-panel'].filter(s => {
                    const r = document.querySelector(s).getBoundingClientRect();
                    return popup.left < r.right && r.left < popup.right && popup.top < r.bottom && r.top < popup.bottom;
                });
            }"""
        )
        assert overlaps == []
        session.page.click(".leaflet-popup-close-button")
        session.page.wait_for_selector(".leaflet-popup", state="detached")
    assert session.errors == []
    session.close()


def test_a_row_shows_its_route_when_the_time_slider_hid_it(session, saved_map):
    _open_panel(session)
    slider = re.search(r"geomap\.draw\((timeline_slider_\w+), (\d+)\)", saved_map.read_text(encoding="utf-8")).group(1)
    session.page.evaluate(f"{slider}.setTime(Date.parse('2022-10-01'))")
    _settle_counts(session, {ROUTES: 1})
    assert session.count(ROUTES) == 1
    session.page.click(f"{ROWS}[data-id='KP-RU-munitions']")
    session.page.wait_for_selector(".leaflet-popup .gm-popup")
    assert "North Korea → Russia" in session.page.inner_text(".leaflet-popup .gm-popup")
    assert session.errors == []


def test_csv_export_holds_the_filtered_rows(session):
    _open_panel(session)
    import csv
    import io

    session.page.get_by_label("Supplier").select_option("IR")
    rows = list(csv.DictReader(io.StringIO(_download(session, "CSV"))))
    assert [r["id"] for r in rows] == ["IR-YE-missiles", "IR-RU-drones"]  # the table's order
    drones = rows[1]
    assert (drones["supplier"], drones["recipient"], drones["commodity"]) == ("Iran", "Russia", "drones")
    assert (drones["supplier_code"], drones["weapons"], drones["status"]) == ("IR", "Shahed-136", "denied")
    assert (drones["first_date"], drones["sources"], drones["articles"]) == ("2022-09-13", "1", "a2")
    assert session.requests == []
    assert session.errors == []


def test_geojson_export_holds_the_filtered_routes_and_events(session):
    _open_panel(session)
    import json

    session.page.get_by_label("Supplier").select_option("KP")
    data = json.loads(_download(session, "GeoJSON"))
    assert data["type"] == "FeatureCollection"
    kinds = sorted((f["properties"]["layer"], f["properties"]["id"], f["geometry"]["type"]) for f in data["features"])
    assert kinds == [
        ("event", "event-1", "Point"), ("event", "event-2", "Point"), ("flow", "KP-RU-munitions", "LineString"),
    ]
    visit = next(f["properties"] for f in data["features"] if f["properties"]["id"] == "event-2")
    assert (visit["first_day"], visit["last_day"], visit["countries"]) == ("2023-07-25", "2023-07-27", "KP; RU")
    assert visit["summary"].startswith("Visit, Pyongyang")
    munitions = data["features"][0]["properties"]
    assert (munitions["supplier"], munitions["quantities"]) == ("North Korea", "more than 1,000,000 shells")
    assert session.errors == []


def test_exported_cells_cannot_run_as_spreadsheet_formulas(browser, tmp_path):
    import csv
    import io

    layers = sample_layers()
    layers.routes = layers.routes.copy()
    layers.routes.loc[layers.routes["id"] == "IR-RU-drones", "weapons"] = '=HYPERLINK("http://x.invalid","y")'
    layers.routes.loc[layers.routes["id"] == "IR-YE-missiles", "weapons"] = HOSTILE
    layers.routes.loc[layers.routes["id"] == "KP-RU-munitions", "quantities"] = "@SUM(1+1)"
    session = Session(browser, save_map(render_map(layers), tmp_path / "formula.html"))
    _open_panel(session)
    try:
        assert session.page.inner_text(f"{ROWS}[data-id='IR-YE-missiles'] td:nth-child(4)") == HOSTILE
        assert session.count(".gm-panel b, .gm-panel img") == 0
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(_download(session, "CSV")))}
        assert rows["IR-RU-drones"]["weapons"] == '\'=HYPERLINK("http://x.invalid","y")'
        assert rows["KP-RU-munitions"]["quantities"] == "'@SUM(1+1)"
        assert rows["IR-YE-missiles"]["weapons"] == HOSTILE
        cells = session.page.evaluate("geomap.csv(['a'], [['+1'], ['-2'], ['\\t=3'], ['ok, \"quoted\"']])")
        assert cells == '\ufeff"a"\r\n"\'+1"\r\n"\'-2"\r\n"\'\t=3"\r\n"ok, ""quoted"""\r\n'
        assert session.page.evaluate("typeof window.__pwned") == "undefined"
        assert session.dialogs == [] and session.requests == [] and session.errors == []
    finally:
        session.close()


def _visible_share(session: Session) -> float:
    """The share of the window where the map itself, not a control or the title, is on top."""
    return session.page.evaluate(
        """() => {
            const map = document.querySelector('.folium-map');
            let seen = 0, total = 0;
            for (let y = 2; y < innerHeight; y += 8) {
                for (let x = 2; x < innerWidth; x += 8) {
                    total++;
                    const e = document.elementFromPoint(x, y);
                    if (e && map.contains(e) && !e.closest('.leaflet-control, .gm-title')) { seen++; }
                }
            }
            return seen / total;
        }"""
    )


def test_phone_sized_window_folds_legend_panel_and_time_slider(browser, saved_map, tmp_path):
    session = Session(browser, saved_map, viewport=(390, 844))
    try:
        folded = session.page.evaluate(
            """() => [document.querySelector('details.gm-legend').open, document.querySelector('details.gm-panel').open,
                      document.querySelector('.leaflet-timeline-control').classList.contains('gm-folded')]"""
        )
        assert folded == [False, False, True]
        assert session.page.locator(".leaflet-timeline-control .time-slider").is_hidden()
        assert _visible_share(session) >= 0.6
        session.page.screenshot(path=str(tmp_path / "phone.png"))
        session.page.click(".gm-time-toggle")
        assert session.page.locator(".leaflet-timeline-control .time-slider").is_visible()
        session.page.click("details.gm-panel summary")
        assert session.page.get_by_label("Supplier").is_visible()
        assert session.errors == []
    finally:
        session.close()


def test_a_route_with_many_sources_keeps_a_short_popup(browser, tmp_path):
    from render_data import cited_layers

    session = Session(browser, save_map(render_map(cited_layers(45)), tmp_path / "many.html"))
    try:
        session.click_route(0)
        popup = session.page.locator(".leaflet-popup .gm-popup")
        assert popup.locator("blockquote").count() == 3
        assert "… and 42 more" in popup.inner_text()
        line = popup.locator(".gm-sources-line")
        assert line.locator("button").count() == 40
        assert line.inner_text().endswith("and 5 more")
        session.page.locator("details.gm-sources summary").click()
        session.page.locator("details.gm-sources li").nth(44).wait_for(state="attached", timeout=5000)
        assert session.page.locator("details.gm-sources li").count() == 45
        assert session.errors == []
    finally:
        session.close()


def test_print_shows_the_map_and_legend_without_the_controls(browser, saved_map, tmp_path):
    session = Session(browser, saved_map)
    try:
        session.page.click("details.gm-legend summary")  # folded on screen, open in print
        session.page.emulate_media(media="print")
        session.page.wait_for_timeout(300)
        for control in (
            ".leaflet-control-zoom", ".leaflet-control-layers", ".leaflet-control-fullscreen", ".gm-panel",
            ".leaflet-timeline-control", ".leaflet-control-minimap",
        ):
            assert session.page.locator(control).first.is_hidden(), control
        assert session.page.locator(".gm-legend h4").first.is_visible()  # the legend, open
        assert session.page.locator(".gm-title").is_visible()
        assert session.count(ROUTES) == 3
        pdf = session.page.pdf(landscape=True, print_background=True)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1  # one page
        session.page.emulate_media(media="screen")
        session.page.wait_for_timeout(300)
        assert session.page.locator(".gm-panel").is_visible()
        assert session.page.evaluate("document.querySelector('details.gm-legend').open") is False
        assert session.errors == []
    finally:
        session.close()


def _click_event_marker(session: Session, event: str) -> None:
    """Bring the marker of ``event`` out of its cluster (zoomed in, spiderfied) and click it.

    Every step is waited for with a timeout: a cluster whose animation misses its end fails the test
    instead of hanging it.
    """
    session.page.evaluate("""(id) => {
        const map = map_000001;
        const cluster = Object.values(map._layers).find((l) => l instanceof L.MarkerClusterGroup);
        const marker = cluster.getLayers().find((m) => m.feature.properties.id === id);
        window.gmMarker = marker;
        window.gmCluster = cluster;
        map.setView(marker.getLatLng(), map.getMaxZoom(), {animate: false});
    }""", event)
    for _ in range(3):
        # spiderfy the cluster that still holds the marker at the deepest zoom, then wait for its icon
        session.page.evaluate("""() => {
            const parent = window.gmCluster.getVisibleParent(window.gmMarker);
            if (parent && parent !== window.gmMarker && parent.spiderfy) { parent.spiderfy(); }
        }""")
        try:
            session.page.wait_for_function(
                "() => { const e = window.gmMarker.getElement(); return e && e.isConnected; }", timeout=5000)
            break
        except Exception:  # noqa: BLE001 - the cluster was still animating: spiderfy again
            continue
    else:
        raise AssertionError(f"the marker of {event} never left its cluster")
    session.page.wait_for_timeout(400)  # let the spider's legs finish moving
    session.page.evaluate("() => window.gmMarker.getElement().click()")


def test_a_popup_of_a_large_corpus_is_built_from_its_columns_with_three_quotes_and_the_count(browser, tmp_path):
    layers = large_layers()
    path = save_map(render_map(layers), tmp_path / "large.html")
    session = Session(browser, path, viewport=(1920, 1080), ready=".leaflet-marker-pane .leaflet-marker-icon")
    _open_panel(session)
    session.page.click(f"{ROWS}[data-id='KP-RU-munitions-0']")
    popup = session.page.wait_for_selector(".leaflet-popup .gm-popup")
    text = popup.inner_text()
    assert "North Korea → Russia" in text and "Evidence (6)" in text and "… and 3 more" in text
    quotes = session.page.eval_on_selector_all(".leaflet-popup blockquote", "qs => qs.map(q => q.textContent)")
    route = layers.routes.set_index("id").loc["KP-RU-munitions-0"]
    latest = sorted(route["evidence"], key=lambda e: (e["published"], e["article"]), reverse=True)[:3]
    assert quotes == [e["text"] for e in latest]
    links = session.page.eval_on_selector_all(".leaflet-popup a.gm-url", "links => links.map(a => a.href)")
    assert links == [f"https://news.example/{int(e['article'][1:])}" for e in latest]
    session.page.click(".leaflet-popup-close-button")
    # an event's popup is built when its marker is first clicked
    _click_event_marker(session, "event-00123")
    popup = session.page.wait_for_selector(".leaflet-popup .gm-popup")
    event = layers.events.set_index("id").loc["event-00123"]
    assert event["place"] in popup.inner_text() and event["evidence"][0]["text"] in popup.inner_text()
    assert session.errors == [] and session.requests == []
    session.close()

"""The map as HTML: offline, escaped, styled by the layers (checked on the rendered page, as geopandas does)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from common import require
from render_data import flow_layers, large_layers, sample_layers

from geomap.layers import build_layers, continuous_line, route_geometry
from geomap.render.map import (
    _LINE_TOLERANCE,
    _dash_pattern,
    _framed_line,
    escape_html,
    inline_assets,
    render_map,
    save_map,
)
from geomap.render.style import commodity_palette

HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> ${alert(1)} `x` </script>"


@pytest.fixture(scope="module")
def page() -> str:
    return render_map(sample_layers()).get_root().render()


def _data(page: str, call: str) -> list:
    """The values passed as ``JSON.parse('...')`` to each ``call(`` of the page."""
    out = []
    for match in re.finditer(re.escape(call) + r"\(\s*JSON\.parse\('", page):
        text, i = [], match.end()
        while page[i] != "'":
            if page[i] == "\\":
                i += 1
                text.append(page[i] if page[i] in "'\\" else "\\" + page[i])
            else:
                text.append(page[i])
            i += 1
        out.append(json.loads("".join(text)))
    return out


DAY = 86_400_000


def _rows(table: dict, strings: list[str]) -> list[dict]:
    """The records of a table of the page stored as columns, read back as ``geomap.rows`` does."""
    out = []
    for i in range(table["n"]):
        row = {}
        for key, column in table["p"].items():
            value = column if key in table.get("k", []) else column[i]
            if value is None:
                continue
            if key in table["i"]:
                value = strings[value] if isinstance(value, int) else [strings[v] for v in value]
            row[key] = value
        out.append(row)
    return out


def _points(flat: list[int], order: int) -> list[list[float]]:
    """The points of a line or ring of the page, summed back from their differences as ``geomap.points`` does."""
    values = list(flat)
    for k in range(order, 0, -1):
        for i in range(2 * k, len(values)):
            values[i] += values[i - 2]
    return [[values[i] / 1000, values[i + 1] / 1000] for i in range(0, len(values), 2)]


def _quotes(page: str) -> dict:
    """The evidence sentences of the page: its JSON data block, named in its ``geomap.setup`` call."""
    [name] = re.findall(r"geomap\.setup\(JSON\.parse\('(?:[^'\\]|\\.)*'\), \"([\w-]+)\"\)", page)
    [block] = re.findall(rf'<script type="application/json" id="{name}">(.*?)</script>', page, flags=re.S)
    return json.loads(block)


def _tables(page: str) -> dict:
    """The tables the page's script is set up with: strings, articles by id (numbered) and sentences."""
    [raw] = _data(page, "geomap.setup")
    strings = raw["strings"]
    order = _rows(raw["articles"], strings)
    articles = {a["id"]: {**{k: v for k, v in a.items() if k != "id"}, "n": n} for n, a in enumerate(order, 1)}
    sentences = [[order[s["a"] - 1]["id"], s["s"], s["e"], s["t"]] for s in _rows(_quotes(page), strings)]
    return {**raw, "articles": articles, "sentences": sentences}


def _features(page: str) -> list[dict]:
    """The GeoJSON features the page hands to the timelines, read back from their columns."""
    strings = _data(page, "geomap.setup")[0]["strings"]
    features = []
    for table in _data(page, "geomap.features"):
        for i, props in enumerate(_rows(table, strings)):
            props["start"] = props["start"] * DAY
            props["end"] = props["end"] * DAY + DAY - 1
            if "x" in table:
                geometry = {"type": "Point", "coordinates": [table["x"][i], table["y"][i]]}
            else:
                geometry = {"type": "LineString", "coordinates": _points(table["l"][i], 2)}
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return features


def _popup(page: str, feature_id: str) -> tuple[dict, list[dict], dict]:
    """The rows, evidence and properties a feature's popup shows."""
    tables = _tables(page)
    props = next(f["properties"] for f in _features(page) if f["properties"]["id"] == feature_id)
    labels = tables["routeFields"] if "label" in props else tables["eventFields"]
    rows = {label: value for label, value in zip(labels, props["f"], strict=True) if value}
    evidence = []
    for index in props["ev"]:
        article, start, end, text = tables["sentences"][index]
        evidence.append({"article": article, **tables["articles"][article], "start": start, "end": end,
                         "text": text})
    return rows, evidence, props


def _route(page: str, route_id: str) -> dict:
    return _popup(page, route_id)[2]


def test_saved_page_loads_no_script_or_stylesheet_from_outside(tmp_path, page):
    path = save_map(render_map(sample_layers()), tmp_path / "map.html")
    saved = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", saved)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", saved)
    assert not re.search(r"url\([\"']?(https?:)?//", saved)
    assert saved == page


@pytest.mark.parametrize(
    "marker",
    [
        "<script>/* leaflet.js */",
        "<style>/* leaflet.css */",
        "<script>/* leaflet.markercluster.js */",
        "<style>/* MarkerCluster.Default.css */",
        "<script>/* leaflet.timeline.min.js */",
        "function placeArrow(",  # the route arrowheads
        "<script>/* leaflet.groupedlayercontrol.min.js */",
        "<script>/* Control.MiniMap.js */",
        "<script>/* Control.FullScreen.min.js */",
        "data:image/png;base64,",  # stylesheet images inlined
    ],
)
def test_page_inlines_every_library(page, marker):
    assert marker in page


def test_page_uses_no_cdn_only_library(page):
    for name in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "moment.min.js"):
        assert name not in page.lower()


def test_online_tiles_only_when_asked(page):
    assert "tile.openstreetmap.org" not in page
    online = render_map(sample_layers(), tiles="OpenStreetMap").get_root().render()
    assert "tile.openstreetmap.org" in online
    assert not re.search(r"<script[^>]+src=", online)
    assert "geomap-basemap" in online  # the outlines stay under the tiles


def test_unknown_script_is_refused():
    with pytest.raises(ValueError, match="no vendored copy"):
        inline_assets('<script src="https://example.org/lib.js"></script>')


def test_inlined_script_cannot_close_its_element():
    page = inline_assets('<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"></script>')
    assert page.count("</script>") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>", "&lt;script&gt;"),
        ('"a" & \'b\'', "&quot;a&quot; &amp; &#x27;b&#x27;"),
        ("${alert(1)}", "&#36;&#123;alert(1)&#125;"),
        ("{{ 6*7 }}", "&#123;&#123; 6*7 &#125;&#125;"),
        ("`x`", "&#96;x&#96;"),
        (None, ""),
        ("صواريخ", "صواريخ"),
    ],
)
def test_escape_html(text, expected):
    assert escape_html(text) == expected


def test_hostile_article_text_reaches_the_page_only_as_escaped_data():
    page = render_map(sample_layers(evidence_text=HOSTILE, title=HOSTILE), title=HOSTILE).get_root().render()
    assert "window.__pwned" in page  # the text is there ...
    assert "<img src=x" not in page  # ... but never as markup
    assert "<script>window.__pwned" not in page
    assert "u003cscript" in page
    assert "&lt;script&gt;window.__pwned" in page  # the title, escaped
    evidence = _popup(page, "KP-RU-munitions")[1][0]
    assert evidence["text"] == HOSTILE
    assert evidence["title"] == HOSTILE


def test_route_style_follows_status_and_sources(page):
    denied = _route(page, "IR-RU-drones")
    speculative = _route(page, "IR-YE-missiles")
    asserted = _route(page, "KP-RU-munitions")
    assert denied["_d"] == "10 4 2.5 4"  # dash-dot
    assert speculative["_d"] == "6.5 4.5"
    assert "_d" not in asserted  # a solid line
    assert asserted["_w"] > denied["_w"]  # two independent sources against one


@pytest.mark.parametrize("kind", ["denied", "speculative"])
def test_dashes_grow_with_the_width_so_a_thick_route_is_not_drawn_as_beads(kind):
    thin, thick = ([float(v) for v in _dash_pattern(kind, width).split()] for width in (2.5, 6.5))
    assert [round(t * 6.5 / 2.5, 1) for t in thin] == thick
    assert all(gap >= 1.5 * 6.5 for gap in thick[1::2])  # butt caps: every gap shows wider than the line
    assert thick[0] >= 2.5 * 6.5  # the dash is a dash, not a dot


def test_legend_shows_the_widths_drawn_for_one_two_and_three_sources():
    page = render_map(flow_layers()).get_root().render()
    start = page.index("d.innerHTML = ") + len("d.innerHTML = ")
    legend = json.JSONDecoder().raw_decode(page, start)[0]
    shown = dict(re.findall(r'stroke-width="([\d.]+)" stroke-opacity="0.9" stroke-linecap="round"/></svg>'
                            r"(\d\+? sources?)</div>", legend))
    shown = {text: float(width) for width, text in shown.items()}
    drawn = {n: _route(page, rid)["_w"] for n, rid in ((1, "KP-RU-drones"), (2, "KP-RU-missiles"),
                                                          (3, "KP-RU-munitions"))}
    assert shown == {"1 source": drawn[1], "2 sources": drawn[2], "3+ sources": drawn[3]}
    assert drawn[1] < drawn[2] < drawn[3]


def test_parallel_routes_share_one_path_as_side_by_side_ribbons():
    page = render_map(flow_layers()).get_root().render()
    features = {f["properties"]["id"]: f for f in _features(page)}
    ribbons = [features[r] for r in ("KP-RU-drones", "KP-RU-missiles", "KP-RU-munitions")]
    assert len({json.dumps(f["geometry"]) for f in ribbons}) == 1  # one shared path, not a fan
    props = [f["properties"] for f in ribbons]
    offsets = [p["_k"] for p in props]
    assert abs(sum(offsets)) < max(p["_w"] for p in props)  # on either side of the path
    for a, b in zip(props, props[1:], strict=False):  # side by side, never overlapping
        assert b["_k"] - a["_k"] >= (a["_w"] + b["_w"]) / 2
    assert len({p["_a"] for p in props}) == 3  # each ribbon's arrowhead shows
    assert all(0.6 <= p["_a"] <= 0.9 for p in props)
    alone = features["RU-US-equipment"]["properties"]
    assert "_k" not in alone and alone["_a"] == 0.87


def test_a_route_across_the_antimeridian_is_drawn_as_one_continuous_line():
    layers = flow_layers()
    stored = layers.routes.set_index("id").loc["RU-US-equipment", "geometry"]
    assert stored.geom_type == "MultiLineString"  # the layer stays valid for GIS: split at +-180
    page = render_map(layers).get_root().render()
    features = {f["properties"]["id"]: f for f in _features(page)}
    line = features["RU-US-equipment"]["geometry"]
    assert line["type"] == "LineString"
    lons = [lon for lon, _ in line["coordinates"]]
    assert max(abs(b - a) for a, b in zip(lons, lons[1:], strict=False)) < 180.0
    assert lons[0] == pytest.approx(131.89) and lons[-1] == pytest.approx(-149.9 + 360.0)
    # the event at the far end is drawn on the same side, and the basemap continues past 180
    [event] = [f for f in features.values() if f["geometry"]["type"] == "Point"]
    assert event["geometry"]["coordinates"][0] == pytest.approx(lons[-1])
    assert "geomap.worldCopies(geomapWorld, [360]" in page
    (south, west), (north, east) = _fit_bounds(page)
    assert west <= min(lons) and east >= max(lons) and east - west < 180.0


def test_continuous_line_never_jumps_across_the_antimeridian():
    for origin, destination in (((131.89, 43.12), (-149.9, 61.22)), ((-150.0, -20.0), (170.0, -40.0))):
        points = continuous_line(route_geometry(origin, destination, lane=1))
        assert points[0] == pytest.approx(origin)
        assert (points[-1][0] - destination[0]) % 360.0 == pytest.approx(0.0, abs=1e-9)
        assert max(abs(b[0] - a[0]) for a, b in zip(points, points[1:], strict=False)) < 10.0


def _fit_bounds(page: str) -> list[list[float]]:
    """The bounds the map opens on (the last ``fitBounds`` call: the first ones are Leaflet's own)."""
    calls = re.findall(r"\.fitBounds\(\s*(\[\[[^\]]*\],\s*\[[^\]]*\]\])", page)
    return json.loads(calls[-1])


def test_initial_view_fits_the_routes_and_events_not_the_world(page):
    coords = []
    for feature in _features(page):
        geometry = feature["geometry"]
        coords += [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]
    (south, west), (north, east) = _fit_bounds(page)
    assert (west, east) == (min(c[0] for c in coords), max(c[0] for c in coords))
    assert (south, north) == (min(c[1] for c in coords), max(c[1] for c in coords))
    assert east - west < 120.0 and north - south < 60.0


def test_each_commodity_has_its_colour_from_the_style_file(page):
    palette = commodity_palette()
    for commodity in ("drones", "missiles", "munitions"):
        [rid] = [r for r in ("IR-RU-drones", "IR-YE-missiles", "KP-RU-munitions") if r.endswith(commodity)]
        assert _route(page, rid)["_c"] == palette[commodity]


def test_a_commodity_keeps_its_colour_in_maps_of_corpora_with_other_commodities(page):
    other = sample_layers()
    other.routes = other.routes.copy()
    other.routes.loc[other.routes["id"] == "IR-RU-drones", "commodity"] = "vehicles"
    other.routes.loc[other.routes["id"] == "IR-YE-missiles", "commodity"] = "ships"
    other_page = render_map(other).get_root().render()
    # a colour per alphabetical rank would move munitions from third place to first
    assert _route(other_page, "KP-RU-munitions")["_c"] == _route(page, "KP-RU-munitions")["_c"]
    assert _route(other_page, "IR-RU-drones")["_c"] == commodity_palette()["vehicles"]
    assert len({_route(other_page, r)["_c"] for r in ("IR-RU-drones", "IR-YE-missiles", "KP-RU-munitions")}) == 3


def test_route_popup_names_the_flow_and_its_evidence(page):
    fields, evidence, route = _popup(page, "IR-RU-drones")
    assert fields["Supplier → recipient"] == "Iran → Russia"
    assert fields["Route"] == "Tehran → Moscow"
    assert fields["Denied by"] == "Iran"
    assert fields["Claimed by"] == "United States"
    assert fields["Weapons"] == "Shahed-136"
    assert route["summary"].startswith("Iran → Russia: drones")
    [evidence] = evidence
    assert evidence["article"] == "a2"
    assert evidence["outlet"] == "Outlet 8"
    assert (evidence["n"], evidence["published"]) == (2, "2023-08-15")
    assert evidence["text"].startswith("اتهمت واشنطن")
    assert (evidence["start"], evidence["end"]) == (0, len(evidence["text"]))


def test_quantities_show_in_the_popup(page):
    fields = _popup(page, "KP-RU-munitions")[0]
    assert fields["Quantities"] == "more than 1,000,000 shells"


def test_event_markers_carry_type_glyph_and_period(page):
    fields, evidence, _ = _popup(page, "event-2")
    assert fields["Event"] == "Visit"
    assert fields["Dates"] == "2023-07-25 – 2023-07-27"
    assert fields["Actors"] == "Russia"
    assert evidence[0]["text"] == evidence[0]["text"].strip() and evidence[0]["article"] == "a1"
    assert 'geomap.clusteredTimeline(\n' in page
    assert '{"glyph":"⚑","colour":"#1f78b4"}' in page


def test_evidence_shared_by_several_features_is_stored_once(page):
    sentences = [tuple(s) for s in _tables(page)["sentences"]]
    assert len(sentences) == len(set(sentences))
    # the munitions route cites the same sentence from two articles: two items, two articles, newest first
    assert [e["article"] for e in _popup(page, "KP-RU-munitions")[1]] == ["a3", "a1"]


def test_evidence_table_stores_a_sentence_once():
    from geomap.render.map import _Evidence, _Strings

    item = {"article": "a", "title": "t", "source": "s", "start": 0, "end": 4, "text": "نص"}
    table = _Evidence()
    assert table.add(json.dumps([item]))["ev"] == [0]
    assert table.add(json.dumps([item, {**item, "start": 5}]))["ev"] == [0, 1]
    table.finish()
    strings = _Strings()
    payload = table.payload(strings)
    assert _rows(payload["articles"], strings.values) == [{"id": "a", "title": "t", "outlet": "s", "published": "",
                                                          "url": ""}]
    assert _rows(payload["sentences"], strings.values) == [{"a": 1, "s": 0, "e": 4, "t": "نص"},
                                                           {"a": 1, "s": 5, "e": 4, "t": "نص"}]


def test_slider_opens_on_the_last_day_and_features_stay_once_shown(page):
    features = _features(page)
    end = max(f["properties"]["end"] for f in features)
    assert re.search(rf"geomap\.draw\(timeline_slider_\w+, {end}\)", page)
    assert {f["properties"]["end"] for f in features} == {end}  # cumulative by default
    visit = next(f["properties"] for f in features if f["properties"]["id"] == "event-2")
    assert visit["start"] == 1690243200000  # 2023-07-25


def test_periods_when_not_cumulative():
    page = render_map(sample_layers(), cumulative=False).get_root().render()
    visit = next(f["properties"] for f in _features(page) if f["properties"]["id"] == "event-2")
    assert visit["end"] - visit["start"] == 3 * 86_400_000 - 1  # 25 to 27 July, inclusive


def test_groups_by_commodity_and_event_type_in_the_layer_control(page):
    control = page[page.index("L.control.groupedLayers") :]
    for name in ('"Flows by commodity"', '"Events by type"', '"drones (1)"', '"munitions (1)"', '"Summit (1)"'):
        assert name in control


def test_title_and_corpus_line(page):
    assert "Reported arms and supply flows: test corpus" in page
    assert "Corpus: test corpus, 3 articles; published 2023-07-15 – 2023-09-15" in page


def test_same_layers_give_the_same_page(page):
    assert render_map(sample_layers()).get_root().render() == page


def test_empty_layers_give_a_working_page(tmp_path):
    layers = build_layers([], corpus_name="empty")
    path = save_map(render_map(layers), tmp_path / "empty.html")
    text = path.read_text(encoding="utf-8")
    assert "Corpus: empty, 0 articles" in text
    assert "L.timelineSliderControl" in text


def test_map_displays_inline_in_jupyter():
    html = render_map(sample_layers())._repr_html_()
    assert "<iframe" in html
    assert "src=&quot;https://" not in html and "src=\"https://" not in html
    assert "L.markerClusterGroup" in html


def test_tiles_from_a_url_template_are_credited_to_their_host():
    page = render_map(sample_layers(), tiles="https://tiles.example.org/{z}/{x}/{y}.png").get_root().render()
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in page
    assert "Tiles: tiles.example.org" in page


def test_every_inline_script_is_valid_javascript(tmp_path, page):
    require(shutil.which("node") is not None, "node is not installed (apt-get install nodejs)")
    for i, match in enumerate(re.finditer(r"<script>(.*?)</script>", page, re.S)):
        path = tmp_path / f"script{i}.js"
        path.write_text(match.group(1), encoding="utf-8")
        result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[:500]


def _panel(page: str) -> dict:
    """The data the page hands to the filter panel, its flows read back from their columns."""
    [call] = re.findall(r"geomap\.panel\(map_\w+, timeline_slider_\w+, ", page)
    panel = _data(page.replace(call, "geomap.panel("), "geomap.panel")[0]
    return {**panel, "flows": _rows(panel["flows"], _data(page, "geomap.setup")[0]["strings"])}


def _panel_events(page: str) -> dict[str, list]:
    """What the panel filters each event on: id, countries, first and last day, status (from its feature)."""
    return {
        p["id"]: [p["id"], p.get("cc", ""), p.get("d0"), p.get("d1"), p.get("st", "")]
        for p in (f["properties"] for f in _features(page) if f["geometry"]["type"] == "Point")
    }


def test_panel_lists_each_drawn_flow_with_the_values_it_filters_on(page):
    panel = _panel(page)
    flows = {f["id"]: f for f in panel["flows"]}
    assert sorted(flows) == sorted(f["properties"]["id"] for f in _features(page) if "label" in f["properties"])
    drones, munitions = flows["IR-RU-drones"], flows["KP-RU-munitions"]
    assert (drones["supplier"], drones["recipient"], drones["commodity"]) == (["IR"], ["RU"], "drones")
    assert drones["status"] == "denied"  # a denied flow is filtered as denied, whatever its claim
    assert drones["colour"] == _route(page, "IR-RU-drones")["_c"]  # the table's swatch is the route's colour
    assert (drones["weapons"], drones["sources"], drones["articles"]) == ("Shahed-136", 1, ["a2"])
    assert munitions["quantities"] == "more than 1,000,000 shells"
    assert munitions["articles"] == ["a1", "a3"]
    # a month-precise date covers the whole month in the date range filter (days since 1970)
    assert (munitions["first_date"], munitions["from"], munitions["to"]) == ("2023-08", 19570, 19600)
    events = _panel_events(page)
    assert events["event-1"] == ["event-1", "KP RU", 19613, 19613, "asserted"]  # the actors of the summit
    assert events["event-2"][1:4] == ["KP RU", 19563, 19565]  # the visitor and the country visited, 25-27 July
    assert panel["names"] == {"IR": "Iran", "KP": "North Korea", "RU": "Russia", "YE": "Yemen"}
    assert panel["bounds"][0][0] < 16 < 56 < panel["bounds"][1][0]  # Sanaa to Moscow
    # the date filters offer the first day to the last of the flows and events
    days = [d for d in [f["from"] for f in flows.values()] + [e[2] for e in events.values()] if d is not None]
    lasts = [d for d in [f["to"] for f in flows.values()] + [e[3] for e in events.values()] if d is not None]
    assert (panel["first"], panel["last"]) == (min(days), max(lasts))


def test_panel_of_filtered_layers_lists_only_their_flows():
    layers = sample_layers()
    layers.routes = layers.routes[layers.routes["supplier"] == "IR"]
    layers.events = layers.events[layers.events["type"] == "visit"]
    page = render_map(layers).get_root().render()
    panel = _panel(page)
    assert [f["id"] for f in panel["flows"]] == ["IR-RU-drones", "IR-YE-missiles"]
    assert list(_panel_events(page)) == ["event-2"]
    assert "YE" in panel["names"]


def test_panel_controls_table_export_and_print_stylesheet_are_in_the_page(page):
    for text in ('"Supplier"', '"Recipient"', '"Commodity"', '"Status"', '"From"', '"To"', '"Weapon"',
                 '"Quantity"', '"Sources"', "geomap-flows.csv", "geomap-selection.geojson", "autoPanPaddingTopLeft"):
        assert text in page
    script = page[page.index("/* geomap: the filter panel, the table of flows") : page.index("geomap.panel = panel;")]
    assert "textContent" in script and "innerHTML" not in script and "insertAdjacentHTML" not in script
    print_css = page[page.index("@media print") :]
    assert "size: A4 landscape" in print_css
    for control in (".gm-panel", ".leaflet-timeline-control", ".leaflet-control-zoom", ".leaflet-control-layers"):
        assert control in print_css


def test_hostile_text_in_a_flow_reaches_the_panel_only_as_data():
    layers = sample_layers()
    layers.routes = layers.routes.copy()
    layers.routes.loc[layers.routes["id"] == "IR-RU-drones", "weapons"] = HOSTILE + "{{ 6*7 }}"
    page = render_map(layers).get_root().render()
    assert "<img src=x" not in page
    assert "{{ 6*7 }}" not in page
    drones = next(f for f in _panel(page)["flows"] if f["id"] == "IR-RU-drones")
    assert drones["weapons"] == HOSTILE + "{{ 6*7 }}"


@pytest.fixture(scope="module")
def large():
    layers = large_layers()
    return layers, render_map(layers).get_root().render()


def test_a_large_corpus_is_stored_as_columns_with_each_repeated_string_once(large):
    layers, page = large
    assert '"type":"Feature"' not in page and '"properties"' not in page  # no feature is stored as a record
    strings = _data(page, "geomap.setup")[0]["strings"]
    assert len(strings) == len(set(strings))
    # an outlet, a flow, a place and the actors of events
    for text in ("Outlet 1", "North Korea → Russia", "Moscow (Russia)", "North Korea, Yemen"):
        assert page.count(f'"{text}"') == 1, text
    # a few hundred bytes an event (its quote and summary included), not kilobytes
    empty = len(render_map(build_layers([], corpus_name="empty")).get_root().render().encode())
    assert (len(page.encode()) - empty) / len(layers.events) < 450
    # and everything reads back: every drawn feature, with the values of its popup
    features = {f["properties"]["id"]: f["properties"] for f in _features(page)}
    assert set(features) == set(layers.events["id"]) | set(layers.routes["id"])
    event = layers.events.iloc[123]
    fields, evidence, _ = _popup(page, event["id"])
    assert fields["Place"].startswith(event["place"]) and evidence[0]["text"] in event["evidence"][0]["text"]


def test_a_popup_of_a_large_corpus_shows_its_three_latest_quotes_and_counts_them_all(large):
    layers, page = large
    route = layers.routes.set_index("id").loc["KP-RU-munitions-0"]
    assert len(route["evidence"]) == 6
    _, evidence, props = _popup(page, "KP-RU-munitions-0")
    assert props["evn"] == 6 and len(evidence) == 3
    latest = sorted(route["evidence"], key=lambda e: (e["published"], e["article"]), reverse=True)[:3]
    assert [e["article"] for e in evidence] == [e["article"] for e in latest]
    assert [e["text"] for e in evidence] == [e["text"] for e in latest]
    assert all(e["url"] == e["href"] == f"https://news.example/{int(e['article'][1:])}" for e in evidence)


def test_a_long_route_is_drawn_with_the_points_it_needs():
    from shapely.geometry import LineString

    full = continuous_line(route_geometry((-70.0, -33.0), (140.0, 36.0), lane=1))  # Santiago to Tokyo
    drawn = _framed_line(full, -180.0)["coordinates"]
    assert len(drawn) < len(full) / 2
    assert drawn[0] == [round(full[0][0], 3), round(full[0][1], 3)]
    assert drawn[-1] == [round(full[-1][0], 3), round(full[-1][1], 3)]
    assert LineString(full).hausdorff_distance(LineString(drawn)) <= _LINE_TOLERANCE + 0.001
    assert all(abs(b[0] - a[0]) < 180 for a, b in zip(drawn, drawn[1:], strict=False))  # one line

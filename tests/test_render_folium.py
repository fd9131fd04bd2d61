"""The returned map is a real folium map: plugins can be added, and a selection of the layers says what it shows."""

from __future__ import annotations

import re
import warnings

import pytest
from render_data import sample_layers
from test_render import _data

from geomap.render.map import render_map, save_map


def _no_warnings(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()


def test_heatmap_is_inlined_from_folium_and_the_page_stays_offline(tmp_path):
    from folium.plugins import HeatMap

    m = render_map(sample_layers())
    HeatMap([[55.7, 37.6, 1.0], [35.7, 51.4, 0.5]]).add_to(m)
    path = _no_warnings(lambda: save_map(m, tmp_path / "heat.html"))
    page = path.read_text("utf-8")
    assert "<script src=" not in page
    assert "L.heatLayer(" in page and "simpleheat" in page
    assert "<iframe" in _no_warnings(m._repr_html_)


def test_a_plugin_geomap_does_not_bundle_loads_online_with_a_warning(tmp_path):
    from folium.plugins import HeatMap, MeasureControl

    m = render_map(sample_layers())
    HeatMap([[55.7, 37.6, 1.0]]).add_to(m)
    MeasureControl().add_to(m)
    with pytest.warns(UserWarning, match="no longer self-contained.*leaflet-measure"):
        path = save_map(m, tmp_path / "measure.html")
    page = path.read_text("utf-8")
    assert re.findall(r'<script src="([^"]+)"', page) == [
        "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.js"
    ]
    assert "new L.Control.Measure(" in page
    with pytest.warns(UserWarning, match="no longer self-contained"):
        assert "<iframe" in m._repr_html_()


def test_a_plain_map_saves_without_warnings(tmp_path):
    _no_warnings(lambda: save_map(render_map(sample_layers()), tmp_path / "map.html"))


def test_a_selection_of_the_layers_describes_what_it_shows():
    layers = sample_layers()
    layers.routes = layers.routes[layers.routes["commodity"] == "drones"]
    layers.events = layers.events[layers.events["type"] == "visit"]
    page = render_map(layers).get_root().render()
    title = re.search(r'<div class="gm-title">(.*?)</div></div>', page).group(1)
    assert "showing 1 of 3 flows and 1 of 2 events, cited by 2 of 3 articles" in title
    assert "published 2023-07-15 – 2023-08-15" in title
    assert "events and flows dated 2022-09-13 – 2023-07-27" in title
    [countries] = _data(page, "geomap.countries")
    labels = sorted(c["label"] for c in countries)
    # Iran supplies the drones, Russia receives them and is the actor of the visit, in North Korea;
    # Yemen (the missiles) is not shown
    assert labels == [
        "Iran: supplier (1 flows out)", "North Korea: mentioned (1 events)", "Russia: recipient (1 flows in)",
    ]


def test_the_whole_corpus_keeps_its_corpus_line():
    page = render_map(sample_layers()).get_root().render()
    assert "Corpus: test corpus, 3 articles; published 2023-07-15 – 2023-09-15" in page
    assert "showing" not in page

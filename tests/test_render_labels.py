"""Names on the map: countries of the basemap in English or Arabic, places of the flows and events."""

from __future__ import annotations

import re

import pytest
from render_data import sample_layers
from test_render import _data

from geomap.render.map import PLACE_LABEL_ZOOM, render_map


def _label_data(page: str) -> dict:
    [name] = set(re.findall(r"geomap\.labels\((feature_group_\w+), JSON", page))
    [data] = _data(page.replace(f"geomap.labels({name}, ", "geomapLabels("), "geomapLabels")
    return data


def test_country_names_are_english_by_default():
    data = _label_data(render_map(sample_layers()).get_root().render())
    names = {row[0]: row for row in data["countries"]}
    assert {"Russia", "Iran", "North Korea", "Brazil", "Mongolia"} <= set(names)
    assert names["Russia"][3] < names["North Korea"][3] < names["Lebanon"][3]  # large countries first
    assert data["dir"] is None


def test_country_names_in_arabic():
    data = _label_data(render_map(sample_layers(), labels="ar").get_root().render())
    names = {row[0] for row in data["countries"]}
    assert {"روسيا", "إيران", "البرازيل"} <= names
    assert "Russia" not in names
    assert (data["dir"], data["lang"]) == ("rtl", "ar")


def test_places_at_route_ends_and_of_events_are_named_when_zoomed_in():
    data = _label_data(render_map(sample_layers()).get_root().render())
    assert [row[0] for row in data["places"]] == ["Moscow", "Pyongyang", "Rajin", "Sanaa", "Tehran",
                                                   "Vostochny Cosmodrome"]
    assert data["placeZoom"] == PLACE_LABEL_ZOOM
    rajin = next(row for row in data["places"] if row[0] == "Rajin")
    assert rajin[1:] == [130.3, 42.25]


def test_no_labels():
    page = render_map(sample_layers(), labels=None).get_root().render()
    assert "geomap.labels(feature_group" not in page
    assert "Names of countries and places" not in page


def test_an_unknown_label_language_is_refused():
    with pytest.raises(ValueError, match="labels='fr': country names are drawn in en or ar"):
        render_map(sample_layers(), labels="fr")


def test_the_names_are_a_layer_of_the_layer_control():
    page = render_map(sample_layers()).get_root().render()
    control = page[page.index("L.control.groupedLayers") :]
    assert '"Names of countries and places"' in control
